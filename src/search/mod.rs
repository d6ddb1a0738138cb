//! The site's search: a Pagefind index per language, built from the
//! pages' text as their Markdown is converted.
//!
//! Each language gets its own bundle (`/nl/pagefind/`, `/fr/pagefind/`),
//! indexed with that language's stemmer whatever the pages say: a Dutch
//! query on the Dutch search page reads the Dutch index only, so it can
//! never return a French page.
//!
//! The search reads what a page says — an article's title and text, a
//! list's introduction — never its menus, footer or form: each page is a
//! *record* (its URL, title and text), made from its Markdown as that is
//! converted ([`digest`]), in parallel with the other pages. No page's HTML
//! is parsed again or kept for the search, so a build with search streams
//! its pages to disk as one without does. The digest follows Pagefind's own
//! reading of HTML, so the index is the one Pagefind's CLI makes from the
//! built pages (whose `data-pagefind-body` marks the same parts).
//!
//! The index is written by praxis itself, in Pagefind's format ([`index`]):
//! the same files, byte for byte once decompressed, as Pagefind's indexer
//! writes for the same records (compressed less hard than Pagefind does,
//! see `index/encode.rs`), read by Pagefind's own script and WebAssembly
//! (vendored in `assets/`). The languages are indexed side by side, each on a thread of
//! its own, and the pages of a language are read in parallel.
//!
//! [`SearchCache`] keeps, per language, the index and the fingerprint of
//! each page's record as it was indexed: after an edit (in `praxis
//! serve`) only the pages whose record changed are read again, their words
//! taken out of the index and put back in place, and only the chunks of
//! the index whose words changed are encoded again; a language with no
//! changed page is not written again. In a build, a page added or removed
//! starts that language's index afresh (Pagefind numbers the pages in
//! order, and a build writes Pagefind's files as it would); in `praxis
//! serve` it is added or taken out in place, the last page taking a removed
//! page's number. There that work runs on a thread of its own, after the
//! reload ([`background`]).

mod background;
pub mod digest;
mod index;

mod pages;
// Where the search lives in the site: shared with the twin of this
// module that a praxis without the `search` feature builds (without.rs).
mod paths;

use std::collections::HashMap;

pub use crate::config::search::SearchConfig;
pub use background::Published;
pub use paths::{bundle_path, page_path};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{PageId, Site};
use crate::output::OutputFile;

/// What the last build indexed, per language, for the next build to reuse;
/// in `praxis serve`, the thread that indexes off the reload path.
#[derive(Default)]
pub struct SearchCache {
    languages: HashMap<String, index::LanguageIndex>,
    background: Option<background::Background>,
}

impl SearchCache {
    /// From now on, builds hand the pages to a thread of their own and
    /// return no index files: the server answers them from the returned
    /// [`Published`], which that thread keeps current.
    pub fn in_background(&mut self) -> Published {
        let background = self.background.get_or_insert_with(|| {
            background::Background::start(std::mem::take(&mut self.languages))
        });
        background.published()
    }
}

/// The files of every language's search index, when `[search]` is on
/// (none in the background, see [`SearchCache::in_background`]). `text`
/// gives each page's digest, made as its Markdown was converted
/// ([`digest`]); `None` for a page not converted. A build that is not
/// kept hands the digests over (out of the converted pages), so that each
/// is let go of once Pagefind has read it.
pub fn index(
    site: &Site,
    text: impl FnMut(PageId) -> Option<std::sync::Arc<str>>,
    cache: &mut SearchCache,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let config = &site.config;
    let jobs: Vec<background::LanguageJob> = if config.search.enabled {
        pages::check_sections(site, diags);
        let mut found = pages::indexed_pages(site, text);
        config
            .languages
            .iter()
            .map(|l| {
                let pages = found.remove(&l.code).unwrap_or_default();
                (l.code.clone(), bundle_path(config, &l.code), pages)
            })
            .collect()
    } else {
        Vec::new()
    };
    if let Some(background) = &mut cache.background {
        // A failed build is not shown: neither is its index.
        if !diags.has_errors() {
            background.submit(jobs);
        }
        return Vec::new();
    }
    cache
        .languages
        .retain(|lang, _| jobs.iter().any(|(l, _, _)| l == lang));
    let (out, problems) = update_languages(&mut cache.languages, jobs, false, None);
    diags.extend(problems);
    out
}

/// Brings each language's index to its pages, the languages side by side;
/// returns every bundle's files and what went wrong. `preview`: a
/// language's new index is `praxis serve`'s (`LanguageIndex::for_preview`).
/// `pool`: the rayon pool the languages' parallel work runs on (the
/// background indexer's own), `None` for rayon's global pool.
fn update_languages(
    languages: &mut HashMap<String, index::LanguageIndex>,
    jobs: Vec<background::LanguageJob>,
    preview: bool,
    pool: Option<&rayon::ThreadPool>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(lang, bundle, pages)| {
                let mut index = languages.remove(&lang).unwrap_or_default();
                if preview {
                    index.for_preview();
                }
                let code = lang.clone();
                let worker = scope.spawn(move || {
                    match pool {
                        Some(pool) => pool.install(|| index.update(&code, &bundle, pages)),
                        None => index.update(&code, &bundle, pages),
                    }
                    index
                });
                (lang, worker)
            })
            .collect();
        handles
            .into_iter()
            .map(|(lang, worker)| (lang, worker.join()))
            .collect()
    });
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (lang, result) in results {
        match result {
            Ok(index) => {
                out.extend(index.files().iter().cloned());
                languages.insert(lang, index);
            }
            // The indexer panicked: the next build starts this language afresh.
            Err(_) => problems.push(stopped(&lang)),
        }
    }
    (out, problems)
}

/// The indexer stopped (panicked) while indexing `lang`: a bug, reported as
/// an error of the build rather than a crash of `praxis serve`.
fn stopped(lang: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the search index of `{lang}` could not be built: the indexer stopped"
    ))
    .in_file(crate::config::CONFIG_FILE)
    .help("turn the search off with [search] enabled = false to build without it")
}

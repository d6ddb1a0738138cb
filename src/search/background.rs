//! The search index of `praxis serve`, kept current off the reload path.
//!
//! After an edit the preview sends its reload as soon as the pages are
//! rendered; a thread of its own then brings the index up to date (the
//! changed pages parsed again, the changed languages' bundles encoded
//! again) and publishes the bundles where the server looks for them. A
//! search made in the meantime reads the index before the edit. Edits that
//! come faster than the index follows are folded into one update: only the
//! latest pages are indexed.
//!
//! The indexer's parallel work runs on a rayon pool of its own, whose
//! threads run at a lower priority: on rayon's global pool, which the
//! rebuilds use, the next save's rendering would queue behind the batches of
//! an index being made afresh (seconds at 10 000 pages a language), and the
//! reload would wait for the search.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use arc_swap::ArcSwap;

use super::index::LanguageIndex;
use super::update_languages;
use crate::output::Body;

/// The bundles of every language as last indexed, by site path
/// (`nl/pagefind/pagefind.js`), for the server to answer from.
pub type Published = Arc<ArcSwap<HashMap<String, Body>>>;

/// One language's pages to index: its code, its bundle's site path, the pages.
pub(super) type LanguageJob = (String, String, Vec<super::pages::IndexedPage>);

pub(super) struct Background {
    jobs: Sender<Vec<LanguageJob>>,
    /// One message per update done.
    done: Receiver<()>,
    published: Published,
    /// Whether an update has been published yet.
    started: bool,
}

impl Background {
    /// Starts the indexing thread, with what the foreground indexed so far.
    pub fn start(languages: HashMap<String, LanguageIndex>) -> Background {
        let (jobs, inbox) = channel::<Vec<LanguageJob>>();
        let (report, done) = channel();
        let published: Published = Arc::default();
        let out = Arc::clone(&published);
        let _ = std::thread::Builder::new()
            .name("praxis-search".into())
            .spawn(move || run(languages, inbox, report, out));
        Background {
            jobs,
            done,
            published,
            started: false,
        }
    }

    pub fn published(&self) -> Published {
        Arc::clone(&self.published)
    }

    /// Hands the pages over; the first time, waits until they are indexed,
    /// so that the preview can be searched from its first page on.
    pub fn submit(&mut self, job: Vec<LanguageJob>) {
        if self.jobs.send(job).is_err() {
            return;
        }
        if !self.started {
            self.started = true;
            let _ = self.done.recv();
        }
    }
}

fn run(
    mut languages: HashMap<String, LanguageIndex>,
    inbox: Receiver<Vec<LanguageJob>>,
    report: Sender<()>,
    published: Published,
) {
    yield_to_rebuilds();
    let pool = indexer_pool();
    while let Ok(mut job) = inbox.recv() {
        // Only the latest pages matter.
        while let Ok(newer) = inbox.try_recv() {
            job = newer;
        }
        languages.retain(|lang, _| job.iter().any(|(l, _, _)| l == lang));
        // The index of the preview (`LanguageIndex::for_preview`).
        let (files, problems) = update_languages(&mut languages, job, true, pool.as_ref());
        for problem in problems {
            errln!("{problem}");
        }
        let files = files
            .into_iter()
            .map(|f| (f.path, f.body))
            .collect::<HashMap<_, _>>();
        published.store(Arc::new(files));
        let _ = report.send(());
    }
}

/// The indexer's own rayon pool, as many threads as the machine has cores,
/// each yielding to the rebuilds; `None` (rayon's global pool) only if the
/// system refuses to start threads.
fn indexer_pool() -> Option<rayon::ThreadPool> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("praxis-search-{i}"))
        .start_handler(|_| yield_to_rebuilds())
        .build()
        .ok()
}

/// Lowers this thread's priority, and so that of the threads it starts (one
/// per language, and the indexer's pool), below the rebuilds: on two cores, an index still being
/// written would otherwise slow down the reload of the next save.
fn yield_to_rebuilds() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads no memory; on Linux, PRIO_PROCESS with a
    // thread id changes that thread only.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

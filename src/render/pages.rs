//! Content pages: each node in each language, through its template.

use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use super::views;
use super::{Job, Renderer, SharedValues, index_path};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::model::{NodeKind, PageId, Site};

/// The template a page is rendered with: its own `template`, else the
/// one for its kind.
fn template_of(site: &Site, id: PageId) -> &str {
    let page = &site.pages[id];
    page.front_matter
        .template
        .as_deref()
        .unwrap_or(default_template(site.nodes[page.node].kind))
}

fn default_template(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Home => "index.html",
        NodeKind::Section => "section.html",
        NodeKind::Page => "page.html",
    }
}

/// A job per page: its template and context, built in parallel.
pub fn page_jobs<'a>(
    site: &'a Site,
    rendered: &'a [Arc<Rendered>],
    renderer: &Renderer,
    shared: &'a SharedValues,
    diags: &mut Diagnostics,
) -> Vec<Job<'a>> {
    let results: Vec<Result<Vec<Job<'a>>, Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| page_job(site, rendered, renderer, shared, id))
        .collect();
    let mut jobs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(job) => jobs.extend(job),
            Err(d) => diags.push(d),
        }
    }
    jobs
}

fn page_job<'a>(
    site: &'a Site,
    rendered: &'a [Arc<Rendered>],
    renderer: &Renderer,
    shared: &'a SharedValues,
    id: PageId,
) -> Result<Vec<Job<'a>>, Diagnostic> {
    let page = &site.pages[id];
    let kind = site.nodes[page.node].kind;
    let template = template_of(site, id);
    let templates = renderer.templates();
    if templates.is_broken(template) {
        return Ok(Vec::new());
    }
    if !templates.has(template) {
        let help = if page.front_matter.template.is_some() {
            format!("create templates/{template}, or remove `template` from the front matter")
        } else {
            format!("the theme must provide {template}; add it to the theme or to templates/")
        };
        return Err(
            Diagnostic::error(format!("template `{template}` not found"))
                .in_file(&page.source)
                .help(help),
        );
    }

    let lists = match kind {
        NodeKind::Page => None,
        NodeKind::Home | NodeKind::Section => Some((
            site.section_pages(page.node, &page.lang),
            site.subsections(page.node, &page.lang),
        )),
    };
    // A section with `paginate_by` is one output per chunk of its pages.
    let pagers = paginate(site, id, lists.as_ref().map(|(pages, _)| *pages));
    let mut jobs = Vec::with_capacity(pagers.len().max(1));
    for pager in pagers {
        let mut inputs = renderer.inputs(template);
        inputs.add(quick_inputs(
            site,
            rendered,
            renderer,
            shared,
            id,
            template,
            lists.as_ref(),
        ));
        // Debug builds (the tests) check the quick fingerprint against one of
        // the whole context, so that a view field it forgets cannot go unnoticed.
        let full_inputs = cfg!(debug_assertions).then(|| {
            let translations = views::page_translations(site, id);
            let mut full = renderer.inputs(template);
            shared.fingerprint_common(&mut full, site, &page.lang, &page.path, &translations);
            full.add_serialized(&views::page_view(site, rendered, id));
            if let Some((pages, subsections)) = &lists {
                full.add(shared.list_fingerprint(pages))
                    .add(shared.list_fingerprint(subsections));
            }
            if let Some(p) = &pager {
                full.add_serialized(&p.view)
                    .add(shared.list_fingerprint(p.pages));
            }
            full.finish()
        });
        if let Some(p) = &pager {
            inputs
                .add_serialized(&p.view)
                .add(shared.list_fingerprint(p.pages));
        }
        let output = match &pager {
            Some(p) => index_path(&p.path),
            None => index_path(&page.path),
        };
        let lists = lists.clone();
        let context = move || {
            let mut context = context_of(site, rendered, shared, id, lists);
            if let Some(p) = pager {
                let mut value = Value::from_serializable(&p.view)
                    .into_map()
                    .unwrap_or_default();
                value.insert("pages".into(), shared.list(p.pages));
                context.insert_value("paginator", Value::from(value));
            }
            context
        };
        jobs.push(Job {
            template: template.to_owned(),
            inputs: inputs.finish(),
            full_inputs,
            context: Box::new(context),
            path: output,
            origin: page.source.clone(),
            page: Some(page.source.clone()),
        });
    }
    Ok(jobs)
}

/// One page of a paginated list.
struct Pager<'a> {
    /// The URL path of this page of the list.
    path: String,
    view: PaginatorView,
    pages: &'a [PageId],
}

/// `paginator` in a section's template (Zola's names).
#[derive(serde::Serialize)]
struct PaginatorView {
    /// 1-based.
    current_index: usize,
    number_pagers: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The pages of a section's list, `paginate_by` at a time: `[None]` when it
/// is not paginated.
fn paginate<'a>(site: &Site, id: PageId, pages: Option<&'a [PageId]>) -> Vec<Option<Pager<'a>>> {
    let page = &site.pages[id];
    let (Some(pages), Some(per)) = (pages, page.front_matter.paginate_by.filter(|&n| n > 0)) else {
        return vec![None];
    };
    let segment = site
        .config
        .language(&page.lang)
        .map_or("page", |l| l.page_path.as_str());
    let path_of = |k: usize| {
        if k == 1 {
            page.path.clone()
        } else {
            format!("{}{segment}/{k}/", page.path)
        }
    };
    let chunks: Vec<&[PageId]> = if pages.is_empty() {
        vec![pages]
    } else {
        pages.chunks(per).collect()
    };
    let count = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let k = i + 1;
            Some(Pager {
                path: path_of(k),
                view: PaginatorView {
                    current_index: k,
                    number_pagers: count,
                    first: site.config.url(&path_of(1)),
                    last: site.config.url(&path_of(count)),
                    previous: (k > 1).then(|| site.config.url(&path_of(k - 1))),
                    next: (k < count).then(|| site.config.url(&path_of(k + 1))),
                },
                pages: chunk,
            })
        })
        .collect()
}

/// A page's template and its whole context.
pub fn page_context(
    site: &Site,
    rendered: &[Arc<Rendered>],
    shared: &SharedValues,
    id: PageId,
) -> (String, Context) {
    let page = &site.pages[id];
    let kind = site.nodes[page.node].kind;
    let template = template_of(site, id).to_owned();
    let lists = (kind != NodeKind::Page).then(|| {
        (
            site.section_pages(page.node, &page.lang),
            site.subsections(page.node, &page.lang),
        )
    });
    (template, context_of(site, rendered, shared, id, lists))
}

fn context_of(
    site: &Site,
    rendered: &[Arc<Rendered>],
    shared: &SharedValues,
    id: PageId,
    lists: Option<(&[PageId], Vec<PageId>)>,
) -> Context {
    let page = &site.pages[id];
    let translations = views::page_translations(site, id);
    let view = views::page_view(site, rendered, id);
    let mut context = shared.context(site, &page.lang, &page.path, &translations);
    match lists {
        None => context.insert("page", &view),
        Some((pages, subsections)) => {
            let mut section = Value::from_serializable(&view)
                .into_map()
                .unwrap_or_default();
            section.insert("pages".into(), shared.list(pages));
            section.insert("subsections".into(), shared.list(&subsections));
            context.insert_value("section", Value::from(section));
        }
    }
    context
}

/// The fingerprint of everything a page's context is made of, from the
/// fingerprints already at hand rather than from the context itself:
/// what the page's file says (front matter included), its rendered
/// Markdown, its summary (title, URL, date…), the summaries of its
/// translations, neighbours and parent, its assets, its lists, and the site
/// in its language. Most pages are unchanged by an edit; this is what lets a
/// rebuild find that out for 2 000 pages in a few milliseconds.
fn quick_inputs(
    site: &Site,
    rendered: &[Arc<Rendered>],
    renderer: &Renderer,
    shared: &SharedValues,
    id: PageId,
    template: &str,
    lists: Option<&(&[PageId], Vec<PageId>)>,
) -> u64 {
    let page = &site.pages[id];
    let node = &site.nodes[page.node];
    let summary = |p: Option<PageId>| p.map_or(0, |p| shared.summaries[p].1);
    let mut inputs = renderer.inputs(template);
    inputs
        .add(shared.site_fingerprint(&page.lang))
        .add(page.source_hash)
        .add(rendered[id].generation)
        .add(summary(Some(id)));
    for &translation in &node.pages {
        inputs.add(summary(Some(translation)));
    }
    let (lower, higher) = site.neighbours(id);
    let parent = node.parent.and_then(|p| site.page_in(p, &page.lang));
    inputs
        .add(summary(lower))
        .add(summary(higher))
        .add(summary(parent));
    for asset in &node.assets {
        inputs.add(xxhash_rust::xxh3::xxh3_64(asset.relative.as_bytes()));
    }
    if let Some((pages, subsections)) = lists {
        inputs
            .add(shared.list_fingerprint(pages))
            .add(shared.list_fingerprint(subsections));
    }
    inputs.finish()
}

/// One template mistake breaks every page that uses the template: say so
/// once, with how many pages it broke.
pub(super) fn merge_repeated(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    let strip = |m: &str| m.split(" (while rendering ").next().unwrap_or(m).to_owned();
    for d in failures {
        let same = merged.iter_mut().find(|(m, _)| {
            m.file == d.file
                && m.line == d.line
                && strip(&m.message) == strip(&d.message)
                && m.file.as_ref().is_some_and(|f| !f.starts_with("content"))
        });
        match same {
            Some((_, count)) => *count += 1,
            None => merged.push((d, 0)),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, others)| {
            if others > 0 {
                d.message = d
                    .message
                    .replacen(')', &format!(" and {others} other pages)"), 1);
            }
            d
        })
        .collect()
}

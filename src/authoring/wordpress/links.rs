//! The URLs in a page's content, rewritten: links to old posts and pages
//! become `@/` links (checked at every build), uploads become the files
//! copied beside the page.
//!
//! Every URL of the export passes here, and only the schemes a page of a
//! practice needs come through ([`allowed_scheme`]): an export is text
//! anyone with an account on the old site could write, and a `javascript:`
//! link in it would run on the new one.

use std::collections::{BTreeMap, BTreeSet};

use super::Report;
use super::front_matter::{decode_entities, old_path};
use super::markdown;
use super::media::{self, Library, PageFiles, Sources, Used};

/// Links to old posts and uploads, rewritten for one page.
pub(super) struct PageUrls<'a> {
    pub(super) old_links: &'a OldLinks,
    pub(super) lang: &'a str,
    pub(super) library: &'a Library,
    pub(super) sources: &'a Sources,
    pub(super) files: &'a mut PageFiles,
    pub(super) used: &'a mut Used,
    pub(super) report: &'a mut Report,
    /// The page, as the report names it.
    pub(super) page: &'a str,
    /// Links changed or left pointing at the old site, for the report.
    pub(super) link_notes: Vec<String>,
    /// The titles of the videos the page embeds, as WordPress kept them.
    pub(super) video_titles: BTreeMap<(super::embeds::Provider, String), String>,
}

#[derive(Default)]
pub(super) struct OldLinks {
    pub(super) hosts: BTreeSet<String>,
    /// Normalised old path → (key, language, path).
    pub(super) by_path: BTreeMap<String, (String, String, String)>,
    pub(super) by_id: BTreeMap<u64, (String, String)>,
    /// The heading ids of each page, (key, language): the anchors a link may keep.
    pub(super) headings: BTreeMap<(String, String), BTreeSet<String>>,
    /// Normalised old path of a category's or tag's archive → the href of
    /// its tag page.
    pub(super) tag_pages: BTreeMap<String, String>,
}

pub(super) fn host(url: &str) -> &str {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

pub(super) fn normal_path(path: &str) -> String {
    format!("{}/", path.trim_end_matches('/')).to_lowercase()
}

/// The schemes an imported URL may have; a URL without one (relative,
/// `//host/…`, `#anchor`) is kept too.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether `url` (an attribute's value, entities decoded once) has one of
/// [`SCHEMES`] or none. It is read as leniently as any reader of the page
/// would: entities decoded again (Markdown decodes them in a link), and
/// backslashes, white space and control characters taken out of the
/// scheme (browsers skip them: `java\tscript:` is `javascript:`). Anything
/// else before a colon is a scheme that is not allowed.
pub(super) fn allowed_scheme(url: &str) -> bool {
    let mut text = url.to_owned();
    for _ in 0..4 {
        let decoded = decode_entities(&text);
        if decoded == text {
            break;
        }
        text = decoded;
    }
    let scheme: String = text
        .chars()
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\\')
        .collect();
    match scheme.split_once(':') {
        None => true,
        Some((scheme, _)) => SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()),
    }
}

/// The tag page of the archive `base` (a URL or a path) links to.
fn old_links_tag_page<'o>(old_links: &'o OldLinks, base: &str) -> Option<&'o str> {
    let path = old_path(base).or_else(|| base.starts_with('/').then(|| base.to_owned()))?;
    old_links
        .tag_pages
        .get(&normal_path(&path))
        .map(String::as_str)
}

impl PageUrls<'_> {
    /// Whether `url` may be published; when not, it is listed in the report.
    fn allowed(&mut self, url: &str) -> bool {
        let allowed = allowed_scheme(url);
        if !allowed {
            self.report
                .urls_dropped
                .push((self.page.to_owned(), url.to_owned()));
        }
        allowed
    }

    /// An upload's URL (an image, a video, a featured image), or `None`
    /// when its scheme is not allowed.
    pub(super) fn media_url(&mut self, url: &str) -> Option<String> {
        if !self.allowed(url) {
            return None;
        }
        Some(self.upload(url))
    }

    fn upload(&mut self, url: &str) -> String {
        let page = self.page.to_owned();
        let Some(upload) = self.library.upload(url) else {
            if url.contains("://") {
                self.report
                    .media_kept
                    .entry(url.to_owned())
                    .or_default()
                    .insert(page);
            }
            return url.to_owned();
        };
        let attachment = upload.attachment.and_then(|id| self.library.attachment(id));
        self.used.paths.insert(media::original_of(&upload.path));
        self.used.attachments.extend(upload.attachment);
        let original = media::original_of(&upload.path);
        let mut paths = vec![original.as_str()];
        if let Some(a) = attachment.filter(|a| !a.file.is_empty()) {
            paths.push(&a.file);
        }
        paths.push(&upload.path);
        let size = attachment.and_then(|a| a.size);
        // One line per file, whatever size each page showed: the
        // original's URL when the export has it.
        let (from, path) = match attachment.filter(|a| !a.url.is_empty()) {
            Some(a) => (a.url.clone(), a.file.clone()),
            None => (url.to_owned(), upload.path.clone()),
        };
        // In neither folder: downloaded now, with --fetch-media, and
        // then found among the downloads.
        let found = self.sources.find(&paths, size).or_else(|| {
            let fetcher = self.sources.fetcher.as_ref()?;
            fetcher
                .fetch(&from, &path)
                .then(|| self.sources.find(&paths, size))
                .flatten()
        });
        let Some(found) = found else {
            if self.sources.fetch && self.sources.fetcher.is_none() {
                self.report.media_to_fetch.insert(from.clone(), path);
            }
            let list = if self.sources.any() {
                &mut self.report.media_missing
            } else {
                &mut self.report.media_kept
            };
            list.entry(from).or_default().insert(page);
            return url.to_owned();
        };
        if let Some(target) = found.source.outside(&found.file) {
            self.report.media_outside.insert(format!(
                "{url}: {} → {}",
                upload.path,
                target.display()
            ));
            return url.to_owned();
        }
        if found.smaller {
            self.report.media_smaller.insert(format!(
                "{url}: {}",
                found
                    .file
                    .strip_prefix(&found.source.dir)
                    .unwrap_or(&found.file)
                    .display()
            ));
        }
        self.files.name_for(&found.file)
    }
}

impl markdown::Urls for PageUrls<'_> {
    fn link(&mut self, url: &str, in_html: bool) -> Option<String> {
        if !self.allowed(url) {
            return None;
        }
        if let Some(upload) = self.library.upload(url)
            && media::is_media_file(&upload.path)
        {
            return Some(self.upload(url));
        }
        let (base, anchor) = match url.find('#') {
            Some(at) => (&url[..at], &url[at..]),
            None => (url, ""),
        };
        let found = if !self.old_links.hosts.contains(host(base)) && base.contains("://") {
            None
        } else if let Some(id) = base.split(['?', '&']).find_map(|p| {
            p.strip_prefix("p=")
                .or_else(|| p.strip_prefix("page_id="))
                .and_then(|v| v.parse::<u64>().ok())
        }) {
            self.old_links
                .by_id
                .get(&id)
                .map(|(k, l)| (k.clone(), l.clone(), None))
        } else {
            old_path(base)
                .or_else(|| base.starts_with('/').then(|| base.to_owned()))
                .and_then(|p| self.old_links.by_path.get(&normal_path(&p)))
                .map(|(k, l, p)| (k.clone(), l.clone(), Some(p.clone())))
        };
        Some(match found {
            Some((_, _, Some(path))) if in_html => format!("{path}{anchor}"),
            Some((key, lang, _)) if !in_html => {
                // praxis checks anchors against the target's headings: one
                // WordPress made up (#more-12, #comments) would fail the build.
                let id = anchor.trim_start_matches('#');
                let anchor = if id.is_empty() {
                    ""
                } else if self
                    .old_links
                    .headings
                    .get(&(key.clone(), lang.clone()))
                    .is_some_and(|ids| ids.contains(id))
                {
                    anchor
                } else {
                    self.link_notes.push(format!(
                        "a link to {url} now leads to the top of {key}: it has no heading #{id}"
                    ));
                    ""
                };
                if lang == self.lang {
                    format!("@/{key}{anchor}")
                } else {
                    format!("@/{key}?lang={lang}{anchor}")
                }
            }
            _ => {
                let old_site = self.old_links.hosts.contains(host(base))
                    || base.starts_with('/') && !base.starts_with("//");
                // A category's or tag's archive: its tag page.
                if let Some(tag_page) =
                    old_links_tag_page(self.old_links, base).filter(|_| old_site)
                {
                    return Some(tag_page.to_owned());
                }
                // A link to the old site that no imported page answers: an
                // attachment page, a page left out of the export. It would
                // break once the old site goes.
                if old_site && !base.is_empty() {
                    self.link_notes.push(format!(
                        "a link to {url} still points at the old site (no imported page is there): change it by hand"
                    ));
                }
                url.to_owned()
            }
        })
    }

    fn media(&mut self, url: &str) -> Option<String> {
        self.media_url(url)
    }

    fn embed(&mut self, url: &str) -> Option<String> {
        self.allowed(url).then(|| url.to_owned())
    }

    fn video_title(&mut self, url: &str) -> Option<String> {
        self.video_titles.get(&super::embeds::video(url)?).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::allowed_scheme;

    #[test]
    fn only_web_mail_phone_and_relative_urls_are_allowed() {
        for good in [
            "https://example.org/a:b",
            "HTTP://example.org",
            "mailto:a@b.be",
            "tel:+32",
            "/over-mij/",
            "//cdn.example/x.jpg",
            "#top",
            "?p=12",
            "foto.jpg",
            "a/b:c",
            "",
        ] {
            assert!(allowed_scheme(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\u{0}script:alert(1)",
            "java\\script:alert(1)",
            "javascript\\:alert(1)",
            "&#106;avascript:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "javascript&#x3A;alert('/')",
            "vbscript:msgbox(1)",
            "data:text/html,<b>",
            "data:image/png;base64,AAAA",
            "file:///etc/passwd",
            "ftp://example.org",
        ] {
            assert!(!allowed_scheme(bad), "{bad:?}");
        }
    }
}

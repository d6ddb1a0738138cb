//! The export's attachments, and the files of `wp-content/uploads`.
//!
//! WordPress keeps every upload once in its original size and again in
//! the sizes its theme asked for (`photo-300x200.jpg`); posts usually show
//! a smaller copy. With `--uploads DIR` the original is copied beside the
//! page that uses it, since praxis makes its own sizes from it. Nothing is
//! ever downloaded: a file that is not in DIR keeps its URL and is listed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::wxr::Export;

/// An `attachment` item.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub url: String,
    /// `_wp_attached_file`: its path under `uploads/` (`2019/05/x.jpg`).
    pub file: String,
    pub alt: String,
    pub caption: String,
    pub title: String,
}

/// The attachments of an export, by id and by the post they belong to.
#[derive(Debug, Default)]
pub struct Library {
    attachments: BTreeMap<u64, Attachment>,
    children: BTreeMap<u64, Vec<(i64, u64)>>,
    forms: BTreeMap<u64, String>,
}

impl Library {
    pub fn new(export: &Export) -> Library {
        let mut library = Library::default();
        for item in &export.items {
            match item.kind.as_str() {
                "attachment" => {
                    let file = item
                        .meta
                        .get("_wp_attached_file")
                        .cloned()
                        .unwrap_or_else(|| upload_path(&item.attachment_url).unwrap_or_default());
                    library.attachments.insert(
                        item.id,
                        Attachment {
                            url: item.attachment_url.clone(),
                            file,
                            alt: item
                                .meta
                                .get("_wp_attachment_image_alt")
                                .cloned()
                                .unwrap_or_default(),
                            caption: item.excerpt.clone(),
                            title: item.title.clone(),
                        },
                    );
                    if item.parent != 0 {
                        library
                            .children
                            .entry(item.parent)
                            .or_default()
                            .push((item.menu_order, item.id));
                    }
                }
                "wpcf7_contact_form" => {
                    library.forms.insert(item.id, item.title.clone());
                }
                _ => {}
            }
        }
        for list in library.children.values_mut() {
            list.sort();
        }
        library
    }

    pub fn attachment(&self, id: u64) -> Option<&Attachment> {
        self.attachments.get(&id)
    }

    pub fn attachments(&self) -> impl Iterator<Item = (&u64, &Attachment)> {
        self.attachments.iter()
    }

    /// The attachments uploaded to a post, in their gallery order.
    pub fn children_of(&self, post: u64) -> Vec<u64> {
        self.children
            .get(&post)
            .map(|c| c.iter().map(|(_, id)| *id).collect())
            .unwrap_or_default()
    }

    pub fn form_title(&self, id: u64) -> Option<String> {
        self.forms.get(&id).cloned()
    }
}

/// `https://x.be/wp-content/uploads/2019/05/a.jpg?v=2` → `2019/05/a.jpg`.
pub fn upload_path(url: &str) -> Option<String> {
    let at = url.find("/wp-content/uploads/")?;
    let rest = &url[at + "/wp-content/uploads/".len()..];
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.is_empty() || decoded.split('/').any(|s| s == ".." || s.is_empty()) {
        return None;
    }
    Some(decoded)
}

/// `2019/05/a-300x200.jpg` → `2019/05/a.jpg`; `a-scaled.jpg` → `a.jpg`.
pub fn original_of(path: &str) -> String {
    let (stem, ext) = match path.rfind('.') {
        Some(dot) if dot > path.rfind('/').map_or(0, |s| s + 1) => (&path[..dot], &path[dot..]),
        _ => (path, ""),
    };
    let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    let stem = match stem.rfind('-') {
        Some(dash) => {
            let size = &stem[dash + 1..];
            let is_size = size.split_once('x').is_some_and(|(w, h)| {
                !w.is_empty()
                    && !h.is_empty()
                    && w.chars().all(|c| c.is_ascii_digit())
                    && h.chars().all(|c| c.is_ascii_digit())
            });
            if is_size { &stem[..dash] } else { stem }
        }
        None => stem,
    };
    format!("{stem}{ext}")
}

/// Files of a type a page may carry beside it.
pub fn is_media_file(path: &str) -> bool {
    let ext = path
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "jpg"
            | "jpeg"
            | "png"
            | "gif"
            | "webp"
            | "avif"
            | "svg"
            | "pdf"
            | "mp3"
            | "m4a"
            | "ogg"
            | "wav"
            | "mp4"
            | "m4v"
            | "webm"
            | "ogv"
            | "doc"
            | "docx"
            | "odt"
            | "xls"
            | "xlsx"
            | "ppt"
            | "pptx"
            | "zip"
            | "txt"
    )
}

/// A copy of `wp-content/uploads`.
#[derive(Debug)]
pub struct Uploads {
    pub dir: PathBuf,
    /// `dir` with every link in it followed.
    real: PathBuf,
}

impl Uploads {
    pub fn new(dir: &Path) -> Uploads {
        Uploads {
            dir: dir.to_owned(),
            real: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()),
        }
    }

    /// Where `file` (found in the folder) really is, when that is outside
    /// the folder: a link to elsewhere on this computer (`big.pdf` →
    /// `/etc/passwd`) is not an upload, and copying it would publish it.
    pub fn outside(&self, file: &Path) -> Option<PathBuf> {
        match std::fs::canonicalize(file) {
            Ok(real) if real.starts_with(&self.real) => None,
            Ok(real) => Some(real),
            Err(_) => Some(file.to_owned()),
        }
    }

    /// The file to copy for an upload path: the original when present,
    /// else the size the post used.
    pub fn find(&self, path: &str) -> Option<PathBuf> {
        let original = self.dir.join(original_of(path));
        if original.is_file() {
            return Some(original);
        }
        let exact = self.dir.join(path);
        exact.is_file().then_some(exact)
    }

    /// When neither the original nor the size asked for is there, the
    /// largest of WordPress's smaller sizes of it (`a-300x200.jpg`): a
    /// smaller picture beats a link to a site that is going away.
    pub fn smaller(&self, path: &str) -> Option<PathBuf> {
        let original = original_of(path);
        let (dir, name) = original.rsplit_once('/').unwrap_or(("", &original));
        let (stem, ext) = name.rsplit_once('.').map_or((name, ""), |(s, e)| (s, e));
        let entries = std::fs::read_dir(self.dir.join(dir)).ok()?;
        entries
            .flatten()
            .filter_map(|e| {
                let file = e.file_name().into_string().ok()?;
                let size = file
                    .strip_prefix(stem)?
                    .strip_prefix('-')?
                    .strip_suffix(ext)?
                    .strip_suffix('.')?;
                let (w, h) = size.split_once('x')?;
                let area = w.parse::<u64>().ok()? * h.parse::<u64>().ok()?;
                Some((area, e.path()))
            })
            .max_by_key(|(area, _)| *area)
            .map(|(_, p)| p)
    }
}

/// The files copied beside one page, by the name they get there.
#[derive(Debug, Default)]
pub struct PageFiles {
    pub by_name: BTreeMap<String, PathBuf>,
}

impl PageFiles {
    /// The name `source` has beside the page; two different files with one
    /// name get `-2`, `-3`.
    pub fn name_for(&mut self, source: &Path) -> String {
        let file = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        let (stem, ext) = match file.rfind('.') {
            Some(dot) if dot > 0 => (file[..dot].to_owned(), file[dot..].to_owned()),
            _ => (file.clone(), String::new()),
        };
        let mut name = file.clone();
        let mut n = 2;
        loop {
            match self.by_name.get(&name) {
                Some(existing) if existing == source => return name,
                Some(_) => {
                    name = format!("{stem}-{n}{ext}");
                    n += 1;
                }
                None => {
                    self.by_name.insert(name.clone(), source.to_owned());
                    return name;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_lead_to_their_original() {
        assert_eq!(
            original_of("2019/05/stoelen-300x200.jpg"),
            "2019/05/stoelen.jpg"
        );
        assert_eq!(original_of("2020/01/zee-scaled.jpg"), "2020/01/zee.jpg");
        assert_eq!(
            original_of("2020/01/twee-stoelen.jpg"),
            "2020/01/twee-stoelen.jpg"
        );
        assert_eq!(
            upload_path("https://x.be/wp-content/uploads/2019/05/%C3%A9t%C3%A9.jpg?x=1").as_deref(),
            Some("2019/05/été.jpg")
        );
        assert_eq!(
            upload_path("https://x.be/wp-content/uploads/../../etc/passwd"),
            None
        );
    }
}

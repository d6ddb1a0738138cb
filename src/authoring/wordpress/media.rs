//! The export's attachments, and the files of `wp-content/uploads`.
//!
//! WordPress keeps every upload once in its original size and again in
//! the sizes its theme asked for (`photo-300x200.jpg`); posts usually show
//! a smaller copy. With `--uploads DIR` the original is copied beside the
//! page that uses it, since praxis makes its own sizes from it.
//!
//! Where a file is served from says little: a self-hosted blog serves
//! `/wp-content/uploads/2019/05/x.jpg`, WordPress.com
//! `blog.files.wordpress.com/2019/05/x.jpg`, Jetpack's CDN
//! `i0.wp.com/blog.example/…`, another CDN a path of its own. So an URL
//! is matched to an attachment of the export by its path after
//! `/uploads/` (or the whole path on WordPress's own hosts), else by its
//! file name, a resized name (`x-1024x768.jpg`) leading to its original;
//! and a file is found in DIR by that path, else by its name (and its
//! size, when the export says it, to tell two files of one name apart).
//! `--fetch-media` downloads what is in neither (see `fetch.rs`); a file
//! that is nowhere keeps its URL and is listed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::wxr::Export;

/// An `attachment` item.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    pub url: String,
    /// `_wp_attached_file`: its path under `uploads/` (`2019/05/x.jpg`).
    pub file: String,
    /// Its size in bytes, when the export's metadata says it.
    pub size: Option<u64>,
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
    /// Attachment ids by their original upload path (`2019/05/x.jpg`).
    by_path: BTreeMap<String, u64>,
    /// Attachment ids by their original file name (`x.jpg`).
    by_name: BTreeMap<String, Vec<u64>>,
}

/// An URL of the content that shows an upload: the upload's path (as
/// WordPress stored it, in the size the page shows) and its attachment,
/// when the export has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub attachment: Option<u64>,
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
                        .map(|f| f.trim().trim_start_matches('/').to_owned())
                        .filter(|f| !f.is_empty())
                        .or_else(|| upload_path(&item.attachment_url))
                        .unwrap_or_default();
                    if !file.is_empty() {
                        let original = original_of(&file);
                        library.by_path.insert(original.clone(), item.id);
                        library
                            .by_name
                            .entry(file_name(&original).to_owned())
                            .or_default()
                            .push(item.id);
                    }
                    library.attachments.insert(
                        item.id,
                        Attachment {
                            url: item.attachment_url.clone(),
                            size: item
                                .meta
                                .get("_wp_attachment_metadata")
                                .and_then(|m| metadata_size(m)),
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

    /// The upload an URL shows, whatever its host: by its path after
    /// `/uploads/` (or on WordPress's own media hosts), else by the path
    /// or name of one of the export's attachments. `None` for an URL
    /// that is no upload (an image on someone else's site).
    pub fn upload(&self, url: &str) -> Option<Upload> {
        if let Some(path) = upload_path(url) {
            let attachment = self.by_path.get(&original_of(&path)).copied();
            return Some(Upload { path, attachment });
        }
        let path = url_path(url)?;
        let name = file_name(&path);
        let original = original_of(name);
        let candidates = self.by_name.get(&original)?;
        // The attachment whose path ends the URL's (`/cdn/2019/05/x.jpg`),
        // else the only one of that name.
        let at = candidates
            .iter()
            .copied()
            .find(|id| {
                self.attachments.get(id).is_some_and(|a| {
                    let file = original_of(&a.file);
                    original_of(&path).ends_with(&format!("/{file}"))
                })
            })
            .or_else(|| (candidates.len() == 1).then(|| candidates[0]))?;
        let attachment = &self.attachments[&at];
        // The size the page shows, in the attachment's folder.
        let dir = attachment.file.rsplit_once('/').map_or("", |(d, _)| d);
        let path = if dir.is_empty() {
            name.to_owned()
        } else {
            format!("{dir}/{name}")
        };
        Some(Upload {
            path,
            attachment: Some(at),
        })
    }
}

/// The last segment of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The size of the original file in `_wp_attachment_metadata` (PHP's
/// serialised array: `…s:8:"filesize";i:48213;…`). The first `filesize`
/// is the original's: the sizes' own come after it, inside `sizes`.
fn metadata_size(meta: &str) -> Option<u64> {
    let sizes = meta.find("\"sizes\"").unwrap_or(meta.len());
    let at = meta[..sizes].find("\"filesize\";i:")?;
    let rest = &meta[at + "\"filesize\";i:".len()..];
    rest[..rest.find(';')?].parse().ok()
}

/// The decoded path of an URL, without its host, query or fragment.
fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = if url.contains("://") || url.starts_with("//") {
        let rest = rest.trim_start_matches('/');
        &rest[rest.find('/')?..]
    } else {
        rest
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    let name = file_name(&decoded);
    (!name.is_empty() && name.contains('.')).then_some(decoded)
}

/// The path of an upload in the folder WordPress keeps them in:
/// `https://x.be/wp-content/uploads/2019/05/a.jpg?v=2` → `2019/05/a.jpg`,
/// and the same from a multisite (`/wp-content/uploads/sites/3/…` keeps
/// its `sites/3/`), from WordPress.com (`blog.files.wordpress.com/2019/05/a.jpg`)
/// and through Jetpack's CDN (`i0.wp.com/x.be/wp-content/uploads/…`).
pub fn upload_path(url: &str) -> Option<String> {
    let (host, path) = match url.split_once("://") {
        Some((_, rest)) => rest.split_at(rest.find('/')?),
        None => ("", url),
    };
    let host = host.to_ascii_lowercase();
    let rest = if let Some(at) = path.find("/wp-content/uploads/") {
        &path[at + "/wp-content/uploads/".len()..]
    } else if host.ends_with(".files.wordpress.com") {
        &path[1..]
    } else if is_jetpack_host(&host) {
        // `i0.wp.com/HOST/PATH`: the original is at `https://HOST/PATH`.
        return upload_path(&format!("https:/{path}"));
    } else {
        return None;
    };
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

/// Jetpack's image CDN: `i0.wp.com` to `i3.wp.com`.
fn is_jetpack_host(host: &str) -> bool {
    host.strip_suffix(".wp.com")
        .and_then(|h| h.strip_prefix('i'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
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

/// A copy of `wp-content/uploads` (or of any folder holding the files,
/// as a WordPress.com media export or a folder of downloads).
#[derive(Debug)]
pub struct Uploads {
    pub dir: PathBuf,
    /// `dir` with every link in it followed.
    real: PathBuf,
    /// Every file in `dir` by its name, with its size: made on the first
    /// file not found at its path.
    by_name: std::cell::OnceCell<BTreeMap<String, Vec<(PathBuf, u64)>>>,
}

impl Uploads {
    pub fn new(dir: &Path) -> Uploads {
        Uploads {
            dir: dir.to_owned(),
            real: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()),
            by_name: std::cell::OnceCell::new(),
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
    /// else the size the post used; at that path, else anywhere in the
    /// folder by its name (of the files of that name, the one of `size`
    /// bytes, else the one whose folders match the most of the path's).
    pub fn find(&self, path: &str, size: Option<u64>) -> Option<PathBuf> {
        let original = original_of(path);
        for wanted in [original.as_str(), path] {
            let at = self.dir.join(wanted);
            if at.is_file() {
                return Some(at);
            }
        }
        for wanted in [original.as_str(), path] {
            let Some(files) = self.named().get(file_name(wanted)) else {
                continue;
            };
            if let Some((file, _)) = files.iter().find(|(_, bytes)| Some(*bytes) == size) {
                return Some(file.clone());
            }
            let shared = |file: &Path| {
                let relative = file.strip_prefix(&self.dir).unwrap_or(file);
                relative
                    .components()
                    .rev()
                    .zip(Path::new(wanted).components().rev())
                    .take_while(|(a, b)| a == b)
                    .count()
            };
            if let Some((file, _)) = files.iter().max_by_key(|(f, _)| shared(f)) {
                return Some(file.clone());
            }
        }
        None
    }

    fn named(&self) -> &BTreeMap<String, Vec<(PathBuf, u64)>> {
        self.by_name.get_or_init(|| {
            let mut named: BTreeMap<String, Vec<(PathBuf, u64)>> = BTreeMap::new();
            for entry in walkdir::WalkDir::new(&self.dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let name = entry.file_name().to_string_lossy().into_owned();
                let size = entry.metadata().map_or(0, |m| m.len());
                named
                    .entry(name)
                    .or_default()
                    .push((entry.path().to_owned(), size));
            }
            named
        })
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

/// Where the files of the content are looked for: the `--uploads` copy,
/// then what `--fetch-media` downloaded.
#[derive(Default)]
pub struct Sources {
    pub uploads: Option<Uploads>,
    pub downloads: Option<Uploads>,
    /// `--fetch-media`: what is in neither is to be downloaded.
    pub fetch: bool,
    /// What downloads it, as the plan meets it (none in a dry run, which
    /// only lists it).
    pub fetcher: Option<super::fetch::Fetcher>,
}

/// A file found for an upload.
pub struct Found<'s> {
    pub file: PathBuf,
    /// The folder it was found in.
    pub source: &'s Uploads,
    /// Only a smaller size of it was there.
    pub smaller: bool,
}

impl Sources {
    /// The file for an upload, trying each of `paths` (the original
    /// first) in each folder, then a smaller size in `--uploads`.
    pub fn find(&self, paths: &[&str], size: Option<u64>) -> Option<Found<'_>> {
        let folders = || self.uploads.iter().chain(&self.downloads);
        for folder in folders() {
            for path in paths {
                if let Some(file) = folder.find(path, size) {
                    return Some(Found {
                        file,
                        source: folder,
                        smaller: false,
                    });
                }
            }
        }
        let folder = self.uploads.as_ref()?;
        let file = folder.smaller(paths.first()?)?;
        Some(Found {
            file,
            source: folder,
            smaller: true,
        })
    }

    /// Whether any folder of files was given.
    pub fn any(&self) -> bool {
        self.uploads.is_some() || self.downloads.is_some() || self.fetch
    }
}

/// What the pages show of the export's uploads, for the list of
/// attachments no page uses.
#[derive(Debug, Default)]
pub struct Used {
    /// Original upload paths (`2019/05/x.jpg`).
    pub paths: BTreeSet<String>,
    pub attachments: BTreeSet<u64>,
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

    #[test]
    fn uploads_are_recognised_on_every_host_wordpress_serves_them_from() {
        for url in [
            "https://praktijk.be/wp-content/uploads/2019/05/zee.jpg",
            "https://anna.files.wordpress.com/2019/05/zee.jpg?w=1024",
            "https://i0.wp.com/praktijk.be/wp-content/uploads/2019/05/zee.jpg?resize=300%2C200&ssl=1",
            "https://i2.wp.com/anna.files.wordpress.com/2019/05/zee.jpg",
        ] {
            assert_eq!(
                upload_path(url).as_deref(),
                Some("2019/05/zee.jpg"),
                "{url}"
            );
        }
        assert_eq!(upload_path("https://example.org/2019/05/zee.jpg"), None);
        assert_eq!(upload_path("https://ix.wp.com/a/b.jpg"), None);
    }

    #[test]
    fn the_original_size_is_read_from_the_attachment_metadata() {
        let meta = r#"a:5:{s:5:"width";i:800;s:6:"height";i:600;s:4:"file";s:15:"2019/05/zee.jpg";s:8:"filesize";i:48213;s:5:"sizes";a:1:{s:9:"thumbnail";a:5:{s:4:"file";s:15:"zee-150x150.jpg";s:8:"filesize";i:5120;}}}"#;
        assert_eq!(metadata_size(meta), Some(48213));
        let without = r#"a:1:{s:5:"sizes";a:1:{s:9:"thumbnail";a:1:{s:8:"filesize";i:5120;}}}"#;
        assert_eq!(metadata_size(without), None);
    }
}

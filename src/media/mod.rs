//! Images: published light and private.
//!
//! A photo straight from a phone is 4 000 pixels wide, weighs 5 MB and
//! carries the GPS position it was taken at. Every JPEG, PNG and WebP beside
//! a page is therefore published as re-encoded copies in the widths
//! `[images]` asks for, in WebP and in its own format, oriented as the
//! camera meant and with nothing of the original's metadata but its colour
//! profile; the file under the original's own name is the widest of those
//! copies, so the original itself never leaves the practitioner's machine.
//! Markdown images and the theme (`resize_image`, `image_set`) point at
//! these copies.
//!
//! Processing is what makes image-heavy sites slow to build and to preview,
//! so it is done once: every processed file is kept in
//! `ROOT/.praxis-cache/images/` under a hash of the original's bytes and of
//! what was asked, and published from there (see [`cache`]). A build only
//! *plans* images while it renders (a header read each, memoized between
//! builds by [`MediaMemo`]); the pixels are made at the end, in parallel,
//! and only for the files the cache does not hold yet.

mod cache;
// Without the `images` feature (no libwebp, no SIMD resampler), a twin
// whose every encoding is the error that says so (see `crate::features`).
#[cfg_attr(not(feature = "images"), path = "encode_without.rs")]
mod encode;
mod format;
mod html;
mod ops;
mod source;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

pub use crate::config::images::ImagesConfig;
use crate::content::Asset;
use crate::diagnostics::{Diagnostic, Diagnostics, Help};
use crate::model::{PageId, Site};
use crate::output::OutputFile;
use crate::site_files::{Folder, relative_to};
pub use cache::{CACHE_DIR, Stats, prune as prune_cache};
use encode::Format;
pub use html::picture;
pub use ops::{Instructions, OperationError, ResizeOperation};
pub use source::{ImageError, Kind, Probe};

/// Why `image_set` or `resize_image` in a template cannot give an image.
#[derive(Debug, thiserror::Error)]
pub enum ThemeImageError {
    #[error("`{path}` is not a path inside the site: name a file under content/ or static/")]
    NotInside { path: String },
    #[error("there is no image `{path}` under content/, static/ or the theme's static/")]
    Missing { path: String },
    #[error("`{path}` is not a JPEG, PNG or WebP image")]
    NotNamedAsOne { path: String },
    #[error("{}: {why}", file.display())]
    Source { file: PathBuf, why: ImageError },
    #[error("resize_image: quality {quality} is not between 1 and 100")]
    Quality { quality: u8 },
    #[error("resize_image: `{format}` is not a format; use auto, jpeg, png or webp")]
    Format { format: String },
    #[error(
        "resize_image: {width} × {height} is larger than {} pixels a side",
        source::MAX_SIDE
    )]
    TooLarge { width: u32, height: u32 },
    /// `op`, `width` and `height` name no operation.
    #[error(transparent)]
    Operation(#[from] OperationError),
}

impl Help for ThemeImageError {
    fn help(&self) -> Option<String> {
        match self {
            ThemeImageError::Source { why, .. } => why.help(),
            _ => None,
        }
    }
}

/// Where `resize_image` and `image_set` publish, in the site.
pub const PROCESSED_DIR: &str = "processed_images";

/// What an image file was found to be, kept between builds by `praxis serve`
/// so that a rebuild reads no image that did not change.
/// Shared, not copied: the build's [`Media`] fills the workspace's memo.
#[derive(Default, Clone)]
pub struct MediaMemo {
    probes: Arc<Mutex<ProbeMap>>,
}

type ProbeMap = HashMap<PathBuf, (Stamp, Result<Arc<Probe>, ImageError>)>;

/// Size and modification time: a file whose stamp is unchanged is not read again.
type Stamp = (u64, Option<SystemTime>);

/// One processed file to publish.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Job {
    /// The original, absolute.
    source: PathBuf,
    /// The original relative to the site root, for messages.
    origin: PathBuf,
    hash: u128,
    instructions: Instructions,
    format: Format,
}

impl Job {
    /// The processed file's name in the cache: the same original, asked the
    /// same, always gets the same name, whatever it is called or where it is.
    fn cache_name(&self) -> String {
        let mut h = Xxh3::new();
        h.update(&self.hash.to_le_bytes());
        h.update(format!("{:?}{:?}{}", self.instructions, self.format, cache::VERSION).as_bytes());
        format!("{:032x}.{}", h.digest128(), self.format.kind().extension())
    }
}

/// An image in the widths `[images]` asks for: what an `<img srcset>` and a
/// `<picture>` need.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImageSet {
    /// The widest copy in the image's own format.
    pub src: String,
    pub width: u32,
    pub height: u32,
    /// `url 480w, url 960w, …` in the image's own format.
    pub srcset: String,
    /// The same in WebP; empty when the image is a WebP itself.
    pub webp_srcset: String,
    /// The media type of `src`: `image/jpeg`.
    pub mime: &'static str,
}

/// What `resize_image` returns, with Zola's names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Resized {
    pub url: String,
    /// The file's path inside the built site (Zola: under `static/`).
    pub static_path: String,
    pub width: u32,
    pub height: u32,
    pub orig_width: u32,
    pub orig_height: u32,
}

/// The images of one build: the originals' probes and the processed files
/// the build publishes.
pub struct Media {
    root: PathBuf,
    theme_dir: Option<PathBuf>,
    pub config: ImagesConfig,
    /// The site's `base_path` and origin, for URLs.
    base_path: String,
    origin: String,
    probes: MediaMemo,
    /// Every processed file, by its path in the site.
    jobs: Mutex<BTreeMap<String, Job>>,
    /// The paths of the copies [`Self::publish`] made.
    published: Mutex<std::collections::BTreeSet<String>>,
    /// A hash of each node's image assets' probes, by node key: Markdown
    /// that shows them is rendered again when one changes. By key, not by
    /// node id, since a page that joins or leaves the site in `praxis
    /// serve` renumbers the nodes after it, and not these.
    node_stamps: HashMap<String, u64>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere leaves the data whole: a map insert is not torn.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Media {
    /// Probes every image beside a page, plans its copies beside each of the
    /// node's pages, and reports what is wrong with them.
    pub fn prepare(
        root: &Path,
        theme_dir: Option<&Path>,
        site: &Site,
        memo: MediaMemo,
        diags: &mut Diagnostics,
    ) -> Media {
        let mut media = Media {
            root: root.to_path_buf(),
            theme_dir: theme_dir.map(Path::to_path_buf),
            config: site.config.images.clone(),
            base_path: site.config.base_path.clone(),
            origin: site.config.origin.clone(),
            probes: memo,
            jobs: Mutex::new(BTreeMap::new()),
            published: Mutex::default(),
            node_stamps: HashMap::new(),
        };
        let images: Vec<&Asset> = site
            .nodes
            .iter()
            .flat_map(|n| &n.assets)
            .filter(|a| Kind::of_path(&a.source).is_some())
            .collect();
        let probed: Vec<(&Asset, Result<Arc<Probe>, ImageError>)> = images
            .into_par_iter()
            .map(|a| (a, media.probe(&a.source)))
            .collect();
        let found: HashMap<&Path, &Result<Arc<Probe>, ImageError>> = probed
            .iter()
            .map(|(a, p)| (a.source.as_path(), p))
            .collect();
        for (asset, result) in &probed {
            let origin = relative_to(root, &asset.source);
            match result {
                Err(why) => diags.push(Diagnostic::of(why).in_file(&origin).kind_of(why.kind())),
                Ok(probe) => {
                    if let Some(why) = probe.mislabelled() {
                        diags.push(Diagnostic::warning(why).in_file(&origin).help(format!(
                            "rename it to .{} to say what it is",
                            probe.kind.extension()
                        )));
                    }
                    if probe.animated {
                        diags.push(
                            Diagnostic::warning(format!(
                                "this {} image is animated, and only its first frame is published",
                                probe.kind.name()
                            ))
                            .in_file(&origin)
                            .help("to show the movement, publish it as a video beside the page (an .mp4 or .webm is copied as it is); to silence this, save the frame you want as a still image"),
                        );
                    }
                }
            }
        }
        for node in site.nodes.iter() {
            let mut h = Xxh3::new();
            for asset in &node.assets {
                if let Some(result) = found.get(asset.source.as_path()) {
                    h.update(asset.relative.as_bytes());
                    h.update(format!("{result:?}").as_bytes());
                }
            }
            media.node_stamps.insert(node.key.clone(), h.digest());
        }
        for (id, page) in site.pages.iter_enumerated() {
            for asset in &site.nodes[page.node].assets {
                if let Some(Ok(probe)) = found.get(asset.source.as_path()) {
                    media.plan_asset(site, id, asset, probe);
                }
            }
        }
        warn_unprocessed(site, root, &media.config, diags);
        warn_static_positions(root, diags);
        media
    }

    /// Whether this asset is published through processing rather than copied.
    pub fn handles(asset: &Asset) -> bool {
        Media::reads(&asset.source)
    }

    /// Whether a file is an image of a kind that images are made from
    /// (and photos checked for the positions they hold), wherever it is.
    pub fn reads(path: &Path) -> bool {
        Kind::of_path(path).is_some()
    }

    /// Whether a render since [`Self::publish`] asked for a copy that it
    /// did not publish: the images must be published again.
    pub fn wants_more(&self) -> bool {
        let published = lock(&self.published);
        lock(&self.jobs)
            .keys()
            .any(|path| !published.contains(path))
    }

    /// A hash of what the images of `node` are, for the Markdown cache.
    pub fn node_stamp(&self, key: &str) -> u64 {
        self.node_stamps.get(key).copied().unwrap_or(0)
    }

    /// What the Markdown of page `id` shows for the image `dest`, when it
    /// names a JPEG, PNG or WebP beside the page.
    pub fn markdown_image(&self, site: &Site, id: PageId, dest: &str) -> Option<ImageSet> {
        if dest.contains(':') || dest.starts_with('/') || dest.contains(['?', '#']) {
            return None;
        }
        let page = &site.pages[id];
        let wanted = percent_encoding::percent_decode_str(dest.trim_start_matches("./"))
            .decode_utf8()
            .ok()?;
        let asset = site.nodes[page.node]
            .assets
            .iter()
            .find(|a| a.relative == wanted && Media::handles(a))?;
        let probe = self.probe(&asset.source).ok()?;
        Some(
            self.asset_set(page.path.trim_start_matches('/'), asset, &probe)
                .0,
        )
    }

    /// The copies of an asset beside one page: the set, and the files.
    fn asset_set(&self, dir: &str, asset: &Asset, probe: &Probe) -> (ImageSet, Vec<(String, Job)>) {
        let (stem, _) = split_extension(&asset.relative);
        let name = |width: u32, kind: Kind| format!("{dir}{stem}-{width}w.{}", kind.extension());
        let original = format!("{dir}{}", asset.relative);
        self.image_set(asset, probe, name, original)
    }

    /// The copies of an image in every width, named by `name(width, kind)`;
    /// the widest in the image's own format is also at `original`.
    fn image_set(
        &self,
        asset: &Asset,
        probe: &Probe,
        name: impl Fn(u32, Kind) -> String,
        original: String,
    ) -> (ImageSet, Vec<(String, Job)>) {
        let widths = self.widths_for(probe.width);
        let quality = self.config.quality;
        let own = Format::of_kind(probe.named, quality);
        let webp = Format::WebP {
            quality: Some(quality),
        };
        let origin = relative_to(&self.root, &asset.source);
        let job = |width: u32, format: Format| Job {
            source: asset.source.clone(),
            origin: origin.clone(),
            hash: probe.hash,
            instructions: Instructions {
                crop: None,
                resize: (width != probe.width).then(|| (width, height_for(probe, width))),
                canvas: None,
            },
            format,
        };
        let mut files = Vec::new();
        let mut srcsets: [Vec<String>; 2] = Default::default();
        for (i, format) in [own, webp].into_iter().enumerate() {
            if i == 1 && probe.named == Kind::WebP {
                break;
            }
            for &w in &widths {
                let path = name(w, format.kind());
                srcsets[i].push(format!("{} {w}w", self.url(&path)));
                files.push((path, job(w, format)));
            }
        }
        let widest = *widths.last().unwrap_or(&probe.width);
        files.push((original.clone(), job(widest, own)));
        let set = ImageSet {
            src: self.url(&original),
            width: widest,
            height: height_for(probe, widest),
            srcset: srcsets[0].join(", "),
            webp_srcset: srcsets[1].join(", "),
            mime: probe.named.mime(),
        };
        (set, files)
    }

    /// `[images] widths` up to the image's own width; the image's own width
    /// too when a wider one was asked for (never upscaled).
    fn widths_for(&self, own: u32) -> Vec<u32> {
        let asked = self.config.sorted_widths();
        let mut widths: Vec<u32> = asked.iter().copied().filter(|&w| w <= own).collect();
        if asked.iter().any(|&w| w > own) && widths.last() != Some(&own) {
            widths.push(own);
        }
        widths
    }

    fn plan_asset(&self, site: &Site, id: PageId, asset: &Asset, probe: &Probe) {
        let dir = site.pages[id].path.trim_start_matches('/');
        let (_, files) = self.asset_set(dir, asset, probe);
        lock(&self.jobs).extend(files);
    }

    /// `image_set(path=…)` for themes: an image under `content/`, `static/`
    /// or the theme's `static/`, in every width, under `processed_images/`.
    pub fn theme_image_set(&self, path: &str) -> Result<ImageSet, ThemeImageError> {
        let (asset, probe) = self.theme_source(path)?;
        let (stem, _) = split_extension(&asset.relative);
        let stem = stem.rsplit('/').next().unwrap_or(stem).to_owned();
        let hash = probe.hash;
        let quality = self.config.quality;
        let name = |width: u32, kind: Kind| {
            let key = xxh3_128(format!("{hash:x}{width}{kind:?}{quality}").as_bytes()) as u64;
            format!("{PROCESSED_DIR}/{stem}.{key:016x}.{}", kind.extension())
        };
        let widest = *self.widths_for(probe.width).last().unwrap_or(&probe.width);
        let original = name(widest, probe.named);
        let (set, files) = self.image_set(&asset, &probe, name, original);
        lock(&self.jobs).extend(files);
        Ok(set)
    }

    /// `resize_image(path, width, height, op, format, quality)`, as Zola has it.
    pub fn resize(
        &self,
        path: &str,
        op: ResizeOperation,
        format: &str,
        quality: Option<u8>,
    ) -> Result<Resized, ThemeImageError> {
        let (asset, probe) = self.theme_source(path)?;
        let quality = quality.unwrap_or(self.config.quality);
        if !(1..=100).contains(&quality) {
            return Err(ThemeImageError::Quality { quality });
        }
        let format = match format {
            "auto" => match probe.named {
                Kind::Png => Format::Png,
                Kind::Jpeg | Kind::WebP => Format::Jpeg { quality },
            },
            "jpg" | "jpeg" => Format::Jpeg { quality },
            "png" => Format::Png,
            "webp" => Format::WebP {
                quality: Some(quality),
            },
            other => {
                return Err(ThemeImageError::Format {
                    format: other.to_owned(),
                });
            }
        };
        let original = (probe.width, probe.height);
        let instructions = Instructions::new(op, original);
        let (width, height) = instructions.size(original);
        if width > source::MAX_SIDE || height > source::MAX_SIDE {
            return Err(ThemeImageError::TooLarge { width, height });
        }
        let job = Job {
            source: asset.source.clone(),
            origin: relative_to(&self.root, &asset.source),
            hash: probe.hash,
            instructions,
            format,
        };
        let (stem, _) = split_extension(&asset.relative);
        let stem = stem.rsplit('/').next().unwrap_or(stem);
        let key = xxh3_128(job.cache_name().as_bytes()) as u64;
        let path = format!(
            "{PROCESSED_DIR}/{stem}.{key:016x}.{}",
            format.kind().extension()
        );
        let resized = Resized {
            url: format!("{}{}/{path}", self.origin, self.base_path),
            static_path: path.clone(),
            width,
            height,
            orig_width: probe.width,
            orig_height: probe.height,
        };
        lock(&self.jobs).insert(path, job);
        Ok(resized)
    }

    /// The file a theme names: under `content/`, then `static/`, then the
    /// theme's `static/`.
    fn theme_source(&self, path: &str) -> Result<(Asset, Arc<Probe>), ThemeImageError> {
        let relative = path.trim_start_matches('/');
        if relative.is_empty()
            || Path::new(relative)
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(ThemeImageError::NotInside {
                path: path.to_owned(),
            });
        }
        let mut places = vec![
            Folder::Content.of(&self.root),
            Folder::Static.of(&self.root),
        ];
        places.extend(self.theme_dir.iter().map(|t| t.join(Folder::Static.name())));
        let source = places
            .iter()
            .map(|p| p.join(relative))
            .find(|p| p.is_file())
            .ok_or_else(|| ThemeImageError::Missing {
                path: path.to_owned(),
            })?;
        if Kind::of_path(&source).is_none() {
            return Err(ThemeImageError::NotNamedAsOne {
                path: path.to_owned(),
            });
        }
        let probe = self.probe(&source).map_err(|why| ThemeImageError::Source {
            file: relative_to(&self.root, &source),
            why,
        })?;
        Ok((
            Asset {
                source,
                relative: relative.to_owned(),
            },
            probe,
        ))
    }

    /// What the image at `path` is, read again only when it changed.
    fn probe(&self, path: &Path) -> Result<Arc<Probe>, ImageError> {
        let stamp = std::fs::metadata(path)
            .map(|m| (m.len(), m.modified().ok()))
            .map_err(|e| ImageError::Unopened(Arc::new(e)))?;
        if let Some((known, result)) = lock(&self.probes.probes).get(path)
            && *known == stamp
        {
            return result.clone();
        }
        let named = Kind::of_path(path).ok_or(ImageError::NotNamedAsOne)?;
        let result = std::fs::read(path)
            .map_err(|e| ImageError::Unopened(Arc::new(e)))
            .and_then(|bytes| source::probe(&bytes, named))
            .map(Arc::new);
        lock(&self.probes.probes).insert(path.to_path_buf(), (stamp, result.clone()));
        result
    }

    /// Makes every processed file the cache does not hold yet, in parallel,
    /// and returns the files to publish.
    pub fn publish(&self, diags: &mut Diagnostics) -> (Vec<OutputFile>, Stats) {
        let jobs = std::mem::take(&mut *lock(&self.jobs));
        lock(&self.published).extend(jobs.keys().cloned());
        let cache = cache::DiskCache::new(&self.root);
        let (made, stats) = cache.make(jobs.values(), diags);
        let mut files = Vec::with_capacity(jobs.len());
        let mut warned = std::collections::HashSet::new();
        let limit = self.config.max_kilobytes.saturating_mul(1000);
        for (path, job) in jobs {
            let name = job.cache_name();
            let Some(&size) = made.get(&name) else {
                continue;
            };
            if size > limit && warned.insert(job.origin.clone()) {
                diags.push(
                    Diagnostic::warning(format!(
                        "a published copy of this image, /{path}, weighs {} kB, more than a visitor \
                         should download for one image ({} kB)",
                        size / 1000,
                        self.config.max_kilobytes
                    ))
                    .in_file(&job.origin)
                    .help("crop it, or lower [images] quality or the largest of [images] widths"),
                );
            }
            files.push(OutputFile::copied(path, cache.path(&name), job.origin));
        }
        (files, stats)
    }

    /// The URL of a path in the site, escaped where a `srcset` would
    /// misread it (a space or comma in a file name).
    fn url(&self, path: &str) -> String {
        const SRCSET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b',')
            .add(b'"')
            .add(b'\'')
            .add(b'<')
            .add(b'>')
            .add(b'%');
        let path = percent_encoding::utf8_percent_encode(path, SRCSET);
        format!("{}/{path}", self.base_path)
    }
}

fn height_for(probe: &Probe, width: u32) -> u32 {
    ((u64::from(probe.height) * u64::from(width) + u64::from(probe.width) / 2)
        / u64::from(probe.width).max(1))
    .max(1) as u32
}

/// `img/photo.jpg` → (`img/photo`, `jpg`).
fn split_extension(relative: &str) -> (&str, &str) {
    match relative.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => (stem, ext),
        _ => (relative, ""),
    }
}

/// Images praxis publishes as they are: heavy ones are named, and the
/// formats phones write that browsers cannot show.
fn warn_unprocessed(site: &Site, root: &Path, config: &ImagesConfig, diags: &mut Diagnostics) {
    for asset in site.nodes.iter().flat_map(|n| &n.assets) {
        let ext = asset
            .source
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let origin = relative_to(root, &asset.source);
        if matches!(
            ext.as_str(),
            "heic" | "heif" | "tif" | "tiff" | "dng" | "raw"
        ) {
            diags.push(
                Diagnostic::warning(format!(
                    "this .{ext} image is published as it is, and most browsers cannot show it"
                ))
                .in_file(&origin)
                .help("export it as JPEG: praxis then publishes it in every width, without its metadata"),
            );
            continue;
        }
        let image_like = matches!(ext.as_str(), "gif" | "avif" | "bmp" | "svg");
        let size = std::fs::metadata(&asset.source)
            .map(|m| m.len())
            .unwrap_or(0);
        if image_like && size > config.max_kilobytes.saturating_mul(1000) {
            diags.push(
                Diagnostic::warning(format!(
                    "this image is published as it is and weighs {} kB, more than a visitor should \
                     download for one image ({} kB)",
                    size / 1000,
                    config.max_kilobytes
                ))
                .in_file(&origin)
                .help("praxis resizes JPEG, PNG and WebP only: export it in one of those"),
            );
        }
    }
}

/// Photos in the site's `static/` are published byte for byte, EXIF and
/// all: one that tells where it was taken (a phone's GPS position, often
/// the practitioner's home) is worth a warning.
fn warn_static_positions(root: &Path, diags: &mut Diagnostics) {
    let dir = Folder::Static.of(root);
    if !dir.is_dir() {
        return;
    }
    // The walk's own problems are reported with the static files.
    let mut problems = Vec::new();
    for path in crate::site_files::walk(root, &dir, &mut problems) {
        if Kind::of_path(&path).is_none() {
            continue;
        }
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let exif = exif::Reader::new().read_from_container(&mut std::io::BufReader::new(file));
        let located = exif.is_ok_and(|exif| {
            exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
                .is_some()
        });
        if located {
            diags.push(
                Diagnostic::warning(
                    "this photo is published as it is, with the GPS position it was taken at",
                )
                .in_file(relative_to(root, &path))
                .help(
                    "put it beside the page that shows it (praxis then publishes it without its \
                     metadata), or remove its location in a photo editor",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original_and_reach_it_when_asked() {
        let media = |widths: Vec<u32>| Media {
            root: PathBuf::new(),
            theme_dir: None,
            config: ImagesConfig {
                widths,
                ..ImagesConfig::default()
            },
            base_path: String::new(),
            origin: String::new(),
            probes: MediaMemo::default(),
            jobs: Mutex::default(),
            published: Mutex::default(),
            node_stamps: HashMap::new(),
        };
        let m = media(vec![480, 960, 1600]);
        assert_eq!(m.widths_for(4000), [480, 960, 1600]);
        assert_eq!(m.widths_for(1200), [480, 960, 1200]);
        assert_eq!(m.widths_for(960), [480, 960]);
        assert_eq!(m.widths_for(300), [300]);
    }

    #[test]
    fn extensions_split_at_the_last_dot_of_the_name() {
        assert_eq!(split_extension("img/photo.v2.jpg"), ("img/photo.v2", "jpg"));
        assert_eq!(split_extension("a.b/photo"), ("a.b/photo", ""));
    }
}

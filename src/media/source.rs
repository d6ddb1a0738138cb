//! Reading an image: what it is (format, size after orientation, a hash of
//! its bytes) without decoding it, and decoding it with limits.
//!
//! A photo from a phone is 12 megapixels; a file that claims far more is a
//! mistake or a decompression bomb, and is refused before any pixel memory
//! is taken, so that no image can make a build run out of memory.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use xxhash_rust::xxh3::xxh3_128;

use crate::diagnostics::Help;

/// Why an image file cannot be published. It is shown at the file, and is
/// kept (hence `Clone`) with the file's probe until the file changes.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read this image: {0}")]
    Unopened(Arc<std::io::Error>),
    #[error("not a JPEG, PNG or WebP image")]
    NotNamedAsOne,
    #[error("this image file is empty")]
    Empty,
    #[error("this file is not an image: its content is not JPEG, PNG or WebP")]
    NotAnImage,
    #[error("this is a {format} image, which praxis does not resize")]
    Unsupported {
        /// Its usual extension, upper-case: `GIF`.
        format: String,
    },
    #[error("this image is cut short (truncated): its file ends before its pixels do")]
    Truncated,
    #[error(
        "this image is {width} × {height} pixels, more than the {} megapixels praxis decodes",
        MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error(
        "this image says it is {width} × {height} pixels, but its file has only {bytes} bytes, far too few for so many: it is damaged, or made to take the memory of whatever opens it"
    )]
    TooFewBytes { width: u32, height: u32, bytes: u64 },
    #[error(
        "this image is larger than praxis decodes ({MAX_SIDE} pixels a side, {} megapixels): {why}",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { why: Arc<image::ImageError> },
    #[error("this image cannot be read: {0}")]
    Unreadable(Arc<image::ImageError>),
    #[error("cannot encode the image: {0}")]
    Unencodable(Arc<image::ImageError>),
    #[error("cannot add the colour profile to the WebP: {0}")]
    NoColourProfile(Arc<img_parts::Error>),
    /// A praxis built without the `images` feature cannot make its copies.
    #[error(
        "this image is published resized and re-encoded, but this praxis was built without the `images` feature"
    )]
    NotBuiltIn,
}

impl ImageError {
    /// What the practitioner is told (in the desk) this is about: the
    /// photo itself, which she can export again, where it is that.
    pub fn kind(&self) -> Option<crate::diagnostics::Kind> {
        match self {
            ImageError::Empty
            | ImageError::NotAnImage
            | ImageError::Unsupported { .. }
            | ImageError::Truncated
            | ImageError::TooManyPixels { .. }
            | ImageError::TooFewBytes { .. }
            | ImageError::TooLarge { .. }
            | ImageError::Unreadable(_) => Some(crate::diagnostics::Kind::UnusablePhoto),
            // Not the photo: the disk, its name, or this praxis.
            ImageError::Unopened(_)
            | ImageError::NotNamedAsOne
            | ImageError::Unencodable(_)
            | ImageError::NoColourProfile(_)
            | ImageError::NotBuiltIn => None,
        }
    }
}

impl Help for ImageError {
    fn help(&self) -> Option<String> {
        if let ImageError::NotBuiltIn = self {
            return Some(crate::features::Feature::Images.help());
        }
        Some("export it again as JPEG, PNG or WebP from a photo editor, or remove it".into())
    }
}

/// The largest side praxis decodes, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels praxis decodes: four times a phone photo, twice a
/// 50-megapixel camera's.
pub const MAX_PIXELS: u64 = 100_000_000;
/// What a decoder may allocate (an RGBA image of `MAX_PIXELS` is 400 MB).
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Up to this many pixels (16 MB as RGBA) an image is decoded whatever
/// the size of its file.
const SMALL_PIXELS: u64 = 4_000_000;
/// The most pixels one byte of a larger image's file may stand for. A
/// photo has a few per byte, a flat colour saved as JPEG or PNG some
/// hundreds; a file that claims thousands is damaged or made to take
/// memory (a JPEG decoder fills what is missing with grey).
const MAX_PIXELS_PER_BYTE: u64 = 1_000;

/// The formats praxis resizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    /// The kind a file's name says it is.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            "webp" => Some(Kind::WebP),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::WebP => "WebP",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::WebP => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::WebP => "image/webp",
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Png => ImageFormat::Png,
            Kind::WebP => ImageFormat::WebP,
        }
    }

    fn of_format(format: ImageFormat) -> Option<Kind> {
        match format {
            ImageFormat::Jpeg => Some(Kind::Jpeg),
            ImageFormat::Png => Some(Kind::Png),
            ImageFormat::WebP => Some(Kind::WebP),
            _ => None,
        }
    }
}

/// What an image is, read from its header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Probe {
    /// A hash of the file's bytes: what the processed images are cached by.
    pub hash: u128,
    /// What the bytes are (the name may say otherwise: see `named`).
    pub kind: Kind,
    /// What the file's name says it is; the published copies follow the name.
    pub named: Kind,
    /// Width and height as shown, after EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    /// An animated PNG or WebP, of which only the first frame is published.
    pub animated: bool,
}

impl Probe {
    /// A sentence when the name and the content disagree.
    pub fn mislabelled(&self) -> Option<String> {
        (self.kind != self.named).then(|| {
            format!(
                "this file is a {} image named as a {}; its published copies are {} images",
                self.kind.name(),
                self.named.name(),
                self.named.name()
            )
        })
    }
}

/// Reads the header of the image file at `path`, whose name says it is `named`.
pub fn probe(bytes: &[u8], named: Kind) -> Result<Probe, ImageError> {
    let kind = content_kind(bytes)?;
    // The JPEG decoder fills a cut-short image with grey rather than fail.
    if kind == Kind::Jpeg && !has_jpeg_end(bytes) {
        return Err(ImageError::Truncated);
    }
    let mut decoder = decoder(bytes, kind)?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().map_err(describe)?;
    let (width, height) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    Ok(Probe {
        hash: xxh3_128(bytes),
        kind,
        named,
        width,
        height,
        bytes: bytes.len() as u64,
        animated: animated(bytes, kind),
    })
}

/// Whether a PNG or WebP has more than one frame, from its header.
fn animated(bytes: &[u8], kind: Kind) -> bool {
    use image::codecs::{png::PngDecoder, webp::WebPDecoder};
    match kind {
        Kind::Jpeg => false,
        Kind::Png => {
            PngDecoder::new(Cursor::new(bytes)).is_ok_and(|d| d.is_apng().unwrap_or(false))
        }
        Kind::WebP => WebPDecoder::new(Cursor::new(bytes)).is_ok_and(|d| d.has_animation()),
    }
}

/// The image's pixels as shown (EXIF orientation applied), and its colour
/// profile.
pub fn decode(bytes: &[u8]) -> Result<(DynamicImage, Option<Vec<u8>>), ImageError> {
    let kind = content_kind(bytes)?;
    let mut decoder = decoder(bytes, kind)?;
    let icc = decoder.icc_profile().ok().flatten();
    let orientation = decoder.orientation().map_err(describe)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok((image, icc))
}

/// Whether the JPEG's scan data is followed by its end marker. Scan data
/// never holds FF D9 (a data FF is written FF 00), so a file without one
/// after its first scan was cut; what phones append after the end (a
/// Samsung trailer) keeps the marker before it.
fn has_jpeg_end(bytes: &[u8]) -> bool {
    let Some(scan) = bytes.windows(2).position(|w| w == [0xff, 0xda]) else {
        return false;
    };
    bytes[scan..].windows(2).any(|w| w == [0xff, 0xd9])
}

fn content_kind(bytes: &[u8]) -> Result<Kind, ImageError> {
    match image::guess_format(bytes) {
        Ok(format) => Kind::of_format(format).ok_or_else(|| ImageError::Unsupported {
            format: format
                .extensions_str()
                .first()
                .unwrap_or(&"?")
                .to_uppercase(),
        }),
        Err(_) if bytes.is_empty() => Err(ImageError::Empty),
        Err(_) => Err(ImageError::NotAnImage),
    }
}

fn decoder(bytes: &[u8], kind: Kind) -> Result<impl ImageDecoder + '_, ImageError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.image_format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(describe)?;
    let (w, h) = decoder.dimensions();
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS {
        return Err(ImageError::TooManyPixels {
            width: w,
            height: h,
        });
    }
    let size = bytes.len() as u64;
    if pixels > SMALL_PIXELS && pixels > size.saturating_mul(MAX_PIXELS_PER_BYTE) {
        return Err(ImageError::TooFewBytes {
            width: w,
            height: h,
            bytes: size,
        });
    }
    Ok(decoder)
}

fn swaps_sides(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

fn describe(e: image::ImageError) -> ImageError {
    match e {
        image::ImageError::Limits(_) => ImageError::TooLarge { why: Arc::new(e) },
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageError::Truncated
        }
        e => ImageError::Unreadable(Arc::new(e)),
    }
}

//! Writing a processed image: resampled, in JPEG, PNG or WebP, with the
//! colour profile and nothing else of the original's metadata.
//!
//! Nothing is copied over from the original file but pixels and the ICC
//! profile, so EXIF (GPS position, camera serial number, time), XMP and
//! IPTC are gone by construction rather than stripped one by one.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};
use img_parts::{Bytes, ImageICC};

use super::ops::Instructions;
use super::source::ImageError;

pub use super::format::Format;

/// Whether this praxis can make copies of photos: it can (see the twin in
/// `encode_without.rs`), so a photo is read only once it is needed.
pub fn ready() -> Result<(), ImageError> {
    Ok(())
}

/// Crops and resizes `image` as `instructions` say.
pub fn transform(image: &DynamicImage, instructions: &Instructions) -> DynamicImage {
    let cropped = match instructions.crop {
        Some((x, y, w, h)) => image.crop_imm(x, y, w, h),
        None => image.clone(),
    };
    let resized = match instructions.resize {
        Some((w, h)) if (w, h) != (cropped.width(), cropped.height()) => resample(&cropped, w, h),
        _ => cropped,
    };
    match instructions.canvas {
        Some(size) => centred_on_its_edge_colour(&resized, size),
        None => resized,
    }
}

/// `image` in the middle of a canvas of `(width, height)` painted the
/// average colour of the image's edge, so that the image seems to go on:
/// a drawing on a beige wall gets a beige card, a photo on white a white one.
fn centred_on_its_edge_colour(image: &DynamicImage, (width, height): (u32, u32)) -> DynamicImage {
    let pixels = image.to_rgba8();
    let (w, h) = pixels.dimensions();
    let mut sum = [0u64; 4];
    let mut count = 0u64;
    for (x, y, pixel) in pixels.enumerate_pixels() {
        if x == 0 || y == 0 || x + 1 == w || y + 1 == h {
            for (total, channel) in sum.iter_mut().zip(pixel.0) {
                *total += u64::from(channel);
            }
            count += 1;
        }
    }
    let edge = image::Rgba(sum.map(|total| (total / count.max(1)) as u8));
    let mut canvas = image::RgbaImage::from_pixel(width, height, edge);
    let x = i64::from(width.saturating_sub(w) / 2);
    let y = i64::from(height.saturating_sub(h) / 2);
    image::imageops::overlay(&mut canvas, &pixels, x, y);
    let canvas = DynamicImage::ImageRgba8(canvas);
    if image.color().has_alpha() {
        canvas
    } else {
        DynamicImage::ImageRgb8(canvas.to_rgb8())
    }
}

/// Lanczos3, as Zola resamples, with fast_image_resize's SIMD convolution:
/// image's own takes seconds for each width of a phone photo.
///
/// Every copy is encoded from 8-bit pixels ([`encode`]), so those are what
/// is resampled: RGB, or RGBA for an image with transparency (an RGB or
/// RGBA image of 8 bits a channel is read where it is, others converted
/// first). The resizer compiles its convolution for each pixel layout it
/// is handed: given a `DynamicImage`, it compiled all ten, a quarter of
/// praxis's LLVM IR (benches/README.md, "Release builds").
fn resample(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    use fast_image_resize::pixels::{U8x3, U8x4};
    use std::borrow::Cow;
    let resampled = if image.color().has_alpha() {
        let pixels = match image {
            DynamicImage::ImageRgba8(pixels) => Cow::Borrowed(pixels),
            other => Cow::Owned(other.to_rgba8()),
        };
        resample_8_bit::<U8x4>(&pixels, (width, height))
            .and_then(|raw| image::RgbaImage::from_raw(width, height, raw))
            .map(DynamicImage::ImageRgba8)
    } else {
        let pixels = match image {
            DynamicImage::ImageRgb8(pixels) => Cow::Borrowed(pixels),
            other => Cow::Owned(other.to_rgb8()),
        };
        resample_8_bit::<U8x3>(&pixels, (width, height))
            .and_then(|raw| image::RgbImage::from_raw(width, height, raw))
            .map(DynamicImage::ImageRgb8)
    };
    // The resizer refused (it never has): image's own, slower.
    resampled.unwrap_or_else(|| image.resize_exact(width, height, FilterType::Lanczos3))
}

/// `pixels`, 8 bits a channel in the layout of `P`, resampled to
/// `(width, height)`: the bytes of the copy, in the same layout.
fn resample_8_bit<P: fast_image_resize::PixelTrait>(
    pixels: &image::ImageBuffer<impl image::Pixel<Subpixel = u8>, Vec<u8>>,
    (width, height): (u32, u32),
) -> Option<Vec<u8>> {
    use fast_image_resize::images::{TypedImage, TypedImageRef};
    use fast_image_resize::{FilterType as Filter, ResizeAlg, ResizeOptions, Resizer};
    let from =
        TypedImageRef::<P>::from_buffer(pixels.width(), pixels.height(), pixels.as_raw()).ok()?;
    let mut raw = vec![0; width as usize * height as usize * P::size()];
    let mut to = TypedImage::<P>::from_buffer(width, height, &mut raw).ok()?;
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(Filter::Lanczos3));
    Resizer::new().resize_typed(&from, &mut to, &options).ok()?;
    drop(to);
    Some(raw)
}

/// Encodes `image` in `format`, with `icc` as its colour profile.
pub fn encode(
    image: &DynamicImage,
    format: Format,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    let failed = |e: image::ImageError| ImageError::Unencodable(std::sync::Arc::new(e));
    match format {
        Format::Jpeg { quality } => {
            let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
            if let Some(icc) = icc {
                // A profile the encoder refuses costs accurate colour, not the image.
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            // JPEG has no alpha: a transparent PNG named .jpg is flattened.
            encoder
                .encode_image(&DynamicImage::ImageRgb8(image.to_rgb8()))
                .map_err(failed)?;
        }
        Format::Png => {
            let mut encoder = PngEncoder::new(&mut out);
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            let image = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            image.write_with_encoder(encoder).map_err(failed)?;
        }
        Format::WebP { quality } => {
            let (pixels, layout) = if image.color().has_alpha() {
                (image.to_rgba8().into_raw(), webp::PixelLayout::Rgba)
            } else {
                (image.to_rgb8().into_raw(), webp::PixelLayout::Rgb)
            };
            // image's own WebP encoder is lossless only, which makes photos
            // larger than their JPEG; libwebp (as Zola uses) encodes lossy.
            let encoder = webp::Encoder::new(&pixels, layout, image.width(), image.height());
            let memory = match quality {
                Some(q) => encoder.encode(f32::from(q)),
                None => encoder.encode_lossless(),
            };
            out = memory.to_vec();
            if let Some(icc) = icc {
                // libwebp's simple encoder writes no profile: add the ICCP
                // chunk (and the VP8X header it needs) afterwards.
                let mut webp = img_parts::webp::WebP::from_bytes(Bytes::from(out.clone()))
                    .map_err(|e| ImageError::NoColourProfile(std::sync::Arc::new(e)))?;
                webp.set_icc_profile(Some(Bytes::copy_from_slice(icc)));
                out = webp.encoder().bytes().to_vec();
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::source;

    fn photo() -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 48, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 5) as u8, 128])
        }))
    }

    /// A made-up but well-formed profile header is enough: encoders carry
    /// the bytes, they do not interpret them.
    fn profile() -> Vec<u8> {
        let mut icc = vec![0u8; 132];
        icc[..4].copy_from_slice(&132u32.to_be_bytes());
        icc[36..40].copy_from_slice(b"acsp");
        icc
    }

    #[test]
    fn every_format_keeps_the_colour_profile() {
        let icc = profile();
        for format in [
            Format::Jpeg { quality: 80 },
            Format::Png,
            Format::WebP { quality: Some(80) },
            Format::WebP { quality: None },
        ] {
            let bytes = encode(&photo(), format, Some(&icc)).unwrap();
            let (decoded, kept) = source::decode(&bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (64, 48), "{format:?}");
            assert_eq!(
                kept.as_deref(),
                Some(&icc[..]),
                "{format:?} lost the profile"
            );
        }
    }

    #[test]
    fn resampling_keeps_colours_in_place_in_every_pixel_layout() {
        let half = |x: u32| if x < 32 { 250u8 } else { 10 };
        let rgb = DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 48, |x, _| {
            image::Rgb([half(x), 0, 255 - half(x)])
        }));
        let rgba = DynamicImage::ImageRgba8(rgb.to_rgba8());
        let float = DynamicImage::ImageRgb32F(rgb.to_rgb32f());
        for image in [rgb, rgba, float] {
            let resampled = resample(&image, 16, 12);
            assert_eq!(resampled.color().has_alpha(), image.color().has_alpha());
            let small = resampled.to_rgb8();
            assert_eq!(small.dimensions(), (16, 12));
            assert!(small.get_pixel(2, 6)[0] > 200 && small.get_pixel(13, 6)[2] > 200);
        }
    }

    #[test]
    fn a_transparent_edge_keeps_its_colour_when_resampled() {
        // White beside transparent black: where they blend, the copy is
        // white and partly transparent, never a grey fringe.
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(64, 48, |x, _| {
            if x < 32 {
                image::Rgba([255, 255, 255, 255])
            } else {
                image::Rgba([0, 0, 0, 0])
            }
        }));
        let small = resample(&image, 16, 12).to_rgba8();
        let edge: Vec<_> = (0..16).map(|x| *small.get_pixel(x, 6)).collect();
        assert!(edge.iter().any(|p| p[3] > 0 && p[3] < 255), "{edge:?}");
        for pixel in edge.iter().filter(|p| p[3] > 0) {
            assert!(pixel[0] >= 250, "{edge:?}");
        }
    }

    #[test]
    fn lossy_webp_is_smaller_than_lossless() {
        // Sensor noise over a gradient, as in a photo: lossless cannot squeeze it.
        let mut seed = 0x2545_f491u32;
        let noisy = DynamicImage::ImageRgb8(image::RgbImage::from_fn(200, 150, |x, _| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let n = (seed % 24) as u8;
            image::Rgb([x as u8 + n, 100 + n, 60 + n / 2])
        }));
        let lossy = encode(&noisy, Format::WebP { quality: Some(80) }, None).unwrap();
        let lossless = encode(&noisy, Format::WebP { quality: None }, None).unwrap();
        assert!(
            lossy.len() < lossless.len(),
            "{} ≥ {}",
            lossy.len(),
            lossless.len()
        );
    }

    #[test]
    fn a_transparent_image_is_flattened_for_jpeg_and_kept_for_webp_and_png() {
        let clear = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            8,
            8,
            image::Rgba([0, 0, 0, 0]),
        ));
        let jpeg = encode(&clear, Format::Jpeg { quality: 80 }, None).unwrap();
        assert!(!source::decode(&jpeg).unwrap().0.color().has_alpha());
        for format in [Format::Png, Format::WebP { quality: Some(80) }] {
            let bytes = encode(&clear, format, None).unwrap();
            assert!(
                source::decode(&bytes).unwrap().0.color().has_alpha(),
                "{format:?}"
            );
        }
    }
}

//! Writing a processed image, in a praxis built without the `images`
//! feature (so without libwebp and the SIMD resampler): the same public
//! items as `encode.rs`, which `media/mod.rs` puts in its place.
//!
//! Every photo is published as copies made from it, never as it is (that
//! is what keeps its GPS position at home), so there is no lesser way to
//! publish one: each copy to make is [`ImageError::NotBuiltIn`], shown at
//! the photo. A copy already in the image cache (made by a full praxis) is
//! published from there as usual.

use image::DynamicImage;

pub use super::format::Format;
use super::ops::Instructions;
use super::source::ImageError;

/// It cannot: said before the photo is read, so a photo that is also
/// damaged is told what this praxis lacks, not what the photo does.
pub fn ready() -> Result<(), ImageError> {
    Err(ImageError::NotBuiltIn)
}

/// Nothing is cropped or resized: [`encode`] refuses the result anyway.
pub fn transform(image: &DynamicImage, _instructions: &Instructions) -> DynamicImage {
    image.clone()
}

/// The error that says this praxis cannot encode images.
pub fn encode(
    _image: &DynamicImage,
    _format: Format,
    _icc: Option<&[u8]>,
) -> Result<Vec<u8>, ImageError> {
    Err(ImageError::NotBuiltIn)
}

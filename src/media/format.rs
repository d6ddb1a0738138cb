//! The formats praxis writes images in: shared by the encoder and by its
//! twin in a praxis built without the `images` feature
//! (`encode_without.rs`), and by the plans that name the files.

use super::source::Kind;

/// A processed image's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Format {
    Jpeg {
        quality: u8,
    },
    Png,
    /// `None` is lossless.
    WebP {
        quality: Option<u8>,
    },
}

impl Format {
    pub fn kind(self) -> Kind {
        match self {
            Format::Jpeg { .. } => Kind::Jpeg,
            Format::Png => Kind::Png,
            Format::WebP { .. } => Kind::WebP,
        }
    }

    /// The format of `kind` at `quality` (PNG is lossless).
    pub fn of_kind(kind: Kind, quality: u8) -> Format {
        match kind {
            Kind::Jpeg => Format::Jpeg { quality },
            Kind::Png => Format::Png,
            Kind::WebP => Format::WebP {
                quality: Some(quality),
            },
        }
    }
}

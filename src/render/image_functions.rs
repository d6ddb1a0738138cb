//! The template functions over images: `resize_image` (Zola's) and
//! `image_set` (every width of one image, for `srcset`).
//!
//! Both plan files while a page renders. The render cache reuses a page
//! without rendering it when nothing it was made from changed; so each call
//! is recorded as a lookup, and checking that lookup ([`Media::replay`])
//! plans the same files again — a page taken from the cache still
//! publishes its images.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::cache::{Lookup, fingerprint, record_lookup};
use crate::media::{Media, ResizeOperation, ThemeImageError};

#[derive(Serialize, Deserialize)]
struct ResizeArgs {
    path: String,
    width: Option<u32>,
    height: Option<u32>,
    op: String,
    format: String,
    quality: Option<u8>,
}

const RESIZE: &str = "resize_image";
const IMAGE_SET: &str = "image_set";

pub fn register(tera: &mut Tera, media: &Arc<Media>) {
    let m = Arc::clone(media);
    tera.register_function(
        RESIZE,
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let args = ResizeArgs {
                path: kwargs.must_get::<&str>("path")?.to_owned(),
                width: kwargs.get::<u32>("width")?,
                height: kwargs.get::<u32>("height")?,
                op: kwargs.get::<&str>("op")?.unwrap_or("fill").to_owned(),
                format: kwargs.get::<&str>("format")?.unwrap_or("auto").to_owned(),
                quality: kwargs.get::<u8>("quality")?,
            };
            let key = serde_json::to_string(&args).unwrap_or_default();
            let result = resize(&m, &args);
            record(RESIZE, key, result.as_ref().ok());
            result.map_err(|why| tera::Error::message(why.to_string()))
        },
    );
    let m = Arc::clone(media);
    tera.register_function(
        IMAGE_SET,
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path = kwargs.must_get::<&str>("path")?.to_owned();
            let result = m
                .theme_image_set(&path)
                .map(|s| Value::from_serializable(&s));
            record(IMAGE_SET, path, result.as_ref().ok());
            result.map_err(|why| tera::Error::message(why.to_string()))
        },
    );
}

fn resize(media: &Media, args: &ResizeArgs) -> Result<Value, ThemeImageError> {
    let op = ResizeOperation::from_args(&args.op, args.width, args.height)?;
    media
        .resize(&args.path, op, &args.format, args.quality)
        .map(|r| Value::from_serializable(&r))
}

fn record(function: &'static str, key: String, result: Option<&Value>) {
    record_lookup(Lookup {
        function,
        key,
        lang: String::new(),
        result: result.map(fingerprint),
    });
}

impl Media {
    /// What an image lookup a cached page made returns now, planning its
    /// files again; `None` for other lookups.
    pub fn replay(&self, lookup: &Lookup) -> Option<Option<u64>> {
        let value = match lookup.function {
            RESIZE => serde_json::from_str::<ResizeArgs>(&lookup.key)
                .ok()
                .and_then(|args| resize(self, &args).ok()),
            IMAGE_SET => self
                .theme_image_set(&lookup.key)
                .ok()
                .map(|s| Value::from_serializable(&s)),
            _ => return None,
        };
        Some(value.as_ref().map(fingerprint))
    }
}

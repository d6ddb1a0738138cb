//! `resize_image`'s operations, with Zola's names and arithmetic, so that a
//! theme written for Zola asks for the same pixels here.

/// What `resize_image(op=…)` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResizeOperation {
    /// Exactly `width × height`, whatever the aspect ratio.
    Scale(u32, u32),
    /// `width` wide, the height following the aspect ratio.
    FitWidth(u32),
    /// `height` high, the width following the aspect ratio.
    FitHeight(u32),
    /// Within `width × height`, keeping the aspect ratio; never enlarged.
    Fit(u32, u32),
    /// Exactly `width × height`, cropped around the centre to fill it.
    Fill(u32, u32),
    /// Exactly `width × height`, the whole image fitted inside (as `Fit`)
    /// and centred on its own edge colour: a card that must have one size
    /// (a share image) and must not cut what the image shows. Not Zola's.
    Pad(u32, u32),
}

/// Why `resize_image`'s `op`, `width` and `height` name no operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperationError {
    #[error("resize_image: `{argument}` must be at least 1")]
    Zero { argument: &'static str },
    #[error("resize_image: op=\"{op}\" needs a `{argument}` argument")]
    Missing { op: String, argument: &'static str },
    #[error(
        "resize_image: `{op}` is not an operation; use scale, fit_width, fit_height, fit, fill or pad"
    )]
    Unknown { op: String },
}

impl ResizeOperation {
    pub fn from_args(
        op: &str,
        width: Option<u32>,
        height: Option<u32>,
    ) -> Result<Self, OperationError> {
        let positive = |argument: &'static str, v: Option<u32>| match v {
            Some(0) => Err(OperationError::Zero { argument }),
            Some(v) => Ok(v),
            None => Err(OperationError::Missing {
                op: op.to_owned(),
                argument,
            }),
        };
        Ok(match op {
            "scale" => Self::Scale(positive("width", width)?, positive("height", height)?),
            "fit_width" => Self::FitWidth(positive("width", width)?),
            "fit_height" => Self::FitHeight(positive("height", height)?),
            "fit" => Self::Fit(positive("width", width)?, positive("height", height)?),
            "fill" => Self::Fill(positive("width", width)?, positive("height", height)?),
            "pad" => Self::Pad(positive("width", width)?, positive("height", height)?),
            other => {
                return Err(OperationError::Unknown {
                    op: other.to_owned(),
                });
            }
        })
    }
}

/// A crop (x, y, width, height), then a resize (width, height), then the
/// result centred on a canvas (width, height) of its edge colour; any may
/// be absent.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Instructions {
    pub crop: Option<(u32, u32, u32, u32)>,
    pub resize: Option<(u32, u32)>,
    pub canvas: Option<(u32, u32)>,
}

impl std::fmt::Debug for Instructions {
    /// The processed files' cache names are made from this: `canvas` is
    /// left out where there is none, so that the names of the images made
    /// before it existed stay what they were.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Instructions");
        d.field("crop", &self.crop).field("resize", &self.resize);
        if let Some(canvas) = &self.canvas {
            d.field("canvas", canvas);
        }
        d.finish()
    }
}

impl Instructions {
    /// What `op` does to an image of `(width, height)` (after orientation).
    pub fn new(op: ResizeOperation, (orig_w, orig_h): (u32, u32)) -> Instructions {
        let none = Instructions::default();
        let resize = |w: u32, h: u32| Instructions {
            resize: Some((w.max(1), h.max(1))),
            ..none
        };
        match op {
            ResizeOperation::Scale(w, h) => resize(w, h),
            ResizeOperation::FitWidth(w) => resize(
                w,
                (u64::from(orig_h) * u64::from(w) / u64::from(orig_w)) as u32,
            ),
            ResizeOperation::FitHeight(h) => resize(
                (u64::from(orig_w) * u64::from(h) / u64::from(orig_h)) as u32,
                h,
            ),
            ResizeOperation::Fit(w, h) => {
                if orig_w <= w && orig_h <= h {
                    return none;
                }
                if u64::from(orig_w) * u64::from(h) > u64::from(orig_h) * u64::from(w) {
                    Self::new(ResizeOperation::FitWidth(w), (orig_w, orig_h))
                } else {
                    Self::new(ResizeOperation::FitHeight(h), (orig_w, orig_h))
                }
            }
            ResizeOperation::Fill(w, h) => {
                // Zola's rule: aspect ratios this close are scaled, not cropped.
                const RATIO_EPSILON: f32 = 0.1;
                let factor_w = orig_w as f32 / w as f32;
                let factor_h = orig_h as f32 / h as f32;
                if (factor_w - factor_h).abs() <= RATIO_EPSILON {
                    return resize(w, h);
                }
                // Cropping first leaves fewer pixels to resample.
                let (crop_w, crop_h) = if factor_w < factor_h {
                    (orig_w, ((factor_w * h as f32).round() as u32).min(orig_h))
                } else {
                    (((factor_h * w as f32).round() as u32).min(orig_w), orig_h)
                };
                Instructions {
                    crop: Some(((orig_w - crop_w) / 2, (orig_h - crop_h) / 2, crop_w, crop_h)),
                    resize: Some((w, h)),
                    canvas: None,
                }
            }
            ResizeOperation::Pad(w, h) => Instructions {
                canvas: Some((w, h)),
                ..Self::new(ResizeOperation::Fit(w, h), (orig_w, orig_h))
            },
        }
    }

    /// The size of the result.
    pub fn size(&self, original: (u32, u32)) -> (u32, u32) {
        self.canvas
            .or(self.resize)
            .or(self.crop.map(|(_, _, w, h)| (w, h)))
            .unwrap_or(original)
    }
}

#[cfg(test)]
mod tests {
    use super::ResizeOperation::*;
    use super::*;

    #[test]
    fn pad_fits_the_whole_image_inside_and_is_the_size_asked() {
        let portrait = (960, 1200);
        let card = Instructions::new(Pad(1200, 630), portrait);
        assert_eq!(card.crop, None, "nothing is cut");
        assert_eq!(card.resize, Some((504, 630)));
        assert_eq!(card.size(portrait), (1200, 630));
        // A small image is centred as it is, never enlarged.
        let small = Instructions::new(Pad(1200, 630), (300, 200));
        assert_eq!(small.resize, None);
        assert_eq!(small.size((300, 200)), (1200, 630));
        // No canvas, no change in the name of the copies made before.
        assert_eq!(
            format!("{:?}", Instructions::new(Fill(300, 300), (4000, 3000))),
            "Instructions { crop: Some((500, 0, 3000, 3000)), resize: Some((300, 300)) }"
        );
    }

    #[test]
    fn each_operation_gives_zolas_size() {
        let photo = (4000, 3000);
        let size = |op| Instructions::new(op, photo).size(photo);
        assert_eq!(size(Scale(100, 100)), (100, 100));
        assert_eq!(size(FitWidth(800)), (800, 600));
        assert_eq!(size(FitHeight(600)), (800, 600));
        assert_eq!(size(Fit(800, 800)), (800, 600));
        assert_eq!(size(Fit(5000, 5000)), (4000, 3000), "fit never enlarges");
        assert_eq!(size(Fill(300, 300)), (300, 300));
    }

    #[test]
    fn fill_crops_the_centre_of_the_long_side() {
        let i = Instructions::new(Fill(300, 300), (4000, 3000));
        assert_eq!(i.crop, Some((500, 0, 3000, 3000)));
        let nearly = Instructions::new(Fill(400, 301), (4000, 3000));
        assert_eq!(nearly.crop, None, "close ratios are scaled, as Zola does");
    }

    #[test]
    fn a_missing_or_unknown_argument_is_named() {
        assert!(
            ResizeOperation::from_args("fill", Some(10), None)
                .unwrap_err()
                .to_string()
                .contains("height")
        );
        assert!(
            ResizeOperation::from_args("crop", Some(1), Some(1))
                .unwrap_err()
                .to_string()
                .contains("crop")
        );
        assert!(ResizeOperation::from_args("fit_width", Some(0), None).is_err());
        assert_eq!(
            ResizeOperation::from_args("fill", Some(10), None),
            Err(OperationError::Missing {
                op: "fill".into(),
                argument: "height"
            })
        );
        assert_eq!(
            ResizeOperation::from_args("fit_height", None, Some(5)),
            Ok(FitHeight(5))
        );
    }
}

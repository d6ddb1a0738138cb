//! `[images]` in site.toml: the widths and quality images beside a page are
//! published in.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The largest width `[images] widths` may ask for: beyond it no screen
/// gains anything, and the encoders' memory grows with the square.
const MAX_WIDTH: u32 = 8192;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    /// The widths, in pixels, each image is published in (never wider than
    /// the original).
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1–100.
    pub quality: u8,
    /// The `sizes` attribute of images in Markdown: how wide the image is
    /// shown, for the browser to choose a width.
    pub sizes: String,
    /// `check` warns about a published image larger than this, in kilobytes.
    pub max_kilobytes: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: vec![480, 960, 1600],
            quality: 80,
            // The theme's text column is at most 40rem wide.
            sizes: "(min-width: 42rem) 40rem, 100vw".to_owned(),
            max_kilobytes: 1000,
        }
    }
}

impl ImagesConfig {
    /// The widths in increasing order, without repeats.
    pub fn sorted_widths(&self) -> Vec<u32> {
        let mut widths = self.widths.clone();
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    /// What is wrong with the table, located in site.toml's `source`.
    pub fn problems(&self, source: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let at = |message: String, help: &str| {
            let offset = source.find("[images]").unwrap_or(0);
            Diagnostic::error(message)
                .in_file(super::CONFIG_FILE)
                .at_offset(source, offset, 1)
                .help(help.to_owned())
        };
        if self.widths.is_empty() {
            problems.push(at(
                "[images] widths is empty".to_owned(),
                "list the widths to publish, like widths = [480, 960, 1600]",
            ));
        }
        if let Some(w) = self.widths.iter().find(|&&w| w == 0 || w > MAX_WIDTH) {
            problems.push(at(
                format!("[images] widths: {w} is not a width between 1 and {MAX_WIDTH} pixels"),
                "list widths in pixels, like widths = [480, 960, 1600]",
            ));
        }
        if !(1..=100).contains(&self.quality) {
            problems.push(at(
                format!("[images] quality {} is not between 1 and 100", self.quality),
                "80 keeps photos sharp at a third of their size",
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_sorted_and_unique() {
        let config = ImagesConfig {
            widths: vec![960, 480, 960],
            ..ImagesConfig::default()
        };
        assert_eq!(config.sorted_widths(), [480, 960]);
    }

    #[test]
    fn an_empty_zero_or_huge_width_and_a_bad_quality_are_refused() {
        let source = "base_url = \"x\"\n[images]\nwidths = []\n";
        let empty = ImagesConfig {
            widths: vec![],
            ..ImagesConfig::default()
        };
        let problems = empty.problems(source);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        for widths in [vec![0], vec![100_000]] {
            let bad = ImagesConfig {
                widths,
                ..ImagesConfig::default()
            };
            assert_eq!(bad.problems(source).len(), 1);
        }
        let quality = ImagesConfig {
            quality: 0,
            ..ImagesConfig::default()
        };
        assert_eq!(quality.problems(source).len(), 1);
        assert!(ImagesConfig::default().problems(source).is_empty());
    }
}

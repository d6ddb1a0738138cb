//! The HTML of an image in Markdown: a `<picture>` whose WebP source and
//! `<img>` list every width, with the size it will have (no layout shift
//! while it loads) and lazy loading for all but the page's first image,
//! which is often what a visitor sees first.

use super::ImageSet;
use crate::html::escape_html;

pub fn picture(set: &ImageSet, alt: &str, title: &str, sizes: &str, lazy: bool) -> String {
    let mut html = String::from("<picture>");
    let sizes = escape_html(sizes);
    if !set.webp_srcset.is_empty() {
        html.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
            escape_html(&set.webp_srcset)
        ));
    }
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        escape_html(&set.src),
        escape_html(&set.srcset),
        set.width,
        set.height,
        escape_html(alt)
    ));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    if lazy {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str(" decoding=\"async\"></picture>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(webp: &str) -> ImageSet {
        ImageSet {
            src: "/nl/a/foto.jpg".into(),
            width: 960,
            height: 720,
            srcset: "/nl/a/foto-480w.jpg 480w, /nl/a/foto-960w.jpg 960w".into(),
            webp_srcset: webp.into(),
            mime: "image/jpeg",
        }
    }

    #[test]
    fn the_first_image_loads_at_once_and_later_ones_lazily() {
        let first = picture(
            &set("/nl/a/foto-480w.webp 480w"),
            "Een \"stoel\"",
            "",
            "100vw",
            false,
        );
        assert!(first.starts_with("<picture><source type=\"image/webp\" srcset=\"/nl/a/foto-480w.webp 480w\" sizes=\"100vw\">"));
        assert!(first.contains("width=\"960\" height=\"720\" alt=\"Een &quot;stoel&quot;\""));
        assert!(!first.contains("loading"));
        let later = picture(&set(""), "x", "Titel", "100vw", true);
        assert!(
            !later.contains("<source"),
            "a WebP original needs no WebP source"
        );
        assert!(later.contains(" title=\"Titel\" loading=\"lazy\""));
    }
}

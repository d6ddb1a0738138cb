//! The layout WordPress gave a page, kept where the theme can show it:
//! an image aligned left, right or centre without a figure (the classic
//! editor's `<img class="alignright">`), a cover block (an image with text
//! on it) and the block editor's columns.
//!
//! Each becomes a small HTML frame with Markdown inside (blank lines end
//! the HTML blocks, so the images inside still go through praxis's image
//! pipeline), in the classes the default theme styles: `align-right`,
//! `cover`, `columns columns-N` (one column on a phone).

use super::{Handle, NodeData, Writer, attr, children, is_block, name, paragraphs};

/// The alignments WordPress writes as a class (`alignright`…) and the
/// theme styles, from a `class` attribute.
pub(super) fn align_of(class: &str) -> Option<&str> {
    class
        .split_whitespace()
        .find_map(|c| c.strip_prefix("align"))
        .filter(|a| matches!(*a, "left" | "right" | "center" | "wide" | "full"))
}

/// Whether `node` has the class `class`.
pub(super) fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// An image the classic editor aligned (`<img class="alignright">`, or
/// such an image alone in a link): its alignment, else `None`.
pub(super) fn aligned_image(node: &Handle) -> Option<&'static str> {
    let image = match name(node)? {
        "img" => node.clone(),
        "a" => {
            let mut elements = children(node).into_iter().filter(|c| match &c.data {
                NodeData::Text { contents } => !contents.borrow().trim().is_empty(),
                NodeData::Element { .. } => true,
                _ => false,
            });
            let only = elements.next()?;
            if elements.next().is_some() || name(&only) != Some("img") {
                return None;
            }
            only
        }
        _ => return None,
    };
    let class = attr(&image, "class")?;
    // Wide and full mean nothing to an image in a line of text.
    match align_of(&class)? {
        "left" => Some("left"),
        "right" => Some("right"),
        "center" => Some("center"),
        _ => None,
    }
}

impl Writer<'_> {
    /// An aligned image as a figure of its own: a float (left, right)
    /// goes before the text it floated in, which the theme flows around
    /// it as WordPress did; a centred one stands between the text before
    /// and after it (`inline` holds the text before, made a paragraph).
    pub(super) fn aligned_figure(
        &mut self,
        node: &Handle,
        align: &str,
        inline: &mut String,
        out: &mut Vec<String>,
    ) {
        let mut image = String::new();
        self.inline(node, &mut image);
        if image.trim().is_empty() {
            return;
        }
        if align == "center" {
            out.extend(paragraphs(&std::mem::take(inline)));
        }
        out.push(format!(
            "<figure class=\"align-{align}\">\n\n{}\n\n</figure>",
            image.trim()
        ));
    }

    /// A cover block (`wp-block-cover`): its background image, from its
    /// `<img>` (the block editor since 2021) or its inline style
    /// (`background-image:url(…)`, before), with its text beneath as the
    /// figure's caption.
    pub(super) fn cover(&mut self, node: &Handle) -> Vec<String> {
        let mut image = String::new();
        let mut text = Vec::new();
        for child in children(node) {
            let background = name(&child) == Some("img")
                || (name(&child) == Some("span")
                    && super::has_descendant(&child, &|n| name(n) == Some("img")));
            if background && image.is_empty() {
                self.inline(&child, &mut image);
            } else if name(&child) == Some("span") {
                // The dimming overlay (`wp-block-cover__background`).
            } else if is_block(&child) {
                text.extend(self.block(&child));
            } else {
                let mut s = String::new();
                self.inline(&child, &mut s);
                text.extend(paragraphs(&s));
            }
        }
        if image.is_empty()
            && let Some(url) = attr(node, "style").as_deref().and_then(background_url)
        {
            self.inline_image(&url, "", &mut image);
        }
        text.retain(|b| !b.trim().is_empty());
        match (image.trim().is_empty(), text.is_empty()) {
            (true, true) => vec![],
            (true, false) => text,
            (false, true) => vec![format!(
                "<figure class=\"cover\">\n\n{}\n\n</figure>",
                image.trim()
            )],
            (false, false) => vec![format!(
                "<figure class=\"cover\">\n\n{}\n\n<figcaption>\n\n{}\n\n</figcaption>\n</figure>",
                image.trim(),
                text.join("\n\n")
            )],
        }
    }

    /// The block editor's columns (`wp-block-columns`): side by side on a
    /// wide screen, one under the other on a phone (the theme's rule); an
    /// empty column is left out.
    pub(super) fn columns(&mut self, node: &Handle) -> Vec<String> {
        let mut columns: Vec<String> = Vec::new();
        for child in children(node) {
            if name(&child).is_none() {
                continue;
            }
            let blocks = if has_class(&child, "wp-block-column") {
                self.blocks(&child)
            } else {
                self.block(&child)
            };
            if !blocks.is_empty() {
                columns.push(format!(
                    "<div class=\"column\">\n\n{}\n\n</div>",
                    blocks.join("\n\n")
                ));
            }
        }
        match columns.len() {
            0 => vec![],
            1 => columns,
            n => vec![format!(
                "<div class=\"columns columns-{}\">\n\n{}\n\n</div>",
                n.min(6),
                columns.join("\n\n")
            )],
        }
    }
}

/// The URL of `background-image:url(…)` in an inline style.
fn background_url(style: &str) -> Option<String> {
    let at = style.find("url(")? + 4;
    let rest = &style[at..];
    let url = rest[..rest.find(')')?]
        .trim()
        .trim_matches(['"', '\''])
        .trim();
    (!url.is_empty()).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_url_is_read_from_its_style() {
        assert_eq!(
            background_url("background-image:url(https://a.example/z.jpg);min-height:430px")
                .as_deref(),
            Some("https://a.example/z.jpg")
        );
        assert_eq!(
            background_url("background-image: url( 'z.jpg' )").as_deref(),
            Some("z.jpg")
        );
        assert_eq!(background_url("color:red"), None);
        assert_eq!(align_of("wp-image-3 alignright size-full"), Some("right"));
        assert_eq!(align_of("alignnone"), None);
    }
}

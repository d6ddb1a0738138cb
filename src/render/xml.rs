//! Escaping for the XML files the render step writes (feeds, sitemap).

/// Appends `text` to `out`, escaped for XML content and attribute values:
/// one `push_str` for a run without any of the five characters, which is
/// most text (the sitemap writes 20 000 URLs so after an edit).
pub(super) fn push_xml(out: &mut String, text: &str) {
    let mut rest = text;
    // All five are ASCII, so a byte found is a character boundary.
    let next = |text: &str| {
        let bytes = text.as_bytes();
        match (
            memchr::memchr3(b'&', b'<', b'>', bytes),
            memchr::memchr2(b'"', b'\'', bytes),
        ) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Escapes text for XML content and attribute values.
pub(super) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn xml_escapes_the_five_and_keeps_everything_else() {
        assert_eq!(
            xml_escape("Tom & Jerry's <\"café\"> ok"),
            "Tom &amp; Jerry&apos;s &lt;&quot;café&quot;&gt; ok"
        );
        assert_eq!(xml_escape(""), "");
        assert_eq!(xml_escape("/nl/artikels/stilte/"), "/nl/artikels/stilte/");
    }
}

//! A photo added to a page from the desk: stored beside the page under a
//! safe name, and shown in each language's text with that language's
//! description (alt text) — which she must give in every language, since
//! a photo without one says nothing to a reader who cannot see it. From
//! there it goes through the image pipeline like any photo (sizes, WebP,
//! no EXIF or GPS).
//!
//! Refused with a word in her language, and nothing stored: what is not a
//! JPEG, PNG or WebP by its bytes (whatever its name says), a file over
//! [`MAX_BYTES`], a page that does not exist.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;

use super::save::{self, Saved, version_of};
use super::visit::Visit;
use super::{encode, file_of, redirect, text};

/// The largest photo taken: a phone's full-size JPEG fits with room.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;

/// What a photo's first bytes say it is: its file extension.
fn kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("webp"),
        _ => None,
    }
}

/// A name for `original` in `folder` that nothing has yet: its stem as a
/// slug (accents folded, no path), the extension its bytes call for.
fn safe_name(folder: &Path, original: &str, extension: &str) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or(original);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let stem = crate::slugs::slugify(stem);
    let stem = if stem.is_empty() {
        "foto".to_owned()
    } else {
        stem
    };
    let mut name = format!("{stem}.{extension}");
    let mut n = 1;
    while folder.join(&name).exists() {
        n += 1;
        name = format!("{stem}-{n}.{extension}");
    }
    name
}

pub async fn upload(visit: Visit, mut form: Multipart) -> Response {
    // Who may: first from the headers (before the body is read), then
    // from the token among the fields.
    let desk = Arc::clone(&visit.desk);
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut photo: Option<(String, Vec<u8>)> = None;
    let mut too_big = false;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                too_big = true;
                break;
            }
            Err(_) => break,
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "photo" {
            let original = field.file_name().unwrap_or_default().to_owned();
            match field.bytes().await {
                Ok(bytes) if bytes.len() <= MAX_BYTES => photo = Some((original, bytes.to_vec())),
                Ok(_) => too_big = true,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => too_big = true,
                Err(_) => {}
            }
        } else if let Ok(value) = field.text().await {
            fields.insert(name, value);
        }
    }
    let token = fields.get("token").map_or("", String::as_str);
    if let Err(refusal) = visit.allows_change(token) {
        return refusal;
    }
    let words = visit.words;
    let key = fields.get("p").cloned().unwrap_or_default();
    let site = Arc::clone(&visit.site);
    if site.node(&key).is_none() {
        return text(StatusCode::NOT_FOUND, words.get("not-found"));
    }
    let back =
        |problem: &str| redirect(&format!("/_praxis/page?p={}&photo={problem}", encode(&key)));
    if too_big {
        return back("too-big");
    }
    let Some((original, bytes)) = photo.filter(|(_, b)| !b.is_empty()) else {
        return back("none");
    };
    let Some(extension) = kind(&bytes) else {
        return back("not-a-photo");
    };
    // A photo whose header is right but whose rest is not would stop the
    // build: it is decoded whole first.
    let (decoded, bytes) =
        tokio::task::spawn_blocking(move || (image::load_from_memory(&bytes).is_ok(), bytes))
            .await
            .unwrap_or((false, Vec::new()));
    if !decoded {
        return back("not-a-photo");
    }
    // Every language the page has gets the photo, with its own alt text.
    let mut versions: Vec<(String, PathBuf, String)> = Vec::new();
    for language in &site.config.languages {
        let file = file_of(&site, &key, &language.code);
        if super::is_linked(desk.root(), &file) {
            return back("failed");
        }
        let Ok(current) = std::fs::read_to_string(desk.root().join(&file)) else {
            continue;
        };
        let alt = fields
            .get(&format!("alt.{}", language.code))
            .map(|a| a.trim().to_owned())
            .unwrap_or_default();
        if alt.is_empty() {
            return back("no-alt");
        }
        versions.push((alt, file, current));
    }
    let Some((_, first, _)) = versions.first() else {
        return back("none");
    };
    let folder = desk.root().join(first.parent().unwrap_or(Path::new("")));
    let name = safe_name(&folder, &original, extension);
    if save::write_atomically(&folder.join(&name), &bytes).is_err() {
        return back("failed");
    }
    for (alt, file, current) in versions {
        let alt = markdown_text(&alt);
        let ending = if current.ends_with('\n') { "" } else { "\n" };
        let text = format!("{current}{ending}\n![{alt}]({name})\n");
        match save::save(desk.root(), &file, &text, Some(&version_of(&current))) {
            Ok(Saved::Written) => {}
            Ok(Saved::Conflict { .. }) | Err(_) => return back("failed"),
        }
    }
    redirect(&format!(
        "/_praxis/page?p={}&done=photo-added",
        encode(&key)
    ))
}

/// `text` as Markdown shows it as it is: on one line, and with every
/// character Markdown would take as markup or HTML escaped (`]` would end
/// an image's description, `<` start a tag).
fn markdown_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text
        .split(['\n', '\r'])
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(
            c,
            '\\' | '[' | ']' | '<' | '>' | '`' | '*' | '_' | '!' | '&'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_known_by_its_bytes_not_its_name() {
        assert_eq!(kind(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("jpg"));
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(kind(b"%PDF-1.7"), None);
        assert_eq!(kind(b"<svg xmlns="), None);
    }

    #[test]
    fn an_alt_text_is_shown_as_written_never_as_markup() {
        let alt = markdown_text("Zee <img src=x onerror=alert(1)>\\");
        let mut html = String::new();
        let markdown = format!("![{alt}](zee.jpg)");
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&markdown));
        assert!(
            html.contains("alt=\"Zee &lt;img src=x onerror=alert(1)&gt;\\\""),
            "{html}"
        );
        assert!(!html.contains("<img src=x"), "{html}");
    }

    #[test]
    fn a_photo_gets_a_safe_name_of_its_own() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(
            safe_name(folder.path(), "../../Zee bij Oostende.JPG", "jpg"),
            "zee-bij-oostende.jpg"
        );
        std::fs::write(folder.path().join("zee-bij-oostende.jpg"), "").unwrap();
        assert_eq!(
            safe_name(folder.path(), "Zee bij Oostende.jpeg", "jpg"),
            "zee-bij-oostende-2.jpg"
        );
        assert_eq!(
            safe_name(folder.path(), "C:\\foto's\\.png", "png"),
            "foto.png"
        );
    }
}

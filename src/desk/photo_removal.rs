//! The photos beside a page, and taking one away: listed in the editor,
//! each with a button that first only asks (a POST without `confirm` is
//! answered with the question, and where the page's text still shows the
//! photo), then moves the file into the page's history
//! (`.praxis/history/`), from where it can be put back. Nothing is deleted.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::save::{HISTORY_DIR, write_atomically};
use super::visit::{Change, Tokened, Visit};
use super::{encode, file_of, page_html, redirect, text, with_status};
use crate::html::escape_html as esc;

/// The extensions of the photos a page may have.
const PHOTOS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// The folder of node `key`, relative to the site.
fn folder_of(key: &str) -> PathBuf {
    let content = Path::new(crate::content::CONTENT_DIR);
    if key.is_empty() {
        content.to_path_buf()
    } else {
        content.join(key)
    }
}

fn is_photo(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| PHOTOS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The photos beside node `key`, by name.
fn photos(root: &Path, key: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(folder_of(key)))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| is_photo(name) && !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Where the photos taken away from node `key` are kept.
fn removed_dir(root: &Path, key: &str) -> PathBuf {
    root.join(HISTORY_DIR)
        .join(folder_of(key))
        .join("removed-photos")
}

/// The photos taken away from node `key`: (the name it is kept under,
/// its own name).
fn removed(root: &Path, key: &str) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = std::fs::read_dir(removed_dir(root, key))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let kept = e.file_name().to_str()?.to_owned();
            // `20261207T101500.123456Z-zee.jpg`
            let (_, name) = kept.split_once('-')?;
            Some((kept.clone(), name.to_owned()))
        })
        .collect();
    kept.sort_by(|a, b| b.0.cmp(&a.0));
    kept
}

/// Where each version of node `key` still shows the photo `name`:
/// (language name, line numbers).
fn shown_in(visit: &Visit, key: &str, name: &str) -> Vec<(String, Vec<usize>)> {
    let site = &visit.site;
    site.config
        .languages
        .iter()
        .filter_map(|language| {
            let file = file_of(site, key, &language.code);
            let text = std::fs::read_to_string(visit.desk.root().join(file)).ok()?;
            let lines: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| shows(line, name))
                .map(|(n, _)| n + 1)
                .collect();
            (!lines.is_empty()).then(|| (language.name.clone(), lines))
        })
        .collect()
}

/// Whether a line of Markdown or HTML names the file `name` as what it
/// shows: `](name)`, `](./name "…")`, `src="name"`.
fn shows(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].trim_end_matches("./");
        let after = &line[at + name.len()..];
        (before.ends_with("](")
            || before.ends_with("=\"")
            || before.ends_with("='")
            || before.ends_with(": "))
            && (after.is_empty() || after.starts_with([')', ' ', '"', '\'', '#', '?']))
    })
}

/// The editor's list of the page's photos, each with its button; and the
/// ones taken away, each with the button that puts it back.
pub(super) fn section(visit: &Visit, key: &str) -> String {
    let root = visit.desk.root();
    let (present, gone) = (photos(root, key), removed(root, key));
    if present.is_empty() && gone.is_empty() {
        return String::new();
    }
    let words = visit.words;
    let token = esc(&visit.desk.guard.token);
    let mut html = format!(
        "<section class=\"photos\" aria-labelledby=\"photos-heading\"><h2 id=\"photos-heading\">{}</h2><ul>",
        esc(&words.get("photos-heading"))
    );
    for name in &present {
        html.push_str(&format!(
            "<li><form method=\"post\" action=\"/_praxis/photo/remove\" class=\"inline\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\">\
<input type=\"hidden\" name=\"name\" value=\"{name}\"><code>{name}</code> \
<button aria-label=\"{label}\">{remove}</button></form></li>",
            key = esc(key),
            name = esc(name),
            label = esc(&words.with("photo-remove-label", &[("name", name.as_str().into())])),
            remove = esc(&words.get("photo-remove")),
        ));
    }
    html.push_str("</ul>");
    if !gone.is_empty() {
        html.push_str(&format!(
            "<h3>{}</h3><ul>",
            esc(&words.get("photos-removed"))
        ));
        for (kept, name) in &gone {
            html.push_str(&format!(
                "<li><form method=\"post\" action=\"/_praxis/photo/restore\" class=\"inline\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\">\
<input type=\"hidden\" name=\"kept\" value=\"{kept}\"><code>{name}</code> <time>{when}</time> \
<button aria-label=\"{label}\">{restore}</button></form></li>",
                key = esc(key),
                kept = esc(kept),
                name = esc(name),
                when = esc(&super::shown_time(kept)),
                label = esc(&words.with("photo-restore-label", &[("name", name.as_str().into())])),
                restore = esc(&words.get("photo-restore")),
            ));
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
    html
}

#[derive(Deserialize)]
pub struct RemoveForm {
    token: String,
    p: String,
    name: String,
    /// Present once she confirmed.
    confirm: Option<String>,
}

impl Tokened for RemoveForm {
    fn token(&self) -> &str {
        &self.token
    }
}

/// Asks first; once she confirmed, moves the photo into the page's history.
pub async fn remove(Change { visit, form }: Change<RemoveForm>) -> Response {
    let root = visit.desk.root().to_path_buf();
    // Only a photo the list shows: never a path she did not see.
    if visit.site.node(&form.p).is_none() || !photos(&root, &form.p).contains(&form.name) {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    }
    let file = folder_of(&form.p).join(&form.name);
    if super::is_linked(&root, &file) {
        let shown = file.display().to_string();
        return text(
            StatusCode::CONFLICT,
            visit.words.with("linked", &[("file", shown.into())]),
        );
    }
    let back = format!("/_praxis/page?p={}", encode(&form.p));
    if form.confirm.is_none() {
        return with_status(StatusCode::OK, ask(&visit, &form, &back));
    }
    let kept = removed_dir(&root, &form.p).join(format!(
        "{}-{}",
        jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.6fZ"),
        form.name
    ));
    match move_file(&root.join(&file), &kept) {
        Ok(()) => redirect(&format!("{back}&done=photo-removed")),
        Err(_) => redirect(&format!("{back}&photo=failed")),
    }
}

/// The question, with where the text still shows the photo.
fn ask(visit: &Visit, form: &RemoveForm, back: &str) -> Response {
    let words = visit.words;
    let mut body = format!(
        "<p>{}</p>",
        esc(&words.with("photo-remove-ask", &[("name", form.name.as_str().into())]))
    );
    let shown = shown_in(visit, &form.p, &form.name);
    if !shown.is_empty() {
        body.push_str(&format!(
            "<section class=\"warnings\" role=\"alert\"><p>{}</p><ul>",
            esc(&words.get("photo-remove-still-shown"))
        ));
        for (language, lines) in shown {
            let count = lines.len();
            let lines = lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            body.push_str(&format!(
                "<li>{}</li>",
                esc(&words.with(
                    "photo-remove-where",
                    &[
                        ("language", language.into()),
                        ("count", count.into()),
                        ("lines", lines.into())
                    ]
                ))
            ));
        }
        body.push_str("</ul></section>");
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"/_praxis/photo/remove\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\">\
<input type=\"hidden\" name=\"name\" value=\"{name}\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">\
<p><button class=\"primary\">{yes}</button> <a href=\"{back}\">{no}</a></p></form>",
        token = esc(&visit.desk.guard.token),
        key = esc(&form.p),
        name = esc(&form.name),
        yes = esc(&words.get("photo-remove-yes")),
        back = esc(back),
        no = esc(&words.get("photo-remove-no")),
    ));
    page_html(super::html::layout(
        &visit.frame(back),
        &words.get("photo-remove-heading"),
        None,
        &body,
    ))
}

#[derive(Deserialize)]
pub struct RestoreForm {
    token: String,
    p: String,
    /// The name it is kept under in the history.
    kept: String,
}

impl Tokened for RestoreForm {
    fn token(&self) -> &str {
        &self.token
    }
}

/// A photo taken away, back beside the page (under a name nothing has).
pub async fn restore(Change { visit, form }: Change<RestoreForm>) -> Response {
    let root = visit.desk.root().to_path_buf();
    let Some((kept, name)) = removed(&root, &form.p)
        .into_iter()
        .find(|(kept, _)| *kept == form.kept)
    else {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    };
    if visit.site.node(&form.p).is_none() {
        return text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    }
    let folder = root.join(folder_of(&form.p));
    // Never over a photo of the same name added since.
    let mut to = folder.join(&name);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = folder.join(format!("{stem}-{n}.{ext}"));
    }
    let back = format!("/_praxis/page?p={}", encode(&form.p));
    match move_file(&removed_dir(&root, &form.p).join(kept), &to) {
        Ok(()) => redirect(&format!("{back}&done=photo-restored")),
        Err(_) => redirect(&format!("{back}&photo=failed")),
    }
}

/// Moves `from` to `to` (its folder made): a rename, else a copy written
/// whole before the original goes.
fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder)?;
    }
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from)?;
    write_atomically(to, &bytes)?;
    std::fs::remove_file(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_shows_a_photo_only_where_it_names_that_file() {
        assert!(shows("![De zee](zee.jpg)", "zee.jpg"));
        assert!(shows("![De zee](./zee.jpg \"Oostende\")", "zee.jpg"));
        assert!(shows("<img src=\"zee.jpg\" alt=\"\">", "zee.jpg"));
        assert!(!shows("![De zee](zee.jpg.bak)", "zee.jpg"));
        assert!(!shows("![Meer](grote-zee.jpg)", "zee.jpg"));
        assert!(!shows("Ik schreef over zee.jpg hier.", "zee.jpg"));
    }
}

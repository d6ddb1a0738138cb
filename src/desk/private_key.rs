//! Her private key, given in the browser: where site.toml names none that
//! can be read, the messages page asks for it (pasted, or the file chosen),
//! checks that it is an age identity whose public key is the one site.toml
//! encrypts to, and keeps it as the pull token is kept — in her own
//! configuration folder, readable by her only ([`crate::secrets::kept`]),
//! never in the site's folder or its git repository.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use age::x25519::Identity;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;

use super::visit::Visit;
use super::words::Words;
use super::{page_html, redirect, with_status};
use crate::config::Config;
use crate::html::escape_html as esc;
use crate::secrets::kept::{Entry, Kept};

/// The largest key file taken: an age identity file is a few hundred bytes.
pub const MAX_BYTES: usize = 64 * 1024;

/// Why the key she gave was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// Neither pasted nor chosen.
    Nothing,
    /// No `AGE-SECRET-KEY-1…` line that age reads.
    NotAKey,
    /// A key, but not the one site.toml's public key belongs to.
    NotThisSites,
    /// site.toml has no `[submissions] public_key` to check it against.
    NoPublicKey,
    /// Her configuration folder could not keep it.
    NotKept,
}

impl Refused {
    fn id(self) -> &'static str {
        match self {
            Refused::Nothing => "key-nothing",
            Refused::NotAKey => "key-not-a-key",
            Refused::NotThisSites => "key-not-this-sites",
            Refused::NoPublicKey => "key-no-public-key",
            Refused::NotKept => "key-not-kept",
        }
    }
}

/// The identity kept for the site in `root`, if one is and it reads.
pub(super) fn kept(root: &Path) -> Option<Arc<Identity>> {
    let secret = Kept::mine().ok()?.read(&Entry::identity(root)).ok()??;
    secret.parse::<Identity>().ok().map(Arc::new)
}

/// The identity in `text` (an identity file's, or its one line), if it is
/// the one `public_key` (site.toml's) belongs to.
pub(super) fn checked(text: &str, public_key: Option<&str>) -> Result<Identity, Refused> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refused::Nothing);
    }
    let identity = text
        .lines()
        .map(str::trim)
        .find(|line| line.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-1"))
        .and_then(|line| line.to_ascii_uppercase().parse::<Identity>().ok())
        .ok_or(Refused::NotAKey)?;
    let Some(public) = public_key else {
        return Err(Refused::NoPublicKey);
    };
    if identity.to_public().to_string() != public.trim() {
        return Err(Refused::NotThisSites);
    }
    Ok(identity)
}

/// The form that asks for it, under the messages when they cannot be read.
pub(super) fn form(words: Words, token: &str, refused: Option<Refused>) -> String {
    let t = |id: &str| esc(&words.get(id));
    let problem = refused
        .map(|r| {
            format!(
                "<p class=\"problem\" role=\"alert\" id=\"key-problem\">{}</p>",
                t(r.id())
            )
        })
        .unwrap_or_default();
    let described = if refused.is_some() {
        " aria-describedby=\"key-problem\""
    } else {
        ""
    };
    format!(
        "<section class=\"private-key\" aria-labelledby=\"key-heading\"><h2 id=\"key-heading\">{heading}</h2>\
<p>{intro}</p>{problem}\
<form method=\"post\" action=\"/_praxis/private-key\" enctype=\"multipart/form-data\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\">\
<p><label for=\"key-file\">{file}</label> <input id=\"key-file\" name=\"file\" type=\"file\" accept=\".txt,.key,text/plain\"{described}></p>\
<p><label for=\"key-text\">{paste}</label><textarea id=\"key-text\" name=\"key\" rows=\"3\" autocomplete=\"off\" spellcheck=\"false\"{described}></textarea></p>\
<p class=\"hint\">{kept}</p>\
<p><button class=\"primary\">{keep}</button></p></form></section>",
        heading = t("key-heading"),
        intro = t("key-intro"),
        token = esc(token),
        file = t("key-file"),
        paste = t("key-paste"),
        kept = t("key-where"),
        keep = t("key-keep"),
    )
}

/// Takes the key she gave: kept and the messages opened, or the form again
/// with why not.
pub async fn give(visit: Visit, mut form: Multipart) -> Response {
    let mut fields: HashMap<String, String> = HashMap::new();
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        // A key file is text; anything that is not is no key.
        if let Ok(value) = field.text().await {
            fields.insert(name, value);
        }
    }
    let token = fields.get("token").map_or("", String::as_str);
    if let Err(refusal) = visit.allows_change(token) {
        return refusal;
    }
    let root = visit.desk.root().to_path_buf();
    // site.toml as written, as the messages read it.
    let given = [fields.get("key"), fields.get("file")]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
        .map_or("", String::as_str);
    let kept = Config::load(&root)
        .map_err(|_| Refused::NoPublicKey)
        .and_then(|config| checked(given, config.submissions.public_key.as_deref()))
        .and_then(|identity| {
            use age::secrecy::ExposeSecret;
            let kept = Kept::mine().map_err(|_| Refused::NotKept)?;
            kept.write(
                &Entry::identity(&root),
                identity.to_string().expose_secret(),
            )
            .map_err(|why| {
                errln!("note: the private key could not be kept: {why}");
                Refused::NotKept
            })
        });
    match kept {
        Ok(()) => redirect("/_praxis/inbox/?done=key-kept"),
        Err(refused) => with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            page_html(super::html::layout(
                &visit.frame("/_praxis/inbox/"),
                &visit.words.get("key-heading"),
                None,
                &form_only(&visit, refused),
            )),
        ),
    }
}

fn form_only(visit: &Visit, refused: Refused) -> String {
    let form = form(visit.words, &visit.desk.guard.token, Some(refused));
    // Its own heading is the page's.
    form.replacen(
        &format!(
            "<h2 id=\"key-heading\">{}</h2>",
            esc(&visit.words.get("key-heading"))
        ),
        "",
        1,
    )
    .replace(" aria-labelledby=\"key-heading\"", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_key_of_the_sites_public_key_is_taken() {
        let mine = Identity::generate();
        let public = mine.to_public().to_string();
        let config = Some(public.as_str());
        use age::secrecy::ExposeSecret;
        let secret = mine.to_string().expose_secret().to_owned();
        let file = format!(
            "# created: 2026-12-07\n# public key: {}\n{secret}\n",
            mine.to_public()
        );
        assert!(checked(&file, config).is_ok());
        assert!(checked(&format!("  {secret}  "), config).is_ok());
        assert_eq!(
            checked(Identity::generate().to_string().expose_secret(), config).err(),
            Some(Refused::NotThisSites)
        );
        assert_eq!(checked("geheim", config).err(), Some(Refused::NotAKey));
        assert_eq!(checked("  \n", config).err(), Some(Refused::Nothing));
        assert_eq!(checked(&secret, None).err(), Some(Refused::NoPublicKey));
    }
}

//! Publishing from the desk: the places of site.toml's `[publish]`, what
//! would change at one of them, and the publish itself — `praxis publish`
//! ([`crate::publish`]) with a button. Refused while the site has errors,
//! each shown with a link to the page to fix.

use std::path::Path;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::checking::Finding;
use super::visit::{Change, Tokened, Visit};
use super::{encode, page_html, with_status};
use crate::html::escape_html as esc;
use crate::publish::{Prepared, prepare};

pub async fn page(visit: Visit) -> Response {
    let root = visit.desk.root().to_path_buf();
    let errors = tokio::task::spawn_blocking(move || site_errors(&root))
        .await
        .unwrap_or_default();
    let mut body = String::new();
    if !errors.is_empty() {
        body.push_str(&format!(
            "<section class=\"problems\" role=\"alert\"><p>{}</p><ul>",
            esc(&visit.words.get("publish-errors"))
        ));
        for Finding { key, said: line } in &errors {
            match key {
                Some(key) => body.push_str(&format!(
                    "<li><a href=\"/_praxis/page?p={}\">{}</a></li>",
                    esc(&encode(key)),
                    esc(line)
                )),
                None => body.push_str(&format!("<li>{}</li>", esc(line))),
            }
        }
        body.push_str("</ul></section>");
    }
    let targets = &visit.site.config.publish;
    if targets.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&visit.words.get("publish-none"))));
    } else {
        body.push_str(&format!(
            "<p>{}</p><ul class=\"targets\">",
            esc(&visit.words.get("publish-intro"))
        ));
        for target in targets {
            let button = if errors.is_empty() {
                form(
                    &visit,
                    "/_praxis/publish/plan",
                    &target.name,
                    None,
                    &visit.words.get("publish-show"),
                    false,
                )
            } else {
                String::new()
            };
            body.push_str(&format!(
                "<li><strong>{}</strong> → <code>{}</code> {button}</li>",
                esc(&target.name),
                esc(&target.to)
            ));
        }
        body.push_str("</ul>");
    }
    page_html(super::html::layout(
        &visit.frame("/_praxis/publish"),
        &visit.words.get("publish-heading"),
        None,
        &body,
    ))
}

/// Each error of a build of the site, with the page it is in.
fn site_errors(root: &Path) -> Vec<Finding> {
    let build = crate::build::build_site(root, &crate::build::BuildOptions::default());
    build
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Finding::of)
        .collect()
}

#[derive(Deserialize)]
pub struct TargetForm {
    token: String,
    target: String,
    /// The plan she saw (its fingerprint), when she asks to carry it out.
    plan: Option<String>,
}

impl Tokened for TargetForm {
    fn token(&self) -> &str {
        &self.token
    }
}

/// What would change at the target.
pub async fn plan(Change { visit, form }: Change<TargetForm>) -> Response {
    let prepared = prepared(&visit, &form.target).await;
    show(&visit, &form.target, prepared, None)
}

/// The publish itself, if what would change is still what she saw.
pub async fn send(Change { visit, form }: Change<TargetForm>) -> Response {
    let desk = Arc::clone(&visit.desk);
    let prepared = match prepared(&visit, &form.target).await {
        Ok(prepared) => prepared,
        Err(why) => return show(&visit, &form.target, Err(why), None),
    };
    if form.plan.as_deref() != Some(fingerprint(&prepared).as_str()) {
        let notice = visit.words.get("publish-changed");
        return show(&visit, &form.target, Ok(prepared), Some(&notice));
    }
    let sent = match tokio::task::spawn_blocking(move || prepared.send(&NoProgress)).await {
        Ok(sent) => sent.map_err(|e| Stopped::Publish(e.into())),
        Err(lost) => Err(Stopped::Lost(lost)),
    };
    let body = match sent {
        Ok((_, said)) => said
            .iter()
            .map(|l| format!("<p role=\"status\">{}</p>", esc(l)))
            .collect::<String>(),
        Err(why) => format!(
            "<section class=\"problems\" role=\"alert\"><p>{}</p><p class=\"said\">{}</p></section>",
            esc(&visit.words.get("publish-failed")),
            esc(&why.to_string())
        ),
    };
    // Shown after a redirect, so that reloading the page she lands on
    // shows the result again instead of publishing again.
    *desk.last_publish.lock().unwrap_or_else(|e| e.into_inner()) = Some(body);
    super::redirect("/_praxis/publish/done")
}

/// What the last publish did (or why it stopped).
pub async fn done(visit: Visit) -> Response {
    let Some(body) = visit
        .desk
        .last_publish
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
    else {
        return super::redirect("/_praxis/publish");
    };
    page_html(super::html::layout(
        &visit.frame("/_praxis/publish"),
        &visit.words.get("publish-heading"),
        None,
        &body,
    ))
}

/// Why what would change could not be shown, or the publish stopped.
#[derive(Debug, thiserror::Error)]
enum Stopped {
    /// What `praxis publish` would have said, in her language.
    #[error("{0}")]
    Publish(crate::error::Error),
    /// The work was lost with its thread (a bug: said where she can see it).
    #[error("{0}")]
    Lost(tokio::task::JoinError),
}

struct NoProgress;

impl crate::publish::Progress for NoProgress {
    fn sent(&self, _files: u64) {}
}

/// The target prepared (built, its host looked at), off the async threads.
async fn prepared(visit: &Visit, target: &str) -> Result<Prepared, Stopped> {
    let root = visit.desk.root().to_path_buf();
    let target = target.to_owned();
    let lang = visit.words.lang();
    match tokio::task::spawn_blocking(move || prepare(&root, Some(&target), Some(lang))).await {
        Ok(prepared) => prepared.map_err(Stopped::Publish),
        Err(lost) => Err(Stopped::Lost(lost)),
    }
}

/// What would change, and the button that carries it out.
fn show(
    visit: &Visit,
    target: &str,
    prepared: Result<Prepared, Stopped>,
    notice: Option<&str>,
) -> Response {
    let body = match &prepared {
        Err(why) => format!(
            "<section class=\"problems\" role=\"alert\"><p>{}</p><p class=\"said\">{}</p></section>",
            esc(&visit.words.get("publish-failed")),
            esc(&why.to_string())
        ),
        Ok(prepared) if prepared.plan.is_empty() => {
            format!("<p>{}</p>", esc(&prepared.nothing_to_do()))
        }
        Ok(prepared) => {
            // The button first; the files, for whoever wants them, after.
            let mut body = format!("<p>{}</p>", esc(&prepared.describe()));
            body.push_str(&form(
                visit,
                "/_praxis/publish/send",
                target,
                Some(&fingerprint(prepared)),
                &visit.words.get("publish-go"),
                true,
            ));
            body.push_str(&format!(
                "<details class=\"plan\"><summary>{}</summary><ul>",
                esc(&visit.words.get("publish-files"))
            ));
            for line in prepared.lines() {
                body.push_str(&format!("<li>{}</li>", esc(&line)));
            }
            body.push_str("</ul></details>");
            body
        }
    };
    let status = if prepared.is_err() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    with_status(
        status,
        page_html(super::html::layout(
            &visit.frame("/_praxis/publish"),
            &visit.words.get("publish-heading"),
            notice,
            &body,
        )),
    )
}

fn form(
    visit: &Visit,
    action: &str,
    target: &str,
    plan: Option<&str>,
    label: &str,
    primary: bool,
) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" class=\"inline\"><input type=\"hidden\" name=\"token\" value=\"{token}\">\
<input type=\"hidden\" name=\"target\" value=\"{target}\">{plan}<button{class}>{label}</button></form>",
        token = esc(&visit.desk.guard.token),
        target = esc(target),
        plan = plan
            .map(|p| format!("<input type=\"hidden\" name=\"plan\" value=\"{}\">", esc(p)))
            .unwrap_or_default(),
        class = if primary { " class=\"primary\"" } else { "" },
        label = esc(label),
    )
}

/// What a plan sends and removes, as a short hash: the plan she saw is the
/// one carried out.
fn fingerprint(prepared: &Prepared) -> String {
    let lines = prepared.lines().join("\n");
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(lines.as_bytes()))
}

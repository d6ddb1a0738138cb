//! Publishing from the desk: the places of site.toml's `[publish]`, what
//! would change at one of them, and the publish itself — `praxis publish`
//! ([`crate::publish`]) with a button, followed on its own page while it
//! runs ([`super::publish_run`]). Refused while the site has errors, each
//! shown with a link to the page to fix, and while another publish runs.
//! Why a publish stopped is said in her words, from its typed problem:
//! what happened, and what to do.

use std::path::Path;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::checking::Finding;
use super::publish_run::{self, Failure, Run, Stage, fingerprint};
use super::visit::{Change, Tokened, Visit};
use super::words::Words;
use super::{page_html, with_status};
use crate::diagnostics::Help;
use crate::html::escape_html as esc;
use crate::publish::{Prepared, PublishError, Stop, prepare_followed};

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
        for finding in &errors {
            body.push_str(&finding.html(visit.words, &visit.site));
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

/// Where a publish is followed.
const PROGRESS: &str = "/_praxis/publish/progress";

/// What would change at the target.
pub async fn plan(Change { visit, form }: Change<TargetForm>) -> Response {
    // Looking builds the site into public/, which a running publish sends.
    if visit.desk.publishing.is_running() {
        return busy(&visit);
    }
    let prepared = prepared(&visit, &form.target).await;
    show(&visit, &form.target, prepared, None)
}

/// Starts the publish, if none runs, and sends her to its page. What would
/// change is looked at again there: if it is no longer what she saw,
/// nothing is sent and she is shown why.
pub async fn send(Change { visit, form }: Change<TargetForm>) -> Response {
    let site = &visit.site;
    let Some(target) = site.config.publish.iter().find(|t| t.name == form.target) else {
        return super::text(StatusCode::NOT_FOUND, visit.words.get("not-found"));
    };
    let started = publish_run::start(
        &visit.desk.publishing,
        visit.desk.root().to_path_buf(),
        &target.name,
        &target.to,
        form.plan,
        visit.words.lang(),
    );
    match started {
        // Followed after a redirect, so that reloading the page she lands
        // on shows the publish again instead of publishing again.
        Ok(()) => super::redirect(PROGRESS),
        Err(publish_run::Busy) => busy(&visit),
    }
}

/// A publish runs already: said, with the way to it.
fn busy(visit: &Visit) -> Response {
    let body = format!(
        "<p><a href=\"{PROGRESS}\">{}</a></p>",
        esc(&visit.words.get("publish-follow"))
    );
    with_status(
        StatusCode::CONFLICT,
        page_html(super::html::layout(
            &visit.frame("/_praxis/publish"),
            &visit.words.get("publish-heading"),
            Some(&visit.words.get("publish-busy")),
            &body,
        )),
    )
}

#[derive(Deserialize)]
pub struct ProgressQuery {
    /// `stage`: only what the page shows of the publish, for the script
    /// that follows it.
    part: Option<String>,
}

/// The publish running, or the last one: its page, which follows it (by a
/// refresh without script, by asking for [`stage`] with it).
pub async fn progress(visit: Visit, Query(query): Query<ProgressQuery>) -> Response {
    let Some(run) = visit.desk.publishing.now() else {
        return super::redirect("/_praxis/publish");
    };
    let shown = stage(&visit, &run);
    if query.part.as_deref() == Some("stage") {
        return page_html(shown);
    }
    let running = !run.stage.is_over();
    let body = format!(
        "<p>{to}</p><div id=\"publish-run\" role=\"status\" aria-live=\"polite\" data-follow=\"{PROGRESS}?part=stage\">{shown}</div>",
        to = esc(&visit.words.with(
            "publish-to",
            &[
                ("target", run.target.as_str().into()),
                ("to", run.to.as_str().into())
            ]
        )),
    );
    // Without script, the page reloads itself while the publish runs.
    let head = if running {
        "<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>"
    } else {
        ""
    };
    page_html(super::html::layout_with_head(
        &visit.frame(PROGRESS),
        &visit.words.get("publish-heading"),
        head,
        None,
        &body,
    ))
}

/// Where the publish is, in her words; marked `data-running` while it runs.
fn stage(visit: &Visit, run: &Run) -> String {
    let words = visit.words;
    let running =
        |said: String, bar: String| format!("<div data-running><p>{}</p>{bar}</div>", esc(&said));
    match &run.stage {
        Stage::Building => running(words.get("publish-building"), String::new()),
        Stage::Looking => running(
            words.with("publish-looking", &[("to", run.to.as_str().into())]),
            String::new(),
        ),
        Stage::Sending { sent, files } => running(
            words.with(
                "publish-sending",
                &[("sent", (*sent).into()), ("files", (*files).into())],
            ),
            format!(
                "<progress max=\"{files}\" value=\"{sent}\" aria-hidden=\"true\"></progress>",
                files = (*files).max(1),
            ),
        ),
        Stage::After { command } => running(
            words.with("publish-after", &[("command", command.as_str().into())]),
            String::new(),
        ),
        Stage::Done { said } => {
            let mut shown: String = said
                .iter()
                .map(|line| format!("<p>{}</p>", esc(line)))
                .collect();
            shown.push_str(&format!(
                "<p><a href=\"/_praxis/publish\">{}</a></p>",
                esc(&words.get("publish-back"))
            ));
            shown
        }
        Stage::Changed => format!(
            "<p>{}</p>{}",
            esc(&words.get("publish-changed-again")),
            form(
                visit,
                "/_praxis/publish/plan",
                &run.target,
                None,
                &words.get("publish-show"),
                true,
            )
        ),
        Stage::Failed(failure) => failed(words, failure),
    }
}

/// Why a publish stopped, in her words: what happened, and what to do.
fn failed(words: Words, failure: &Failure) -> String {
    let what_to_do = |help: String| {
        format!(
            "<p><strong>{}</strong> {}</p>",
            esc(&words.get("publish-what-to-do")),
            help
        )
    };
    let (said, help) = match failure {
        Failure::Problem(problem) => {
            // Publishing's own words for it, in the desk's language.
            let error = PublishError::new(
                problem.clone(),
                crate::publish::WORDS.choose(Some(words.lang()), "en"),
            );
            let help = error.help().map(|help| what_to_do(esc(&sentence(help))));
            (esc(&error.to_string()), help.unwrap_or_default())
        }
        Failure::SiteErrors => (
            esc(&words.get("publish-site-errors")),
            what_to_do(format!(
                "<a href=\"/_praxis/check\">{}</a>",
                esc(&words.get("publish-site-errors-fix"))
            )),
        ),
        Failure::Build { said } => (
            esc(&words.get("publish-build-failed")),
            format!("<pre class=\"said\" lang=\"en\">{}</pre>", esc(said)),
        ),
        Failure::Lost => (esc(&words.get("publish-lost")), String::new()),
    };
    format!(
        "<section class=\"problems\" role=\"alert\"><h2>{}</h2><p>{said}</p>{help}</section>",
        esc(&words.get("publish-stopped"))
    )
}

/// A help line (`choose an empty folder…`) ended as a sentence.
fn sentence(help: String) -> String {
    if help.ends_with(['.', '!', '?']) {
        help
    } else {
        format!("{help}.")
    }
}

/// The target prepared (built, its host looked at), off the async threads.
async fn prepared(visit: &Visit, target: &str) -> Result<Prepared, Failure> {
    let root = visit.desk.root().to_path_buf();
    let target = target.to_owned();
    let lang = visit.words.lang();
    let prepared = tokio::task::spawn_blocking(move || {
        prepare_followed(
            &root,
            Some(&target),
            Some(lang),
            &crate::publish::Unfollowed,
        )
    })
    .await;
    match prepared {
        Ok(Ok(prepared)) => Ok(prepared),
        Ok(Err(Stop::Problem(why))) => Err(Failure::Problem(why.problem)),
        Ok(Err(Stop::Build(why))) => Err(publish_run::build_failure(&why)),
        Err(_) => Err(Failure::Lost),
    }
}

/// What would change, and the button that carries it out.
fn show(
    visit: &Visit,
    target: &str,
    prepared: Result<Prepared, Failure>,
    notice: Option<&str>,
) -> Response {
    let body = match &prepared {
        Err(why) => failed(visit.words, why),
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

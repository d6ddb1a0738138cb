//! Submissions leave the server for the practitioner's machine: `praxis
//! forms token` on the server, `praxis forms pull` on hers, over real HTTP
//! with a real `praxis forms serve` — and nothing is lost or kept twice
//! when either side dies on the way.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::forms::{FORM, contact, stored};
use crate::forms_proxy::ORIGIN;
use crate::server::{Server, post, request_with};
use crate::support::{Run, TestSite};

/// The server: the example site's endpoint, with `n` submissions.
fn server_with(n: usize, env_fault: Option<&str>) -> (TestSite, Server) {
    let site = TestSite::example();
    let server = start(&site, env_fault);
    for i in 0..n {
        let body = contact("nl", &format!("Vraag nummer {i}"));
        let sent = server.post(
            "/forms/contact",
            &[("Origin", ORIGIN), ("Content-Type", FORM)],
            body.as_bytes(),
        );
        assert_eq!(sent.status, 303, "{}", sent.body);
    }
    (site, server)
}

fn start(site: &TestSite, fault: Option<&str>) -> Server {
    let args = ["forms", "serve", "--bind", "127.0.0.1", "--port", "0"];
    let env: Vec<(&str, &str)> = fault
        .map(|f| ("PRAXIS_FAULT_INJECTION", f))
        .into_iter()
        .collect();
    Server::start_command_env(site, &args, "answering forms at http://", &env)
}

/// A token made on the server, in a file on her machine.
fn token(server_site: &TestSite, laptop: &TestSite) -> String {
    let run = server_site.praxis(&["forms", "token", "--label", "laptop"]);
    run.success();
    let secret = run.stdout.trim().to_owned();
    laptop.write("pull-token", &secret);
    secret
}

fn pull(laptop: &TestSite, server: &Server) -> Run {
    pull_with(laptop, server, &[])
}

fn pull_with(laptop: &TestSite, server: &Server, env: &[(&str, &str)]) -> Run {
    let from = server.origin();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"));
    command
        .arg("--root")
        .arg(laptop.root())
        .args(["forms", "pull", "--from", &from, "--token-file"])
        .arg(laptop.path("pull-token"))
        // What praxis keeps for her (the endpoint named with --from) goes
        // to a configuration folder of the test's own, never the runner's.
        .env("XDG_CONFIG_HOME", laptop.path(".her-config"));
    for (name, value) in env {
        command.env(name, value);
    }
    Run::from(command.output().unwrap())
}

/// Ended with status 2: praxis could not do its work (the network, the
/// server, a token), which is not an error in the site.
#[track_caller]
fn could_not(run: &Run) -> &Run {
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn messages(site: &TestSite) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&crate::forms::export(site, "json")).unwrap();
    let mut texts: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f[0] == "message")
                .unwrap()[1]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    texts.sort();
    texts
}

#[test]
fn a_pull_brings_every_submission_over_and_leaves_none_on_the_server() {
    let (site, server) = server_with(3, None);
    let laptop = TestSite::example();
    token(&site, &laptop);
    let run = pull(&laptop, &server);
    run.success();
    assert!(
        run.stdout
            .contains("3 new submissions kept here; 3 deleted on the server"),
        "{}",
        run.stdout
    );
    assert_eq!(
        messages(&laptop),
        ["Vraag nummer 0", "Vraag nummer 1", "Vraag nummer 2"]
    );
    assert_eq!(stored(&site), 0, "the server keeps nothing she has");
    let again = pull(&laptop, &server);
    again.success();
    assert!(
        again.stdout.contains("0 new submissions"),
        "{}",
        again.stdout
    );
    assert_eq!(stored(&laptop), 3);
}

#[test]
fn more_than_a_batch_comes_over_in_one_pull() {
    // The example allows 5 per visitor per ten minutes; raise it.
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("rate_limit = 5", "rate_limit = 200");
    site.write("site.toml", &config);
    let server = start(&site, None);
    for i in 0..130 {
        let body = contact("fr", &format!("Question {i}"));
        let sent = server.post(
            "/forms/contact",
            &[("Origin", ORIGIN), ("Content-Type", FORM)],
            body.as_bytes(),
        );
        assert_eq!(sent.status, 303);
    }
    let laptop = TestSite::example();
    token(&site, &laptop);
    pull(&laptop, &server).success();
    assert_eq!(stored(&laptop), 130);
    assert_eq!(stored(&site), 0);
}

#[test]
fn a_wrong_or_revoked_token_pulls_nothing_and_deletes_nothing() {
    let (site, server) = server_with(2, None);
    let laptop = TestSite::example();
    let secret = token(&site, &laptop);
    laptop.write("pull-token", &format!("{secret}x"));
    let run = pull(&laptop, &server);
    could_not(&run);
    assert!(
        run.stderr.contains("does not accept this token"),
        "{}",
        run.stderr
    );

    laptop.write("pull-token", &secret);
    let listed = site.praxis(&["forms", "token", "--list"]);
    assert!(
        listed.success().stdout.contains("#1 laptop"),
        "{}",
        listed.stdout
    );
    assert!(
        !listed.stdout.contains(&secret),
        "the list never shows a secret"
    );
    site.praxis(&["forms", "token", "--revoke", "1"]).success();
    could_not(&pull(&laptop, &server));
    assert_eq!(stored(&site), 2);
    assert!(!laptop.exists("data/forms.sqlite") || stored(&laptop) == 0);
}

#[test]
fn her_machine_killed_after_storing_loses_nothing_and_keeps_nothing_twice() {
    let (site, server) = server_with(3, None);
    let laptop = TestSite::example();
    token(&site, &laptop);
    let killed = pull_with(
        &laptop,
        &server,
        &[("PRAXIS_FAULT_INJECTION", "pull-die-after-import")],
    );
    assert_eq!(
        killed.code, None,
        "the pull died as a SIGKILL would kill it"
    );
    assert_eq!(stored(&laptop), 3, "stored here before it died");
    assert_eq!(stored(&site), 3, "and still on the server");

    let run = pull(&laptop, &server);
    run.success();
    assert!(
        run.stdout
            .contains("0 new submissions kept here (3 kept here by an earlier pull); 3 deleted"),
        "{}",
        run.stdout
    );
    assert_eq!(stored(&laptop), 3);
    assert_eq!(stored(&site), 0);
}

#[test]
fn the_server_killed_before_or_after_deleting_loses_nothing_and_keeps_nothing_twice() {
    for fault in [
        "pull-server-die-before-delete",
        "pull-server-die-after-delete",
    ] {
        let (site, mut server) = server_with(2, Some(fault));
        let laptop = TestSite::example();
        token(&site, &laptop);
        let run = pull(&laptop, &server);
        could_not(&run);
        assert!(run.stderr.contains("pull again"), "{fault}: {}", run.stderr);
        assert!(
            server
                .wait_for_exit(std::time::Duration::from_secs(5))
                .is_some(),
            "{fault}: the server died"
        );
        assert_eq!(stored(&laptop), 2, "{fault}: stored here first");

        let server = start(&site, None);
        pull(&laptop, &server).success();
        assert_eq!(stored(&laptop), 2, "{fault}");
        assert_eq!(stored(&site), 0, "{fault}");
    }
}

#[test]
fn a_replayed_acknowledgement_deletes_nothing_new() {
    let (site, server) = server_with(1, None);
    let laptop = TestSite::example();
    let secret = token(&site, &laptop);
    let bearer = format!("Bearer {secret}");
    let batch = request_with(
        &server.address,
        "GET",
        "/forms/_pull",
        &[("Authorization", &bearer)],
    );
    assert_eq!(batch.status, 200, "{}", batch.body);
    assert_eq!(batch.header("cache-control"), Some("no-store"));
    let json: serde_json::Value = serde_json::from_str(&batch.body).unwrap();
    let first = &json["submissions"][0];
    let ack =
        serde_json::json!({"stored": [{"id": first["id"], "digest": first["digest"]}]}).to_string();
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Content-Type", "application/json"),
    ];
    let answer = post(
        &server.address,
        "/forms/_pull/ack",
        &headers,
        ack.as_bytes(),
    );
    assert_eq!(answer.body, r#"{"deleted":1}"#);

    // A new submission may get the same row id: the digest tells them apart.
    let body = contact("nl", "Een nieuwe vraag");
    server.post(
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        body.as_bytes(),
    );
    let replay = post(
        &server.address,
        "/forms/_pull/ack",
        &headers,
        ack.as_bytes(),
    );
    assert_eq!(replay.body, r#"{"deleted":0}"#);
    assert_eq!(stored(&site), 1, "the new one is still there");
    pull(&laptop, &server).success();
    assert_eq!(messages(&laptop), ["Een nieuwe vraag"]);
}

#[test]
fn a_token_is_useless_from_a_web_page() {
    let (site, server) = server_with(1, None);
    let laptop = TestSite::example();
    let bearer = format!("Bearer {}", token(&site, &laptop));
    for browser in [
        ("Origin", "https://evil.example"),
        ("Origin", ORIGIN),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let answer = request_with(
            &server.address,
            "GET",
            "/forms/_pull",
            &[("Authorization", &bearer), browser],
        );
        assert_eq!(answer.status, 403, "{browser:?}");
        assert!(answer.header("access-control-allow-origin").is_none());
        assert!(!answer.body.contains("digest"), "{browser:?}");
    }
    let none = request_with(&server.address, "GET", "/forms/_pull", &[]);
    assert_eq!(none.status, 401);
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));
    assert_eq!(stored(&site), 1);
}

#[test]
fn pulling_over_plain_http_across_a_network_is_refused() {
    let laptop = TestSite::example();
    laptop.write("pull-token", "praxis_pull_x");
    let run = laptop.praxis(&[
        "forms",
        "pull",
        "--from",
        "http://forms.example.org",
        "--token-file",
        laptop.path("pull-token").to_str().unwrap(),
    ]);
    assert_ne!(run.code, Some(0));
    assert!(
        run.stderr.contains("https://forms.example.org"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_user_name_that_looks_like_this_machine_does_not_let_plain_http_cross_the_network() {
    let laptop = TestSite::example();
    laptop.write("pull-token", "praxis_pull_x");
    for from in [
        "http://localhost:1@forms.example.org",
        "http://127.0.0.1@forms.example.org:8090",
        "http://[::1]:1@forms.example.org",
    ] {
        let run = laptop.praxis(&[
            "forms",
            "pull",
            "--from",
            from,
            "--token-file",
            laptop.path("pull-token").to_str().unwrap(),
        ]);
        assert_ne!(run.code, Some(0));
        assert!(
            run.stderr.contains("is not encrypted") && run.stderr.contains("forms.example.org"),
            "{from}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("cannot reach"), "{}", run.stderr);
    }
}

#[test]
fn a_form_name_starting_with_an_underscore_is_reserved() {
    let site = TestSite::example();
    let config = site
        .read("site.toml")
        .replace("[forms.contact]", "[forms._pull]");
    site.write("site.toml", &config);
    let run = site.build(&[]);
    run.failure();
    assert!(run.stderr.contains("reserved by praxis"), "{}", run.stderr);
}

#[test]
fn delete_removes_submissions_here_by_number() {
    let (site, server) = server_with(2, None);
    let laptop = TestSite::example();
    token(&site, &laptop);
    pull(&laptop, &server).success();
    let listed = laptop.praxis(&["forms", "list"]);
    let first: String = listed
        .success()
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix('#'))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .to_owned();
    let run = laptop.praxis(&["forms", "delete", &first, "999"]);
    could_not(&run);
    assert!(
        run.stdout.contains("deleted 1 submission"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("#999"), "{}", run.stderr);
    assert_eq!(stored(&laptop), 1);
}

/// Her own configuration folder, apart from every site folder.
fn her_config() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// `praxis forms pull ARGS…` on her machine, with `typed` on its input
/// (what she pastes when it asks for the token).
fn pull_as_her(laptop: &TestSite, config: &Path, args: &[&str], typed: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(laptop.root())
        .args(["forms", "pull"])
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env_remove("PRAXIS_FORMS_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    Run::from(child.wait_with_output().unwrap())
}

/// The tokens kept in her configuration folder: (file, text, mode).
fn kept_tokens(config: &Path) -> Vec<(std::path::PathBuf, String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(entries) = std::fs::read_dir(config.join("praxis/tokens")) else {
        return Vec::new();
    };
    entries
        .map(|e| {
            let path = e.unwrap().path();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text, mode)
        })
        .collect()
}

fn submit(server: &Server, message: &str) {
    let sent = server.post(
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        contact("nl", message).as_bytes(),
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
}

#[test]
fn a_token_pasted_once_is_kept_for_her_alone_and_the_endpoint_is_remembered() {
    use std::os::unix::fs::PermissionsExt;
    let (site, server) = server_with(2, None);
    let laptop = TestSite::example();
    let secret = token(&site, &laptop);
    laptop.remove("pull-token");
    let config = her_config();
    let first = pull_as_her(
        &laptop,
        config.path(),
        &["--from", &server.origin()],
        &format!("{secret}\n"),
    );
    first.success();
    assert!(
        first.stdout.contains("2 new submissions kept here"),
        "{}",
        first.stdout
    );
    assert!(
        first
            .stdout
            .contains("from now on, `praxis forms pull` is enough"),
        "{}",
        first.stdout
    );
    let kept = kept_tokens(config.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    let (path, text, mode) = &kept[0];
    assert_eq!(text.trim(), secret);
    assert_eq!(*mode, 0o600, "readable by her only");
    let folder = std::fs::metadata(path.parent().unwrap()).unwrap();
    assert_eq!(folder.permissions().mode() & 0o777, 0o700);
    for file in laptop.files() {
        let bytes = std::fs::read(laptop.path(&file)).unwrap();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the token is in the site folder: {file}"
        );
    }

    // Next time: no address, no token.
    submit(&server, "Nog een vraag");
    let again = pull_as_her(&laptop, config.path(), &[], "");
    again.success();
    assert!(
        again.stdout.contains("1 new submission kept here"),
        "{}",
        again.stdout
    );
    assert_eq!(stored(&laptop), 3);
    assert_eq!(stored(&site), 0);
}

#[test]
fn a_mistyped_token_is_not_kept() {
    let (site, server) = server_with(1, None);
    let laptop = TestSite::example();
    let secret = token(&site, &laptop);
    let config = her_config();
    let run = pull_as_her(
        &laptop,
        config.path(),
        &["--from", &server.origin()],
        &format!("{secret}x\n"),
    );
    could_not(&run);
    assert!(
        run.stderr.contains("does not accept this token"),
        "{}",
        run.stderr
    );
    assert!(kept_tokens(config.path()).is_empty());
    assert_eq!(stored(&site), 1);
}

#[test]
fn the_endpoint_site_toml_names_needs_no_from() {
    let (site, server) = server_with(1, None);
    let laptop = TestSite::example();
    token(&site, &laptop);
    let config = laptop.read("site.toml").replace(
        "[submissions]\n",
        &format!("[submissions]\nendpoint = \"{}\"\n", server.origin()),
    );
    laptop.write("site.toml", &config);
    let home = her_config();
    let token_file = laptop.path("pull-token");
    let run = pull_as_her(
        &laptop,
        home.path(),
        &["--token-file", token_file.to_str().unwrap()],
        "",
    );
    run.success();
    assert_eq!(stored(&laptop), 1);
    assert!(
        kept_tokens(home.path()).is_empty(),
        "a token in a file of hers is not copied"
    );
}

#[test]
fn a_kept_token_the_server_no_longer_takes_is_forgotten_so_that_a_new_one_is_asked_for() {
    let (site, server) = server_with(1, None);
    let laptop = TestSite::example();
    let secret = token(&site, &laptop);
    let config = her_config();
    let from = server.origin();
    pull_as_her(
        &laptop,
        config.path(),
        &["--from", &from],
        &format!("{secret}\n"),
    )
    .success();
    site.praxis(&["forms", "token", "--revoke", "1"]).success();
    let refused = pull_as_her(&laptop, config.path(), &[], "");
    could_not(&refused);
    assert!(
        refused
            .stderr
            .contains("no longer accepts the token kept on this machine")
            && refused.stderr.contains("paste it"),
        "{}",
        refused.stderr
    );
    assert!(kept_tokens(config.path()).is_empty(), "forgotten");
    let asked = pull_as_her(&laptop, config.path(), &[], "");
    could_not(&asked);
    assert!(
        asked.stderr.contains("in a terminal and paste"),
        "{}",
        asked.stderr
    );
}

#[test]
fn forms_token_prints_the_exact_command_to_run_on_her_machine() {
    let site = TestSite::example();
    let run = site.praxis(&["forms", "token"]);
    run.success();
    assert!(
        run.stderr
            .contains("    praxis forms pull --from https://praktijk-debrug.example\n"),
        "the site's own address, where /forms/ is proxied: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("paste the token when it asks"),
        "{}",
        run.stderr
    );
    let config = site.read("site.toml").replace(
        "[submissions]\n",
        "[submissions]\nendpoint = \"https://forms.example.org\"\n",
    );
    site.write("site.toml", &config);
    let run = site.praxis(&["forms", "token"]);
    assert!(
        run.success()
            .stderr
            .contains("    praxis forms pull --from https://forms.example.org\n"),
        "{}",
        run.stderr
    );
}

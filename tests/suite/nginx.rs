//! The README's nginx configuration, run by Debian's real nginx in front
//! of a real `praxis forms serve`: what a practitioner copies is what is
//! tested. `scripts/test.sh` installs nginx; without it these tests fail,
//! they never pass silently.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::forms::{FORM, contact, stored};
use crate::forms_proxy::ORIGIN;
use crate::server::{Response, Server, post_from, request, request_with};
use crate::support::TestSite;

const NGINX: &str = "/usr/sbin/nginx";

/// nginx running the README's server block, killed when dropped.
struct Nginx {
    child: Child,
    address: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The README's ```nginx block, as written.
fn readme_server_block() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    readme
        .split("```nginx\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.trim_start().starts_with("server {"))
        .expect("README.md shows a whole nginx server block")
        .to_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts nginx with the README's block, its paths and ports replaced by
/// the test's.
fn nginx(site: &TestSite, endpoint: &str) -> Nginx {
    assert!(
        Path::new(NGINX).exists(),
        "{NGINX} is missing: install Debian's nginx (scripts/test.sh does)"
    );
    let port = free_port();
    let block = readme_server_block();
    for expected in ["listen 80;", "root /srv/praktijk/public;", "127.0.0.1:8090"] {
        assert!(
            block.contains(expected),
            "the README's block has `{expected}`"
        );
    }
    let public = site.path("public");
    let block = block
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace(
            "root /srv/praktijk/public;",
            &format!("root {};", public.display()),
        )
        .replace("127.0.0.1:8090", endpoint);
    let work = site.path("nginx");
    std::fs::create_dir_all(&work).unwrap();
    let w = work.display();
    let config = format!(
        "daemon off;\nworker_processes 1;\npid {w}/nginx.pid;\nerror_log {w}/error.log;\nevents {{ worker_connections 64; }}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {w}/body;\n  proxy_temp_path {w}/proxy;\n  fastcgi_temp_path {w}/fastcgi;\n  uwsgi_temp_path {w}/uwsgi;\n  scgi_temp_path {w}/scgi;\n{block}\n}}\n"
    );
    std::fs::write(work.join("nginx.conf"), config).unwrap();
    let child = Command::new(NGINX)
        .arg("-p")
        .arg(&work)
        .arg("-c")
        .arg(work.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nginx");
    let address = format!("127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(&address).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(work.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx { child, address }
}

/// The example site built, its endpoint running, nginx in front of both.
fn behind_nginx() -> (TestSite, Server, Nginx) {
    let site = TestSite::example();
    site.build(&[]).success();
    let endpoint = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    let nginx = nginx(&site, &endpoint.address);
    (site, endpoint, nginx)
}

fn submit(nginx: &Nginx, visitor: &str, lang: &str) -> Response {
    post_from(
        visitor,
        &nginx.address,
        "/forms/contact",
        &[("Origin", ORIGIN), ("Content-Type", FORM)],
        contact(lang, "Een vraag, via nginx").as_bytes(),
    )
}

#[test]
fn the_readme_nginx_site_serves_pages_and_each_languages_404() {
    let (_site, _endpoint, nginx) = behind_nginx();
    let home = request(&nginx.address, "GET", "/nl/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"nl\""));
    for (path, lang) in [("/fr/nulle-part/", "fr"), ("/nl/nergens/", "nl")] {
        let missing = request(&nginx.address, "GET", path);
        assert_eq!(missing.status, 404, "{path}");
        assert!(
            missing.body.contains(&format!("<html lang=\"{lang}\"")),
            "{path}: the {lang} 404 page"
        );
    }
    let root_missing = request(&nginx.address, "GET", "/elders");
    assert_eq!(root_missing.status, 404);
    assert!(root_missing.body.contains("404"), "the root 404 page");
}

#[test]
fn the_readme_nginx_site_serves_no_dot_file_but_well_known() {
    let (site, _endpoint, nginx) = behind_nginx();
    site.write(
        "public/.praxis-published",
        "the record praxis publish keeps",
    );
    site.write(
        "public/.well-known/security.txt",
        "Contact: mailto:x@example.org\n",
    );
    assert_eq!(
        request(&nginx.address, "GET", "/.praxis-published").status,
        404
    );
    assert_eq!(request(&nginx.address, "GET", "/nl/.hidden").status, 404);
    let known = request(&nginx.address, "GET", "/.well-known/security.txt");
    assert_eq!(known.status, 200);
    assert!(known.body.contains("Contact:"));
}

#[test]
fn through_the_readme_nginx_a_visitor_submits_is_thanked_and_limited_alone() {
    let (site, _endpoint, nginx) = behind_nginx();

    let sent = submit(&nginx, "127.0.0.2", "fr");
    assert_eq!(sent.status, 303, "{}", sent.body);
    let thanks = sent.header("location").expect("a redirect").to_owned();
    assert!(thanks.starts_with("/fr/"), "thanked in French: {thanks}");
    let page = request(&nginx.address, "GET", &thanks);
    assert_eq!(page.status, 200, "nginx serves the thank-you page {thanks}");

    // The rate limit counts the visitor nginx saw, not nginx itself.
    let statuses: Vec<u16> = (0..5)
        .map(|_| submit(&nginx, "127.0.0.2", "nl").status)
        .collect();
    assert_eq!(statuses, [303, 303, 303, 303, 429]);
    assert_eq!(
        submit(&nginx, "127.0.0.3", "nl").status,
        303,
        "another visitor behind the same nginx is not affected"
    );
    assert_eq!(stored(&site), 6);
}

#[test]
fn through_the_readme_nginx_the_bare_address_sends_a_browser_to_its_languages_home() {
    let (_site, endpoint, nginx) = behind_nginx();
    let root = |accept: &[(&str, &str)]| request_with(&nginx.address, "GET", "/", accept);
    for (accept, home) in [
        ("fr-BE,fr;q=0.9,nl;q=0.8", "/fr/"),
        ("en-GB,en;q=0.9,nl;q=0.5,fr;q=0.2", "/nl/"),
    ] {
        let sent = root(&[("Accept-Language", accept)]);
        assert_eq!(sent.status, 302, "{accept}");
        assert_eq!(sent.header("location"), Some(home), "{accept}");
        assert_eq!(sent.header("vary"), Some("Accept-Language"));
    }
    for accept in [&[][..], &[("Accept-Language", "de")][..]] {
        let chooser = root(accept);
        assert_eq!(chooser.status, 200, "{accept:?}");
        assert!(chooser.body.contains("hreflang=\"fr\""), "the chooser");
    }
    // With the endpoint down, nginx shows the chooser itself.
    drop(endpoint);
    let chooser = root(&[("Accept-Language", "fr")]);
    assert_eq!(chooser.status, 200, "{}", chooser.body);
    assert!(chooser.body.contains("hreflang=\"nl\""), "{}", chooser.body);
}

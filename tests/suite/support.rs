//! A small site in a temporary folder, built with the real `praxis` binary.
//!
//! ```ignore
//! let site = TestSite::minimal().file("content/over/nl.md", "+++\ntitle = \"Over\"\n+++\n");
//! site.build().success();
//! assert!(site.read("public/nl/over/index.html").contains("Over"));
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

pub struct TestSite {
    dir: TempDir,
}

/// A bilingual site.toml, a home page in each language and a tiny theme
/// that prints what the tests look at.
const SITE_TOML: &str = r#"base_url = "https://example.org"
theme = "plain"
default_language = "nl"

[languages.nl]
title = "Praktijk"

[languages.fr]
title = "Cabinet"
"#;

const BASE: &str = r#"<!doctype html>
<html lang="{{ lang }}"><head><title>{% block title %}{{ site.title }}{% endblock title %}</title></head>
<body>{% block content %}{% endblock content %}</body></html>
"#;

const PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block content %}<h1>{{ page.title }}</h1>
<p class="meta">words={{ page.word_count }} minutes={{ page.reading_time }}{% if page.date %} date={{ page.date.day }}{% endif %}</p>
<nav class="translations">{% for t in page.translations %}<a class="t-{{ t.lang }}" href="{{ t.url }}">{{ t.title }}</a>{% endfor %}</nav>
<div class="summary">{{ page.summary | default(value="") | safe }}</div>
<div class="content">{{ page.content | safe }}</div>
{% endblock content %}
"#;

const SECTION: &str = r#"{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul class="pages">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endblock content %}
"#;

const CHOOSER: &str = r#"<!doctype html><html lang="{{ lang }}"><body>
{% for l in site.languages %}<a href="{{ l.url }}" hreflang="{{ l.code }}">{{ l.name }}</a>{% endfor %}
</body></html>
"#;

impl TestSite {
    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The smallest complete site: config, plain theme, home in nl and fr.
    pub fn minimal() -> TestSite {
        TestSite::empty()
            .file("site.toml", SITE_TOML)
            .file("themes/plain/templates/base.html", BASE)
            .file("themes/plain/templates/page.html", PAGE)
            .file("themes/plain/templates/section.html", SECTION)
            .file("themes/plain/templates/index.html", SECTION)
            .file("themes/plain/templates/language_chooser.html", CHOOSER)
            .file("themes/plain/templates/404.html", "<h1>404 {{ lang }}</h1>")
            .file("content/nl.md", "+++\ntitle = \"Welkom\"\n+++\nHallo.\n")
            .file(
                "content/fr.md",
                "+++\ntitle = \"Bienvenue\"\n+++\nBonjour.\n",
            )
    }

    /// A small site with the repository's own default theme (`praxis`).
    pub fn with_default_theme() -> TestSite {
        let site = TestSite::minimal();
        copy_tree(
            &Path::new(REPO).join("themes/praxis"),
            &site.path("themes/praxis"),
        );
        let config = site
            .read("site.toml")
            .replace("theme = \"plain\"", "theme = \"praxis\"");
        site.write("site.toml", &config);
        site
    }

    /// A copy of the repository's own example site.
    pub fn example() -> TestSite {
        let site = TestSite::empty();
        for entry in [
            "site.toml",
            "content",
            "themes",
            "i18n",
            "templates",
            "static",
            "translations.lock",
            "demo",
        ] {
            let from = Path::new(REPO).join(entry);
            if from.exists() {
                copy_tree(&from, &site.path(entry));
            }
        }
        site
    }

    /// Writes a file, creating its folders.
    pub fn file(self, path: &str, text: &str) -> TestSite {
        self.write(path, text);
        self
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let full = self.path(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }

    pub fn remove(&self, path: &str) {
        let full = self.path(path);
        if full.is_dir() {
            std::fs::remove_dir_all(full).unwrap();
        } else {
            std::fs::remove_file(full).unwrap();
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.path(path).exists()
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}\nfiles: {:#?}", self.files()))
    }

    /// Every file under the site, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir(self.root())
            .into_iter()
            .map(|p| {
                p.strip_prefix(self.root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        files
    }

    /// `praxis --root SITE build ARGS…`
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.praxis(&all)
    }

    /// `praxis --root SITE ARGS…`
    pub fn praxis(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run praxis");
        Run::from(output)
    }
}

/// Runs praxis in `dir` (as she runs `praxis init` in a folder), without `--root`.
pub fn praxis_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run praxis");
    Run::from(output)
}

/// What a run of praxis printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(0),
            "praxis failed:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Fails with exit status 1 (errors in the input), never a panic.
    #[track_caller]
    pub fn failure(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(1),
            "expected errors:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "praxis panicked:\n{}",
            self.stderr
        );
        self
    }

    /// Ended with success or with errors in the input — never a crash.
    #[track_caller]
    pub fn ended_cleanly(&self, what: &str) -> &Run {
        assert!(
            matches!(self.code, Some(0) | Some(1)),
            "{what} ended with {:?}:\n{}",
            self.code,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "{what}:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stderr has an error naming `location` (`file:line`,
    /// `file:line:column` or just `file`) with every one of `words` in its message.
    #[track_caller]
    pub fn error_at(&self, location: &str, words: &[&str]) -> &Run {
        let found = self.stderr.split("\n\n").any(|block| {
            block.starts_with(&format!("error: {location}"))
                && block["error: ".len() + location.len()..].starts_with([':', ' '])
                && words.iter().all(|w| block.contains(w))
        });
        assert!(
            found,
            "no error at {location} with {words:?} in:\n{}",
            self.stderr
        );
        self
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            // Not through links: a test may link to `/`.
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

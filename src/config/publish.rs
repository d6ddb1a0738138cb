//! `[publish.NAME]` in site.toml: where `praxis publish` sends the site (or
//! the form endpoint's bundle), each target a URL.
//!
//! ```toml
//! [publish.site]
//! to = "ssh://marie@praktijk.be/srv/praktijk/public"
//! url = "https://praktijk.be/"
//!
//! [publish.forms]
//! to = "ssh://marie@forms.praktijk.be/srv/praxis-endpoint"
//! endpoint = true
//! after = "sudo systemctl restart praxis-forms"
//! ```
//!
//! No password or key is ever written here: SSH, SFTP and git use the
//! practitioner's own agent, keys, `~/.ssh/config` and `known_hosts`. The
//! URL is read once, here, into a [`Destination`], so that `check` and
//! `publish` agree on what it means.

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// One target as site.toml writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub to: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub endpoint: bool,
    #[serde(default)]
    pub after: Option<String>,
}

/// A target of `praxis publish`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its name in site.toml: `[publish.NAME]`.
    pub name: String,
    /// Where it goes, as site.toml wrote it (to say so).
    pub to: String,
    pub destination: Destination,
    /// Where the site is served from there, to compare with `base_url`.
    pub url: Option<String>,
    /// Sends the form endpoint's bundle, never the site.
    pub endpoint: bool,
    /// A command run on the host (over SSH) once everything is sent.
    pub after: Option<String>,
}

impl Target {
    /// Whether its `url` says the site is served elsewhere than at
    /// `base_url` (its links would then point away from it). The endpoint's
    /// bundle goes to another host, and has no address to compare.
    pub fn served_elsewhere_than(&self, base_url: &str) -> bool {
        let same = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
        !self.endpoint && self.url.as_deref().is_some_and(|url| !same(url, base_url))
    }

    /// Where it goes, in a line: for `praxis check`.
    pub fn describe(&self) -> String {
        let mut line = format!("{} → {} ({})", self.name, self.to, self.destination.kind());
        if self.endpoint {
            line.push_str(", the form endpoint's bundle");
        }
        if let Some(url) = &self.url {
            line.push_str(&format!(", served at {url}"));
        }
        if let Some(after) = &self.after {
            line.push_str(&format!(", then `{after}` on the host"));
        }
        line
    }
}

/// Where a target's files go, and how they get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A folder on this computer (or a share mounted on it).
    Folder(PathBuf),
    /// A folder on a host with SSH and rsync: `ssh://user@host:port/path`.
    Rsync(Remote),
    /// A folder on a host that offers SFTP only: `sftp://user@host/path`.
    Sftp(Remote),
    /// A branch of a git repository: `git+ssh://…/repo.git#branch`,
    /// `git+file:///…/repo.git#branch`, `git+https://…`.
    Git { repository: String, branch: String },
}

/// A folder on another computer, reached over SSH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    /// The folder's absolute path, or one relative to the login folder.
    pub path: String,
}

impl Remote {
    /// `user@host`, as ssh, rsync and sftp take it.
    pub fn login(&self) -> String {
        match &self.user {
            Some(user) => format!("{user}@{}", self.host),
            None => self.host.clone(),
        }
    }
}

/// Why a `to` cannot be published to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDestination {
    #[error("`{0}` is neither a folder nor a URL praxis publishes to")]
    UnknownScheme(String),
    #[error("`{0}` names no host")]
    NoHost(String),
    #[error("`{0}` names no folder on the host")]
    NoPath(String),
    #[error("`{0}` has a port that is not a number")]
    BadPort(String),
    #[error("`{0}` names no branch")]
    NoBranch(String),
    #[error("`{0}` holds a password; praxis uses your SSH keys and never stores a password")]
    Password(String),
    #[error("`{0}` is the host's root folder `/`")]
    Root(String),
    #[error("`{0}` is a login folder on the host, which holds more than a site")]
    Home(String),
    #[error("`{0}` looks like an address, not a folder, but is not one praxis can publish to")]
    LooksLikeAnAddress(String),
    #[error("`{0}` names a branch git would not take")]
    BadBranch(String),
}

impl BadDestination {
    fn help(&self) -> &'static str {
        match self {
            BadDestination::UnknownScheme(_) => {
                "write ssh://user@host/path, sftp://user@host/path, git+ssh://host/repo.git#branch, git+file:///path/repo.git#branch or a folder's path"
            }
            BadDestination::NoHost(_) | BadDestination::NoPath(_) => {
                "write the host and the folder, like ssh://marie@praktijk.be/srv/praktijk/public"
            }
            BadDestination::BadPort(_) => {
                "write the port as a number: ssh://marie@praktijk.be:2222/srv/site"
            }
            BadDestination::NoBranch(_) => {
                "end the URL with the branch to publish to, like #pages or #gh-pages"
            }
            BadDestination::Password(_) => {
                "remove the password from the URL; load your key with ssh-add, or name it in ~/.ssh/config"
            }
            BadDestination::LooksLikeAnAddress(_) => {
                "write a URL: ssh://user@host/path, sftp://user@host/path or git+ssh://git@host/owner/repo.git#branch (a forge's git@host:owner/repo.git becomes git+ssh://git@host/owner/repo.git); or the full path of a folder, like /mnt/share/site"
            }
            BadDestination::BadBranch(_) => {
                "name the branch as git does: letters, digits, - _ . and /, like #pages or #gh-pages"
            }
            BadDestination::Root(_) | BadDestination::Home(_) => {
                "name a folder of the site's own, like /srv/praktijk/public or ~/www"
            }
        }
    }
}

impl Destination {
    /// Reads a `to`: a URL, or a folder's path (relative to the site).
    pub fn parse(to: &str) -> Result<Destination, BadDestination> {
        let bad = |make: fn(String) -> BadDestination| make(to.to_owned());
        if let Some(rest) = to.strip_prefix("git+") {
            let (repository, branch) = rest
                .rsplit_once('#')
                .ok_or_else(|| bad(BadDestination::NoBranch))?;
            if branch.is_empty() {
                return Err(bad(BadDestination::NoBranch));
            }
            if !is_branch_name(branch) {
                return Err(bad(BadDestination::BadBranch));
            }
            let known = ["ssh://", "file://", "https://", "http://"];
            if !known.iter().any(|s| repository.starts_with(s)) {
                return Err(bad(BadDestination::UnknownScheme));
            }
            if repository.split_once("://").is_some_and(|(_, r)| {
                r.split('/').next().is_some_and(|authority| {
                    authority
                        .rsplit_once('@')
                        .is_some_and(|(user, _)| user.contains(':'))
                })
            }) {
                return Err(bad(BadDestination::Password));
            }
            return Ok(Destination::Git {
                repository: repository.to_owned(),
                branch: branch.to_owned(),
            });
        }
        for (scheme, make) in [
            ("ssh://", Destination::Rsync as fn(Remote) -> Destination),
            ("sftp://", Destination::Sftp),
        ] {
            if let Some(rest) = to.strip_prefix(scheme) {
                return Ok(make(remote(to, rest)?));
            }
        }
        if to.contains("://") || to.is_empty() {
            return Err(bad(BadDestination::UnknownScheme));
        }
        if looks_like_an_address(to) {
            return Err(bad(BadDestination::LooksLikeAnAddress));
        }
        Ok(Destination::Folder(PathBuf::from(to)))
    }

    /// How the files get there, in a word: for `check` and `publish`.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Folder(_) => "folder",
            Destination::Rsync(_) => "rsync over SSH",
            Destination::Sftp(_) => "SFTP",
            Destination::Git { .. } => "git",
        }
    }
}

/// `user@host:port/path` of an ssh:// or sftp:// URL.
fn remote(to: &str, rest: &str) -> Result<Remote, BadDestination> {
    let bad = |make: fn(String) -> BadDestination| make(to.to_owned());
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    let (user, host_port) = match authority.rsplit_once('@') {
        Some((user, _)) if user.contains(':') => return Err(bad(BadDestination::Password)),
        Some((user, host)) => (Some(user.to_owned()), host),
        None => (None, authority),
    };
    let (host, port) = match host_port.rsplit_once(':') {
        // An IPv6 address is written in brackets: [::1]:22.
        Some((host, port)) if !port.contains(']') => {
            let port = port.parse().map_err(|_| bad(BadDestination::BadPort))?;
            (host, Some(port))
        }
        _ => (host_port, None),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(bad(BadDestination::NoHost));
    }
    // `ssh://host/~/www` and `ssh://host/~marie/www` name folders under a
    // login folder; `ssh://host/srv/site` an absolute one.
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let path = match path.strip_prefix("/~/") {
        Some(relative) => relative.to_owned(),
        None if path == "/~" => String::new(),
        None => path,
    };
    let trimmed = path.trim_end_matches('/');
    if is_login_folder(trimmed) || (trimmed.is_empty() && rest.contains("/~")) {
        return Err(bad(BadDestination::Home));
    }
    if trimmed.is_empty() {
        return Err(bad(if path.is_empty() {
            BadDestination::NoPath
        } else {
            BadDestination::Root
        }));
    }
    Ok(Remote {
        user,
        host: host.to_owned(),
        port,
        path: trimmed.to_owned(),
    })
}

/// A folder's path that a person meant as an address: `marie@host:/srv`,
/// `git@codeberg.org:marie/pages.git#pages`, `ssh:/host`, `~/www` (a
/// folder is written whole: praxis does not expand `~`).
fn looks_like_an_address(to: &str) -> bool {
    let before_slash = to.split('/').next().unwrap_or(to);
    before_slash.contains(':') && !is_windows_drive(before_slash)
        || before_slash.contains('@')
        || to.contains('#')
        || to.starts_with('~')
        || ["ssh", "sftp", "git", "http"]
            .iter()
            .any(|s| to.starts_with(s) && to[s.len()..].starts_with([':', '/', '+']))
}

/// `C:` — a drive, as a folder's path on Windows starts.
fn is_windows_drive(part: &str) -> bool {
    part.len() == 2 && part.as_bytes()[0].is_ascii_alphabetic() && part.ends_with(':')
}

/// A branch name git takes (the rules of `git check-ref-format --branch`
/// that a person can break by typing).
fn is_branch_name(branch: &str) -> bool {
    !branch.starts_with(['-', '/', '.'])
        && !branch.ends_with(['/', '.'])
        && !branch.ends_with(".lock")
        && !branch.contains("..")
        && !branch.contains("//")
        && !branch.contains("@{")
        && !branch
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "~^:?*[\\".contains(c))
}

/// `/root`, `/home/NAME`, `/Users/NAME`: a folder a publish must not
/// fill with a site (nor empty of what is not one).
fn is_login_folder(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    path.starts_with('/') && matches!(parts.as_slice(), ["root"] | ["home" | "Users", _])
}

/// `[publish]`: the targets in site.toml's order, or what is wrong with
/// them, located in `source`.
pub fn targets(raw: IndexMap<String, RawTarget>, source: &str) -> (Vec<Target>, Vec<Diagnostic>) {
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for (name, raw) in raw {
        let header = format!("[publish.{name}]");
        let at = source.find(&header).unwrap_or(0);
        let located = |message: String, help: &str| {
            Diagnostic::error(message)
                .in_file(super::CONFIG_FILE)
                .at_offset(source, at, header.len().max(1))
                .help(help.to_owned())
        };
        let destination = match Destination::parse(&raw.to) {
            Ok(destination) => destination,
            Err(why) => {
                problems.push(located(format!("{header} to: {why}"), why.help()));
                continue;
            }
        };
        if let Some(url) = &raw.url
            && super::split_base_url(url).is_none()
        {
            problems.push(located(
                format!("{header} url `{url}` is not an http(s) URL"),
                "write the address the site is served at there, like \"https://praktijk.be/\"",
            ));
        }
        if raw.after.is_some() && !matches!(destination, Destination::Rsync(_)) {
            problems.push(located(
                format!("{header} after: a command can be run only on a host reached over ssh://"),
                "remove `after`, or publish over ssh://",
            ));
        }
        targets.push(Target {
            name,
            to: raw.to,
            destination,
            url: raw.url,
            endpoint: raw.endpoint,
            after: raw.after,
        });
    }
    (targets, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(user: Option<&str>, host: &str, port: Option<u16>, path: &str) -> Remote {
        Remote {
            user: user.map(str::to_owned),
            host: host.to_owned(),
            port,
            path: path.to_owned(),
        }
    }

    #[test]
    fn each_kind_of_url_names_its_host_port_folder_and_branch() {
        assert_eq!(
            Destination::parse("ssh://marie@praktijk.be/srv/praktijk/public/"),
            Ok(Destination::Rsync(remote(
                Some("marie"),
                "praktijk.be",
                None,
                "/srv/praktijk/public"
            )))
        );
        assert_eq!(
            Destination::parse("ssh://marie@[::1]:2222/srv/site"),
            Ok(Destination::Rsync(remote(
                Some("marie"),
                "::1",
                Some(2222),
                "/srv/site"
            )))
        );
        assert_eq!(
            Destination::parse("sftp://u123@sftp.host.be/~/www"),
            Ok(Destination::Sftp(remote(
                Some("u123"),
                "sftp.host.be",
                None,
                "www"
            )))
        );
        assert_eq!(
            Destination::parse("git+ssh://git@codeberg.org/marie/pages.git#pages"),
            Ok(Destination::Git {
                repository: "ssh://git@codeberg.org/marie/pages.git".into(),
                branch: "pages".into()
            })
        );
        assert_eq!(
            Destination::parse("/mnt/webshare/praktijk"),
            Ok(Destination::Folder("/mnt/webshare/praktijk".into()))
        );
    }

    #[test]
    fn a_url_without_folder_branch_or_with_a_password_is_refused() {
        let refused = |to: &str| Destination::parse(to).unwrap_err();
        assert!(matches!(refused("ssh://host"), BadDestination::NoPath(_)));
        assert!(matches!(refused("ssh://host/"), BadDestination::Root(_)));
        assert!(matches!(
            refused("ssh://a:secret@host/srv"),
            BadDestination::Password(_)
        ));
        assert!(matches!(
            refused("git+https://a:secret@host/r.git#p"),
            BadDestination::Password(_)
        ));
        assert!(matches!(
            refused("git+file:///r.git"),
            BadDestination::NoBranch(_)
        ));
        assert!(matches!(
            refused("ssh://host:port/srv"),
            BadDestination::BadPort(_)
        ));
        assert!(matches!(
            refused("ftp://host/www"),
            BadDestination::UnknownScheme(_)
        ));
    }
}

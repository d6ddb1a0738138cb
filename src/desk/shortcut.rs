//! `praxis desk --shortcut`: a launcher that opens this site's desk with a
//! double click, for someone who would rather not open a terminal again —
//! a `.desktop` file in the applications menu (and on the desktop, where
//! there is one) on Linux, a `.command` on the desktop on a Mac, a `.cmd`
//! on the desktop on Windows.
//!
//! The launcher runs this very praxis (its full path) in this very site
//! folder: a double click while the desk runs already opens that one
//! ([`super::running`]).

use std::path::{Path, PathBuf};

/// Why no launcher was made.
#[derive(Debug, thiserror::Error)]
pub enum ShortcutError {
    #[error("cannot tell where this praxis program is: {0}")]
    NoProgram(std::io::Error),
    #[error("cannot tell where your home folder is (HOME is not set)")]
    NoHome,
    #[error("cannot write the shortcut {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl crate::diagnostics::Help for ShortcutError {
    fn help(&self) -> Option<String> {
        match self {
            ShortcutError::NoProgram(_) => {
                Some("run praxis from where it is installed, then try again".into())
            }
            ShortcutError::NoHome => Some("set HOME to your home folder".into()),
            ShortcutError::Write { .. } => {
                Some("check that the folder exists and that you may write in it".into())
            }
        }
    }
}

impl crate::error::Said for ShortcutError {
    fn is_input(&self) -> bool {
        false
    }
}

/// What a launcher runs and is called.
pub struct Launcher {
    /// This praxis, by its full path.
    pub program: PathBuf,
    /// The site's folder, by its full path.
    pub root: PathBuf,
    /// The site's title, for the launcher's name.
    pub title: String,
}

/// Makes the launchers of this system for `launcher`; returns where.
pub fn make(launcher: &Launcher) -> Result<Vec<PathBuf>, ShortcutError> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|home| home.is_absolute())
        .ok_or(ShortcutError::NoHome)?;
    let mut made = Vec::new();
    if cfg!(target_os = "macos") {
        let file = home
            .join("Desktop")
            .join(format!("{}.command", launcher.name()));
        write(&file, &launcher.command_file(), true)?;
        made.push(file);
    } else if cfg!(windows) {
        let file = home
            .join("Desktop")
            .join(format!("{}.cmd", launcher.name()));
        write(&file, &launcher.cmd_file(), false)?;
        made.push(file);
    } else {
        let file_name = format!("praxis-desk-{}.desktop", launcher.id());
        let applications = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|dir| dir.is_absolute())
            .unwrap_or_else(|| home.join(".local").join("share"))
            .join("applications");
        let entry = launcher.desktop_entry();
        let file = applications.join(&file_name);
        write(&file, &entry, true)?;
        made.push(file);
        if let Some(desktop) = desktop_folder(&home) {
            let file = desktop.join(&file_name);
            write(&file, &entry, true)?;
            made.push(file);
        }
    }
    Ok(made)
}

impl Launcher {
    /// The launcher's name as she sees it: `praxis desk — Praktijk De Brug`.
    pub fn name(&self) -> String {
        let title: String = self
            .title
            .chars()
            // Not in a file name on any system.
            .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
            .filter(|c| !c.is_control())
            .collect();
        let title = title.trim();
        if title.is_empty() {
            "praxis desk".to_owned()
        } else {
            format!("praxis desk — {title}")
        }
    }

    /// A name for the launcher's file that is the same for one site folder
    /// every time (made again, it replaces itself) and differs between two.
    fn id(&self) -> String {
        let folder = self
            .root
            .file_name()
            .map(|n| crate::slugs::slugify(&n.to_string_lossy()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "site".to_owned());
        let hash = xxhash_rust::xxh3::xxh3_64(self.root.to_string_lossy().as_bytes());
        format!("{folder}-{:08x}", hash as u32)
    }

    /// A freedesktop.org desktop entry (Linux, BSD).
    pub fn desktop_entry(&self) -> String {
        let exec = [
            self.program.to_string_lossy(),
            "--root".into(),
            self.root.to_string_lossy(),
            "desk".into(),
        ]
        .iter()
        .map(|arg| exec_argument(arg))
        .collect::<Vec<_>>()
        .join(" ");
        let name = entry_value(&self.name());
        format!(
            "[Desktop Entry]\nType=Application\nVersion=1.4\nName={name}\n\
Comment=Write, translate and publish the site in your browser\n\
Comment[nl]=De site schrijven, vertalen en publiceren in je browser\n\
Comment[fr]=Écrire, traduire et publier le site dans votre navigateur\n\
Exec={exec}\nPath={path}\nIcon=accessories-text-editor\nTerminal=false\nCategories=Office;\n",
            exec = entry_value(&exec),
            path = entry_value(&self.root.to_string_lossy()),
        )
    }

    /// A Mac `.command`: a shell script Finder opens in Terminal.
    pub fn command_file(&self) -> String {
        format!(
            "#!/bin/sh\n# {name}: double-click to open the desk of this site.\nexec {program} --root {root} desk\n",
            name = self.name(),
            program = shell_quoted(&self.program.to_string_lossy()),
            root = shell_quoted(&self.root.to_string_lossy()),
        )
    }

    /// A Windows `.cmd`: its window runs the desk; closing it stops it.
    pub fn cmd_file(&self) -> String {
        format!(
            "@echo off\r\nrem {name}: double-click to open the desk of this site.\r\n\"{program}\" --root \"{root}\" desk\r\n",
            name = self.name(),
            program = self.program.display(),
            root = self.root.display(),
        )
    }
}

/// The desktop folder, where there is one: `xdg-user-dir DESKTOP`, else
/// `~/Desktop`; only a folder that exists and is not the home folder.
fn desktop_folder(home: &Path) -> Option<PathBuf> {
    let named = std::process::Command::new("xdg-user-dir")
        .arg("DESKTOP")
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        .filter(|dir| dir.is_absolute());
    let desktop = named.unwrap_or_else(|| home.join("Desktop"));
    (desktop.is_dir() && desktop != home).then_some(desktop)
}

/// One argument of a desktop entry's `Exec`: quoted where it must be,
/// with `"`, `` ` ``, `$` and `\` escaped inside the quotes, `%` doubled
/// (the specification's rules, before the value's own escapes).
fn exec_argument(arg: &str) -> String {
    let arg = arg.replace('%', "%%");
    let reserved = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\''
                    | '\\'
                    | '>'
                    | '<'
                    | '~'
                    | '|'
                    | '&'
                    | ';'
                    | '$'
                    | '*'
                    | '?'
                    | '#'
                    | '('
                    | ')'
                    | '`'
            )
    };
    if !arg.is_empty() && !arg.chars().any(reserved) {
        return arg;
    }
    let mut quoted = String::from("\"");
    for c in arg.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// A desktop entry's value: its backslashes and line breaks escaped.
fn entry_value(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// `text` as one word to a POSIX shell.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Writes `text` to `file` (its folder made if need be), executable where
/// a launcher must be.
fn write(file: &Path, text: &str, executable: bool) -> Result<(), ShortcutError> {
    let failed = |source| ShortcutError::Write {
        path: file.to_owned(),
        source,
    };
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    std::fs::write(file, text).map_err(failed)?;
    #[cfg(unix)]
    if executable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o755)).map_err(failed)?;
    }
    #[cfg(not(unix))]
    let _ = executable;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launcher(program: &str, root: &str) -> Launcher {
        Launcher {
            program: program.into(),
            root: root.into(),
            title: "Praktijk De Brug".into(),
        }
    }

    #[test]
    fn a_path_with_spaces_quotes_and_percents_survives_the_exec_line() {
        let entry = launcher(
            "/opt/praxis/bin/praxis",
            "/home/marie/Mijn site \"2026\" 100%",
        )
        .desktop_entry();
        assert!(
            entry.contains(
                "Exec=/opt/praxis/bin/praxis --root \"/home/marie/Mijn site \\\\\"2026\\\\\" 100%%\" desk\n"
            ),
            "{entry}"
        );
        assert!(
            entry.contains("Name=praxis desk — Praktijk De Brug\n"),
            "{entry}"
        );
    }

    #[test]
    fn a_mac_launcher_quotes_what_the_shell_would_split() {
        let file = launcher("/Applications/praxis", "/Users/marie/Marie's site").command_file();
        assert!(
            file.ends_with(
                "exec '/Applications/praxis' --root '/Users/marie/Marie'\\''s site' desk\n"
            ),
            "{file}"
        );
    }

    #[test]
    fn one_site_gets_one_launcher_and_two_sites_two() {
        let a = launcher("/p", "/home/marie/site").id();
        assert_eq!(a, launcher("/p", "/home/marie/site").id());
        assert_ne!(a, launcher("/p", "/home/jan/site").id());
        assert!(a.starts_with("site-"), "{a}");
    }
}

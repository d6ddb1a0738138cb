//! What praxis keeps on her own machine for her, outside every site folder
//! and every git repository: the token that pulls her submissions, the
//! endpoint a site pulls from, the desk's key, the private key she gave
//! the desk to read her submissions with.
//!
//! They live in her own configuration folder (`$XDG_CONFIG_HOME/praxis`,
//! else `~/.config/praxis`; `~/Library/Application Support/praxis` on a
//! Mac; `%APPDATA%\praxis` on Windows), one small file per value, the
//! folders readable by her only (0700) and the files too (0600), written
//! beside and renamed so that a crash leaves the old value or the new one.
//! A file others can read is not used: a secret that has leaked is no
//! longer one, and she is told how to close it.
//!
//! Tokens are kept per endpoint (one endpoint, one token, whichever site
//! folder pulls from it); what belongs to one site (the endpoint it pulls
//! from, its desk's key) is kept per site folder, named by a hash of the
//! folder's full path.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Why a kept value could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum KeptError {
    #[error("cannot tell where your own configuration folder is (HOME is not set)")]
    NoHome,
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} can be read by other users of this computer, so it is not used", path.display())]
    Exposed { path: PathBuf },
}

impl KeptError {
    /// What to do about it, for the area whose `Help` shows it.
    pub fn advice(&self) -> Option<String> {
        match self {
            KeptError::NoHome => Some("set HOME (or XDG_CONFIG_HOME) to your home folder".into()),
            KeptError::Exposed { path } => Some(format!(
                "run `chmod 600 {}`, or delete it and give the token again",
                path.display()
            )),
            _ => None,
        }
    }
}

/// Her folder of kept values.
#[derive(Debug, Clone)]
pub struct Kept {
    dir: PathBuf,
}

/// One kept value: a file under [`Kept`]'s folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry(PathBuf);

impl Entry {
    /// The pull token for the endpoint at `origin` (`https://forms.example.org`).
    pub fn pull_token(origin: &str) -> Entry {
        Entry(PathBuf::from("tokens").join(file_name(origin)))
    }

    /// The endpoint the site in `root` pulls from, once given with `--from`.
    pub fn pull_from(root: &Path) -> Entry {
        Entry(site_dir(root).join("pull-from"))
    }

    /// The key of the desk of the site in `root`.
    pub fn desk_key(root: &Path) -> Entry {
        Entry(site_dir(root).join("desk-key"))
    }

    /// The private key that reads the submissions of the site in `root`,
    /// given in the desk.
    pub fn identity(root: &Path) -> Entry {
        Entry(site_dir(root).join("identity"))
    }

    /// Where the desk of the site in `root` answers while it runs.
    pub fn desk_address(root: &Path) -> Entry {
        Entry(site_dir(root).join("desk-address"))
    }
}

impl Kept {
    /// Her own configuration folder's `praxis`, wherever this system keeps it.
    pub fn mine() -> Result<Kept, KeptError> {
        config_home()
            .map(|home| Kept::at(home.join("praxis")))
            .ok_or(KeptError::NoHome)
    }

    /// A folder of kept values at `dir`.
    pub fn at(dir: PathBuf) -> Kept {
        Kept { dir }
    }

    /// The file `entry` is kept in.
    pub fn path(&self, entry: &Entry) -> PathBuf {
        self.dir.join(&entry.0)
    }

    /// The value kept as `entry`, if there is one.
    pub fn read(&self, entry: &Entry) -> Result<Option<String>, KeptError> {
        let path = self.path(entry);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(KeptError::Read { path, source }),
        };
        if exposed(&path) {
            return Err(KeptError::Exposed { path });
        }
        let value = text.trim();
        Ok((!value.is_empty()).then(|| value.to_owned()))
    }

    /// Keeps `value` as `entry`, readable by her only.
    pub fn write(&self, entry: &Entry, value: &str) -> Result<(), KeptError> {
        let path = self.path(entry);
        let dir = path.parent().unwrap_or(&self.dir).to_owned();
        let failed = |source| KeptError::Write {
            path: path.clone(),
            source,
        };
        create_private_dirs(&self.dir, &dir).map_err(failed)?;
        let mut file = tempfile::Builder::new()
            .prefix(".kept-")
            .tempfile_in(&dir)
            .map_err(failed)?;
        // tempfile makes its files 0600 already; said again for clarity.
        restrict(file.path(), 0o600).map_err(failed)?;
        file.write_all(format!("{value}\n").as_bytes())
            .and_then(|()| file.as_file().sync_all())
            .map_err(failed)?;
        file.persist(&path).map_err(|e| failed(e.error))?;
        Ok(())
    }

    /// Forgets `entry`; nothing if it was not kept.
    pub fn forget(&self, entry: &Entry) -> Result<(), KeptError> {
        let path = self.path(entry);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(KeptError::Write { path, source }),
        }
    }
}

/// The folder a site's entries are in: `sites/` and a hash of its full path.
fn site_dir(root: &Path) -> PathBuf {
    let full = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = Sha256::digest(full.to_string_lossy().as_bytes());
    let name: String = hash.iter().take(10).map(|b| format!("{b:02x}")).collect();
    PathBuf::from("sites").join(name)
}

/// An origin as a file name: `https://forms.example.org:8443` →
/// `https_forms.example.org_8443`; anything else becomes `_`.
fn file_name(origin: &str) -> String {
    origin
        .trim()
        .trim_end_matches('/')
        .replace("://", "_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn config_home() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        return absolute("APPDATA");
    }
    if let Some(xdg) = absolute("XDG_CONFIG_HOME") {
        return Some(xdg);
    }
    let home = absolute("HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join("Application Support")
    } else {
        home.join(".config")
    })
}

/// Makes `dir` and the folders between `top` and it, each 0700 when made
/// here; `top`'s own parents are hers already (her configuration folder).
fn create_private_dirs(top: &Path, dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    while !at.exists() {
        missing.push(at.to_owned());
        if at == top {
            break;
        }
        match at.parent() {
            Some(parent) => at = parent,
            None => break,
        }
    }
    for folder in missing.iter().rev() {
        match std::fs::create_dir(folder) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(folder)?;
            }
            Err(e) => return Err(e),
        }
        restrict(folder, 0o700)?;
    }
    Ok(())
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> std::io::Result<()> {
    // Windows: %APPDATA% is her profile's, closed to other users already.
    Ok(())
}

#[cfg(unix)]
fn exposed(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn exposed(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_is_hers_only_and_comes_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let kept = Kept::at(dir.path().join("praxis"));
        let entry = Entry::pull_token("https://forms.example.org");
        assert_eq!(kept.read(&entry).unwrap(), None);
        kept.write(&entry, "praxis_pull_abc").unwrap();
        assert_eq!(
            kept.read(&entry).unwrap().as_deref(),
            Some("praxis_pull_abc")
        );
        let path = kept.path(&entry);
        assert!(path.ends_with("tokens/https_forms.example.org"), "{path:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
            assert_eq!(mode(&dir.path().join("praxis")), 0o700);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let Err(KeptError::Exposed { .. }) = kept.read(&entry) else {
                panic!("a token others can read is not used");
            };
        }
        kept.forget(&entry).unwrap();
        kept.forget(&entry).unwrap();
        assert_eq!(kept.read(&entry).unwrap(), None);
    }

    #[test]
    fn each_endpoint_and_each_site_has_its_own_entry() {
        assert_ne!(
            Entry::pull_token("https://a.example"),
            Entry::pull_token("https://b.example")
        );
        assert_eq!(
            file_name("http://127.0.0.1:8090/"),
            "http_127.0.0.1_8090",
            "a port is part of the endpoint"
        );
        assert!(!file_name("https://../../x").contains('/'));
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        assert_ne!(Entry::desk_key(a.path()), Entry::desk_key(b.path()));
        assert_ne!(Entry::identity(a.path()), Entry::identity(b.path()));
        assert_ne!(Entry::identity(a.path()), Entry::desk_key(a.path()));
        assert_eq!(Entry::desk_key(a.path()), Entry::desk_key(a.path()));
    }
}

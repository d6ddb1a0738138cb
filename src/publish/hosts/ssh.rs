//! What rsync, sftp and git over SSH share: the options praxis gives ssh,
//! and what an SSH failure means for the practitioner.

use std::io::IsTerminal;

use super::super::failure::Problem;
use crate::config::publish::Remote;

/// The environment variable that names an ssh_config file to use instead
/// of `~/.ssh/config` (the tests' known hosts and keys; or a setup of her
/// own).
pub const CONFIG_VARIABLE: &str = "PRAXIS_SSH_CONFIG";

/// ssh's options for `remote` (its port with `port_flag`: `-p` for ssh,
/// `-P` for sftp). Without a terminal to ask in, ssh asks nothing: an
/// unknown host key or a key that needs a passphrase is a failure, not a
/// prompt no one sees.
pub fn options(remote: &Remote, port_flag: &str) -> Vec<String> {
    let mut options = Vec::new();
    if let Some(config) = std::env::var_os(CONFIG_VARIABLE) {
        options.push("-F".to_owned());
        options.push(config.to_string_lossy().into_owned());
    }
    if let Some(port) = remote.port {
        options.push(port_flag.to_owned());
        options.push(port.to_string());
    }
    if !std::io::stdin().is_terminal() {
        options.push("-o".to_owned());
        options.push("BatchMode=yes".to_owned());
    }
    // One connection for the whole publish (rsync or sftp runs several
    // times): one handshake, and one passphrase to type where there is no
    // agent. The socket lives in a folder of this run's, only hers.
    if let Some(folder) = shared_connections() {
        for option in [
            "ControlMaster=auto".to_owned(),
            format!("ControlPath={}/%C", folder.display()),
            "ControlPersist=10".to_owned(),
        ] {
            options.push("-o".to_owned());
            options.push(option);
        }
    }
    options
}

/// The folder of this publish's shared SSH connections, made when first
/// asked for; `None` if none can be made (then each command connects on
/// its own).
static SHARED: std::sync::Mutex<Option<tempfile::TempDir>> = std::sync::Mutex::new(None);

fn shared_connections() -> Option<std::path::PathBuf> {
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if shared.is_none() {
        let temp = std::env::temp_dir();
        left_behind::sweep(&temp);
        *shared = tempfile::Builder::new()
            .prefix(&left_behind::prefix(std::process::id()))
            .tempdir_in(&temp)
            .ok();
    }
    shared.as_ref().map(|dir| dir.path().to_path_buf())
}

/// The folders of shared connections that a praxis killed mid-publish
/// left behind. A kill (the desk's window closed, a test's process ended)
/// skips the drop that removes the folder; ssh removes its socket when the
/// master stops, so an empty folder stays in the temporary folder until the
/// machine restarts. The next publish removes them: a folder is praxis's
/// by its name (`praxis-ssh-<process>-…`), the process that made it has
/// ended, it belongs to her, and it holds nothing but sockets. Anything
/// else is left as it is.
mod left_behind {
    use std::path::Path;

    const PREFIX: &str = "praxis-ssh-";

    /// The start of the name of the folder process `pid` makes.
    pub fn prefix(pid: u32) -> String {
        format!("{PREFIX}{pid}-")
    }

    /// Removes the folders in `temp` that ended processes left.
    pub fn sweep(temp: &Path) {
        let Ok(entries) = std::fs::read_dir(temp) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(maker) else {
                continue;
            };
            if pid != std::process::id() && !runs(pid) {
                remove_if_only_sockets(&entry.path());
            }
        }
    }

    /// The process a folder's name says made it.
    fn maker(name: &str) -> Option<u32> {
        let (pid, _) = name.strip_prefix(PREFIX)?.split_once('-')?;
        pid.parse().ok()
    }

    #[cfg(unix)]
    fn runs(pid: u32) -> bool {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        // No such process is the one answer that says it ended (another
        // user's process answers that it may not be signalled).
        rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
    }

    #[cfg(not(unix))]
    fn runs(_pid: u32) -> bool {
        true
    }

    #[cfg(unix)]
    fn remove_if_only_sockets(folder: &Path) {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let ours = std::fs::symlink_metadata(folder)
            .is_ok_and(|m| m.is_dir() && m.uid() == rustix::process::geteuid().as_raw());
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let Ok(entries) = entries.collect::<Result<Vec<_>, _>>() else {
            return;
        };
        let only_sockets = entries
            .iter()
            .all(|e| e.file_type().is_ok_and(|t| t.is_socket()));
        if !ours || !only_sockets {
            return;
        }
        for entry in entries {
            let _ = std::fs::remove_file(entry.path());
        }
        // Fails, and keeps the folder, if anything came in meanwhile.
        let _ = std::fs::remove_dir(folder);
    }

    #[cfg(not(unix))]
    fn remove_if_only_sockets(_folder: &Path) {}
}

/// Ends the sharing: the folder and its socket go (a master still running
/// stops on its own, seconds later, with nothing left to serve).
pub fn close_shared_connections() {
    SHARED.lock().unwrap_or_else(|e| e.into_inner()).take();
}

/// The ssh command rsync and git run, as one line (`rsync -e`,
/// `GIT_SSH_COMMAND`): each word quoted for the shell-like splitting both
/// do.
pub fn command_line(remote: Option<&Remote>) -> String {
    let mut words = vec!["ssh".to_owned()];
    match remote {
        Some(remote) => words.extend(options(remote, "-p")),
        None => words.extend(options(
            &Remote {
                user: None,
                host: String::new(),
                port: None,
                path: String::new(),
            },
            "-p",
        )),
    }
    words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an SSH failure, as ssh wrote it on standard error, means; `None`
/// when it is not one (the tool failed for another reason).
pub fn failure(said: &str, remote: &Remote) -> Option<Problem> {
    let host = remote.host.clone();
    // As a command she can type: `ssh -p 2222 marie@host`.
    let login = match remote.port {
        Some(port) => format!("-p {port} {}", remote.login()),
        None => remote.login(),
    };
    if said.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        || said.contains("Host key verification failed") && said.contains("Offending")
    {
        return Some(Problem::HostKey { host });
    }
    if said.contains("No ED25519 host key is known")
        || said.contains("No RSA host key is known")
        || said.contains("No ECDSA host key is known")
        || said.contains("host key is known for")
        || said.contains("Host key verification failed")
    {
        return Some(Problem::UnknownHost { host, login });
    }
    // ssh's own refusal (`user@host: Permission denied (publickey).`), not
    // a file the login may not write.
    if said.contains("Permission denied (publickey") || said.contains("Permission denied (password")
    {
        return Some(Problem::KeyRefused { host, login });
    }
    for unreachable in [
        "Connection refused",
        "Could not resolve hostname",
        "Connection timed out",
        "No route to host",
        "Network is unreachable",
        "Connection closed by",
        "Connection reset",
    ] {
        if said.contains(unreachable) {
            let detail = said
                .split(" / ")
                .find(|l| l.contains(unreachable))
                .unwrap_or(unreachable)
                .to_owned();
            return Some(Problem::Unreachable { host, detail });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote() -> Remote {
        Remote {
            user: Some("marie".into()),
            host: "praktijk.be".into(),
            port: None,
            path: "/srv/site".into(),
        }
    }

    #[test]
    fn a_changed_host_key_is_told_apart_from_an_unknown_one_and_a_refused_key() {
        let changed = "@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nOffending ED25519 key in /x/known_hosts:1\nHost key verification failed.";
        assert!(matches!(
            failure(changed, &remote()),
            Some(Problem::HostKey { .. })
        ));
        let unknown = "No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.";
        assert!(matches!(
            failure(unknown, &remote()),
            Some(Problem::UnknownHost { .. })
        ));
        let refused = "marie@praktijk.be: Permission denied (publickey).";
        assert!(matches!(
            failure(refused, &remote()),
            Some(Problem::KeyRefused { .. })
        ));
        let closed = "ssh: connect to host praktijk.be port 22: Connection refused";
        assert!(matches!(
            failure(closed, &remote()),
            Some(Problem::Unreachable { .. })
        ));
        assert_eq!(failure("rsync: some other trouble", &remote()), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_publish_removes_the_ssh_folders_ended_processes_left_and_nothing_else() {
        let temp = tempfile::tempdir().unwrap();
        let ended = {
            let mut child = std::process::Command::new("true").spawn().unwrap();
            let pid = child.id();
            child.wait().unwrap();
            pid
        };
        let folder = |name: String| {
            let path = temp.path().join(name);
            std::fs::create_dir(&path).unwrap();
            path
        };
        let left = folder(format!("{}abc", left_behind::prefix(ended)));
        let socket = std::os::unix::net::UnixListener::bind(left.join("0123abcd")).unwrap();
        drop(socket);
        let empty = folder(format!("{}def", left_behind::prefix(ended)));
        let running = folder(format!("{}ghi", left_behind::prefix(std::process::id())));
        let with_a_file = folder(format!("{}jkl", left_behind::prefix(ended)));
        std::fs::write(with_a_file.join("notes.txt"), "not ssh's").unwrap();
        let not_ours_by_name = folder("praxis-ssh-Xy12ab".to_owned());
        let other = folder(format!("praxis-sshd-{ended}-x"));

        left_behind::sweep(temp.path());

        assert!(
            !left.exists(),
            "a folder with ssh's socket, its process ended"
        );
        assert!(!empty.exists(), "an empty folder, its process ended");
        assert!(running.exists(), "the folder of a process still running");
        assert!(
            with_a_file.join("notes.txt").exists(),
            "a folder holding a file"
        );
        assert!(not_ours_by_name.exists() && other.exists());
    }

    #[test]
    fn the_command_line_quotes_each_word() {
        let line = command_line(Some(&Remote {
            port: Some(2222),
            ..remote()
        }));
        assert!(line.starts_with("'ssh'"), "{line}");
        assert!(line.contains("'-p' '2222'"), "{line}");
        // The line names the folder of shared connections, which this test
        // made outside any publish: it goes with the test, not left in /tmp.
        close_shared_connections();
    }
}

//! Debian's real OpenSSH server on loopback, for `praxis publish` over
//! rsync and SFTP: a host key and a user key made for the test, a port of
//! its own, and an ssh_config that knows them (`PRAXIS_SSH_CONFIG`).
//! `scripts/test.sh` installs openssh-server and rsync; without them these
//! tests fail, saying so.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use tempfile::TempDir;

const SSHD: &str = "/usr/sbin/sshd";

/// sshd running, killed when dropped.
pub struct Sshd {
    child: Child,
    dir: TempDir,
    pub port: u16,
    pub user: String,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen (Debian's openssh-client) is missing: scripts/test.sh installs it");
    assert!(status.success(), "ssh-keygen failed");
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sshd {
    pub fn start() -> Sshd {
        assert!(
            Path::new(SSHD).exists(),
            "{SSHD} is missing: install Debian's openssh-server (scripts/test.sh does)"
        );
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        keygen(&d.join("host_key"));
        keygen(&d.join("id"));
        std::fs::copy(d.join("id.pub"), d.join("authorized_keys")).unwrap();
        // sshd checks that its privilege separation folder exists.
        let _ = std::fs::create_dir_all("/run/sshd");
        let port = free_port();
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\nLogLevel ERROR\n",
                d = d.display()
            ),
        )
        .unwrap();
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .stderr(std::fs::File::create(d.join("sshd.log")).unwrap())
            .spawn()
            .expect("start sshd");
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_owned();
        let sshd = Sshd {
            child,
            dir,
            port,
            user,
        };
        sshd.trust(&std::fs::read_to_string(sshd.dir.path().join("host_key.pub")).unwrap());
        sshd.write_client_config();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "sshd did not start: {}",
                std::fs::read_to_string(sshd.dir.path().join("sshd.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        sshd
    }

    fn write_client_config(&self) {
        let d = self.dir.path();
        std::fs::write(
            self.client_config(),
            format!(
                "Host *\n  UserKnownHostsFile {d}/known_hosts\n  GlobalKnownHostsFile /dev/null\n  IdentityFile {d}/id\n  IdentitiesOnly yes\n  StrictHostKeyChecking yes\n  LogLevel ERROR\n",
                d = d.display()
            ),
        )
        .unwrap();
    }

    /// Makes the client know `public_key` (a `.pub` file's text) as this
    /// server's host key.
    pub fn trust(&self, public_key: &str) {
        let mut fields = public_key.split_whitespace();
        let (kind, key) = (fields.next().unwrap(), fields.next().unwrap());
        std::fs::write(
            self.dir.path().join("known_hosts"),
            format!("[127.0.0.1]:{} {kind} {key}\n", self.port),
        )
        .unwrap();
    }

    /// Makes the client know another key than the server's as its host key.
    pub fn trust_another_host_key(&self) {
        let other = self.dir.path().join("other_host_key");
        keygen(&other);
        self.trust(&std::fs::read_to_string(other.with_extension("pub")).unwrap());
    }

    /// Makes the server accept another key than the client's.
    pub fn refuse_the_client_key(&self) {
        let other = self.dir.path().join("other_user_key");
        keygen(&other);
        std::fs::copy(
            other.with_extension("pub"),
            self.dir.path().join("authorized_keys"),
        )
        .unwrap();
    }

    /// The ssh_config praxis is given (`PRAXIS_SSH_CONFIG`).
    pub fn client_config(&self) -> PathBuf {
        self.dir.path().join("ssh_config")
    }

    /// `SCHEME://user@127.0.0.1:port/PATH`
    pub fn url(&self, scheme: &str, path: &Path) -> String {
        format!(
            "{scheme}://{}@127.0.0.1:{}{}",
            self.user,
            self.port,
            path.display()
        )
    }
}

//! A running `praxis serve` and a minimal HTTP client, for tests that go
//! over a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::TestSite;

/// `praxis serve --watch --port 0` on a site, killed when dropped.
pub struct Server {
    child: Child,
    pub address: String,
    /// The line that said where it listens.
    pub started: String,
    /// What it printed before that line.
    pub before_start: String,
    output: Receiver<String>,
}

impl Server {
    pub fn start(site: &TestSite, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--watch", "--port", "0"];
        args.extend_from_slice(extra);
        Server::start_command(site, &args, " at http://")
    }

    /// Starts `praxis --root SITE ARGS…` and waits for the line holding
    /// `marker` followed by the address.
    pub fn start_command(site: &TestSite, args: &[&str], marker: &str) -> Server {
        Server::start_command_env(site, args, marker, &[])
    }

    /// [`Server::start_command`] with environment variables set.
    pub fn start_command_env(
        site: &TestSite,
        args: &[&str],
        marker: &str,
        env: &[(&str, &str)],
    ) -> Server {
        Server::spawn(
            Command::new(env!("CARGO_BIN_EXE_praxis"))
                .arg("--root")
                .arg(site.root())
                .args(args)
                .envs(env.iter().copied()),
            marker,
        )
    }

    /// Starts `command` (a praxis that serves, however it is run) and waits
    /// for the line holding `marker` followed by the address.
    pub fn spawn(command: &mut Command, marker: &str) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start praxis serve");
        let (tx, rx) = channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
                if let Some(rest) = line.split(marker).nth(1) {
                    let address = rest.split('/').next().unwrap().to_owned();
                    return Server {
                        child,
                        address,
                        started: line.clone(),
                        before_start: seen.join("\n"),
                        output: rx,
                    };
                }
                seen.push(line);
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("praxis serve did not start:\n{}", seen.join("\n"));
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the server to exit on its own.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// What the server printed since the last call.
    pub fn printed(&self) -> String {
        let mut lines = Vec::new();
        while let Ok(line) = self.output.recv_timeout(Duration::from_millis(50)) {
            lines.push(line);
        }
        lines.join("\n")
    }

    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    pub fn request(&self, method: &str, path: &str) -> Response {
        request(&self.address, method, path)
    }

    /// The server's own origin, as a browser on its pages would send it.
    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        post(&self.address, path, headers, body)
    }

    /// Opens the reload event stream and waits for its greeting.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__praxis/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        assert_eq!(
            events.next(Duration::from_secs(10)).as_deref(),
            Some("hello")
        );
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The reload event stream of a server.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The name of the next event, if one arrives within `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    if let Some(name) = line.trim_end().strip_prefix("event: ") {
                        return Some(name.to_owned());
                    }
                }
                Err(_) => continue,
            }
        }
        None
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body as it came, for binary files.
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`, path sent as it is.
pub fn request(address: &str, method: &str, path: &str) -> Response {
    send(address, method, path, &[], b"")
}

/// A request with headers and no body, sent as they are.
pub fn request_with(address: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    send(address, method, path, headers, b"")
}

/// A POST with headers and a body, sent as they are.
pub fn post(address: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    send(address, "POST", path, headers, body)
}

/// A POST from the local address `source`: Linux routes all of 127/8 to
/// the loopback device, so a server on 127.0.0.1 sees a peer 127.0.0.2 as
/// another machine would be seen.
pub fn post_from(
    source: &str,
    address: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    exchange(
        connect_from(source, address),
        address,
        "POST",
        path,
        headers,
        body,
    )
}

/// A connection to `address` from the local address `source`.
pub fn connect_from(source: &str, address: &str) -> TcpStream {
    // std cannot bind a socket before connecting it; tokio's TcpSocket can.
    connect_many_from(source, address, 1).remove(0)
}

/// `n` connections to `address` from the local address `source`, opened
/// and left idle: what one client holding connections looks like.
pub fn connect_many_from(source: &str, address: &str, n: usize) -> Vec<TcpStream> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    (0..n)
        .map(|_| {
            let stream = runtime
                .block_on(async {
                    let socket = tokio::net::TcpSocket::new_v4()?;
                    socket.bind(format!("{source}:0").parse().unwrap())?;
                    socket.connect(address.parse().unwrap()).await
                })
                .unwrap_or_else(|e| panic!("connect from {source} to {address}: {e}"));
            let stream = stream.into_std().unwrap();
            stream.set_nonblocking(false).unwrap();
            stream
        })
        .collect()
}

/// Opens `n` connections to `address` from `source` all at once, in the
/// background, and gives back those that were made within 15 seconds:
/// one client holding many connections, which a server that lets it must
/// not be stuck behind.
pub fn hold_connections_from(
    source: &str,
    address: &str,
    n: usize,
) -> std::thread::JoinHandle<Vec<TcpStream>> {
    let (source, address) = (source.to_owned(), address.to_owned());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut opening = tokio::task::JoinSet::new();
            for _ in 0..n {
                let (source, address) = (source.clone(), address.clone());
                opening.spawn(async move {
                    let socket = tokio::net::TcpSocket::new_v4().ok()?;
                    socket.bind(format!("{source}:0").parse().unwrap()).ok()?;
                    let connect = socket.connect(address.parse().unwrap());
                    let stream = tokio::time::timeout(Duration::from_secs(15), connect)
                        .await
                        .ok()?
                        .ok()?;
                    let stream = stream.into_std().ok()?;
                    stream.set_nonblocking(false).ok()?;
                    Some(stream)
                });
            }
            let mut held = Vec::new();
            while let Some(made) = opening.join_next().await {
                held.extend(made.ok().flatten());
            }
            held
        })
    })
}

fn send(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    exchange(
        TcpStream::connect(address).unwrap(),
        address,
        method,
        path,
        headers,
        body,
    )
}

fn exchange(
    mut stream: TcpStream,
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A server may refuse a large body before reading it all.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let bytes = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or_else(Vec::new, |at| raw[at + 4..].to_vec());
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
        })
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
        bytes,
    }
}

/// Polls until `check` holds, for changes the watcher applies shortly.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{what} did not happen within 10 s");
}

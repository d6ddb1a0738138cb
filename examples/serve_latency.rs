//! Edit-to-reload latency of `praxis serve --watch`: the time from saving
//! an article to the reload event reaching a connected page.
//!
//!     cargo run --release --example serve_latency -- SITE_DIR [ROUNDS]
//!
//! Starts `target/release/praxis serve --watch` on SITE_DIR, listens to the
//! reload stream like a browser tab, then edits one article per round
//! (alternating between a few) and times each save until its reload event.
//! Prints every round and the median, min, p90 and max. See benches/README.md.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: serve_latency SITE_DIR [ROUNDS]"));
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(30);
    let praxis = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/praxis");

    let mut server = Command::new(&praxis)
        .arg("--root")
        .arg(&site)
        .args(["serve", "--watch", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start praxis serve (build it first: cargo build --release)");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("server output").expect("server output");
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    // Keep draining the server's output so that it never blocks on it.
    std::thread::spawn(move || for _ in lines {});

    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /__praxis/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    wait_for(&mut events, "hello");

    let articles: Vec<PathBuf> = std::fs::read_dir(site.join("content/articles"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().join("nl.md"))
        .filter(|p| p.is_file())
        .take(5)
        .collect();
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let article = &articles[round % articles.len()];
        let text = std::fs::read_to_string(article).unwrap();
        let edited = format!("{text}\nEen zin erbij, ronde {round}.\n");
        std::thread::sleep(Duration::from_millis(150));
        let saved = Instant::now();
        std::fs::write(article, edited).unwrap();
        wait_for(&mut events, "reload");
        let took = saved.elapsed();
        times.push(took);
        println!("round {round:2}: {:6.1} ms", ms(took));
    }
    let _ = server.kill();
    let _ = server.wait();

    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "edit-to-reload over {rounds} saves: median {:.1} ms (min {:.1}, p90 {:.1}, max {:.1})",
        ms(at(0.5)),
        ms(at(0.0)),
        ms(at(0.9)),
        ms(at(1.0))
    );
}

fn wait_for(events: &mut BufReader<TcpStream>, name: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        if events.read_line(&mut line).unwrap() == 0 {
            panic!("the server closed the event stream");
        }
        if line.trim_end() == format!("event: {name}") {
            return;
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

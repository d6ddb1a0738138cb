//! The three servers bound how long a client may take, how many are served
//! at once and how many one client may hold, over real sockets: a slow
//! client is dropped, a greedy one is capped, a normal visitor is not kept
//! waiting by either. A server on 127.0.0.1 is reached from 127.0.0.2 as
//! from another machine (Linux routes all of 127/8 to lo).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::forms::{FORM, contact};
use crate::server::{Server, connect_many_from, hold_connections_from, request};
use crate::support::TestSite;

/// The limits the README documents.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(20);
const MAX_CONNECTIONS: usize = 256;
const CONNECTIONS_PER_CLIENT: usize = 32;
const LIVE_STREAMS_PER_CLIENT: usize = 16;

/// Sends a byte every half second on `stream` (a slowloris trickling its
/// headers) until the server closes it; returns how long that took.
fn trickle_until_closed(stream: &mut TcpStream, limit: Duration) -> Duration {
    let start = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buffer = [0; 256];
    while start.elapsed() < limit {
        let _ = stream.write_all(b"a");
        match stream.read(&mut buffer) {
            Ok(0) => return start.elapsed(),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return start.elapsed(),
        }
    }
    panic!("the server still holds the connection after {limit:?}");
}

#[test]
fn a_slowloris_client_is_dropped_and_others_are_served_meanwhile() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut slow = TcpStream::connect(&server.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    let mut idle = TcpStream::connect(&server.address).unwrap();
    let visitor = std::thread::spawn({
        let address = server.address.clone();
        move || {
            std::thread::sleep(Duration::from_secs(2));
            let started = Instant::now();
            let status = crate::server::request(&address, "GET", "/nl/").status;
            (status, started.elapsed())
        }
    });
    let took = trickle_until_closed(&mut slow, HEADER_TIMEOUT + Duration::from_secs(5));
    assert!(took >= HEADER_TIMEOUT - Duration::from_secs(1), "{took:?}");
    let (status, waited) = visitor.join().unwrap();
    assert_eq!(status, 200);
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buffer = [0; 16];
    assert!(
        matches!(idle.read(&mut buffer), Ok(0) | Err(_)),
        "a connection that sends nothing is closed too"
    );
}

#[test]
fn a_slow_body_is_cut_off_with_408() {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    let mut slow = TcpStream::connect(&server.address).unwrap();
    let body = contact("nl", "Traag");
    write!(
        slow,
        "POST /forms/contact HTTP/1.1\r\nHost: x\r\nOrigin: https://praktijk-debrug.example\r\nContent-Type: {FORM}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    slow.write_all(&body.as_bytes()[..10]).unwrap();
    let start = Instant::now();
    slow.set_read_timeout(Some(BODY_TIMEOUT + Duration::from_secs(10)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = slow.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(start.elapsed() >= BODY_TIMEOUT - Duration::from_secs(1));
    assert!(start.elapsed() < BODY_TIMEOUT + Duration::from_secs(5));
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_one() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    // Eight clients, each at its own cap, take every slot.
    let held: Vec<TcpStream> = (0..MAX_CONNECTIONS / CONNECTIONS_PER_CLIENT)
        .flat_map(|i| {
            connect_many_from(
                &format!("127.0.0.{}", i + 2),
                &server.address,
                CONNECTIONS_PER_CLIENT,
            )
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut waiting = TcpStream::connect(&server.address).unwrap();
    waiting
        .write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    waiting
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let mut buffer = [0; 64];
    assert!(
        waiting.read(&mut buffer).is_err(),
        "no answer while every slot is taken"
    );
    drop(held);
    waiting
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let n = waiting
        .read(&mut buffer)
        .expect("answered once slots are free");
    assert!(buffer[..n].starts_with(b"HTTP/1.1 200"));
}

/// While 127.0.0.2 opens and holds 500 idle connections, a visitor from
/// 127.0.0.1 asking for `path` is answered (with `status`) within a second.
fn a_visitor_is_answered_beside_500_idle_connections(server: &Server, path: &str, status: u16) {
    let greedy = hold_connections_from("127.0.0.2", &server.address, 500);
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let answer = request(&server.address, "GET", path);
    let waited = started.elapsed();
    assert_eq!(answer.status, status, "{}", answer.body);
    assert!(
        waited < Duration::from_secs(1),
        "the visitor waited {waited:?}"
    );
    // The greedy client keeps no more than its share, once the server has
    // taken in (and closed) what the kernel queued for it: on a loaded
    // machine that can take a moment after the visitor was served.
    // A connection the kernel queued but whose handshake the server side
    // has not finished looks open from here though no server holds it:
    // a byte sent on it finishes the handshake (the server then takes it
    // in, and closes it) or is refused.
    let held = greedy.join().unwrap();
    for stream in held.iter().filter(|s| still_open(s)) {
        let _ = (&*stream).write_all(b"G");
    }
    // Well within the 10 s a server gives a connection to send its
    // headers, after which it would close even those it should not hold.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let open = held.iter().filter(|s| still_open(s)).count();
        if open <= CONNECTIONS_PER_CLIENT {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{open} of its connections are still open"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Whether the server still holds `stream` open: it neither closed it nor
/// answered on it.
fn still_open(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut buffer = [0; 1];
    let open = match stream.peek(&mut buffer) {
        Ok(_) => false,
        Err(e) => matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
    };
    stream.set_nonblocking(false).unwrap();
    open
}

#[test]
fn one_client_holding_500_idle_connections_does_not_keep_the_preview_from_a_visitor() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    a_visitor_is_answered_beside_500_idle_connections(&server, "/nl/", 200);
}

#[test]
fn one_client_holding_500_idle_connections_does_not_keep_the_endpoint_from_a_visitor() {
    let site = TestSite::example();
    let server = Server::start_command(
        &site,
        &["forms", "serve", "--port", "0"],
        "answering forms at http://",
    );
    a_visitor_is_answered_beside_500_idle_connections(&server, "/healthz", 200);
}

#[test]
fn one_client_holding_500_idle_connections_does_not_keep_the_inbox_from_her() {
    let (_site, server, key) = crate::forms_inbox::started(1, None);
    a_visitor_is_answered_beside_500_idle_connections(&server, &format!("/?key={key}"), 303);
}

/// The status of a request for the reload stream from `source`, read
/// without waiting for the stream to end.
fn live_reload_status(server: &Server, source: &str) -> (u16, TcpStream) {
    let mut stream = connect_many_from(source, &server.address, 1).remove(0);
    write!(
        stream,
        "GET /__praxis/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.address
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut head = [0; 12];
    stream.read_exact(&mut head).unwrap();
    let status = String::from_utf8_lossy(&head[9..12]).parse().unwrap();
    (status, stream)
}

#[test]
fn one_client_holds_a_bounded_number_of_live_reload_streams() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let mut streams: Vec<TcpStream> = (0..LIVE_STREAMS_PER_CLIENT)
        .map(|i| {
            let (status, stream) = live_reload_status(&server, "127.0.0.2");
            assert_eq!(status, 200, "stream {i}");
            stream
        })
        .collect();
    let (status, _) = live_reload_status(&server, "127.0.0.2");
    assert_eq!(status, 429, "one stream too many");
    let (status, _other) = live_reload_status(&server, "127.0.0.3");
    assert_eq!(status, 200, "another client's stream is its own");
    assert_eq!(server.get("/nl/").status, 200);
    // A stream the client closes is its own again at once.
    drop(streams.pop());
    crate::server::eventually("a closed stream is given back", || {
        live_reload_status(&server, "127.0.0.2").0 == 200
    });
}

/// Opens the reload stream as a page does after a reconnection, saying the
/// last event it saw (`Last-Event-ID`); gives the events (name, id) that
/// arrive within a second.
fn reconnect(server: &Server, last_id: Option<&str>) -> Vec<(String, String)> {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let last = last_id
        .map(|id| format!("Last-Event-ID: {id}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET /__praxis/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n{last}\r\n",
        server.address
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let started = Instant::now();
    let mut text = Vec::new();
    let mut buffer = [0; 1024];
    while started.elapsed() < Duration::from_secs(1) {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => text.extend_from_slice(&buffer[..n]),
            Err(_) => {}
        }
    }
    let text = String::from_utf8_lossy(&text).into_owned();
    let mut events = Vec::new();
    for block in text.split("\n\n") {
        let field = |name: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_owned())
        };
        if let Some(event) = field("event:") {
            events.push((event, field("id:").unwrap_or_default()));
        }
    }
    events
}

#[test]
fn a_page_that_reconnects_reloads_only_if_it_missed_a_rebuild() {
    let site = TestSite::example();
    let server = Server::start(&site, &[]);
    let first = reconnect(&server, None);
    assert_eq!(first.len(), 1, "{first:?}");
    let (hello, before) = &first[0];
    assert_eq!(hello, "hello");
    assert!(
        !before.is_empty(),
        "the greeting carries the last event's id"
    );
    assert_eq!(
        reconnect(&server, Some(before)),
        [("hello".to_owned(), before.clone())]
    );

    let mut events = server.events();
    let file = "content/articles/mentorschap/nl.md";
    site.write(file, &format!("{}\nEen nieuwe zin.\n", site.read(file)));
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    let missed = reconnect(&server, Some(before));
    let names: Vec<&str> = missed.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["hello", "reload"], "{missed:?}");
    let now = &missed[0].1;
    assert_ne!(now, before);
    assert_eq!(
        reconnect(&server, Some(now)).len(),
        1,
        "nothing missed since"
    );
}

//! Both servers bound how long a client may take and how many are served
//! at once, over real sockets: a slow client is dropped, a normal visitor
//! is not kept waiting by it.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::forms::{FORM, contact};
use crate::server::Server;
use crate::support::TestSite;

/// The limits the README documents.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(20);
const MAX_CONNECTIONS: usize = 256;

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
    let held: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(&server.address).unwrap())
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

//! One desk per site, at one address: the desk's key is kept on her
//! machine (beside the pull token, readable by her only: see
//! [`crate::secrets::kept`]), so that the address she bookmarked keeps
//! working from one start to the next; and a second `praxis desk` in the
//! same site — a double click on the shortcut — opens the desk already
//! running instead of stopping at "port in use".

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use crate::secrets::kept::{Entry, Kept};

/// The key of the desk of the site in `root`: the kept one, else a new one,
/// kept from now on. Where nothing can be kept, a new one for this start.
pub fn key(root: &Path) -> Result<String, crate::secrets::NoRandomness> {
    let kept = Kept::mine().and_then(|kept| {
        let entry = Entry::desk_key(root);
        kept.read(&entry).map(|key| (kept, entry, key))
    });
    match kept {
        Ok((_, _, Some(key))) => Ok(key),
        Ok((kept, entry, None)) => {
            let key = crate::secrets::random(24)?;
            if let Err(why) = kept.write(&entry, &key) {
                errln!("note: the desk's address cannot be kept ({why}): it changes at each start");
            }
            Ok(key)
        }
        Err(why) => {
            errln!("note: the desk's address cannot be kept ({why}): it changes at each start");
            crate::secrets::random(24)
        }
    }
}

/// Where the desk of the site in `root` already answers with `key`, if it
/// runs: `http://localhost:1111`.
pub fn already_running(root: &Path, key: &str) -> Option<String> {
    let origin = Kept::mine().ok()?.read(&Entry::desk_address(root)).ok()??;
    answers_with(&origin, key).then_some(origin)
}

/// Notes that the desk of the site in `root` answers at `origin`.
pub fn started(root: &Path, origin: &str) {
    if let Ok(kept) = Kept::mine() {
        let _ = kept.write(&Entry::desk_address(root), origin);
    }
}

/// Forgets where the desk answered, if that was at `origin` (another desk
/// of the same site may have started since).
pub fn stopped(root: &Path, origin: &str) {
    let Ok(kept) = Kept::mine() else { return };
    let entry = Entry::desk_address(root);
    if kept.read(&entry).ok().flatten().as_deref() == Some(origin) {
        let _ = kept.forget(&entry);
    }
}

/// Whether a desk answers at `origin` (`http://localhost:PORT`) and lets
/// `key` in: it is then this site's desk, not another program on the port.
fn answers_with(origin: &str, key: &str) -> bool {
    let Some(port) = origin
        .strip_prefix("http://localhost:")
        .and_then(|p| p.parse::<u16>().ok())
    else {
        return false;
    };
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(2)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!(
        "GET /_praxis/?key={key} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let _ = stream.take(16 * 1024).read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).to_ascii_lowercase();
    answer.starts_with("http/1.1 303")
        && answer.contains(&format!("set-cookie: {}=", super::KEY_COOKIE))
}

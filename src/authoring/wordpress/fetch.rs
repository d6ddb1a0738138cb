//! `--fetch-media`: the uploads the pages show that no `--uploads` folder
//! holds, downloaded from where the old site serves them, while it still
//! does.
//!
//! Downloads land in a folder of their own under the site
//! (`.praxis-cache/wordpress-media/`, by their upload path), not beside the
//! pages: the import then finds them there as it finds the files of
//! `--uploads`, and copies each beside the pages that show it. So a second
//! import downloads nothing again, and an interrupted one resumes: a file
//! is written as `NAME.part` and renamed only when whole, and a `.part`
//! left behind is continued with an HTTP range request where the server
//! allows it. A file larger than the limit is not kept; a file that cannot
//! be had is listed, with why, and its URL stays in the page.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The folder of downloads, under the site's root.
pub const DOWNLOADS: &str = ".praxis-cache/wordpress-media";

/// The limit per file when none is given, in megabytes.
pub const DEFAULT_LIMIT_MB: u64 = 100;

/// What a run of downloads did.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Files downloaded now (not those already there).
    pub downloaded: usize,
    /// URL → why it could not be downloaded.
    pub failed: BTreeMap<String, String>,
}

/// Downloads uploads into the folder of downloads as the import's plan
/// meets them, each once: the plan then finds a downloaded file as it
/// finds one of `--uploads`, so it is made once whatever is downloaded.
/// Used through a shared reference by the plan, hence the cell.
pub struct Fetcher {
    agent: ureq::Agent,
    folder: PathBuf,
    limit: u64,
    bar: ProgressBar,
    done: RefCell<Fetched>,
}

impl Fetcher {
    /// Downloads into `folder`, refusing files over `limit` bytes.
    pub fn new(folder: &Path, limit: u64) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_recv_response(Some(Duration::from_secs(30)))
            .timeout_per_read(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build()
            .into();
        // Drawn on standard error, and only on a terminal; how many files
        // are missing is known only once the plan is made.
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}: {pos} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message("downloading media");
        Fetcher {
            agent,
            folder: folder.to_owned(),
            limit,
            bar,
            done: RefCell::new(Fetched::default()),
        }
    }

    /// Downloads `url` to `path` in the folder unless it is there; whether
    /// the file is there now. A URL that failed once is not asked again.
    pub fn fetch(&self, url: &str, path: &str) -> bool {
        if self.done.borrow().failed.contains_key(url) {
            return false;
        }
        let result = fetch_one(&self.agent, url, path, &self.folder, self.limit);
        self.bar.inc(1);
        let mut done = self.done.borrow_mut();
        match result {
            Ok(true) => {
                done.downloaded += 1;
                true
            }
            Ok(false) => true,
            Err(why) => {
                done.failed.insert(url.to_owned(), why);
                false
            }
        }
    }

    /// What was downloaded, and what could not be.
    pub fn finish(self) -> Fetched {
        self.bar.finish_and_clear();
        self.done.into_inner()
    }
}

/// Where an upload path lands in the folder, if it is a safe relative path
/// (an export is anyone's text: `../../.ssh/x` is not an upload).
pub fn target(folder: &Path, path: &str) -> Option<PathBuf> {
    let safe = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.ends_with(".part"));
    safe.then(|| folder.join(path))
}

/// One download; `Ok(false)` when the file was there already.
fn fetch_one(
    agent: &ureq::Agent,
    url: &str,
    path: &str,
    folder: &Path,
    limit: u64,
) -> Result<bool, String> {
    let Some(target) = target(folder, path) else {
        return Err(format!(
            "its path `{path}` is not a plain path, so it was not downloaded"
        ));
    };
    if target.is_file() {
        return Ok(false);
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err("not a web address".into());
    }
    let part = PathBuf::from(format!("{}.part", target.display()));
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot write {}: {e}", parent.display()))?;
    }
    let too_big = |bytes: u64| {
        format!(
            "{:.1} MB, more than the limit of {} MB per file (--media-size-limit)",
            bytes as f64 / 1e6,
            limit / 1_000_000
        )
    };
    // A `.part` is what an interrupted import had: ask for the rest.
    let mut have = std::fs::metadata(&part).map_or(0, |m| m.len());
    for _attempt in 0..2 {
        let mut request = agent.get(url);
        if have > 0 {
            request = request.header("Range", format!("bytes={have}-"));
        }
        let mut response = request.call().map_err(|e| format!("unreachable: {e}"))?;
        let status = response.status().as_u16();
        let append = match status {
            206 if have > 0 => true,
            200 => false,
            // The range is past the end: start again from nothing.
            416 if have > 0 => {
                have = 0;
                let _ = std::fs::remove_file(&part);
                continue;
            }
            _ => return Err(format!("the server answered {status}")),
        };
        if !append {
            have = 0;
        }
        let length = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
        if let Some(length) = length
            && have + length > limit
        {
            let _ = std::fs::remove_file(&part);
            return Err(too_big(have + length));
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&part)
            .map_err(|e| format!("cannot write {}: {e}", part.display()))?;
        let mut reader = response.body_mut().as_reader();
        let mut buffer = vec![0; 64 * 1024];
        let mut written = have;
        loop {
            let n = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                // What came is kept in the `.part`, for the next run.
                Err(e) => {
                    return Err(format!(
                        "the download broke off ({e}); run the import again to resume it"
                    ));
                }
            };
            written += n as u64;
            if written > limit {
                drop(file);
                let _ = std::fs::remove_file(&part);
                return Err(too_big(written));
            }
            file.write_all(&buffer[..n])
                .map_err(|e| format!("cannot write {}: {e}", part.display()))?;
        }
        if let Some(length) = length
            && written != have + length
        {
            return Err("the download broke off; run the import again to resume it".into());
        }
        file.sync_all()
            .and_then(|()| std::fs::rename(&part, &target))
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        return Ok(true);
    }
    Err("the server would not send it whole".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_written() {
        let folder = Path::new("/d");
        assert_eq!(
            target(folder, "2019/05/zee.jpg"),
            Some(PathBuf::from("/d/2019/05/zee.jpg"))
        );
        for bad in [
            "",
            "/etc/passwd",
            "../x.jpg",
            "a//b.jpg",
            "a/./b.jpg",
            "a\\..\\b",
            "x.jpg.part",
        ] {
            assert_eq!(target(folder, bad), None, "{bad}");
        }
    }
}

//! What the view would otherwise compute again at every request: the lock,
//! read again only when its file changed, and each page's fingerprint,
//! made again only when its source changed. On a site of a thousand
//! articles per language, the lock is megabytes of TOML and the
//! fingerprints hash the whole text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::diagnostics::Diagnostic;
use crate::model::Page;
use crate::translations::{self, Fingerprint, LOCK_FILE, Lock};

#[derive(Default)]
pub struct Cache {
    lock: Mutex<Option<(Stamp, Arc<Lock>)>>,
    prints: Mutex<HashMap<PathBuf, (u64, Fingerprint)>>,
}

/// What tells that a file was written again.
type Stamp = Option<(SystemTime, u64)>;

impl Cache {
    /// The lock as it is on disk now.
    pub fn lock(&self, root: &Path) -> Result<Arc<Lock>, Diagnostic> {
        let stamp = std::fs::metadata(root.join(LOCK_FILE))
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        let mut cached = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((seen, lock)) = cached.as_ref()
            && stamp.is_some()
            && *seen == stamp
        {
            return Ok(Arc::clone(lock));
        }
        let lock = Arc::new(Lock::load(root)?);
        *cached = Some((stamp, Arc::clone(&lock)));
        Ok(lock)
    }

    /// The fingerprints of a node's versions, by language.
    pub fn fingerprints(
        &self,
        versions: &[&Page],
    ) -> std::collections::BTreeMap<String, Fingerprint> {
        let mut prints = self.prints.lock().unwrap_or_else(|e| e.into_inner());
        versions
            .iter()
            .map(|page| {
                let print = match prints.get(&page.source) {
                    Some((hash, print)) if *hash == page.source_hash => print.clone(),
                    _ => {
                        let print = translations::fingerprint(page);
                        prints.insert(page.source.clone(), (page.source_hash, print.clone()));
                        print
                    }
                };
                (page.lang.clone(), print)
            })
            .collect()
    }
}

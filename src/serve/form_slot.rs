//! The preview's form endpoint, following `site.toml` as it is edited:
//! forms added to a site that had none are answered from the next save on,
//! a changed `[submissions]` (a key, a database, the rate limit) opens the
//! endpoint again (what each client sent still counts against the new
//! limit), removed forms are no longer answered — each said once in the terminal,
//! and, when forms cannot be answered, on the form's page to whoever
//! submits (see [`FormService::unavailable`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwapOption;

use super::forms::FormService;
use crate::build::Build;
use crate::diagnostics::{Help, Report};
use crate::forms::SubmissionsConfig;
use crate::forms::endpoint::Unavailable;

/// Why the preview answers no form: it goes on serving the site.
#[derive(Debug, thiserror::Error)]
#[error("the site's forms are not answered: {0}")]
struct NotAnswered<'a>(&'a Unavailable);

impl Help for NotAnswered<'_> {
    fn help(&self) -> Option<String> {
        self.0.help()
    }
}

pub struct FormSlot {
    root: PathBuf,
    current: ArcSwapOption<FormService>,
    /// What `current` was opened with; `None` when there are no forms.
    opened_with: Mutex<Option<SubmissionsConfig>>,
}

impl FormSlot {
    /// The endpoint for the first build.
    pub fn new(root: &Path, build: &Build) -> FormSlot {
        let slot = FormSlot {
            root: root.to_path_buf(),
            current: ArcSwapOption::empty(),
            opened_with: Mutex::new(None),
        };
        slot.after_build(build, false);
        slot
    }

    /// The endpoint as it is now, if the site has forms.
    pub fn current(&self) -> Option<Arc<FormService>> {
        self.current.load_full()
    }

    /// Follows a rebuild: a failed one changes nothing (the last good site
    /// keeps being answered); `say` reports a change in the terminal.
    pub fn after_build(&self, build: &Build, say: bool) {
        if !build.succeeded() {
            return;
        }
        let Some(site) = &build.site else { return };
        let Ok(mut opened_with) = self.opened_with.lock() else {
            return;
        };
        let settings = &site.config.submissions;
        if site.config.forms.is_empty() {
            if opened_with.take().is_some() && say {
                outln!("forms: site.toml declares none any more; /forms/ is no longer answered");
            }
            self.current.store(None);
            return;
        }
        let previous = self.current.load_full();
        if opened_with.as_ref() == Some(settings)
            && let Some(service) = &previous
            && service.endpoint().is_some()
        {
            // The same store and key: only the forms and pages change.
            service.update(build);
            return;
        }
        // New, changed, or not answered yet (a database folder that could
        // not be written may have been fixed since): open it again.
        let service = match FormService::reopen(&self.root, build, previous.as_deref()) {
            Ok(service) => {
                if say {
                    let names: Vec<&str> = site.config.forms.keys().map(String::as_str).collect();
                    outln!("forms: answering {} at /forms/NAME", names.join(", "));
                }
                service
            }
            Err(why) => {
                let same_reason = previous
                    .as_ref()
                    .and_then(|p| p.unavailable_because())
                    .map(ToString::to_string)
                    == Some(why.to_string());
                if !same_reason {
                    errln!("{}\n", Report::warning(&NotAnswered(&why)));
                }
                // Visitors who submit are still told so, on the form's page.
                FormService::unavailable(build, why)
            }
        };
        self.current.store(Some(Arc::new(service)));
        *opened_with = Some(settings.clone());
    }
}

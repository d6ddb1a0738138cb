//! Each page's HTML in a build that is not kept (`praxis build`), let go
//! of as soon as the last output that shows it is made: the pages' HTML is
//! most of what a large build holds, and each page's is shown by its own
//! output (one per page of a paginated list) and by the feed, if it is in
//! the feed.
//!
//! Which pages' HTML an output shows is not decided here: it is part of
//! the output's description (`Description::html_shown`), so that a new
//! kind of output says it where it says everything else, and cannot leave
//! a page to be let go of while it still shows it. This module only counts.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::model::{IdVec, PageId};

pub(crate) struct ReleasedHtml {
    html: IdVec<PageId, Mutex<Option<Arc<str>>>>,
    /// Per page, how many outputs still to be made show its HTML.
    readers_left: IdVec<PageId, AtomicUsize>,
}

impl ReleasedHtml {
    /// Holds `html` (by page) for the outputs to be made, each given as
    /// the pages whose HTML it shows.
    pub fn new(
        html: IdVec<PageId, Arc<str>>,
        outputs: impl IntoIterator<Item = Vec<PageId>>,
    ) -> ReleasedHtml {
        let readers_left: IdVec<PageId, AtomicUsize> =
            html.iter().map(|_| AtomicUsize::new(0)).collect();
        for shown in outputs {
            for page in shown {
                readers_left[page].fetch_add(1, Ordering::Relaxed);
            }
        }
        ReleasedHtml {
            html: html.into_iter().map(|h| Mutex::new(Some(h))).collect(),
            readers_left,
        }
    }

    /// Page `id`'s HTML. Asking for it once it was let go of means an
    /// output shows HTML that its description does not say it shows: a
    /// bug, which would otherwise publish the page empty.
    pub fn get(&self, id: PageId) -> Arc<str> {
        let slot = self.html[id].lock().unwrap_or_else(|e| e.into_inner());
        let html = slot
            .as_ref()
            .expect("a page's HTML is asked for after the last output that shows it");
        Arc::clone(html)
    }

    /// Lets go of the HTML of the pages an output just made showed
    /// (`shown`), where no output to come will.
    pub fn made(&self, shown: &[PageId]) {
        for &page in shown {
            if self.readers_left[page].fetch_sub(1, Ordering::AcqRel) == 1 {
                *self.html[page].lock().unwrap_or_else(|e| e.into_inner()) = None;
            }
        }
    }
}

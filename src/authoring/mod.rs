//! Tools for the person writing the site: starting one, adding pages, and
//! bringing one over from WordPress.

pub mod init;
pub mod new_page;
#[cfg(feature = "wordpress")]
pub mod wordpress;

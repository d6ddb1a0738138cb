//! praxis builds the bilingual website of a practice from Markdown.
//!
//! The pipeline runs one way, a module per stage:
//! [`content`] loads the tree from disk → [`model`] places every page at its
//! URL and links translations → [`markdown`] converts each page's text →
//! [`render`] applies the templates ([`media`] plans and makes the images;
//! [`search`] indexes the rendered pages) → [`output`] writes the files
//! atomically. [`build`] strings the stages together ([`build_to_disk`]
//! does so for `praxis build`, into a folder on disk), and its `Workspace`
//! keeps what a build read and rendered so that the next one (after an
//! edit) redoes only what changed. [`i18n`] is everything that depends on
//! the reader's language besides content.
//!
//! Around the pipeline: [`serve`] (the preview server and file watcher,
//! behind the default `serve` feature), [`forms`] (the form endpoint and its
//! encrypted store), [`translations`] and [`advice`] (what `praxis check`
//! adds to a build's errors), [`authoring`] (`init`, `new`, the WordPress
//! import). [`cli`] and [`commands`] are thin glue for the command line;
//! a command that fails says why with an [`error::Error`], which `main`
//! prints. [`config`] reads site.toml, the forms' declaration with it
//! ([`config::forms`]), so that the form endpoint ([`forms`]) and the
//! templates both read it from below.

// Diagnostics travel on the error path, which is rare and not hot: a large
// `Err` is cheaper to read than boxes everywhere.
#![allow(clippy::result_large_err)]

// First, so that its macros are in scope in every module below.
#[macro_use]
pub mod console;

pub mod advice;
pub mod authoring;
pub mod build;
pub mod build_stamp;
pub mod build_to_disk;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
#[cfg(feature = "serve")]
pub mod desk;
pub mod diagnostics;
pub mod error;
pub mod faults;
pub mod features;
pub mod forms;
pub mod html;
pub mod i18n;
pub mod markdown;
pub mod media;
pub mod model;
#[cfg(test)]
mod module_graph;
pub mod output;
pub mod publish;
pub mod render;
// Without the `search` feature, a twin with the same public items that
// says, at `[search]`, what this praxis cannot do (see `features`).
#[cfg_attr(not(feature = "search"), path = "search/without.rs")]
pub mod search;
pub mod secrets;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site_files;
pub mod slugs;
pub mod timing;
pub mod translations;
pub mod typography;

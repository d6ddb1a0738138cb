//! The commands: thin glue between the command line and the library. Each
//! returns [`Error`] when it fails, and `main` prints it.

pub mod authoring;
pub mod build;
pub mod check;
#[cfg(feature = "serve")]
pub mod desk;
// Without the `forms-server` feature, a twin that says so for every
// `praxis forms …` (see `crate::features`).
#[cfg_attr(not(feature = "forms-server"), path = "forms_without.rs")]
pub mod forms;
pub mod publish;

pub use crate::error::Error;

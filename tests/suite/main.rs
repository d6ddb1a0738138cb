//! praxis's test suite: one binary, a module per capability.
//!
//! Each test builds a tiny site in a temporary folder with the real binary
//! (see `support.rs`) and asserts on the files it wrote or the errors it
//! printed. To add a test, start from `TestSite::minimal()`, add the files
//! your behaviour needs with `.file(path, text)`, run `.build(&[])` and look
//! at the result. Name regression tests after the bug they guard.

mod server;
mod sshd;
mod support;

mod authoring;
mod build_errors;
mod build_output;
mod check;
mod desk;
mod endpoint_bundle;
mod example_site;
mod features;
mod forms;
mod forms_inbox;
mod forms_limits;
mod forms_origin;
mod forms_pages;
mod forms_proxy;
mod forms_pull;
mod forms_rules;
mod forms_watch;
mod identity;
mod images;
mod incremental;
mod install;
mod links;
mod lists;
mod multilingual;
mod new_page;
mod nginx;
mod output_swap;
mod own_site;
mod owned_outputs;
mod publish;
mod robustness;
mod search;
mod serve;
mod server_limits;
mod snapshots_html;
mod structured_data;
mod theme_pages;
mod three_languages;
mod translator_view;
mod unchanged_files;
mod wordpress;

//! The integration tests of `brief build`, run as a writer runs it: the real binary on
//! a fixture site copied into a temporary folder, then checks on the folder it wrote.
//!
//! Fixtures live in `tests/fixtures/<name>/` (one behaviour each) and
//! `tests/fixtures/invalid/<name>/` (one reason to fail each); the harness is
//! `tests/support/`; snapshots (insta) of pages, feeds, the sitemap, the list of
//! output paths and every error report are in `tests/snapshots/`.
//!
//! Briefings are dated in 2024 (long past) or 2999 (far future), so no test depends on
//! the clock.

#[macro_use]
mod support;

#[path = "build/cli.rs"]
mod cli;
#[path = "build/content.rs"]
mod content;
#[path = "build/errors.rs"]
mod errors;
#[path = "build/feeds.rs"]
mod feeds;
#[path = "build/layout.rs"]
mod layout;
#[path = "build/markdown.rs"]
mod markdown;
#[path = "build/model.rs"]
mod model;
#[path = "build/output.rs"]
mod output;
#[path = "build/output_atomic.rs"]
mod output_atomic;
#[path = "build/setup.rs"]
mod setup;
#[path = "build/site.rs"]
mod site;

//! brief's integration tests, one test crate: the real `brief` binary (or the library,
//! for the HTML checker) run as a writer runs it, on sites in temporary folders.
//!
//! - `build/`: `brief build` on fixture sites, one module per area;
//! - `commands`: `brief new`, `brief check` and `brief init`;
//! - `digest`: `brief digest` in each format, with its filters, size limit and errors;
//! - `serve`: `brief serve` over real HTTP while the test edits the site;
//! - `browser`: `brief serve` in headless Chromium, and the accessibility audit (axe-core);
//! - `html_validity`: the example site's pages through the W3C Nu checker.
//!
//! The one harness is `support/`: a site copied from `tests/fixtures/` (or made from
//! nothing) into a temporary folder, a run of the binary in it, what it wrote
//! (`support::html`, `support::xml`), and a running `brief serve` (`support::serve`).
//! Fixtures stay in `tests/fixtures/`, insta snapshots in `tests/snapshots/` (named
//! after the module path: `brief__build__errors__<test>`).
//!
//! Run one area with a filter: `cargo test --test brief serve::`.

#[macro_use]
mod support;

mod browser;
mod build;
mod commands;
mod digest;
mod html_validity;
mod serve;

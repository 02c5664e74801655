//! brief: a static site generator for briefing blogs.
//!
//! The pipeline is data flowing one way:
//!
//! ```text
//! site.toml ──config::load────────▶ SiteConfig { settings, Registry }
//! content/** ─content::load───────▶ Vec<Article>              (errors carry a Location)
//! data/prices/*.csv ─prices::load──▶ Prices                  (daily closes by ticker)
//! themes/<name> or embedded ─theme::load─▶ Theme             (template sources, assets)
//! (SiteConfig, articles, Prices) ─model::build─▶ Site       (every URL, list, page decided)
//! (Site's articles, Theme) ─images::load─▶ Images        (sizes; copies made in .brief-cache/)
//! (&Site, &Theme) ─render::files─────▶ OutputFiles, lazily     every page, feed, sitemap,
//!                                                             the search index
//! OutputFiles ─output::write─────────▶ public/                atomic, unchanged files kept
//! ```
//!
//! `build` strings the stages together. `model`, `render` and `markdown` never touch
//! the file system or the clock: "now" arrives in the options.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod digest;
pub mod error;
pub mod files;
pub mod images;
pub mod keys;
pub mod markdown;
pub mod model;
pub mod options;
pub mod output;
pub mod prices;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site_paths;
pub mod suggest;
pub mod theme;
pub mod urls;

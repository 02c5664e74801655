//! What every command that loads a site is asked, in one place: which site, what it
//! publishes (drafts, briefings dated later, as of when) and under which base URL.
//! `build`, `check` and `serve` each hold one and add only their own options; the
//! binary flattens it into each command's flags.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::config::ConfigOptions;
use crate::model::ModelOptions;

/// Which site to load and what it publishes.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The site's folder, holding site.toml.
    pub root: PathBuf,
    /// Publish articles marked `draft = true`.
    pub drafts: bool,
    /// Publish briefings dated after `now`.
    pub future: bool,
    /// The moment that decides which dated briefings are published. `brief serve`
    /// reads the clock at every rebuild instead, so a briefing appears once due.
    pub now: Timestamp,
    /// In place of site.toml's `base_url`, for absolute links in feeds and the sitemap.
    pub base_url: Option<String>,
}

impl SiteOptions {
    /// The site at `root` as a build publishes it by default: no drafts, nothing
    /// dated later than now, site.toml's base URL.
    pub fn new(root: impl Into<PathBuf>) -> SiteOptions {
        SiteOptions {
            root: root.into(),
            drafts: false,
            future: false,
            now: Timestamp::now(),
            base_url: None,
        }
    }

    pub fn config(&self) -> ConfigOptions {
        ConfigOptions {
            base_url: self.base_url.clone(),
        }
    }

    pub fn model(&self) -> ModelOptions {
        ModelOptions {
            drafts: self.drafts,
            future: self.future,
            now: self.now,
        }
    }
}

//! `brief check`: everything a build validates, and lints a build does not need,
//! without writing a file.
//!
//! Runs the build's stages on everything that loads (one broken file does not stop the
//! others from being checked), renders every page in memory, follows every link, and
//! lints the registry. The findings come back as data; the binary prints them.

mod html;
pub mod json;
mod links;
mod lints;

use std::collections::HashSet;
use std::path::PathBuf;

use crate::config;
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Errors, Missing};
use crate::options::SiteOptions;
use crate::{model, render, theme};

/// What `brief check` was asked to look at.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site, and what to check it as publishing (as `build --drafts` or
    /// `build --future` would).
    pub site: SiteOptions,
}

impl CheckOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        CheckOptions {
            site: SiteOptions::new(root),
        }
    }
}

/// What `brief check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// In file and line order.
    pub errors: Vec<Error>,
    /// In file and line order.
    pub warnings: Diagnostics,
    /// Content files found.
    pub files: usize,
    /// Published briefings and pages, as the build would publish them.
    pub briefings: usize,
    pub pages: usize,
    /// Links followed through the rendered site.
    pub links: usize,
}

impl CheckReport {
    /// True when the site passes: no errors, and with `strict` no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors.is_empty() && (!strict || self.warnings.is_empty())
    }
}

/// Checks the site at `options.site.root`.
pub fn check(options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let mut errors = Errors::default();
    let config = match config::load(&options.site.root, &options.site.config()) {
        Ok(config) => config,
        Err(e) => {
            report.errors = e.0;
            return report;
        }
    };
    let theme = theme::load(&config).map_err(|e| errors.extend(e.0)).ok();
    let loaded = content::load_each(&config).unwrap_or_else(|e| {
        errors.extend(e.0);
        content::Loaded::default()
    });
    // With files left out, "no briefing names this company" may not be true.
    let all_content_loaded = loaded.errors.is_empty();
    errors.extend(loaded.errors.0);
    report.files = loaded.targets.len();
    let mut warnings = Diagnostics::new();
    if !(options.site.drafts || options.site.future) {
        warnings.extend(lints::scheduled(
            &config,
            &loaded.articles,
            options.site.now,
        ));
    }
    let mut unpublished: HashSet<String> = loaded.targets.into_values().collect();

    match model::build(config, loaded.articles, &options.site.model()) {
        Ok((site, found)) => {
            warnings.extend(found);
            if all_content_loaded {
                warnings.extend(lints::registry(&site));
            }
            report.briefings = site.briefing_count;
            report.pages = site.articles.len() - site.briefing_count;
            for article in &site.articles {
                unpublished.remove(&article.url);
            }
            if let Some(theme) = &theme {
                match render::all(&site, theme) {
                    Ok(files) => {
                        let mut found = links::check(&site, &files, &unpublished);
                        report.links = found.followed;
                        // The build already warns about these Markdown links; say it once.
                        found.errors.retain(|e| !warned_already(e, &warnings));
                        errors.extend(found.errors);
                    }
                    Err(e) => errors.extend(e.0),
                }
            }
        }
        Err(e) => errors.extend(e.0),
    }

    report.errors = errors.sorted().0;
    warnings.sort_by(|a, b| {
        let (a, b) = (a.location(), b.location());
        (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column))
    });
    report.warnings = warnings;
    report
}

/// True for a link to an unpublished article that the build's own warnings cover.
fn warned_already(error: &Error, warnings: &Diagnostics) -> bool {
    match error {
        Error::BrokenReference {
            location: Some(at),
            missing: Missing::Unpublished,
            ..
        } => warnings.iter().any(|w| {
            let l = w.location();
            w.code() == "link-to-unpublished"
                && (&l.path, l.line, l.column) == (&at.path, at.line, at.column)
        }),
        _ => false,
    }
}

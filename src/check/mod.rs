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
use std::path::{Path, PathBuf};

use crate::config;
use crate::content;
use crate::diagnostics::{self, Diagnostics, Warning};
use crate::error::{Error, Errors, Missing};
use crate::options::SiteOptions;
use crate::{images, model, prices, render, theme};

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
    let config = match config::load_each(&options.site.root, &options.site.config()) {
        Ok((config, unknown_keys)) => {
            errors.extend(unknown_keys.0);
            config
        }
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
    let mut warnings = loaded.warnings;
    let prices = prices::load_each(&config);
    errors.extend(prices.errors.0);
    warnings.extend(prices.warnings);
    if let Some(theme) = &theme {
        errors.extend(theme::unknown_templates(theme, &loaded.articles));
    }
    if !(options.site.drafts || options.site.future) {
        warnings.extend(lints::scheduled(
            &config,
            &loaded.articles,
            options.site.now,
        ));
    }
    let mut unpublished: HashSet<String> = loaded.targets.into_values().collect();

    match model::build(
        config,
        loaded.articles,
        prices.prices,
        &options.site.model(),
    ) {
        Ok((mut site, found)) => {
            warnings.extend(found);
            // Missing images the images stage reports, which following links finds again.
            let mut images_reported: HashSet<(PathBuf, usize, usize)> = HashSet::new();
            if let Some(theme) = &theme {
                let articles = site.articles.iter().map(|a| &**a);
                warnings.extend(theme::missing_images(theme, &site.config, articles));
                // As the build sees them, decoding what its cache lacks, writing nothing.
                let cache = options.site.root.join(images::CACHE_FOLDER);
                // Indexed only when an image has copies: most builds have none.
                let taken = std::cell::OnceCell::new();
                match images::load(
                    &site.config,
                    theme,
                    &site.articles,
                    &images::CopyMode::Verify { cache },
                    &|file| {
                        taken
                            .get_or_init(|| model::own_routes::OutputFiles::of(&site))
                            .taken_by(file)
                    },
                ) {
                    Ok(shown) => site.images = std::sync::Arc::new(shown.images),
                    Err(e) => {
                        images_reported.extend(
                            e.0.iter()
                                .filter_map(|e| e.location())
                                .map(|l| (l.path.clone(), l.line, l.column)),
                        );
                        errors.extend(e.0);
                    }
                }
            }
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
                        let warned = warned_links(&warnings);
                        found.errors.retain(|e| !warned_already(e, &warned));
                        found.errors.retain(|e| {
                            e.location().is_none_or(|l| {
                                !images_reported.contains(&(l.path.clone(), l.line, l.column))
                            })
                        });
                        errors.extend(found.errors);
                    }
                    Err(e) => errors.extend(e.0),
                }
            }
        }
        Err(e) => errors.extend(e.0),
    }

    report.errors = errors.sorted().0;
    diagnostics::sort(&mut warnings);
    report.warnings = warnings;
    report
}

/// Where the build's warnings about links to unpublished articles are: a set, so a
/// file with thousands of such links is not checked against each of them in turn.
fn warned_links(warnings: &Diagnostics) -> HashSet<(&Path, usize, usize)> {
    warnings
        .iter()
        .filter(|w| matches!(w, Warning::LinkToUnpublished { .. }))
        .map(|w| {
            let l = w.location();
            (l.path.as_path(), l.line, l.column)
        })
        .collect()
}

/// True for a link to an unpublished article that the build's own warnings cover.
fn warned_already(error: &Error, warned: &HashSet<(&Path, usize, usize)>) -> bool {
    match error {
        Error::BrokenReference {
            location: Some(at),
            missing: Missing::Unpublished,
            ..
        } => warned.contains(&(at.path.as_path(), at.line, at.column)),
        _ => false,
    }
}

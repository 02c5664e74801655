//! Lints of the registry and of dates that a build does not need, but a writer wants
//! to hear about: companies without an ecosystem, companies and ecosystems that no
//! briefing names, and briefings that are dated in the future.
//!
//! Pure functions of what is loaded, so `build` could report them too.

use jiff::Timestamp;

use crate::config::SiteConfig;
use crate::content::{Article, ArticleKind};
use crate::diagnostics::{Diagnostics, Warning};
use crate::error::Location;
use crate::model::Site;

/// Companies without an ecosystem, and companies and ecosystems with no published
/// briefing in `site`.
pub fn registry(site: &Site) -> Diagnostics {
    let config = &site.config;
    let mut warnings = Diagnostics::new();
    for company in &config.registry.companies {
        if company.ecosystem.is_none() {
            warnings.push(Warning::CompanyWithoutEcosystem {
                location: company.location.clone(),
                company: company.key.to_string(),
            });
        }
    }
    // Registered companies come first in the site, in the registry's order.
    for (entry, company) in site.companies.iter().zip(&config.registry.companies) {
        if entry.briefings.is_empty() {
            warnings.push(Warning::CompanyWithoutBriefings {
                location: company.location.clone(),
                company: entry.key.to_string(),
            });
        }
    }
    for entry in &site.ecosystems {
        if entry.briefings.is_empty() {
            warnings.push(Warning::EcosystemWithoutBriefings {
                location: entry.ecosystem.location.clone(),
                ecosystem: entry.ecosystem.key.to_string(),
            });
        }
    }
    warnings
}

/// Briefings (not drafts) dated after `now`, which a build leaves out until then.
pub fn scheduled(config: &SiteConfig, articles: &[Article], now: Timestamp) -> Diagnostics {
    articles
        .iter()
        .filter(|a| a.kind == ArticleKind::Briefing && !a.draft)
        .filter_map(|a| {
            let date = a.date.filter(|d| *d > now)?;
            Some(Warning::ScheduledBriefing {
                location: a
                    .date_location
                    .clone()
                    .unwrap_or_else(|| Location::at(&a.file, 1, 1)),
                date: date
                    .to_zoned_datetime(config.timezone.clone())
                    .strftime("%Y-%m-%d %H:%M %:z")
                    .to_string(),
            })
        })
        .collect()
}

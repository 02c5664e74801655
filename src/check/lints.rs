//! Lints of the registry and of dates that a build does not need, but a writer wants
//! to hear about: companies without an ecosystem, companies and ecosystems that no
//! briefing names, and briefings that are dated in the future.
//!
//! Pure functions of what is loaded, so `build` could report them too.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use crate::config::SiteConfig;
use crate::content::{Article, ArticleKind};
use crate::diagnostics::{Diagnostics, Warning};
use crate::error::Location;
use crate::model::Site;

/// Where site.toml declares each ecosystem and company, by key. Read again here
/// because the registry keeps only what a build needs.
#[derive(Debug, Default)]
pub struct Declared {
    ecosystems: BTreeMap<String, Location>,
    companies: BTreeMap<String, Location>,
}

#[derive(Deserialize)]
struct RawKeys {
    #[serde(default)]
    ecosystems: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    companies: BTreeMap<Spanned<String>, IgnoredAny>,
}

impl Declared {
    /// Reads the keys' positions from `site.toml`'s text; empty if it does not parse
    /// (config::load has reported that already).
    pub fn read(path: &Path, text: &str) -> Declared {
        let Ok(raw) = toml::from_str::<RawKeys>(text) else {
            return Declared::default();
        };
        let locate = |keys: BTreeMap<Spanned<String>, IgnoredAny>| {
            keys.into_keys()
                .map(|key| {
                    let span = key.span();
                    let location = Location::from_offset(path, text, span.start, span.len());
                    (key.into_inner(), location)
                })
                .collect()
        };
        Declared {
            ecosystems: locate(raw.ecosystems),
            companies: locate(raw.companies),
        }
    }

    fn company(&self, config: &SiteConfig, key: &str) -> Location {
        self.companies
            .get(key)
            .cloned()
            .unwrap_or_else(|| Location::at(&config.root.join(crate::files::SITE_TOML), 1, 1))
    }

    fn ecosystem(&self, config: &SiteConfig, key: &str) -> Location {
        self.ecosystems
            .get(key)
            .cloned()
            .unwrap_or_else(|| Location::at(&config.root.join(crate::files::SITE_TOML), 1, 1))
    }
}

/// Companies without an ecosystem, and companies and ecosystems with no published
/// briefing in `site`.
pub fn registry(site: &Site, declared: &Declared) -> Diagnostics {
    let config = &site.config;
    let mut warnings = Diagnostics::new();
    for company in &config.registry.companies {
        if company.ecosystem.is_none() {
            warnings.push(Warning::CompanyWithoutEcosystem {
                location: declared.company(config, company.key.as_str()),
                company: company.key.to_string(),
            });
        }
    }
    for entry in site.companies.iter().filter(|c| c.registered) {
        if entry.briefings.is_empty() {
            warnings.push(Warning::CompanyWithoutBriefings {
                location: declared.company(config, entry.key.as_str()),
                company: entry.key.to_string(),
            });
        }
    }
    for entry in &site.ecosystems {
        if entry.briefings.is_empty() {
            let key = entry.ecosystem.key.as_str();
            warnings.push(Warning::EcosystemWithoutBriefings {
                location: declared.ecosystem(config, key),
                ecosystem: key.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_keys_point_at_their_table_headers() {
        let text =
            "title = \"T\"\n\n[ecosystems.china]\nname = \"C\"\n\n[companies.smic]\nname = \"S\"\n";
        let declared = Declared::read(Path::new(crate::files::SITE_TOML), text);
        assert_eq!(declared.ecosystems["china"].line, 3);
        assert_eq!(declared.companies["smic"].line, 6);
        assert_eq!(declared.companies["smic"].column, 12);
    }
}

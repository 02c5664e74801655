//! The registry of companies and ecosystems declared in site.toml, and lookups into it.

use std::collections::HashMap;

use crate::error::Location;
use crate::keys::{CompanyKey, EcosystemKey, Ticker};

/// An ecosystem declared under `[ecosystems.<key>]`.
#[derive(Debug, Clone)]
pub struct Ecosystem {
    pub key: EcosystemKey,
    /// Where site.toml declares it, for warnings about it.
    pub location: Location,
    pub name: String,
    pub description: String,
}

/// A company declared under `[companies.<key>]`.
#[derive(Debug, Clone)]
pub struct Company {
    pub key: CompanyKey,
    /// Where site.toml declares it, for warnings about it.
    pub location: Location,
    pub name: String,
    pub full_name: String,
    /// Every listing, the primary one first; empty for a private company.
    pub tickers: Vec<Ticker>,
    pub ecosystem: Option<EcosystemKey>,
    pub website: String,
    /// `description` in site.toml, or empty: a line about the company for its page.
    pub description: String,
}

/// Companies and ecosystems, in key order, with a case-insensitive ticker index.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub ecosystems: Vec<Ecosystem>,
    pub companies: Vec<Company>,
    /// Upper-cased ticker or company key → index in `companies`.
    by_name: HashMap<String, usize>,
}

impl Registry {
    /// Builds the index; the caller has already refused tickers listed twice.
    pub fn new(ecosystems: Vec<Ecosystem>, companies: Vec<Company>) -> Self {
        let mut by_name = HashMap::new();
        for (index, company) in companies.iter().enumerate() {
            by_name.insert(company.key.as_str().to_uppercase(), index);
            for ticker in &company.tickers {
                by_name.insert(ticker.normalized(), index);
            }
        }
        Registry {
            ecosystems,
            companies,
            by_name,
        }
    }

    /// The company an article means by `name`: one of its listings, or its key.
    pub fn company_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_uppercase()).copied()
    }

    /// The listing `name` is, in its registered spelling (`0981.hk` is `0981.HK`); None
    /// for a company key or a name no company lists.
    pub fn ticker_named(&self, name: &str) -> Option<&Ticker> {
        let company = &self.companies[self.company_named(name)?];
        let wanted = name.to_uppercase();
        company.tickers.iter().find(|t| t.normalized() == wanted)
    }

    /// Every listing, for "did you mean" where only a listing will do.
    pub fn tickers(&self) -> impl Iterator<Item = &Ticker> {
        self.companies.iter().flat_map(|c| &c.tickers)
    }

    pub fn ecosystem_index(&self, key: &str) -> Option<usize> {
        self.ecosystems.iter().position(|e| e.key.as_str() == key)
    }

    /// Every name an article may use for a company, for "did you mean" suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.companies.iter().flat_map(|c| {
            c.tickers
                .iter()
                .map(Ticker::as_str)
                .chain(c.tickers.is_empty().then(|| c.key.as_str()))
        })
    }

    pub fn ecosystem_keys(&self) -> Vec<String> {
        self.ecosystems.iter().map(|e| e.key.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(key: &str, tickers: &[&str]) -> Company {
        Company {
            key: CompanyKey(key.into()),
            location: Location::at(std::path::Path::new("site.toml"), 1, 1),
            name: key.into(),
            full_name: String::new(),
            tickers: tickers.iter().map(|t| Ticker(t.to_string())).collect(),
            ecosystem: None,
            website: String::new(),
            description: String::new(),
        }
    }

    #[test]
    fn a_company_is_found_by_any_listing_or_its_key_ignoring_case() {
        let registry = Registry::new(
            vec![],
            vec![
                company("smic", &["0981.HK", "688981.SS"]),
                company("huawei", &[]),
            ],
        );
        assert_eq!(registry.company_named("0981.hk"), Some(0));
        assert_eq!(registry.company_named("688981.SS"), Some(0));
        assert_eq!(registry.company_named("Huawei"), Some(1));
        assert_eq!(registry.company_named("0700.HK"), None);
    }

    #[test]
    fn a_listing_is_found_in_its_registered_spelling_and_a_key_is_not_a_listing() {
        let registry = Registry::new(
            vec![],
            vec![company("smic", &["0981.HK"]), company("huawei", &[])],
        );
        assert_eq!(
            registry.ticker_named("0981.hk"),
            Some(&Ticker("0981.HK".into()))
        );
        assert_eq!(registry.ticker_named("smic"), None);
        assert_eq!(registry.ticker_named("huawei"), None);
        assert_eq!(registry.ticker_named("MU"), None);
    }

    #[test]
    fn names_offers_listings_and_the_keys_of_private_companies() {
        let registry = Registry::new(
            vec![],
            vec![company("smic", &["0981.HK"]), company("huawei", &[])],
        );
        assert_eq!(registry.names().collect::<Vec<_>>(), ["0981.HK", "huawei"]);
    }
}

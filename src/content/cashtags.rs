//! What linking cashtags reads of the registry: every name a `$` word may use for a
//! company (each listing and the company's key, in any case), the page it leads to,
//! and the registered names offered when a `$` word names none.

use std::collections::HashMap;

use crate::config::Registry;
use crate::markdown::cashtags::Linked;
use crate::urls;

/// The companies a cashtag can name. Part of `ConfigRead`: a change to it (a listing
/// added, a company renamed) has every article checked again, so `serve` links a
/// `$NVDA` as soon as NVDA is registered.
#[derive(Debug, PartialEq)]
pub struct CompanyNames {
    /// Upper-cased listing or key → the company's link, made once for every cashtag.
    by_name: HashMap<String, Linked>,
    /// The names "did you mean" offers: listings, then the companies' keys.
    suggested: Vec<String>,
}

impl CompanyNames {
    pub fn of(registry: &Registry) -> CompanyNames {
        let mut by_name = HashMap::new();
        for company in &registry.companies {
            let named = Linked {
                site_path: urls::company(company.key.as_str()),
                title: company.name.clone(),
            };
            by_name.insert(company.key.as_str().to_uppercase(), named.clone());
            for ticker in &company.tickers {
                by_name.insert(ticker.normalized(), named.clone());
            }
        }
        CompanyNames {
            by_name,
            suggested: registry
                .tickers()
                .map(|t| t.to_string())
                .chain(registry.companies.iter().map(|c| c.key.to_string()))
                .collect(),
        }
    }

    /// The link of `$word`, to the company page's site path, as links to other
    /// articles are kept.
    pub fn linked(&self, word: &str) -> Option<Linked> {
        self.by_name.get(&word.to_uppercase()).cloned()
    }

    /// The registered name closest to an unknown `$word`, if one is close.
    pub fn closest(&self, word: &str) -> Option<String> {
        crate::suggest::closest(word, self.suggested.iter().map(String::as_str))
    }
}

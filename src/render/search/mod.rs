//! The search index: static files under `/search/` that the search page's script
//! fetches, so a site searches itself with no server.
//!
//! - `index.json`: the companies (with their tickers), the ecosystems, and how many
//!   shards of terms there are.
//! - `terms/<n>.json`: the terms whose hash falls in shard n (`model::search`), each
//!   with its postings: which briefings have it, and where (title, summary, body).
//! - `records/<n>.json`: what a result shows of briefing n (URL, title, date, chips,
//!   and its text, for the passage around the words found).
//!
//! A reader's query fetches the index, one shard per word or filter, and one record
//! per result shown. The index is built from each briefing's words as a list of
//! small numbers, a few briefings at a time, so the text of all briefings is never
//! held at once; records are made one by one as they are written.

mod postings;
mod record;
pub mod words;

use serde::Serialize;

use crate::model::search::SearchPlan;
use crate::model::{Page, Site};

pub use postings::Postings;
pub use record::record;

/// Everything of the index but the records, built once per rendering pass.
pub struct SearchIndex {
    pub index: Vec<u8>,
    /// The JSON of each shard of terms.
    pub terms: Vec<Vec<u8>>,
}

/// What `index.json` says.
#[derive(Serialize)]
struct IndexFile<'a> {
    /// Published briefings: postings number them 0 (the oldest) to `briefings - 1`.
    briefings: usize,
    term_shards: u32,
    companies: Vec<CompanyEntry<'a>>,
    ecosystems: Vec<EcosystemEntry<'a>>,
}

#[derive(Serialize)]
struct CompanyEntry<'a> {
    key: &'a str,
    name: &'a str,
    tickers: Vec<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct EcosystemEntry<'a> {
    key: &'a str,
    name: &'a str,
    url: String,
}

/// Whether the page is made from the whole index (its entry or a shard of terms),
/// which a caller rendering pages one by one should make once and share.
pub fn uses_index(page: Page) -> bool {
    match page {
        Page::SearchIndex | Page::SearchTerms { .. } => true,
        // A record is made from its briefing alone.
        Page::SearchRecord { .. }
        | Page::Search
        | Page::SearchScript
        | Page::Home { .. }
        | Page::Article { .. }
        | Page::Companies
        | Page::Company { .. }
        | Page::Ecosystems
        | Page::Ecosystem { .. }
        | Page::Archive { .. }
        | Page::NotFound
        | Page::Feed(..)
        | Page::Sitemap
        | Page::Robots
        | Page::BundleFile { .. }
        | Page::Redirect { .. } => false,
    }
}

/// Builds the index of every published briefing of `site`.
pub fn index(site: &Site) -> SearchIndex {
    let plan = SearchPlan::new(site.briefing_count);
    let postings = Postings::of(site);
    let index = IndexFile {
        briefings: site.briefing_count,
        term_shards: plan.term_shards,
        companies: site
            .companies
            .iter()
            .map(|company| CompanyEntry {
                key: &company.key.0,
                name: &company.name,
                tickers: company.tickers.iter().map(|t| t.0.as_str()).collect(),
                url: site.href(&crate::urls::company(&company.key.0)),
            })
            .collect(),
        ecosystems: site
            .ecosystems
            .iter()
            .map(|entry| EcosystemEntry {
                key: &entry.ecosystem.key.0,
                name: &entry.ecosystem.name,
                url: site.href(&crate::urls::ecosystem(&entry.ecosystem.key.0)),
            })
            .collect(),
    };
    SearchIndex {
        index: serde_json::to_vec(&index).expect("the index serializes"),
        terms: postings.shards(plan.term_shards),
    }
}

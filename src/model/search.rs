//! Where the search index's files are: how many shards of terms a site's index has,
//! which shard holds a term, and where each briefing's record is. The reader's script
//! (the theme's `search.js`) finds a term's shard by the same rule, so the rule is
//! fixed here, once, and documented for theme writers.
//!
//! The counts depend only on how many briefings are published, so an edit that changes
//! a briefing's words leaves the routes of the site as they were.

use crate::keys::ArticleId;

/// The site path of the search page; its index files are under it.
pub const PAGE: &str = "/search/";

/// How the index of a site with a given number of briefings is cut into files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchPlan {
    /// Files of terms: a term's postings are in shard `term_shard(term, term_shards)`.
    pub term_shards: u32,
}

/// About this many briefings' words go into each shard of terms: at 10,000 briefings
/// of 500 to 1,200 words, a shard is then some 20 KB, and a query of three words and a
/// filter fetches four of them.
const BRIEFINGS_PER_TERM_SHARD: usize = 24;

/// The most shards of terms a site has, however large.
const MAX_TERM_SHARDS: u32 = 4096;

impl SearchPlan {
    pub fn new(briefings: usize) -> SearchPlan {
        let wanted = briefings.div_ceil(BRIEFINGS_PER_TERM_SHARD).max(1);
        // A power of two, so that a few more briefings seldom change the count.
        let term_shards = (wanted.next_power_of_two() as u32).min(MAX_TERM_SHARDS);
        SearchPlan { term_shards }
    }
}

/// The shard of terms that holds `term`: FNV-1a (32 bits) of its UTF-8 bytes, modulo
/// the count. `search.js` computes the same.
pub fn term_shard(term: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}

/// The index file, with the companies, tickers and ecosystems and the plan.
pub fn index_url() -> String {
    format!("{PAGE}index.json")
}

/// The script of the search page.
pub fn script_url() -> String {
    format!("{PAGE}search.js")
}

pub fn terms_url(shard: u32) -> String {
    format!("{PAGE}terms/{shard}.json")
}

/// A briefing's record: what a result shows of it, by its number.
pub fn record_url(number: u32) -> String {
    format!("{PAGE}records/{number}.json")
}

/// A briefing's number in the index, which postings give and names its record: the
/// oldest is 0. Numbered from the oldest, a new briefing leaves every other
/// briefing's number, and so its record, as it was.
pub fn number(id: ArticleId, briefings: usize) -> u32 {
    (briefings - 1 - id.0) as u32
}

/// The briefing numbered `number` of `briefings`.
pub fn briefing(number: u32, briefings: usize) -> ArticleId {
    ArticleId(briefings - 1 - number as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_shard_is_fnv_1a_of_the_terms_bytes() {
        // FNV-1a of "" is its offset basis, of "a" the published test vector.
        assert_eq!(term_shard("", u32::MAX), 0x811c_9dc5);
        assert_eq!(term_shard("a", u32::MAX), 0xe40c_292c);
        assert_eq!(term_shard("anything", 1), 0);
        // Multi-byte characters hash by their UTF-8 bytes, as TextEncoder gives them.
        assert_ne!(term_shard("ü", 1 << 20), term_shard("u", 1 << 20));
    }

    #[test]
    fn briefings_are_numbered_from_the_oldest() {
        // The site orders briefings newest first: of three, id 0 is the newest.
        assert_eq!(number(ArticleId(0), 3), 2);
        assert_eq!(number(ArticleId(2), 3), 0);
        assert_eq!(briefing(2, 3), ArticleId(0));
    }

    #[test]
    fn the_plan_grows_in_powers_of_two_with_the_briefings() {
        let shards = |n| SearchPlan::new(n).term_shards;
        assert_eq!(shards(0), 1);
        assert_eq!(shards(24), 1);
        assert_eq!(shards(25), 2);
        assert_eq!(shards(10_000), 512);
        assert_eq!(shards(10_000_000), MAX_TERM_SHARDS);
    }
}

//! Postings: for each term, the briefings that have it and how much, written into the
//! shards of terms in a compact text form that `search.js` reads.
//!
//! A posting is one number, `briefing << 4 | weight`: weight 8 for a word of the title,
//! 4 for one of the written summary, plus 1 to 3 for one, two or three, and four or
//! more times in the text. Companies and ecosystems are terms too (`c:smic`,
//! `e:china`), with weight 0, which the script uses as filters.
//!
//! In a shard, a term's postings are one string: each posting's briefing (numbered by
//! `model::search::number`, oldest first) as the difference from the one before, and
//! each number in base 32, most significant digit first, a digit of `DIGITS[32..]`
//! meaning "more follows" and one of `DIGITS[..32]` ending the number. A term in every
//! briefing then costs one character a briefing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::words::{text_of, words};
use crate::keys::ArticleId;
use crate::model::Site;
use crate::model::search::{self, term_shard};

/// The 64 digits, all safe in a JSON string without escapes.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

const TITLE: u32 = 8;
const SUMMARY: u32 = 4;

/// Every term of the site's briefings with its postings, in briefing order.
pub struct Postings {
    terms: Terms<String, Vec<u32>>,
}

impl Postings {
    /// The postings of every published briefing, read a few at a time on each thread:
    /// a briefing's text is made, cut into words and dropped before the next.
    pub fn of(site: &Site) -> Postings {
        let mut terms = (0..site.briefing_count)
            .into_par_iter()
            .fold(
                Terms::default,
                |mut terms: Terms<String, Vec<u32>>, index| {
                    let id = ArticleId(index);
                    let number = search::number(id, site.briefing_count);
                    weights(site, id, |term, weight| {
                        let posting = number << 4 | weight;
                        // Most words are known by now: a new String only for a new one.
                        match terms.get_mut(term) {
                            Some(postings) => postings.push(posting),
                            None => {
                                terms.insert(term.to_string(), vec![posting]);
                            }
                        }
                    });
                    terms
                },
            )
            .reduce(Terms::default, |mut into, from| {
                let (mut into, from) = if into.len() >= from.len() {
                    (into, from)
                } else {
                    (from, std::mem::take(&mut into))
                };
                for (term, postings) in from {
                    into.entry(term).or_default().extend(postings);
                }
                into
            });
        terms
            .par_iter_mut()
            .for_each(|(_, postings)| postings.sort_unstable());
        Postings { terms }
    }

    /// The JSON of each of `count` shards: an object of its terms, in term order, each
    /// with its postings' string.
    pub fn shards(&self, count: u32) -> Vec<Vec<u8>> {
        let mut shards: Vec<Vec<(&str, &[u32])>> = vec![Vec::new(); count as usize];
        for (term, postings) in &self.terms {
            shards[term_shard(term, count) as usize].push((term, postings));
        }
        shards
            .into_par_iter()
            .map(|mut terms| {
                terms.sort_unstable_by_key(|(term, _)| *term);
                let mut json = String::from("{");
                for (i, (term, postings)) in terms.iter().enumerate() {
                    if i > 0 {
                        json.push(',');
                    }
                    json.push_str(&serde_json::to_string(term).expect("a string serializes"));
                    json.push_str(":\"");
                    encode(postings, &mut json);
                    json.push('"');
                }
                json.push('}');
                json.into_bytes()
            })
            .collect()
    }
}

/// Calls `found` with each term of the briefing `id` and its weight there, each once.
fn weights(site: &Site, id: ArticleId, mut found: impl FnMut(&str, u32)) {
    let article = site.article(id);
    let body = text_of(article.content_html.at_site_root()).to_lowercase();
    let summary = if article.summary_written {
        text_of(article.summary_html.at_site_root()).to_lowercase()
    } else {
        String::new()
    };
    let title = article.title.to_lowercase();
    let mut weights: Terms<&str, u32> = Terms::default();
    for word in words(&body) {
        *weights.entry(word).or_default() += 1;
    }
    for weight in weights.values_mut() {
        *weight = match *weight {
            1 => 1,
            2 | 3 => 2,
            _ => 3,
        };
    }
    for word in words(&summary) {
        *weights.entry(word).or_default() |= SUMMARY;
    }
    for word in words(&title) {
        *weights.entry(word).or_default() |= TITLE;
    }
    for (term, weight) in weights {
        found(term, weight);
    }
    for &company in site.companies_of(id) {
        found(&format!("c:{}", site.company(company).key.0), 0);
    }
    for &ecosystem in site.ecosystems_of(id) {
        found(
            &format!("e:{}", site.ecosystem(ecosystem).ecosystem.key.0),
            0,
        );
    }
}

/// A map keyed by words: FNV-1a hashes a short word in a few steps, where the
/// standard hasher's protection against chosen keys costs more than the postings.
type Terms<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Appends the string of `postings` (sorted) to `out`.
fn encode(postings: &[u32], out: &mut String) {
    let mut previous = 0;
    for &posting in postings {
        let briefing = posting >> 4;
        let number = (briefing - previous) << 4 | (posting & 15);
        previous = briefing;
        let mut digits = [0u8; 7];
        let mut n = number;
        let mut len = 0;
        loop {
            digits[len] = (n & 31) as u8;
            len += 1;
            n >>= 5;
            if n == 0 {
                break;
            }
        }
        for (i, &digit) in digits[..len].iter().enumerate().rev() {
            let more = if i > 0 { 32 } else { 0 };
            out.push(DIGITS[usize::from(digit + more)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script's decoder, in Rust: (briefing, weight) of each posting.
    fn decode(text: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let (mut number, mut previous) = (0u32, 0u32);
        for c in text.bytes() {
            let digit = DIGITS.iter().position(|&d| d == c).unwrap() as u32;
            number = number * 32 + (digit & 31);
            if digit < 32 {
                previous += number >> 4;
                out.push((previous, number & 15));
                number = 0;
            }
        }
        out
    }

    #[test]
    fn postings_are_differences_in_base_32_and_decode_to_themselves() {
        let postings = [9, 1 << 4 | 1, 2 << 4, 40_000 << 4 | 15];
        let mut text = String::new();
        encode(&postings, &mut text);
        // A briefing after the one before costs a character with its weight.
        assert_eq!(&text[..3], "9HG");
        assert_eq!(
            decode(&text),
            [(0, 9), (1, 1), (2, 0), (40_000, 15)],
            "{text}"
        );
    }
}

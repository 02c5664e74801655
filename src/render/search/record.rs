//! A briefing's record: what a search result shows of it, made when it is written.

use serde::Serialize;

use super::words::text_of;
use crate::keys::ArticleId;
use crate::model::Site;
use crate::render::context::Dates;

/// The most characters of a briefing's text a record keeps: the passage shown is
/// looked for in them, and a longer text would only make a result slower to show.
const MAX_TEXT: usize = 12_000;

#[derive(Serialize)]
struct Record<'a> {
    url: String,
    title: &'a str,
    /// RFC 3339, for `<time datetime>`.
    date: String,
    /// As the site's pages show it.
    shown: String,
    /// Indexes into `index.json`'s companies and ecosystems.
    companies: Vec<usize>,
    ecosystems: Vec<usize>,
    /// The written summary, then the text, as plain text.
    text: String,
}

/// The JSON of the record of the briefing `id`.
pub fn record(site: &Site, id: ArticleId) -> Vec<u8> {
    let article = site.article(id);
    let dates = Dates(&site.config.timezone);
    let mut text = String::new();
    if article.summary_written {
        text.push_str(&text_of(article.summary_html.at_site_root()));
        text.push(' ');
    }
    text.push_str(&text_of(article.content_html.at_site_root()));
    if text.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    let record = Record {
        url: site.href(&article.url),
        title: &article.title,
        date: article.date.map(|d| dates.rfc3339(d)).unwrap_or_default(),
        shown: article
            .date
            .map(|d| dates.display_dated(d, article.date_has_time))
            .unwrap_or_default(),
        companies: site.companies_of(id).iter().map(|c| c.0).collect(),
        ecosystems: site.ecosystems_of(id).iter().map(|e| e.0).collect(),
        text,
    };
    serde_json::to_vec(&record).expect("a record serializes")
}

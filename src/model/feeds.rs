//! Feeds, decided once for every format: a feed's title, its links, its entries and
//! when it last changed. Formats (Atom in `render::feeds`, JSON Feed in
//! `render::json_feed`) only write what is decided here.

use jiff::Timestamp;

use super::{FeedFormat, FeedOf, Page, Site};
use crate::content::Article;
use crate::keys::ArticleId;

/// A feed, decided.
#[derive(Debug, Clone)]
pub struct Feed {
    pub of: FeedOf,
    /// "Two Stacks" for the site's feed, "SMIC on Two Stacks" for a company's.
    pub title: String,
    /// Site path of the feed in the format asked for (also its id, made absolute).
    pub url: String,
    /// Site path of the list page the feed follows, for its `alternate` link.
    pub list: String,
    /// The newest `feed_limit` briefings of the list, newest first.
    pub entries: Vec<ArticleId>,
    /// The last change of its entries; for an empty feed, that of the site's newest
    /// briefing, so the feed still has a stable date.
    pub updated: Timestamp,
}

impl Feed {
    /// The feed of `of`, at its URL in `format`; its entries are the same in each.
    pub fn new(site: &Site, of: FeedOf, format: FeedFormat) -> Feed {
        let limit = site.config.feed_limit;
        let (name, entries): (Option<&str>, Vec<ArticleId>) = match of {
            FeedOf::Site => (None, site.briefings().take(limit).collect()),
            FeedOf::Company(c) => {
                let company = site.company(c);
                let entries = company.briefings.iter().take(limit).copied().collect();
                (Some(&company.name), entries)
            }
            FeedOf::Ecosystem(e) => {
                let entry = site.ecosystem(e);
                let entries = entry.briefings.iter().take(limit).copied().collect();
                (Some(&entry.ecosystem.name), entries)
            }
        };
        let title = match name {
            Some(name) => format!("{name} on {}", site.config.title),
            None => site.config.title.clone(),
        };
        let updated = entries
            .iter()
            .filter_map(|&id| last_change(site.article(id)))
            .max()
            .or_else(|| {
                site.briefings()
                    .next()
                    .and_then(|id| last_change(site.article(id)))
            })
            .unwrap_or(Timestamp::UNIX_EPOCH);
        Feed {
            of,
            title,
            url: Page::Feed(of, format).url(site),
            list: of.list().url(site),
            entries,
            updated,
        }
    }
}

/// The moves a briefing reports, one line each in the order written, as every feed
/// format puts them in the entry's text: `SMIC 0981.HK ▲ 10.9 %`, with the close
/// (`, close 395500 KRW`) when given and the trading day when it is not the
/// briefing's own (` on 1 October 2025`).
pub fn moves_told(site: &Site, id: ArticleId) -> Vec<String> {
    let article = site.article(id);
    let own_day = article
        .date
        .map(|d| d.to_zoned_datetime(site.config.timezone.clone()).date());
    site.moves_of(id)
        .map(|(reported, id)| {
            let company = site.company(id);
            let ticker = site.spelled(reported, id);
            let mut line = company.name.clone();
            if !ticker.eq_ignore_ascii_case(&company.name)
                && !ticker.eq_ignore_ascii_case(company.key.as_str())
            {
                line.push(' ');
                line.push_str(ticker);
            }
            line.push(' ');
            line.push_str(&reported.shown());
            if let Some(close) = reported.close {
                line.push_str(&format!(", close {close}"));
                if let Some(currency) = &reported.currency {
                    line.push_str(&format!(" {currency}"));
                }
            }
            if own_day != Some(reported.on) {
                line.push_str(&format!(" on {}", reported.on.strftime("%-d %B %Y")));
            }
            line
        })
        .collect()
}

/// When an article last changed: its `updated` date, else its date.
pub fn last_change(article: &Article) -> Option<Timestamp> {
    article.updated.or(article.date)
}

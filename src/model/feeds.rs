//! Feeds, decided once for every format: a feed's title, its links, its entries and
//! when it last changed. Formats (Atom in `render::feeds`) only write what is decided here.

use jiff::Timestamp;

use super::{FeedOf, Page, Site};
use crate::content::Article;
use crate::keys::ArticleId;

/// A feed, decided.
#[derive(Debug, Clone)]
pub struct Feed {
    pub of: FeedOf,
    /// "Two Stacks" for the site's feed, "SMIC on Two Stacks" for a company's.
    pub title: String,
    /// Site path of the feed (also its id, made absolute).
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
    pub fn new(site: &Site, of: FeedOf) -> Feed {
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
            url: Page::Feed(of).url(site),
            list: of.list().url(site),
            entries,
            updated,
        }
    }
}

/// When an article last changed: its `updated` date, else its date.
pub fn last_change(article: &Article) -> Option<Timestamp> {
    article.updated.or(article.date)
}

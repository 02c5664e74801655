//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): writes a feed the model decided
//! (`model::Feed`) as JSON, beside its Atom twin, with the same entries and texts.
//! What a feed holds is never decided here.
//!
//! Serialized with serde_json, so every string is escaped by construction.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::value::RawValue;

use super::context::Dates;
use super::feeds::{absolute_links, moves_html};
use super::plain::strip_tags;
use super::social::tags;
use crate::keys::ArticleId;
use crate::model::Site;
use crate::model::feeds::{Feed, last_change, moves_told};

/// The version URL every JSON Feed 1.1 starts with.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Each briefing's item, serialized once and shared by every feed that lists it, as
/// Atom's entries are.
pub struct Items(Vec<OnceLock<Box<RawValue>>>);

impl Items {
    pub fn new(site: &Site) -> Items {
        Items(site.articles.iter().map(|_| OnceLock::new()).collect())
    }

    fn get(&self, site: &Site, id: ArticleId) -> &RawValue {
        self.0[id.0].get_or_init(|| {
            let json = serde_json::to_string(&item(site, id))
                .expect("an item of strings and lists always serializes");
            RawValue::from_string(json).expect("serde_json wrote valid JSON")
        })
    }
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: String,
    summary: String,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

/// A feed as JSON Feed 1.1.
pub fn json(site: &Site, items: &Items, feed: &Feed) -> String {
    let config = &site.config;
    let document = JsonFeed {
        version: VERSION,
        title: &feed.title,
        home_page_url: site.permalink(&feed.list),
        feed_url: site.permalink(&feed.url),
        description: &config.description,
        language: &config.language,
        // The site writes every briefing unless one names its own author.
        authors: [Author {
            name: &config.title,
        }],
        items: feed.entries.iter().map(|&id| items.get(site, id)).collect(),
    };
    let mut json = serde_json::to_string_pretty(&document)
        .expect("a feed of strings and lists always serializes");
    json.push('\n');
    json
}

fn item(site: &Site, id: ArticleId) -> Item<'_> {
    let article = site.article(id);
    let dates = Dates(&site.config.timezone);
    let permalink = site.permalink(&article.url);
    let published = article.date.unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    // The moves lead both texts, as in Atom: a reader that shows only the summary has
    // them too.
    let moves = moves_html(site, id);
    let content = absolute_links(&site.html(&article.content_html, article), &permalink);
    let mut summary = moves_told(site, id).join("\n");
    let summary_text = strip_tags(article.summary_html.at_site_root());
    if !summary.is_empty() && !summary_text.is_empty() {
        summary.push_str("\n\n");
    }
    summary.push_str(&summary_text);
    Item {
        id: permalink.clone(),
        url: permalink,
        title: &article.title,
        content_html: format!("{moves}{content}"),
        summary,
        date_published: dates.rfc3339(published),
        date_modified: dates.rfc3339(last_change(article).unwrap_or(published)),
        authors: if article.author.is_empty() {
            Vec::new()
        } else {
            vec![Author {
                name: &article.author,
            }]
        },
        tags: tags(site, id),
    }
}

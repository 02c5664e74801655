//! Atom 1.0 feeds: the site's, each company's and each ecosystem's.
//!
//! Written directly rather than through a template: feeds are a format, not a design,
//! and escaping every field by construction keeps them well-formed.

use std::fmt::Write;
use std::sync::OnceLock;

use super::context::Dates;
use crate::content::Article;
use crate::keys::ArticleId;

use crate::model::{FeedOf, Site};
use crate::urls;

/// Each briefing's `<entry>`, written once and shared by every feed that lists it: the
/// newest briefings are in the site's feed and in those of each of their companies
/// and ecosystems, and an entry carries the whole briefing, escaped.
pub struct Entries(Vec<OnceLock<String>>);

impl Entries {
    pub fn new(site: &Site) -> Entries {
        Entries(site.articles.iter().map(|_| OnceLock::new()).collect())
    }

    fn get(&self, site: &Site, id: ArticleId) -> &str {
        self.0[id.0].get_or_init(|| {
            let mut xml = String::new();
            entry(&mut xml, site, id, &Dates(&site.config.timezone));
            xml
        })
    }
}

/// The feed of `feed`: its newest `feed_limit` briefings, newest first.
pub fn atom(site: &Site, entries: &Entries, feed: FeedOf) -> String {
    let dates = Dates(&site.config.timezone);
    let (title, list, ids): (String, String, Vec<ArticleId>) = match feed {
        FeedOf::Site => (
            site.config.title.clone(),
            "/".to_string(),
            site.briefings().take(site.config.feed_limit).collect(),
        ),
        FeedOf::Company(c) => {
            let company = &site.companies[c];
            (
                format!("{} on {}", company.name, site.config.title),
                urls::company(company.key.as_str()),
                company
                    .briefings
                    .iter()
                    .take(site.config.feed_limit)
                    .copied()
                    .collect(),
            )
        }
        FeedOf::Ecosystem(e) => {
            let entry = &site.ecosystems[e];
            (
                format!("{} on {}", entry.ecosystem.name, site.config.title),
                urls::ecosystem(entry.ecosystem.key.as_str()),
                entry
                    .briefings
                    .iter()
                    .take(site.config.feed_limit)
                    .copied()
                    .collect(),
            )
        }
    };
    let feed_url = site.permalink(&urls::feed(&list));
    // An empty feed still needs a stable `updated`: the newest briefing of the site.
    let updated = ids
        .iter()
        .filter_map(|&id| last_change(site.article(id)))
        .max()
        .or_else(|| {
            site.briefings()
                .next()
                .and_then(|id| last_change(site.article(id)))
        })
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);

    let mut xml = String::with_capacity(2048 + ids.len() * 16384);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&site.config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&title));
    if !site.config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape(&site.config.description)
        );
    }
    let _ = writeln!(xml, "  <id>{}</id>", escape(&feed_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&feed_url)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&site.permalink(&list))
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", dates.rfc3339(updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(&site.config.title)
    );
    xml.push_str("  <generator>brief</generator>\n");
    for id in ids {
        xml.push_str(entries.get(site, id));
    }
    xml.push_str("</feed>\n");
    xml
}

fn last_change(article: &Article) -> Option<jiff::Timestamp> {
    article.updated.or(article.date)
}

fn entry(xml: &mut String, site: &Site, id: ArticleId, dates: &Dates) {
    let article = site.article(id);
    let links = &site.links[id.0];
    let permalink = site.permalink(&article.url);
    let published = article.date.unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    xml.push_str("  <entry>\n");
    let _ = writeln!(xml, "    <title>{}</title>", escape(&article.title));
    let _ = writeln!(xml, "    <id>{}</id>", escape(&permalink));
    let _ = writeln!(
        xml,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&permalink)
    );
    let _ = writeln!(
        xml,
        "    <published>{}</published>",
        dates.rfc3339(published)
    );
    let _ = writeln!(
        xml,
        "    <updated>{}</updated>",
        dates.rfc3339(last_change(article).unwrap_or(published))
    );
    if !article.author.is_empty() {
        let _ = writeln!(
            xml,
            "    <author><name>{}</name></author>",
            escape(&article.author)
        );
    }
    for &e in &links.ecosystems {
        let ecosystem = &site.ecosystems[e].ecosystem;
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
            escape(ecosystem.key.as_str()),
            escape(&ecosystem.name),
            escape(&site.permalink(&urls::ecosystems()))
        );
    }
    for &c in &links.companies {
        let company = &site.companies[c];
        let term = company
            .tickers
            .first()
            .map_or(company.key.as_str(), |t| t.as_str());
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
            escape(term),
            escape(&company.name),
            escape(&site.permalink(&urls::companies()))
        );
    }
    let _ = writeln!(
        xml,
        "    <summary type=\"html\">{}</summary>",
        escape(&absolute_links(&article.summary_html, &permalink))
    );
    let _ = writeln!(
        xml,
        "    <content type=\"html\">{}</content>",
        escape(&absolute_links(&article.content_html, &permalink))
    );
    xml.push_str("  </entry>\n");
}

/// Escapes text for XML and drops the characters XML 1.0 forbids (and the others brief
/// never publishes), which a pasted briefing can carry and which would make the whole
/// feed unreadable.
pub fn escape(text: &str) -> String {
    crate::markdown::escape_with(text, true)
}

/// Feed readers show entries away from the site, so every link and image that is
/// relative (`/companies/smic/`, `#the-move`, `data.csv`) is made absolute, resolved
/// against the briefing's permalink as its own page resolves it.
fn absolute_links(html: &str, permalink: &str) -> String {
    crate::markdown::relative::resolve_in_html(html, permalink)
}

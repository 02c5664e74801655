//! Atom 1.0: writes a feed the model decided (`model::Feed`: title, links, entries,
//! date) as XML; what a feed holds is never decided here.
//!
//! Written directly rather than through a template: feeds are a format, not a design,
//! and escaping every field by construction keeps them well-formed.

use std::fmt::Write;
use std::sync::OnceLock;

use super::context::Dates;
use crate::keys::ArticleId;
use crate::model::feeds::{Feed, last_change, moves_told};
use crate::model::{Page, Site};

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
            // Kept for the whole pass: in an allocation of its own length, not the up
            // to twice as much that growing by doubling left.
            xml.as_str().to_owned()
        })
    }
}

/// A feed as Atom.
pub fn atom(site: &Site, entries: &Entries, feed: &Feed) -> String {
    let dates = Dates(&site.config.timezone);
    let feed_url = site.permalink(&feed.url);
    let mut xml = String::with_capacity(2048 + feed.entries.len() * 16384);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&site.config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&feed.title));
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
        escape(&site.permalink(&feed.list))
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", dates.rfc3339(feed.updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(&site.config.title)
    );
    xml.push_str("  <generator>brief</generator>\n");
    for &id in &feed.entries {
        xml.push_str(entries.get(site, id));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, site: &Site, id: ArticleId, dates: &Dates) {
    let article = site.article(id);
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
    let scheme = |index: Page| escape(&site.permalink(&index.url(site)));
    for &e in site.ecosystems_of(id) {
        let ecosystem = &site.ecosystem(e).ecosystem;
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
            escape(ecosystem.key.as_str()),
            escape(&ecosystem.name),
            scheme(Page::Ecosystems)
        );
    }
    for &c in site.companies_of(id) {
        let company = site.company(c);
        let term = company
            .tickers
            .first()
            .map_or(company.key.as_str(), |t| t.as_str());
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
            escape(term),
            escape(&company.name),
            scheme(Page::Companies)
        );
    }
    // The moves lead both texts: a reader that shows only the summary has them too.
    let moves = moves_html(site, id);
    let _ = writeln!(
        xml,
        "    <summary type=\"html\">{}</summary>",
        escape(&format!(
            "{moves}{}",
            absolute_links(&site.html(&article.summary_html, article), &permalink)
        ))
    );
    let _ = writeln!(
        xml,
        "    <content type=\"html\">{}</content>",
        escape(&format!(
            "{moves}{}",
            absolute_links(&site.html(&article.content_html, article), &permalink)
        ))
    );
    xml.push_str("  </entry>\n");
}

/// The briefing's moves as an HTML list, or nothing when it reports none.
pub(super) fn moves_html(site: &Site, id: ArticleId) -> String {
    let lines = moves_told(site, id);
    if lines.is_empty() {
        return String::new();
    }
    let items: String = lines
        .iter()
        .map(|line| format!("<li>{}</li>", escape(line)))
        .collect();
    format!("<ul class=\"moves\">{items}</ul>\n")
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
pub(super) fn absolute_links(html: &str, permalink: &str) -> String {
    crate::markdown::relative::resolve_in_html(html, permalink)
}

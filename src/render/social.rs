//! What a page tells other sites about itself: the OpenGraph and Twitter card values
//! of link previews, and schema.org structured data (JSON-LD) for search engines: a
//! `NewsArticle` and its `BreadcrumbList` on each briefing, a `Corporation` (or, for a
//! private company, an `Organization`) on each company's page.

use serde_json::{Value, json};

use super::context::Dates;
use super::plain::strip_tags;
use super::views::SocialView;
use crate::content::ArticleKind;
use crate::keys::{ArticleId, CompanyId};
use crate::model::archives::Period;
use crate::model::feeds::last_change;
use crate::model::{Page, Route, Site};

/// The link-preview values of the page at `route`.
pub fn social(site: &Site, route: &Route) -> SocialView {
    let article = match route.page {
        Page::Article {
            id,
            kind: ArticleKind::Briefing,
        } => Some(id),
        _ => None,
    };
    let Some(id) = article else {
        return SocialView {
            og_type: "website",
            image: site_image(site, route.page),
            published: String::new(),
            modified: String::new(),
            tags: Vec::new(),
        };
    };
    let article = site.article(id);
    let dates = Dates(&site.config.timezone);
    let published = article.date.map(|d| dates.rfc3339(d)).unwrap_or_default();
    SocialView {
        og_type: "article",
        image: site_image(site, route.page),
        modified: last_change(article)
            .map(|d| dates.rfc3339(d))
            .unwrap_or_default(),
        published,
        tags: tags(site, id),
    }
}

/// The absolute URL of the page's preview image: its article's `image`, else the
/// site's `[social] image`, else none.
fn site_image(site: &Site, page: Page) -> String {
    let own = page.article().and_then(|id| {
        let article = site.article(id);
        Some((article.image.as_ref()?, article.url.as_str()))
    });
    let Some((image, base)) = own.or_else(|| Some((site.config.social_image.as_ref()?, "/")))
    else {
        return String::new();
    };
    match crate::urls::image(&image.written, base) {
        Some(path) => site.permalink(&path),
        None => image.written.clone(),
    }
}

/// A briefing's tags, as its feed entries have them: each company's primary ticker
/// (its key when private), then each ecosystem's name.
pub fn tags(site: &Site, id: ArticleId) -> Vec<String> {
    let tickers = site.companies_of(id).iter().map(|&c| {
        let company = site.company(c);
        company
            .tickers
            .first()
            .map_or(company.key.to_string(), |t| t.to_string())
    });
    let ecosystems = site
        .ecosystems_of(id)
        .iter()
        .map(|&e| site.ecosystem(e).ecosystem.name.clone());
    tickers.chain(ecosystems).collect()
}

/// The JSON-LD documents of the page at `route`, each ready to stand inside a
/// `<script type="application/ld+json">` element.
pub fn structured_data(site: &Site, route: &Route) -> Vec<String> {
    let documents = match route.page {
        Page::Article {
            id,
            kind: ArticleKind::Briefing,
        } => vec![news_article(site, id), breadcrumbs(site, id)],
        Page::Company { company, .. } => {
            let mut corporation = organization(site, company);
            corporation["@context"] = json!("https://schema.org");
            corporation["mainEntityOfPage"] = json!(site.permalink(&route.url));
            vec![corporation]
        }
        _ => Vec::new(),
    };
    documents.iter().map(script_text).collect()
}

fn news_article(site: &Site, id: ArticleId) -> Value {
    let article = site.article(id);
    let dates = Dates(&site.config.timezone);
    let permalink = site.permalink(&article.url);
    let publisher = json!({
        "@type": "Organization",
        "name": site.config.title,
        "url": site.permalink("/"),
    });
    let author = if article.author.is_empty() {
        publisher.clone()
    } else {
        json!({"@type": "Person", "name": article.author})
    };
    let mut document = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": permalink,
        "mainEntityOfPage": permalink,
        "description": strip_tags(article.summary_html.at_site_root()),
        "inLanguage": site.config.language,
        "author": author,
        "publisher": publisher,
        "keywords": tags(site, id),
        "about": site.companies_of(id)
            .iter()
            .map(|&c| organization(site, c))
            .collect::<Vec<_>>(),
    });
    if let Some(date) = article.date {
        document["datePublished"] = json!(dates.rfc3339(date));
    }
    if let Some(changed) = last_change(article) {
        document["dateModified"] = json!(dates.rfc3339(changed));
    }
    let image = site_image(
        site,
        Page::Article {
            id,
            kind: article.kind,
        },
    );
    if !image.is_empty() {
        document["image"] = json!([image]);
    }
    document
}

/// A company as schema.org knows it: a `Corporation` with its listings as
/// `tickerSymbol` (`XHKG 0981`, where the exchange is known), or an `Organization`
/// for a private company.
fn organization(site: &Site, id: CompanyId) -> Value {
    let company = site.company(id);
    let page = Page::Company {
        company: id,
        page: 1,
    };
    let listed = !company.tickers.is_empty();
    let mut value = json!({
        "@type": if listed { "Corporation" } else { "Organization" },
        "@id": format!("{}#company", site.permalink(&page.url(site))),
        "name": company.name,
    });
    if !company.full_name.is_empty() {
        value["legalName"] = json!(company.full_name);
    }
    if !company.description.is_empty() {
        value["description"] = json!(company.description);
    }
    if !company.website.is_empty() {
        value["url"] = json!(company.website);
    }
    let symbols: Vec<String> = company
        .tickers
        .iter()
        .filter_map(|t| t.ticker_symbol())
        .collect();
    match symbols.as_slice() {
        [] => {}
        [one] => value["tickerSymbol"] = json!(one),
        many => value["tickerSymbol"] = json!(many),
    }
    value
}

/// Home, the briefing's year and month in the archives, and the briefing itself.
fn breadcrumbs(site: &Site, id: ArticleId) -> Value {
    let article = site.article(id);
    let mut trail = vec![(site.config.title.clone(), site.permalink("/"))];
    if let Some(Period::Day(day)) = site.archives.day_of(id) {
        for period in [
            Period::Year(day.year()),
            Period::Month(day.year(), day.month()),
        ] {
            let url = Page::Archive { period, page: 1 }.url(site);
            trail.push((period.name(), site.permalink(&url)));
        }
    }
    trail.push((article.title.clone(), site.permalink(&article.url)));
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": trail
            .into_iter()
            .enumerate()
            .map(|(i, (name, item))| json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": item,
            }))
            .collect::<Vec<_>>(),
    })
}

/// JSON that cannot end its `<script>` element: `<`, `>` and `&` appear only inside
/// JSON strings, where their `\u` escapes mean the same, so a title holding
/// `</script>` or `<!--` stays text.
fn script_text(document: &Value) -> String {
    let json = document.to_string();
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_its_element_and_parses_back() {
        let document = json!({"headline": "</script><!-- & -->"});
        let text = script_text(&document);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), document);
    }
}

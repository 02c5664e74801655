//! sitemap.xml and robots.txt, for crawlers.

use std::fmt::Write;

use super::context::Dates;
use super::feeds::escape;
use crate::model::feeds::last_change;
use crate::model::{Page, Site};

/// Every page the table of page kinds puts in the sitemap; articles carry their last
/// change as `lastmod`.
pub fn sitemap(site: &Site) -> String {
    let dates = Dates(&site.config.timezone);
    let mut xml = String::with_capacity(128 + site.routes.len() * 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for route in site.routes.iter() {
        if !route.page.in_sitemap() {
            continue;
        }
        let lastmod = route
            .page
            .article()
            .and_then(|id| last_change(site.article(id)))
            .map(|d| dates.rfc3339(d));
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            escape(&site.permalink(&route.url))
        );
        if let Some(lastmod) = lastmod {
            let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.permalink(&Page::Sitemap.url(site))
    )
}

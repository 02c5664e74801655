//! What the model reads of an article to place it: its kind, whether and when it is
//! published, its URL, the ecosystems and tickers it names, the links it makes, and
//! which listing each of its moves is about and on which day.
//! When none of this changed, the site's lists, routes and links are the same, and
//! only the article's text is new; when some of it did, `update` moves the article.
//!
//! Every field of `Article` is named in `Placement::of`, either read or said to be
//! text only, so a field added to articles cannot be read by the model without being
//! named here first, and `brief serve` cannot keep a site that is out of date.

use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::content::{Article, ArticleKind};

/// The part of an article that decides where the site lists and links it.
#[derive(Debug, PartialEq)]
pub struct Placement<'a> {
    kind: ArticleKind,
    draft: bool,
    date: Option<Timestamp>,
    url: &'a str,
    source: &'a Path,
    file: &'a Path,
    ecosystems: Vec<&'a str>,
    tickers: Vec<&'a str>,
    /// Where each link leads and how it is written, for warnings about links to
    /// articles left out. Locations are left out: they only move warnings, which a
    /// site decided anew prints again.
    links: Vec<(Option<&'a str>, &'a str, bool)>,
    /// Each move's ticker and trading day: they decide the moves reported about a
    /// company and on a day. The numbers are text only, read from the article.
    moves: Vec<(&'a str, Date)>,
    /// The files published beside a bundle, and the old URLs redirected to the
    /// article: each has a route of its own.
    bundle: &'a [String],
    aliases: Vec<&'a str>,
}

impl<'a> Placement<'a> {
    pub fn of(article: &'a Article) -> Placement<'a> {
        let Article {
            source,
            file,
            kind,
            url,
            date,
            draft,
            ecosystems,
            tickers,
            references,
            moves,
            bundle,
            aliases,
            // Text only: shown on the article's pages, never read to place it.
            title: _,
            updated: _,
            date_has_time: _,
            summary_html: _,
            summary_written: _,
            content_html: _,
            headings: _,
            author: _,
            template: _,
            words: _,
            date_location: _,
            template_location: _,
            image: _,
            // Warnings about the file; an edit that keeps the places reports them itself.
            notices: _,
        } = article;
        Placement {
            kind: *kind,
            draft: *draft,
            date: *date,
            url,
            source,
            file,
            ecosystems: ecosystems.iter().map(|n| n.name.as_str()).collect(),
            tickers: tickers.iter().map(|n| n.name.as_str()).collect(),
            links: references
                .iter()
                .map(|r| (r.site_path.as_deref(), r.written.as_str(), r.image))
                .collect(),
            moves: moves.iter().map(|m| (m.ticker.as_str(), m.on)).collect(),
            bundle,
            aliases: aliases.iter().map(|a| a.url.as_str()).collect(),
        }
    }
}

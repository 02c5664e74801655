//! The table of page kinds: for each kind of output, its URL, its template, its media
//! type, whether the sitemap lists it and which feeds list what it shows.
//!
//! Renderers, the sitemap and `serve` ask this table and keep no list of their own;
//! every match here names each kind, so a new kind is a compile error in each place
//! that must decide something about it, never a silent fall into a default.

use std::sync::Arc;

use super::archives::Period;
use super::search;
use crate::content::{Article, ArticleKind};
use crate::keys::{ArticleId, CompanyId, EcosystemId};
use crate::urls;

/// What the table reads of a decided site. `Site` is the one implementation; the
/// table takes it through this trait so that this file stays below the site, whose
/// routes are made of `Page`s.
pub trait Lookup {
    fn article(&self, id: ArticleId) -> &Article;
    fn company_key(&self, id: CompanyId) -> &str;
    fn ecosystem_key(&self, id: EcosystemId) -> &str;
    /// The companies an article names, in its order.
    fn companies_of(&self, id: ArticleId) -> &[CompanyId];
    fn ecosystems_of(&self, id: ArticleId) -> &[EcosystemId];
}

/// Whose feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOf {
    Site,
    Company(CompanyId),
    Ecosystem(EcosystemId),
}

impl FeedOf {
    /// The first page of the list the feed follows.
    pub fn list(self) -> Page {
        match self {
            FeedOf::Site => Page::Home { page: 1 },
            FeedOf::Company(company) => Page::Company { company, page: 1 },
            FeedOf::Ecosystem(ecosystem) => Page::Ecosystem { ecosystem, page: 1 },
        }
    }
}

/// A feed's format: every feed is written in each, with the same entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    /// Every format, in the order a page's `<head>` links them.
    pub const ALL: [FeedFormat; 2] = [FeedFormat::Atom, FeedFormat::Json];
}

/// What is served at a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home {
        page: usize,
    },
    /// A briefing, or a page such as About.
    Article {
        id: ArticleId,
        kind: ArticleKind,
    },
    Companies,
    Company {
        company: CompanyId,
        page: usize,
    },
    Ecosystems,
    Ecosystem {
        ecosystem: EcosystemId,
        page: usize,
    },
    /// The archive of a year, a month or a day: one kind of page for each.
    Archive {
        period: Period,
        page: usize,
    },
    NotFound,
    Feed(FeedOf, FeedFormat),
    Sitemap,
    Robots,
    /// A file of a bundle (`file` indexes the article's `bundle`), published beside
    /// its article byte for byte.
    BundleFile {
        article: ArticleId,
        file: usize,
    },
    /// An old URL of an article (`alias` indexes its `aliases`): a page that sends
    /// the reader on to the article.
    Redirect {
        article: ArticleId,
        alias: usize,
    },
    /// `/search/`: the search page, on a site with `search = true`.
    Search,
    /// The search page's script: the theme's `search.js`, the one script of the site.
    SearchScript,
    /// The search index's entry: companies, tickers, ecosystems and the plan of shards.
    SearchIndex,
    /// A shard of the search index's terms, each with its postings.
    SearchTerms {
        shard: u32,
    },
    /// What a search result shows of a briefing, by its number in the index
    /// (`search::number`).
    SearchRecord {
        number: u32,
    },
}

/// The kinds of page, without the data that tells one page of a kind from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Briefing,
    /// An article of `kind = "page"`.
    Page,
    Companies,
    Company,
    Ecosystems,
    Ecosystem,
    /// `/2026/`: the months and days of a year.
    Year,
    /// `/2026/10/`: the briefings of a month, by day.
    Month,
    /// `/2026/10/02/`: the briefings of a day and the moves they report.
    Day,
    NotFound,
    AtomFeed,
    /// A JSON Feed 1.1, beside each Atom feed.
    JsonFeed,
    Sitemap,
    Robots,
    /// A bundle's image, PDF or data file, copied as it is.
    BundleFile,
    /// An old URL's page, which sends the reader on; listed nowhere.
    Redirect,
    Search,
    SearchScript,
    SearchIndex,
    SearchTerms,
    SearchRecord,
}

/// What a page's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    Html,
    Atom,
    JsonFeed,
    Xml,
    Text,
    Json,
    JavaScript,
    /// A file copied as it is, whose type its name tells (see `content_type_of`).
    File,
}

impl MediaType {
    /// The `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Html => "text/html; charset=utf-8",
            MediaType::Atom => "application/atom+xml; charset=utf-8",
            // JSON is UTF-8 by definition (RFC 8259); the type is the one JSON Feed
            // 1.1 registers, which feed readers look for.
            MediaType::JsonFeed => "application/feed+json",
            MediaType::Xml => "application/xml; charset=utf-8",
            MediaType::Text => "text/plain; charset=utf-8",
            MediaType::Json => "application/json",
            MediaType::JavaScript => "text/javascript; charset=utf-8",
            // Only a name without a known extension; `content_type_of` reads the name.
            MediaType::File => "application/octet-stream",
        }
    }

    /// The `Content-Type` of the page at `url`: a copied file's by its name.
    pub fn content_type_of(self, url: &str) -> &'static str {
        match self {
            MediaType::File => file_content_type(url),
            MediaType::Html
            | MediaType::Atom
            | MediaType::JsonFeed
            | MediaType::Xml
            | MediaType::Text
            | MediaType::Json
            | MediaType::JavaScript => self.content_type(),
        }
    }
}

/// The `Content-Type` of a file, by the extension of its name.
pub fn file_content_type(path: &str) -> &'static str {
    let extension = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// One row of the table.
struct Row {
    /// The theme template that renders it, or None for a format brief writes itself.
    template: Option<&'static str>,
    media_type: MediaType,
    in_sitemap: bool,
}

impl PageKind {
    /// The table itself.
    fn row(self) -> Row {
        use MediaType::*;
        let html = |template, in_sitemap| Row {
            template: Some(template),
            media_type: Html,
            in_sitemap,
        };
        let written = |media_type| Row {
            template: None,
            media_type,
            in_sitemap: false,
        };
        match self {
            PageKind::Home => html("index.html", true),
            PageKind::Briefing => html("article.html", true),
            PageKind::Page => html("page.html", true),
            PageKind::Companies => html("companies.html", true),
            PageKind::Company => html("company.html", true),
            PageKind::Ecosystems => html("ecosystems.html", true),
            PageKind::Ecosystem => html("ecosystem.html", true),
            PageKind::Year => html("year.html", true),
            PageKind::Month => html("month.html", true),
            PageKind::Day => html("day.html", true),
            PageKind::NotFound => html("404.html", false),
            PageKind::AtomFeed => written(Atom),
            PageKind::JsonFeed => written(JsonFeed),
            PageKind::Sitemap => written(Xml),
            PageKind::Robots => written(Text),
            PageKind::BundleFile => written(File),
            // Brief writes it: a theme has nothing to add to a page no one stays on.
            PageKind::Redirect => written(Html),
            // Not in the sitemap: without a query it shows a crawler nothing of its own.
            PageKind::Search => html("search.html", false),
            // A theme file like a template, so that a theme or a site can replace it.
            PageKind::SearchScript => Row {
                template: Some("search.js"),
                media_type: JavaScript,
                in_sitemap: false,
            },
            PageKind::SearchIndex | PageKind::SearchTerms | PageKind::SearchRecord => written(Json),
        }
    }

    /// The template a page of this kind is rendered with, unless its article names
    /// another; None for a format brief writes itself.
    pub fn template(self) -> Option<&'static str> {
        self.row().template
    }

    pub fn media_type(self) -> MediaType {
        self.row().media_type
    }

    /// Whether sitemap.xml lists pages of this kind.
    pub fn in_sitemap(self) -> bool {
        self.row().in_sitemap
    }
}

impl Page {
    pub fn kind(self) -> PageKind {
        match self {
            Page::Home { .. } => PageKind::Home,
            Page::Article {
                kind: ArticleKind::Briefing,
                ..
            } => PageKind::Briefing,
            Page::Article {
                kind: ArticleKind::Page,
                ..
            } => PageKind::Page,
            Page::Companies => PageKind::Companies,
            Page::Company { .. } => PageKind::Company,
            Page::Ecosystems => PageKind::Ecosystems,
            Page::Ecosystem { .. } => PageKind::Ecosystem,
            Page::Archive { period, .. } => match period {
                Period::Year(_) => PageKind::Year,
                Period::Month(..) => PageKind::Month,
                Period::Day(_) => PageKind::Day,
            },
            Page::NotFound => PageKind::NotFound,
            Page::Feed(_, FeedFormat::Atom) => PageKind::AtomFeed,
            Page::Feed(_, FeedFormat::Json) => PageKind::JsonFeed,
            Page::Sitemap => PageKind::Sitemap,
            Page::Robots => PageKind::Robots,
            Page::BundleFile { .. } => PageKind::BundleFile,
            Page::Redirect { .. } => PageKind::Redirect,
            Page::Search => PageKind::Search,
            Page::SearchScript => PageKind::SearchScript,
            Page::SearchIndex => PageKind::SearchIndex,
            Page::SearchTerms { .. } => PageKind::SearchTerms,
            Page::SearchRecord { .. } => PageKind::SearchRecord,
        }
    }

    /// Its site path, before the base URL's path prefix.
    pub fn url(self, site: &impl Lookup) -> String {
        match self {
            Page::Home { page } => urls::page("/", page),
            Page::Article { id, .. } => site.article(id).url.clone(),
            Page::Companies => urls::companies(),
            Page::Company { company, page } => {
                urls::page(&urls::company(site.company_key(company)), page)
            }
            Page::Ecosystems => urls::ecosystems(),
            Page::Ecosystem { ecosystem, page } => {
                urls::page(&urls::ecosystem(site.ecosystem_key(ecosystem)), page)
            }
            Page::Archive { period, page } => urls::page(&period.url(), page),
            Page::NotFound => "/404.html".to_string(),
            Page::Feed(feed, FeedFormat::Atom) => urls::feed(&feed.list().url(site)),
            Page::Feed(feed, FeedFormat::Json) => urls::json_feed(&feed.list().url(site)),
            Page::Sitemap => "/sitemap.xml".to_string(),
            Page::Robots => "/robots.txt".to_string(),
            Page::BundleFile { article, file } => {
                let article = site.article(article);
                format!("{}{}", article.url, article.bundle[file])
            }
            Page::Redirect { article, alias } => site.article(article).aliases[alias].url.clone(),
            Page::Search => search::PAGE.to_string(),
            Page::SearchScript => search::script_url(),
            Page::SearchIndex => search::index_url(),
            Page::SearchTerms { shard } => search::terms_url(shard),
            Page::SearchRecord { number } => search::record_url(number),
        }
    }

    /// What it is, for a writer whose article would take its URL: "the archive of
    /// Friday 2 October 2026", "page 2 of the list of every briefing".
    pub fn describe(self, site: &impl Lookup) -> String {
        let paged = |what: String, page: usize| {
            if page > 1 {
                format!("page {page} of {what}")
            } else {
                what
            }
        };
        match self {
            Page::Home { page } => paged("the list of every briefing".into(), page),
            Page::Article { id, .. } => format!("the article {}", site.article(id).file.display()),
            Page::Companies => "the list of companies".into(),
            Page::Company { company, page } => {
                paged(format!("the page of `{}`", site.company_key(company)), page)
            }
            Page::Ecosystems => "the list of ecosystems".into(),
            Page::Ecosystem { ecosystem, page } => paged(
                format!("the page of `{}`", site.ecosystem_key(ecosystem)),
                page,
            ),
            Page::Archive { period, page } => {
                paged(format!("the archive of {}", period.name()), page)
            }
            Page::NotFound => "the page for addresses that are not found".into(),
            Page::Feed(_, FeedFormat::Atom) => "an Atom feed".into(),
            Page::Feed(_, FeedFormat::Json) => "a JSON feed".into(),
            Page::Sitemap => "the sitemap".into(),
            Page::Robots => "the rules for crawlers".into(),
            Page::BundleFile { article, file } => {
                let article = site.article(article);
                let folder = article.file.parent().unwrap_or(article.file.as_path());
                format!(
                    "the bundle's file {}",
                    folder.join(&article.bundle[file]).display()
                )
            }
            Page::Redirect { article, alias } => {
                let article = site.article(article);
                let at = &article.aliases[alias].location;
                format!(
                    "the redirect of the alias at {}:{}:{}",
                    at.path.display(),
                    at.line,
                    at.column
                )
            }
            Page::Search => "the search page".into(),
            Page::SearchScript => "the search page's script".into(),
            Page::SearchIndex | Page::SearchTerms { .. } | Page::SearchRecord { .. } => {
                "a file of the search index".into()
            }
        }
    }

    /// The template it is rendered with: its kind's, or the one its article names.
    pub fn template(self, site: &impl Lookup) -> Option<&str> {
        let named = self
            .article()
            .and_then(|id| site.article(id).template.as_deref());
        named.or(self.kind().template())
    }

    pub fn media_type(self) -> MediaType {
        self.kind().media_type()
    }

    /// Whether `serve` adds its live-reload script: to every HTML page.
    pub fn live_reload(self) -> bool {
        self.media_type() == MediaType::Html
    }

    pub fn in_sitemap(self) -> bool {
        self.kind().in_sitemap()
    }

    /// The feeds that list what this page shows, best fit first, for its
    /// `<link rel="alternate">`: a briefing is in the site's feed and in those of its
    /// companies and ecosystems; a company's page is followed by the company's feed.
    pub fn feeds(self, site: &impl Lookup) -> Vec<FeedOf> {
        match self {
            Page::Article {
                id,
                kind: ArticleKind::Briefing,
            } => std::iter::once(FeedOf::Site)
                .chain(site.companies_of(id).iter().map(|&c| FeedOf::Company(c)))
                .chain(site.ecosystems_of(id).iter().map(|&e| FeedOf::Ecosystem(e)))
                .collect(),
            Page::Company { company, .. } => vec![FeedOf::Company(company), FeedOf::Site],
            Page::Ecosystem { ecosystem, .. } => {
                vec![FeedOf::Ecosystem(ecosystem), FeedOf::Site]
            }
            Page::Home { .. }
            | Page::Article {
                kind: ArticleKind::Page,
                ..
            }
            | Page::Companies
            | Page::Ecosystems
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Search => vec![FeedOf::Site],
            Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            | Page::BundleFile { .. }
            | Page::Redirect { .. }
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => Vec::new(),
        }
    }

    /// The article it shows, if it shows one.
    pub fn article(self) -> Option<ArticleId> {
        match self {
            Page::Article { id, .. } => Some(id),
            Page::Home { .. }
            | Page::Companies
            | Page::Company { .. }
            | Page::Ecosystems
            | Page::Ecosystem { .. }
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            | Page::BundleFile { .. }
            | Page::Redirect { .. }
            | Page::Search
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => None,
        }
    }

    /// The article it belongs to: the one it shows, or whose bundle it is part of.
    /// Such pages come last in the site's routes, each article's together.
    pub fn of_article(self) -> Option<ArticleId> {
        match self {
            Page::Article { id, .. }
            | Page::BundleFile { article: id, .. }
            | Page::Redirect { article: id, .. } => Some(id),
            Page::Home { .. }
            | Page::Companies
            | Page::Company { .. }
            | Page::Ecosystems
            | Page::Ecosystem { .. }
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            // A record belongs to the index, whose files are numbered by place.
            | Page::Search
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => None,
        }
    }

    /// The same page of the article now at `id`, for an article that moved in the
    /// site's order; a page of no article stays as it is.
    pub fn for_article(self, id: ArticleId) -> Page {
        match self {
            Page::Article { kind, .. } => Page::Article { id, kind },
            Page::BundleFile { file, .. } => Page::BundleFile { article: id, file },
            Page::Redirect { alias, .. } => Page::Redirect { article: id, alias },
            Page::Home { .. }
            | Page::Companies
            | Page::Company { .. }
            | Page::Ecosystems
            | Page::Ecosystem { .. }
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            | Page::Search
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => self,
        }
    }
}

/// A URL and what it serves.
#[derive(Debug, Clone)]
pub struct Route {
    /// Site path, before the base URL's path prefix. Shared, so a site decided again
    /// after an edit keeps its routes' URLs without copying them.
    pub url: Arc<str>,
    pub page: Page,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::feeds::Feed;
    use crate::model::{ModelOptions, Site};

    /// SMIC is named by two briefings, Huawei by none; About is of kind "page".
    fn site() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org/blog\"\nfeed_limit = 1\n\n\
             [ecosystems.china]\nname = \"China\"\n\n\
             [companies.smic]\nname = \"SMIC\"\ntickers = [\"0981.HK\"]\necosystem = \"china\"\n\n\
             [companies.huawei]\nname = \"Huawei\"\necosystem = \"china\"\n",
        );
        for (name, date) in [("old", "2025-01-01"), ("new", "2025-02-01")] {
            write(
                &format!("content/{name}.md"),
                &format!(
                    "+++\ntitle = \"{name}\"\ndate = {date}\ntickers = [\"0981.HK\"]\necosystem = \"china\"\n+++\n\nText.\n"
                ),
            );
        }
        write(
            "content/about.md",
            "+++\ntitle = \"About\"\nkind = \"page\"\n+++\n\nUs.\n",
        );
        let config = crate::config::load(dir.path(), &Default::default()).unwrap();
        let (articles, _) = crate::content::load(&config).unwrap();
        let options = ModelOptions {
            drafts: false,
            future: false,
            now: "2026-01-01T00:00:00Z".parse().unwrap(),
        };
        super::super::build(config, articles, Default::default(), &options)
            .unwrap()
            .0
    }

    fn route<'a>(site: &'a Site, url: &str) -> &'a Route {
        site.routes.iter().find(|r| &*r.url == url).unwrap()
    }

    #[test]
    fn html_pages_and_the_search_script_and_only_they_have_a_template() {
        let site = site();
        for route in site.routes.iter() {
            let page = route.page;
            let html = page.media_type() == MediaType::Html;
            let written = matches!(page.kind(), PageKind::Redirect);
            let script = page.kind() == PageKind::SearchScript;
            assert_eq!(
                page.template(&site).is_some(),
                (html && !written) || script,
                "{}",
                route.url
            );
            assert_eq!(page.live_reload(), html, "{}", route.url);
        }
        assert_eq!(
            route(&site, "/atom.xml").page.media_type().content_type(),
            "application/atom+xml; charset=utf-8"
        );
        let script = route(&site, "/search/search.js").page;
        assert_eq!(script.template(&site), Some("search.js"));
        assert_eq!(
            script.media_type().content_type(),
            "text/javascript; charset=utf-8"
        );
        for url in [
            "/search/index.json",
            "/search/terms/0.json",
            "/search/records/1.json",
        ] {
            let page = route(&site, url).page;
            assert_eq!(
                page.media_type().content_type(),
                "application/json",
                "{url}"
            );
            assert!(!page.in_sitemap(), "{url}");
        }
        for url in [
            "/feed.json",
            "/companies/smic/feed.json",
            "/ecosystems/china/feed.json",
        ] {
            let page = route(&site, url).page;
            assert_eq!(page.kind(), PageKind::JsonFeed, "{url}");
            assert_eq!(page.media_type().content_type(), "application/feed+json");
            assert!(!page.in_sitemap(), "{url}");
        }
    }

    #[test]
    fn the_sitemap_takes_every_html_page_but_the_404_page() {
        let site = site();
        let listed: Vec<&str> = site
            .routes
            .iter()
            .filter(|r| r.page.in_sitemap())
            .map(|r| &*r.url)
            .collect();
        assert_eq!(
            listed,
            [
                "/",
                "/companies/huawei/",
                "/companies/smic/",
                "/ecosystems/china/",
                "/2025/",
                "/2025/02/",
                "/2025/01/",
                "/2025/02/01/",
                "/2025/01/01/",
                "/companies/",
                "/ecosystems/",
                "/new/",
                "/old/",
                "/about/",
            ]
        );
    }

    #[test]
    fn archives_are_three_kinds_each_with_its_template_and_the_sites_feed() {
        let site = site();
        for (url, kind, template) in [
            ("/2025/", PageKind::Year, "year.html"),
            ("/2025/02/", PageKind::Month, "month.html"),
            ("/2025/01/01/", PageKind::Day, "day.html"),
        ] {
            let page = route(&site, url).page;
            assert_eq!(page.kind(), kind, "{url}");
            assert_eq!(page.template(&site), Some(template), "{url}");
            assert_eq!(page.media_type(), MediaType::Html, "{url}");
            assert!(page.in_sitemap(), "{url}");
            assert_eq!(page.feeds(&site), [FeedOf::Site], "{url}");
            assert_eq!(page.url(&site), url);
        }
        let day = Page::Archive {
            period: Period::Day("2025-01-01".parse().unwrap()),
            page: 2,
        };
        assert_eq!(day.url(&site), "/2025/01/01/page/2/");
        assert_eq!(
            day.describe(&site),
            "page 2 of the archive of Wednesday 1 January 2025"
        );
    }

    #[test]
    fn a_briefing_is_in_the_feeds_of_the_site_its_companies_and_ecosystems() {
        let site = site();
        let (smic, china) = (CompanyId(1), EcosystemId(0));
        assert_eq!(site.company(smic).name, "SMIC");
        assert_eq!(
            route(&site, "/new/").page.feeds(&site),
            [
                FeedOf::Site,
                FeedOf::Company(smic),
                FeedOf::Ecosystem(china)
            ]
        );
        assert_eq!(route(&site, "/about/").page.feeds(&site), [FeedOf::Site]);
        assert_eq!(
            route(&site, "/companies/smic/").page.feeds(&site),
            [FeedOf::Company(smic), FeedOf::Site]
        );
        assert_eq!(route(&site, "/sitemap.xml").page.feeds(&site), []);
    }

    #[test]
    fn a_feed_is_decided_beside_its_list_with_its_newest_entries() {
        let site = site();
        // Companies are in key order: huawei, smic.
        let feed = Feed::new(&site, FeedOf::Company(CompanyId(1)), FeedFormat::Atom);
        assert_eq!(feed.title, "SMIC on T");
        assert_eq!(feed.url, "/companies/smic/atom.xml");
        assert_eq!(feed.list, "/companies/smic/");
        assert_eq!(feed.entries, [ArticleId(0)], "feed_limit = 1, newest first");
        assert_eq!(feed.updated.to_string(), "2025-02-01T00:00:00Z");
        // Huawei has no briefings; its feed still has a date: the site's newest.
        let empty = Feed::new(&site, FeedOf::Company(CompanyId(0)), FeedFormat::Json);
        assert!(empty.entries.is_empty());
        assert_eq!(empty.updated, feed.updated);
        assert_eq!(empty.url, "/companies/huawei/feed.json");
        assert_eq!(
            Feed::new(&site, FeedOf::Site, FeedFormat::Atom).url,
            "/atom.xml"
        );
        assert_eq!(
            Feed::new(&site, FeedOf::Site, FeedFormat::Json).url,
            "/feed.json"
        );
    }
}

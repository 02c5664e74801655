//! The site model: from the configuration and the loaded articles, decide everything
//! a build writes: which articles are published, every list, every URL.
//!
//! Pure and immutable once built: no file access, no clock ("now" is an option), so
//! the same inputs give the same site, and `serve` can rebuild it cheaply on a change.

pub mod archives;
pub mod digest;
pub mod feeds;
pub mod moves;
pub mod own_routes;
pub mod pager;
mod pages;
pub mod placement;
pub mod related;
pub mod runs;
pub mod search;
pub mod update;

pub use pages::{FeedFormat, FeedOf, Lookup, MediaType, Page, PageKind, Route, file_content_type};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::config::{Ecosystem, SiteConfig};
use crate::content::{Article, ArticleKind};
use crate::diagnostics::{Diagnostics, Warning};
use crate::error::{Error, Errors};
use crate::keys::{ArticleId, CompanyId, CompanyKey, EcosystemId, Ticker};
use crate::markdown::SiteHtml;
use crate::prices::{PriceSeries, Prices};
use crate::suggest;
use crate::urls;
use archives::Archives;
use related::Related;
use runs::{Run, Runs};

/// What decides which articles are published.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    /// Publish articles marked `draft = true`.
    pub drafts: bool,
    /// Publish articles dated after `now`.
    pub future: bool,
    pub now: Timestamp,
}

/// A company page: a registered company, or a ticker no company lists.
#[derive(Debug, Clone)]
pub struct CompanyEntry {
    pub key: CompanyKey,
    pub name: String,
    pub full_name: String,
    pub tickers: Vec<Ticker>,
    pub ecosystem: Option<EcosystemId>,
    pub website: String,
    /// `description` from site.toml, or empty.
    pub description: String,
    pub registered: bool,
    /// Published briefings that name it, newest first.
    pub briefings: Vec<ArticleId>,
}

/// An ecosystem page.
#[derive(Debug, Clone)]
pub struct EcosystemEntry {
    pub ecosystem: Ecosystem,
    /// Published briefings tagged with it, newest first.
    pub briefings: Vec<ArticleId>,
    /// The registered companies in it.
    pub companies: Vec<CompanyId>,
}

/// What an article is connected to: plain numbers, copied as they are when the site
/// is decided again by moving articles. Ask the site for its companies, ecosystems and
/// moves' companies (`Site::companies_of` and the rest).
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleLinks {
    /// In the order the article names them.
    companies: Run<CompanyId>,
    ecosystems: Run<EcosystemId>,
    /// The next older briefing.
    pub previous: Option<ArticleId>,
    /// The next newer briefing.
    pub next: Option<ArticleId>,
    pub related: Related,
    /// The company each of the article's moves is about, parallel to `article.moves`.
    moves: Run<CompanyId>,
}

/// The lists an article's links point into, one of each kind for the whole site.
#[derive(Debug, Clone, Default)]
pub struct LinkRuns {
    companies: Runs<CompanyId>,
    ecosystems: Runs<EcosystemId>,
    moves: Runs<CompanyId>,
}

impl LinkRuns {
    /// Links to these companies, ecosystems and moves' companies, the rest unset.
    fn links(
        &mut self,
        companies: &[CompanyId],
        ecosystems: &[EcosystemId],
        moves: &[CompanyId],
    ) -> ArticleLinks {
        ArticleLinks {
            companies: self.companies.add(companies),
            ecosystems: self.ecosystems.add(ecosystems),
            moves: self.moves.add(moves),
            ..ArticleLinks::default()
        }
    }
}

/// The whole site, decided.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Published articles: briefings newest first (so a smaller id is newer), then pages.
    /// Shared, so `serve` can decide a new site after a save without copying every
    /// article's HTML.
    pub articles: Vec<Arc<Article>>,
    /// How many of `articles`, from the start, are briefings.
    pub briefing_count: usize,
    /// Parallel to `articles`.
    pub links: Vec<ArticleLinks>,
    /// What `links` point into.
    pub runs: LinkRuns,
    /// Registered companies in key order, then unregistered tickers.
    pub companies: Vec<CompanyEntry>,
    pub ecosystems: Vec<EcosystemEntry>,
    /// Briefings by year, month and day in the site's timezone.
    pub archives: Archives,
    /// Shared, so a site decided again whose pages are all where they were (an edit
    /// that moved no article in the order and gave no list a page) keeps them whole.
    pub routes: Arc<Vec<Route>>,
    /// The page at `/about/` (`content/about.md`), which the navigation links to.
    pub about: Option<ArticleId>,
    /// URLs of the articles this site leaves out (drafts, briefings not yet due), so a
    /// link to one is flagged.
    pub left_out: HashSet<String>,
    /// The URLs of its articles, so that a page a list gains when an article moves is
    /// checked against them without reading every article (`update` keeps the set,
    /// as it moves no article to another URL: it may hold one the site left out since).
    pub article_urls: Arc<HashSet<String>>,
    /// Every listing's daily closes from data/prices; ask `prices`. Shared, so a site
    /// decided again after an edit keeps them without a copy.
    pub prices: Arc<Prices>,
    /// The local images the articles show: their sizes and resized copies, from the
    /// images stage, which reads them once the site is decided; empty until then.
    pub images: Arc<crate::images::Images>,
}

impl Site {
    /// Ids of published briefings, newest first.
    pub fn briefings(&self) -> impl ExactSizeIterator<Item = ArticleId> + '_ {
        (0..self.briefing_count).map(ArticleId)
    }

    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.0]
    }

    /// Where the site lists an article placed as `article` is (the same kind, date and
    /// path: a new version of it whose text alone changed), if it publishes it. Found
    /// in the site's order, so no index of paths need be kept.
    pub fn place_of(&self, article: &Article) -> Option<ArticleId> {
        let at = self
            .articles
            .partition_point(|a| listed_before(a, article).is_lt());
        self.articles
            .get(at)
            .filter(|a| a.source == article.source)
            .map(|_| ArticleId(at))
    }

    /// The companies an article names, in the order it names them.
    pub fn companies_of(&self, id: ArticleId) -> &[CompanyId] {
        self.runs.companies.get(self.links[id.0].companies)
    }

    /// The ecosystems an article is tagged with, in the order it names them.
    pub fn ecosystems_of(&self, id: ArticleId) -> &[EcosystemId] {
        self.runs.ecosystems.get(self.links[id.0].ecosystems)
    }

    /// The company each of an article's moves is about, parallel to `article.moves`.
    pub fn move_companies(&self, id: ArticleId) -> &[CompanyId] {
        self.runs.moves.get(self.links[id.0].moves)
    }

    pub fn company(&self, id: CompanyId) -> &CompanyEntry {
        &self.companies[id.0]
    }

    pub fn ecosystem(&self, id: EcosystemId) -> &EcosystemEntry {
        &self.ecosystems[id.0]
    }

    /// Every company, registered ones first.
    pub fn company_ids(&self) -> impl ExactSizeIterator<Item = CompanyId> + use<> {
        (0..self.companies.len()).map(CompanyId)
    }

    pub fn ecosystem_ids(&self) -> impl ExactSizeIterator<Item = EcosystemId> + use<> {
        (0..self.ecosystems.len()).map(EcosystemId)
    }

    /// The daily closes of `ticker` (in any case), oldest first, when data/prices has
    /// a file for it: `series.points()` gives each `(date, close)`. Only registered
    /// listings have prices, so a company's series are those of its `tickers`.
    pub fn prices(&self, ticker: &Ticker) -> Option<&PriceSeries> {
        self.prices.get(ticker)
    }

    /// The base URL's path prefix and a site path: what goes in an `href`.
    pub fn href(&self, url: &str) -> String {
        format!("{}{url}", self.config.path_prefix())
    }

    /// HTML of `article` (its body or summary) as this site's pages have it: its links
    /// into the site under the base URL's path prefix.
    pub fn html<'a>(&self, html: &'a SiteHtml, article: &Article) -> Cow<'a, str> {
        html.write(self.config.path_prefix(), &article.url)
    }

    /// The writer's file a page copies, for a page that is a file of a bundle: the
    /// output copies its bytes, and serve answers with them.
    pub fn copied_from(&self, page: Page) -> Option<PathBuf> {
        match page {
            Page::BundleFile { article, file } => {
                let article = self.article(article);
                let folder = article.source.parent().unwrap_or(std::path::Path::new(""));
                Some(
                    self.config
                        .root
                        .join(crate::files::CONTENT)
                        .join(folder)
                        .join(&article.bundle[file]),
                )
            }
            Page::Home { .. }
            | Page::Article { .. }
            | Page::Companies
            | Page::Company { .. }
            | Page::Ecosystems
            | Page::Ecosystem { .. }
            | Page::Archive { .. }
            | Page::NotFound
            | Page::Feed(..)
            | Page::Sitemap
            | Page::Robots
            | Page::Redirect { .. }
            | Page::Search
            | Page::SearchScript
            | Page::SearchIndex
            | Page::SearchTerms { .. }
            | Page::SearchRecord { .. } => None,
        }
    }

    /// An absolute URL, for feeds, canonical links and the sitemap.
    pub fn permalink(&self, url: &str) -> String {
        let origin_end = self.config.base_url.len() - self.config.path_prefix().len();
        format!("{}{}", &self.config.base_url[..origin_end], self.href(url))
    }
}

impl Lookup for Site {
    fn article(&self, id: ArticleId) -> &Article {
        Site::article(self, id)
    }

    fn company_key(&self, id: CompanyId) -> &str {
        self.company(id).key.as_str()
    }

    fn ecosystem_key(&self, id: EcosystemId) -> &str {
        self.ecosystem(id).ecosystem.key.as_str()
    }

    fn companies_of(&self, id: ArticleId) -> &[CompanyId] {
        Site::companies_of(self, id)
    }

    fn ecosystems_of(&self, id: ArticleId) -> &[EcosystemId] {
        Site::ecosystems_of(self, id)
    }
}

/// Decides the site. Errors (unknown ecosystems, clashing URLs) are all reported
/// together; unregistered tickers are warnings. `prices` come checked from
/// `prices::load`, and the site keeps them for its pages.
pub fn build(
    config: SiteConfig,
    articles: Vec<Article>,
    prices: Prices,
    options: &ModelOptions,
) -> Result<(Site, Diagnostics), Errors> {
    build_shared(
        config,
        articles.into_iter().map(Arc::new).collect(),
        Arc::new(prices),
        options,
    )
}

/// `build` for articles that are kept elsewhere too (serve's cache of checked articles).
pub fn build_shared(
    config: SiteConfig,
    articles: Vec<Arc<Article>>,
    prices: Arc<Prices>,
    options: &ModelOptions,
) -> Result<(Site, Diagnostics), Errors> {
    let mut errors = Errors::default();
    // The loaders' own warnings travel through here, so build, check and serve, which
    // all decide a site, all show them; drafts' are shown too.
    let mut warnings: Diagnostics = articles
        .iter()
        .flat_map(|a| a.notices.iter().cloned())
        .collect();
    let (articles, left_out) = publishable(articles, options);
    warnings.extend(links_to_unpublished(&articles, &left_out));
    let briefing_count = articles
        .iter()
        .take_while(|a| a.kind == ArticleKind::Briefing)
        .count();

    let registry = &config.registry;
    let mut ecosystems: Vec<EcosystemEntry> = registry
        .ecosystems
        .iter()
        .map(|e| EcosystemEntry {
            ecosystem: e.clone(),
            briefings: Vec::new(),
            companies: Vec::new(),
        })
        .collect();
    let mut companies: Vec<CompanyEntry> = registry
        .companies
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let ecosystem = c
                .ecosystem
                .as_ref()
                .and_then(|k| registry.ecosystem_index(k.as_str()))
                .map(EcosystemId);
            if let Some(e) = ecosystem {
                ecosystems[e.0].companies.push(CompanyId(index));
            }
            CompanyEntry {
                key: c.key.clone(),
                name: c.name.clone(),
                full_name: c.full_name.clone(),
                tickers: c.tickers.clone(),
                ecosystem,
                website: c.website.clone(),
                description: c.description.clone(),
                registered: true,
                briefings: Vec::new(),
            }
        })
        .collect();
    let mut unregistered: HashMap<String, CompanyId> = HashMap::new();
    // Company page slug → who has it, so two spellings of a ticker never share a page.
    let mut slugs: HashMap<String, String> = companies
        .iter()
        .map(|c| (c.key.to_string(), format!("company `{}`", c.key)))
        .collect();
    let mut runs = LinkRuns::default();
    let mut links: Vec<ArticleLinks> = Vec::with_capacity(articles.len());
    // Where each briefing sits in each of its companies' lists, for related briefings.
    let mut positions: Vec<Vec<(CompanyId, usize)>> = vec![Vec::new(); articles.len()];
    let (mut named_companies, mut named_ecosystems) = (Vec::new(), Vec::new());

    for (index, article) in articles.iter().enumerate() {
        let id = ArticleId(index);
        let is_briefing = index < briefing_count;
        named_companies.clear();
        named_ecosystems.clear();
        // content::load has refused unknown ecosystem keys already.
        for named in &article.ecosystems {
            if let Some(e) = registry.ecosystem_index(&named.name).map(EcosystemId)
                && !named_ecosystems.contains(&e)
            {
                named_ecosystems.push(e);
                if is_briefing {
                    ecosystems[e.0].briefings.push(id);
                }
            }
        }
        for named in &article.tickers {
            // Registered companies come first in the site's list, in registry order.
            let company = match registry.company_named(&named.name) {
                Some(c) => CompanyId(c),
                None => {
                    let ticker = named.name.to_uppercase();
                    warnings.push(Warning::UnregisteredTicker {
                        location: named.location.clone(),
                        ticker: named.name.clone(),
                        closest: suggest::closest(&named.name, registry.names()),
                    });
                    match unregistered.get(&ticker) {
                        Some(&company) => company,
                        None => match unregistered_company(&ticker, &mut slugs) {
                            Ok(company) => {
                                companies.push(company);
                                unregistered.insert(ticker, CompanyId(companies.len() - 1));
                                CompanyId(companies.len() - 1)
                            }
                            Err(refused) => {
                                errors.push(refused.at(named));
                                continue;
                            }
                        },
                    }
                }
            };
            if named_companies.contains(&company) {
                continue;
            }
            named_companies.push(company);
            if is_briefing {
                positions[index].push((company, companies[company.0].briefings.len()));
                companies[company.0].briefings.push(id);
            }
        }
        // Every move's ticker is among the tickers placed above; one refused there is
        // an error already, and the site is not made.
        let moved = moves::companies(article, |ticker| {
            registry
                .company_named(ticker)
                .map(CompanyId)
                .or_else(|| unregistered.get(&ticker.to_uppercase()).copied())
        })
        .unwrap_or_default();
        links.push(runs.links(&named_companies, &named_ecosystems, &moved));
    }

    for index in 0..briefing_count {
        links[index].next = index.checked_sub(1).map(ArticleId);
        links[index].previous = (index + 1 < briefing_count).then_some(ArticleId(index + 1));
        let lists: Vec<(&[ArticleId], usize)> = positions[index]
            .iter()
            .map(|&(company, position)| (companies[company.0].briefings.as_slice(), position))
            .collect();
        links[index].related = related::related(ArticleId(index), &lists);
    }

    let about = articles
        .iter()
        .position(|a| a.url == urls::ABOUT)
        .map(ArticleId);
    let articles_urls = articles.iter().map(|a| a.url.clone()).collect();
    let archives = Archives::new(
        articles[..briefing_count].iter().map(|a| a.date),
        &config.timezone,
    );
    let mut site = Site {
        config,
        articles,
        briefing_count,
        links,
        runs,
        companies,
        ecosystems,
        archives,
        routes: Arc::default(),
        about,
        article_urls: Arc::new(articles_urls),
        left_out,
        prices,
        images: Arc::default(),
    };
    site.routes = Arc::new(routes(&site, &mut errors));
    errors.into_result(())?;
    warnings.sort_by(|a, b| {
        let (a, b) = (a.location(), b.location());
        (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column))
    });
    Ok((site, warnings))
}

/// The earliest date of an article left out only for being dated after `now`: the
/// moment the same articles make another site, which a long-running `serve` must
/// decide again. None with `future`, or when nothing is scheduled.
pub fn next_publication<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    options: &ModelOptions,
) -> Option<Timestamp> {
    if options.future {
        return None;
    }
    articles
        .into_iter()
        .filter(|a| options.drafts || !a.draft)
        .filter_map(|a| a.date)
        .filter(|date| *date > options.now)
        .min()
}

/// The articles to publish, briefings newest first, then pages by path; and the URLs
/// of those left out, so links to them can be flagged.
fn publishable(
    articles: Vec<Arc<Article>>,
    options: &ModelOptions,
) -> (Vec<Arc<Article>>, HashSet<String>) {
    let (mut published, left_out): (Vec<Arc<Article>>, Vec<Arc<Article>>) =
        articles.into_iter().partition(|a| is_published(a, options));
    let unpublished = left_out.into_iter().map(|a| a.url.clone()).collect();
    published.sort_by(|a, b| listed_before(a, b));
    (published, unpublished)
}

/// Whether this build publishes `article`: drafts only when asked, briefings dated
/// later only when asked.
fn is_published(article: &Article, options: &ModelOptions) -> bool {
    (options.drafts || !article.draft)
        && (options.future || article.date.is_none_or(|d| d <= options.now))
}

/// The site's order of articles: briefings newest first, then pages, each by path
/// where dates are equal. A total order, since no two articles share a path.
fn listed_before(a: &Article, b: &Article) -> std::cmp::Ordering {
    let rank = |a: &Article| a.kind == ArticleKind::Page;
    rank(a)
        .cmp(&rank(b))
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.source.cmp(&b.source))
}

/// Warnings for links from published articles to articles this build leaves out.
fn links_to_unpublished(articles: &[Arc<Article>], unpublished: &HashSet<String>) -> Diagnostics {
    if unpublished.is_empty() {
        return Diagnostics::new();
    }
    articles
        .iter()
        .flat_map(|a| &a.references)
        .filter(|r| {
            r.site_path.as_ref().is_some_and(|path| {
                unpublished.contains(path.split(['#', '?']).next().unwrap_or_default())
            })
        })
        .map(|r| Warning::LinkToUnpublished {
            location: r.location.clone(),
            target: r.written.clone(),
        })
        .collect()
}

/// Why an unregistered ticker cannot have a page.
enum Refused {
    TooLong { slug: String },
    Taken { url: String, owner: String },
}

impl Refused {
    fn at(self, named: &crate::content::Named) -> Error {
        match self {
            Refused::TooLong { slug } => Error::NameTooLong {
                location: named.location.clone(),
                what: "ticker",
                part: slug,
                limit: urls::MAX_PART_BYTES,
            },
            Refused::Taken { url, owner } => Error::UrlTakenByTicker {
                location: named.location.clone(),
                ticker: named.name.clone(),
                url,
                owner,
            },
        }
    }
}

/// The page of a ticker no company lists, at the slug of its name. Tickers that differ
/// only in punctuation (`SMIC_X`, `SMIC-X`) would share it, and whichever came first
/// would own it: that is refused, so a page's URL never changes owner.
fn unregistered_company(
    ticker: &str,
    slugs: &mut HashMap<String, String>,
) -> Result<CompanyEntry, Refused> {
    let slug = crate::markdown::slug_or(ticker, "ticker");
    if slug.len() > urls::MAX_PART_BYTES {
        return Err(Refused::TooLong { slug });
    }
    if let Some(owner) = slugs.get(&slug) {
        return Err(Refused::Taken {
            url: urls::company(&slug),
            owner: owner.clone(),
        });
    }
    slugs.insert(slug.clone(), format!("ticker `{ticker}`"));
    Ok(CompanyEntry {
        key: CompanyKey(slug),
        name: ticker.to_string(),
        full_name: String::new(),
        tickers: vec![Ticker(ticker.to_string())],
        ecosystem: None,
        website: String::new(),
        description: String::new(),
        registered: false,
        briefings: Vec::new(),
    })
}

/// The pages the site makes of its lists, before any article's: the same order in
/// every site, so `update` can keep the routes of the pages two sites share.
fn generated_pages(site: &Site) -> Vec<Page> {
    let per_page = site.config.per_page;
    let pages_of = |items: usize| 1..=pager::page_count(items, per_page);
    let mut pages: Vec<Page> = Vec::new();
    pages.extend(pages_of(site.briefing_count).map(|page| Page::Home { page }));
    for company in site.company_ids() {
        let items = site.company(company).briefings.len();
        pages.extend(pages_of(items).map(|page| Page::Company { company, page }));
    }
    for ecosystem in site.ecosystem_ids() {
        let items = site.ecosystem(ecosystem).briefings.len();
        pages.extend(pages_of(items).map(|page| Page::Ecosystem { ecosystem, page }));
    }
    for span in site.archives.periods() {
        let period = span.period;
        pages.extend((1..=span.pages(per_page)).map(|page| Page::Archive { period, page }));
    }
    pages.extend([Page::Companies, Page::Ecosystems, Page::NotFound]);
    let feeds = std::iter::once(FeedOf::Site)
        .chain(site.company_ids().map(FeedOf::Company))
        .chain(site.ecosystem_ids().map(FeedOf::Ecosystem));
    for of in feeds {
        pages.extend(FeedFormat::ALL.map(|format| Page::Feed(of, format)));
    }
    pages.extend([Page::Sitemap, Page::Robots]);
    if site.config.search {
        pages.extend([Page::Search, Page::SearchScript, Page::SearchIndex]);
        let plan = search::SearchPlan::new(site.briefing_count);
        pages.extend((0..plan.term_shards).map(|shard| Page::SearchTerms { shard }));
        let numbers = 0..site.briefing_count as u32;
        pages.extend(numbers.map(|number| Page::SearchRecord { number }));
    }
    pages
}

/// Every page of the site, in the order the sitemap lists them; an article may not
/// take another's URL or a generated one.
fn routes(site: &Site, errors: &mut Errors) -> Vec<Route> {
    let pages = generated_pages(site);
    let mut routes: Vec<Route> = pages
        .into_iter()
        .map(|page| Route {
            url: page.url(site).into(),
            page,
        })
        .collect();

    let generated: HashMap<&str, Page> = routes.iter().map(|r| (&*r.url, r.page)).collect();
    let mut taken: HashMap<&str, &PathBuf> = HashMap::new();
    for article in &site.articles {
        if let Some(page) = generated.get(article.url.as_str()) {
            errors.push(Error::ReservedUrl {
                path: article.file.clone(),
                url: article.url.clone(),
                page: page.describe(site),
            });
        } else if let Some(first) = taken.insert(&article.url, &article.file) {
            let (first, second) = if first <= &article.file {
                (first, &article.file)
            } else {
                (&article.file, first)
            };
            errors.push(Error::DuplicateUrl {
                url: article.url.clone(),
                first: first.clone(),
                second: second.clone(),
            });
        }
    }
    routes.extend(own_routes::routes(site));
    own_routes::collisions(site, &routes, errors);
    routes
}

//! The theme API: every value a template can see, built from the `Site` for one page.
//!
//! These structs are the contract with theme authors, so each field is documented.
//! Each template receives one `*PageView` (its fields are the template's top-level
//! names). They hold only what that page shows: a list page gets its own page of
//! briefings, an article gets its own neighbours, never the whole site.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::{Serialize, Serializer};
use tera::Value;

/// A view built once per rendering pass and handed to every page that shows it; a
/// template sees the `T` it holds. Tera's values are reference-counted, so the pages
/// share one copy, and `cached_component` knows a shared card by its address.
pub struct Shared<T> {
    value: Value,
    holds: PhantomData<fn() -> T>,
}

impl<T: Serialize> Shared<T> {
    pub fn new(view: &T) -> Shared<T> {
        Shared {
            value: Value::from_serializable(view),
            holds: PhantomData,
        }
    }
}

impl<T> Shared<Vec<T>> {
    /// A list of shared views, itself shared.
    pub fn list(items: impl IntoIterator<Item = Shared<T>>) -> Shared<Vec<T>> {
        Shared {
            value: Value::from(items.into_iter().map(|i| i.value).collect::<Vec<_>>()),
            holds: PhantomData,
        }
    }
}

#[cfg(test)]
impl<T> Shared<T> {
    /// Whether the two are one value, not two equal copies.
    pub fn is(&self, other: &Shared<T>) -> bool {
        match (self.value.as_map(), other.value.as_map()) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared {
            value: self.value.clone(),
            holds: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Serialized into a Tera value, the shared value itself goes in, not a copy.
impl<T> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// `index.html`: the newest briefings, one page of them.
#[derive(Debug, Serialize)]
pub struct HomePageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub briefings: Shared<Vec<BriefingCardView>>,
    pub pager: PagerView,
}

/// `article.html` for a briefing, `page.html` for a page (or the template its front
/// matter names).
#[derive(Debug, Serialize)]
pub struct ArticlePageView<'a> {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub article: ArticleView<'a>,
    /// The next older briefing, or none (always none for a page).
    pub previous: Option<NeighbourView>,
    /// The next newer briefing, or none.
    pub next: Option<NeighbourView>,
    /// Briefings that share the most companies with it; may be empty.
    pub related: Shared<Vec<BriefingCardView>>,
}

/// `companies.html`: every company.
#[derive(Debug, Serialize)]
pub struct CompaniesPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    /// Sorted by name, unregistered tickers among them (with `registered` false).
    pub companies: Vec<CompanyView>,
    /// Every ecosystem, in site.toml's order, to group the companies by.
    pub ecosystems: Vec<EcosystemView>,
}

/// `company.html`: one company and one page of its briefings.
#[derive(Debug, Serialize)]
pub struct CompanyPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub company: CompanyView,
    /// Its chart and the table of what was reported, made once per build.
    pub market: Shared<MarketView>,
    pub briefings: Shared<Vec<BriefingCardView>>,
    pub pager: PagerView,
}

/// `ecosystems.html`: every ecosystem.
#[derive(Debug, Serialize)]
pub struct EcosystemsPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    /// In site.toml's order.
    pub ecosystems: Vec<EcosystemView>,
}

/// `ecosystem.html`: one ecosystem, its companies and one page of its briefings.
#[derive(Debug, Serialize)]
pub struct EcosystemPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub ecosystem: EcosystemView,
    /// Its registered companies, sorted by name.
    pub companies: Vec<CompanyView>,
    /// The board: each of `companies` (in the same order) with its last reported move
    /// and sparkline.
    pub board: Vec<Shared<MarketView>>,
    pub briefings: Shared<Vec<BriefingCardView>>,
    pub pager: PagerView,
}

/// `year.html`: the months of a year and the days of each month that have briefings.
/// A year of daily briefings holds hundreds, which would take pages cut mid-month;
/// its months and days, with counts, fit one screen and lead to the briefings.
#[derive(Debug, Serialize)]
pub struct YearPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub year: PeriodView,
    /// Its months with briefings, newest first.
    pub months: Vec<ArchiveMonthView>,
    /// The nearest older year with briefings, or none.
    pub previous: Option<PeriodView>,
    /// The nearest newer year with briefings, or none.
    pub next: Option<PeriodView>,
}

/// A month on its year's page.
#[derive(Debug, Serialize)]
pub struct ArchiveMonthView {
    pub month: PeriodView,
    /// Its days with briefings, newest first.
    pub days: Vec<PeriodView>,
}

/// `month.html`: one page of a month's briefings, newest first, under their days.
#[derive(Debug, Serialize)]
pub struct MonthPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub month: PeriodView,
    /// The year it is in.
    pub year: PeriodView,
    /// The days of this page's briefings, newest first, each with its briefings on
    /// this page (a day may continue on the next page).
    pub days: Vec<ArchiveDayView>,
    pub pager: PagerView,
    /// The nearest older month with briefings, or none.
    pub previous: Option<PeriodView>,
    /// The nearest newer month with briefings, or none.
    pub next: Option<PeriodView>,
}

/// A day and some of its briefings, on its month's page.
#[derive(Debug, Serialize)]
pub struct ArchiveDayView {
    pub day: PeriodView,
    pub briefings: Shared<Vec<BriefingCardView>>,
}

/// `day.html`: one page of a day's briefings, newest first.
#[derive(Debug, Serialize)]
pub struct DayPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    pub day: PeriodView,
    /// The month and the year it is in.
    pub month: PeriodView,
    pub year: PeriodView,
    pub briefings: Shared<Vec<BriefingCardView>>,
    pub pager: PagerView,
    /// Every move the day's briefings report, by ecosystem; on the first page only.
    pub board: Option<BoardView>,
    /// The nearest older day with briefings, or none.
    pub previous: Option<PeriodView>,
    /// The nearest newer day with briefings, or none.
    pub next: Option<PeriodView>,
}

/// A day's board: the moves the day's briefings report, grouped by the ecosystems of
/// the companies they are about.
#[derive(Debug, Clone, Serialize)]
pub struct BoardView {
    /// In site.toml's order of ecosystems, then the companies in none; only groups
    /// with moves.
    pub ecosystems: Vec<BoardGroupView>,
    /// How many moves in all; 0 for a day without any.
    pub move_count: usize,
}

/// The moves of one ecosystem's companies on a day.
#[derive(Debug, Clone, Serialize)]
pub struct BoardGroupView {
    /// The ecosystem, or none for companies in no ecosystem.
    pub ecosystem: Option<EcosystemLinkView>,
    /// Largest rise first, largest fall last.
    pub moves: Vec<BoardMoveView>,
}

/// One reported move, with its company and the briefing that reports it.
#[derive(Debug, Clone, Serialize)]
pub struct BoardMoveView {
    pub company: CompanyLinkView,
    /// The listing that moved, as the company lists it (`0981.HK`); the company's
    /// key for a private one.
    pub ticker: String,
    #[serde(rename = "move")]
    pub change: MoveView,
    /// The close with its currency (`395,500 KRW`), or empty when not given.
    pub close: String,
    /// The trading day (`2025-10-01`, and `1 October 2025` to show) when it is not
    /// the day of the board, as when a Monday briefing reports Friday's close; empty
    /// when it is.
    pub traded_on: String,
    pub traded_display: String,
    /// The briefing that reports it.
    pub briefing: NeighbourView,
}

/// A percent change as readers see and hear it.
#[derive(Debug, Clone, Serialize)]
pub struct MoveView {
    /// With its sign as a symbol: `▲ 10.9 %`, `▼ 1.2 %`, `◆ 0.0 %`.
    pub text: String,
    /// Its spoken form, for screen readers: `up 10.9 percent`.
    pub label: String,
    /// `up`, `down` or `flat`, to colour it (never the only cue: `text` says it).
    pub direction: &'static str,
}

/// A year, month or day of the archives, with a link to its page.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// `2025`, `October 2025`, `Thursday 2 October 2025`.
    pub name: String,
    /// The name within its parent: `2025`, `October`, `Thu 2`.
    pub short_name: String,
    /// For `<time datetime>`: `2025`, `2025-10`, `2025-10-02`.
    pub datetime: String,
    /// Site-relative URL of its archive page.
    pub url: String,
    /// How many published briefings it holds.
    pub briefing_count: usize,
}

/// `404.html`.
#[derive(Debug, Serialize)]
pub struct NotFoundPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
}

/// `search.html`: the search page. Its results are made by the script in the reader's
/// browser; the page itself has the form and what to do without JavaScript.
#[derive(Debug, Serialize)]
pub struct SearchPageView {
    pub site: Shared<SiteView>,
    pub page_meta: PageMetaView,
    /// Site-relative URL of the index's entry (`/search/index.json`), which the
    /// script reads first; the shards of terms and the records are beside it.
    pub index_url: String,
    /// Site-relative URL of the script (`/search/search.js`).
    pub script_url: String,
}

/// `search.js`: the search page's script, a template so that it can know the site.
#[derive(Debug, Serialize)]
pub struct ScriptView {
    pub site: Shared<SiteView>,
}

/// The site itself, in every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// `title` from site.toml.
    pub title: String,
    /// `description` from site.toml, or empty.
    pub description: String,
    /// `language` from site.toml (`en` by default), for `<html lang>`.
    pub language: String,
    /// `base_url` without a trailing slash, for absolute links.
    pub base_url: String,
    /// The path part of `base_url` (`/blog`), or empty: put it before every site path
    /// a template writes itself, as in `{{ site.path_prefix }}/style.css`.
    pub path_prefix: String,
    /// Site-relative URL of the About page (`content/about.md`), or empty when the
    /// site has none, so the navigation never links to a missing page.
    pub about_url: String,
    /// Site-relative URL of the home page, the newest briefings.
    pub home_url: String,
    /// Site-relative URL of the list of every company.
    pub companies_url: String,
    /// Site-relative URL of the list of every ecosystem.
    pub ecosystems_url: String,
    /// Site-relative URL of the search page, or empty with `search = false`.
    pub search_url: String,
    /// Absolute URL of the site-wide Atom feed.
    pub feed_url: String,
    /// Absolute URL of the site-wide JSON Feed (the same entries).
    pub json_feed_url: String,
    /// The year of the newest briefing, for the footer; empty with no briefings.
    pub year: String,
    /// Every year with briefings, newest first, each linking to its archive.
    pub archive: Vec<PeriodView>,
}

/// Things every page template receives besides its own data, as `page_meta`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMetaView {
    /// What goes in `<title>` before the site title: the article, company or list name.
    pub title: String,
    /// A one-line description for `<meta name="description">`.
    pub description: String,
    /// Site-relative URL of this page (`/companies/smic/page/2/`).
    pub url: String,
    /// Absolute URL of this page, for `<link rel="canonical">`.
    pub permalink: String,
    /// The feeds that fit this page, for `<link rel="alternate">` (Atom and JSON Feed).
    pub feeds: Vec<Shared<FeedLinkView>>,
    /// Which top-level section this page is in: `home`, `companies`, `ecosystems`,
    /// `archive`, `article`, `page` or `404`, so the navigation can mark the current one.
    pub section: String,
    /// What link previews (OpenGraph, Twitter cards) show of this page.
    pub social: SocialView,
    /// schema.org JSON-LD documents for this page (a briefing's `NewsArticle` and
    /// `BreadcrumbList`, a company's `Corporation`), each escaped to go inside a
    /// `<script type="application/ld+json">` as it is (print it with `| safe`).
    pub structured_data: Vec<String>,
}

/// A page's link preview, as `page_meta.social`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SocialView {
    /// `article` for a briefing, `website` for every other page (`og:type`).
    pub og_type: &'static str,
    /// Absolute URL of the preview image: the article's `image`, else the site's
    /// `[social] image`; empty without either.
    pub image: String,
    /// A briefing's date and last change, RFC 3339; empty on other pages.
    pub published: String,
    pub modified: String,
    /// A briefing's tickers and ecosystems (`article:tag`); empty on other pages.
    pub tags: Vec<String>,
}

/// A feed a page links to.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLinkView {
    /// Human title: "Two Stacks", "SMIC on Two Stacks".
    pub title: String,
    /// Absolute URL of the feed, as Atom.
    pub url: String,
    /// Absolute URL of the same feed as JSON Feed 1.1.
    pub json_url: String,
}

/// A link to an ecosystem, as shown on a briefing or a company.
#[derive(Debug, Clone, Serialize)]
pub struct EcosystemLinkView {
    /// The key from site.toml (`china`).
    pub key: String,
    /// The display name (`China's domestic stack`).
    pub name: String,
    /// Site-relative URL of its page.
    pub url: String,
}

/// One listing of a company.
#[derive(Debug, Clone, Serialize)]
pub struct TickerView {
    /// The ticker as registered (`0981.HK`).
    pub symbol: String,
    /// The exchange it trades on, from its suffix (`Hong Kong Stock Exchange`).
    pub exchange: String,
    /// True for the company's first, primary listing.
    pub primary: bool,
}

/// A company named by a briefing: enough to show a chip with a link.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyLinkView {
    /// The key from site.toml, or the ticker's slug for an unregistered ticker.
    pub key: String,
    /// Display name (`SMIC`); the ticker itself for an unregistered one.
    pub name: String,
    /// Site-relative URL of its page.
    pub url: String,
    /// The primary ticker, or empty for a private company.
    pub ticker: String,
}

/// A move a briefing reports (`[moves]`), as its company's chip shows it. Only what a
/// chip shows: every card carries its moves for the whole build, and each field is an
/// entry in a template map.
#[derive(Debug, Clone, Serialize)]
pub struct ChipMoveView {
    /// The ticker as site.toml spells it (`0981.HK`), else as the briefing writes it.
    pub ticker: String,
    /// The change, as every page shows it; one value for all the chips of a pass that
    /// show the same change.
    pub change: Shared<MoveView>,
}

/// A company in full, for `/companies/` and the head of its own page.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyView {
    pub key: String,
    pub name: String,
    /// `full_name` from site.toml, or empty.
    pub full_name: String,
    /// Site-relative URL of its page.
    pub url: String,
    /// Absolute URL of its Atom feed.
    pub feed_url: String,
    /// Absolute URL of its JSON Feed.
    pub json_feed_url: String,
    /// Every listing, primary first; empty for a private company.
    pub tickers: Vec<TickerView>,
    /// Its ecosystem, if it has one.
    pub ecosystem: Option<EcosystemLinkView>,
    /// The company's own website (`url` in site.toml), or empty.
    pub website: String,
    /// `description` from site.toml (a line about the company), or empty.
    pub description: String,
    /// How many published briefings name it.
    pub briefing_count: usize,
    /// Since when it has been covered: the date of the oldest briefing that names it
    /// (RFC 3339, and as shown), or empty with none.
    pub first_date: String,
    pub first_date_display: String,
    /// The date of the newest briefing that names it, or empty with none.
    pub last_date: String,
    pub last_date_display: String,
    /// False for a ticker that appears in articles but no company in site.toml lists.
    pub registered: bool,
}

/// An ecosystem in full, for `/ecosystems/` and the head of its own page.
#[derive(Debug, Clone, Serialize)]
pub struct EcosystemView {
    pub key: String,
    pub name: String,
    /// `description` from site.toml, or empty.
    pub description: String,
    /// Site-relative URL of its page.
    pub url: String,
    /// Absolute URL of its Atom feed.
    pub feed_url: String,
    /// Absolute URL of its JSON Feed.
    pub json_feed_url: String,
    /// How many published briefings are tagged with it.
    pub briefing_count: usize,
    /// How many registered companies belong to it.
    pub company_count: usize,
}

/// A company's market picture: a chart of its prices or reported moves, the table
/// that says the same in text, and what a board shows of it. Made once per company in
/// a build, and shared by its pages, its ecosystem's board and any other board.
#[derive(Debug, Clone, Serialize)]
pub struct MarketView {
    /// The company's name and the URL of its page, for a board's row.
    pub name: String,
    pub url: String,
    /// How many published briefings name it.
    pub briefing_count: usize,
    /// `prices` (its closes, with a marker on each day a briefing named it), `moves`
    /// (its reported moves as bars), or empty when there is nothing to draw.
    pub chart_kind: String,
    /// The chart, an inline `<svg>` (print it with `| safe`); empty without one. It
    /// is named by its `<title>` and described by its `<desc>` for screen readers; its
    /// ids start with `brief-chart`, so a page shows one chart.
    pub chart: String,
    /// The text of the chart's title and description.
    pub chart_title: String,
    pub chart_description: String,
    /// The axis labels: first and last day (`YYYY-MM-DD` and as shown), the lowest and
    /// highest value (a close, or a move such as `▼ 1.2 %`).
    pub first_day: String,
    pub first_day_display: String,
    pub last_day: String,
    pub last_day_display: String,
    pub low_display: String,
    pub high_display: String,
    /// The listing whose closes the chart draws, or empty.
    pub ticker: String,
    /// The briefings the chart stands for, newest first: the table beside it.
    pub rows: Vec<MarketRowView>,
    /// How many rows there are in all; `rows` holds the newest of them.
    pub row_count: usize,
    /// Whether any row has a close, so the table shows that column.
    pub has_closes: bool,
    /// Whether the company has several listings, so the table names each row's.
    pub has_listings: bool,
    /// The newest move reported about it, for boards; none without one.
    pub last_move: Option<MarketRowView>,
    /// A word-sized `<svg>` of its recent closes (or moves) with an accessible name, for
    /// boards (print it with `| safe`); empty with nothing to draw.
    pub sparkline: String,
}

/// A briefing on a company's chart, and the move it reported about the company.
#[derive(Debug, Clone, Serialize)]
pub struct MarketRowView {
    /// The trading day (`YYYY-MM-DD`, for `<time datetime>`) and as shown.
    pub day: String,
    pub day_display: String,
    /// The briefing's title and URL.
    pub title: String,
    pub url: String,
    /// The listing the move is about, or empty without a move.
    pub ticker: String,
    /// The move, or none.
    pub change: Option<MoveView>,
    /// The close that day (from the move, else from the listing's prices), with its
    /// currency when known, or empty.
    pub close: String,
}

/// A briefing as it appears in a list: home, company, ecosystem, related.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingCardView {
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// RFC 3339 date-time in the site's timezone, for `<time datetime>`.
    pub date: String,
    /// Human date in the site's timezone: `2 October 2025`, with the time of day and
    /// the zone when the front matter gives a time (`2 October 2025, 09:30 HKT`).
    pub date_display: String,
    /// The summary, as HTML.
    pub summary: String,
    pub ecosystems: Vec<Shared<EcosystemLinkView>>,
    pub companies: Vec<Shared<CompanyLinkView>>,
    /// The moves the briefing reports, by company: for each of `companies`, in the same
    /// order, the moves about it in the order written; empty when the briefing reports
    /// no move. Grouped here so that a chip finds its own by position, not by
    /// searching every move.
    pub moves: Vec<Vec<Shared<ChipMoveView>>>,
    /// True when the briefing is a draft (only built with `--drafts`).
    pub draft: bool,
}

/// A neighbour of an article: the previous or next briefing by date.
#[derive(Debug, Clone, Serialize)]
pub struct NeighbourView {
    pub title: String,
    pub url: String,
    pub date_display: String,
}

/// One heading of an article, for a table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct HeadingView {
    /// 2 for `##`, 3 for `###`, and so on.
    pub level: u8,
    /// The id of the heading element, for `#anchor` links.
    pub id: String,
    /// The heading's text, without markup.
    pub text: String,
}

/// An article or page in full, in `article.html` and `page.html` as `article`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    pub title: String,
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// RFC 3339 date-time in the site's timezone.
    pub date: String,
    /// Human date in the site's timezone: `2 October 2025`, with the time of day and
    /// the zone when the front matter gives a time (`2 October 2025, 09:30 HKT`).
    pub date_display: String,
    /// Site-relative URL of the archive of its day, or empty for a page.
    pub day_url: String,
    /// RFC 3339 of `updated`, or empty.
    pub updated: String,
    /// Human date of `updated`, or empty.
    pub updated_display: String,
    /// `author` from the front matter, or empty.
    pub author: String,
    /// The summary, as HTML.
    pub summary: Cow<'a, str>,
    /// The summary as HTML when the front matter gives one, to stand under the title;
    /// empty when the summary is the body's opening, which the page shows anyway.
    pub standfirst: Cow<'a, str>,
    /// The whole body, as HTML (borrowed when it needs no path prefix: it is the
    /// largest value of a page).
    pub content: Cow<'a, str>,
    /// Headings of the body, in order.
    pub headings: Vec<HeadingView>,
    pub ecosystems: Vec<EcosystemLinkView>,
    pub companies: Vec<CompanyLinkView>,
    /// The moves the briefing reports, by company: for each of `companies`, in the same
    /// order, the moves about it in the order written; empty when the briefing reports
    /// no move. Grouped here so that a chip finds its own by position, not by
    /// searching every move.
    pub moves: Vec<Vec<ChipMoveView>>,
    /// Estimated reading time in minutes (at least 1).
    pub reading_minutes: usize,
    pub draft: bool,
}

/// Page numbers and links of a paginated list, as `pager`.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// 1-based number of this page.
    pub current: usize,
    /// Number of pages (at least 1).
    pub total: usize,
    /// Site-relative URL of the previous page, or empty on the first.
    pub previous_url: String,
    /// Site-relative URL of the next page, or empty on the last.
    pub next_url: String,
    /// Site-relative URL of page 1.
    pub first_url: String,
    /// Site-relative URL of the last page.
    pub last_url: String,
}

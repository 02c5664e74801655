//! Builds the view structs of `views` from the `Site`, one page's worth at a time.

use std::borrow::Cow;

use jiff::Timestamp;

use super::chart::number;
use super::views::*;
use crate::content::Article;
use crate::keys::{ArticleId, CompanyId, EcosystemId};
use crate::model::archives::{Period, Span};
use crate::model::feeds::Feed;
use crate::model::{FeedFormat, FeedOf, Page, Site, pager};

/// Dates as templates show them, in the site's timezone.
pub struct Dates<'a>(pub &'a jiff::tz::TimeZone);

impl Dates<'_> {
    pub fn rfc3339(&self, at: Timestamp) -> String {
        at.to_zoned_datetime(self.0.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    pub fn display(&self, at: Timestamp) -> String {
        at.to_zoned_datetime(self.0.clone())
            .strftime("%-d %B %Y")
            .to_string()
    }

    /// `2 October 2025, 09:30 HKT` when the writer gave the time of day, else the date
    /// alone: a bare date's midnight is no time the writer chose.
    pub fn display_dated(&self, at: Timestamp, has_time: bool) -> String {
        if !has_time {
            return self.display(at);
        }
        let zoned = at.to_zoned_datetime(self.0.clone());
        format!(
            "{}, {} {}",
            zoned.strftime("%-d %B %Y"),
            zoned.strftime("%H:%M"),
            zone_name(&zoned)
        )
    }
}

/// The zone's abbreviation at that instant (`HKT`, `UTC`, `CEST`); where the time zone
/// database has only numbers for it (`+04` for Asia/Dubai, `Etc/GMT-8`), the offset
/// from UTC (`UTC+04:00`), which a reader cannot mistake for a zone's name.
fn zone_name(zoned: &jiff::ZonedDateTime) -> String {
    let info = zoned.time_zone().to_offset_info(zoned.timestamp());
    let abbreviation = info.abbreviation();
    if abbreviation.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return abbreviation.to_string();
    }
    let seconds = zoned.offset().seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The moves of a briefing for its chips, grouped by company in the order of its
/// companies (none at all when it reports none); `chip` gives the view of a move from
/// its ticker as spelled and its change, which a pass shares between all the cards
/// that show the same move.
pub fn move_views<T>(site: &Site, id: ArticleId, chip: impl Fn(&str, f64) -> T) -> Vec<Vec<T>> {
    if site.article(id).moves.is_empty() {
        return Vec::new();
    }
    let companies = site.companies_of(id);
    let mut grouped: Vec<Vec<T>> = companies.iter().map(|_| Vec::new()).collect();
    // A move's company is always among the briefing's: a ticker with a move is named.
    for (reported, company) in site.moves_of(id) {
        if let Some(at) = companies.iter().position(|&c| c == company) {
            grouped[at].push(chip(site.spelled(reported, company), reported.change));
        }
    }
    grouped
}

pub fn site_view(site: &Site) -> SiteView {
    let dates = Dates(&site.config.timezone);
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: site.config.base_url.clone(),
        path_prefix: site.config.path_prefix().to_string(),
        about_url: site
            .about
            .map(|id| site.href(&site.article(id).url))
            .unwrap_or_default(),
        home_url: site.href(&Page::Home { page: 1 }.url(site)),
        companies_url: site.href(&Page::Companies.url(site)),
        ecosystems_url: site.href(&Page::Ecosystems.url(site)),
        search_url: if site.config.search {
            site.href(&Page::Search.url(site))
        } else {
            String::new()
        },
        feed_url: feed_url(site, FeedOf::Site, FeedFormat::Atom),
        json_feed_url: feed_url(site, FeedOf::Site, FeedFormat::Json),
        year: site
            .briefings()
            .next()
            .and_then(|id| site.article(id).date)
            .map(|d| {
                dates
                    .display(d)
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .unwrap_or_default(),
        archive: site
            .archives
            .years
            .iter()
            .map(|span| period_view(site, span))
            .collect(),
    }
}

/// A year, month or day of the archives, linking to the first page of its archive.
pub fn period_view(site: &Site, span: &Span) -> PeriodView {
    let period = span.period;
    PeriodView {
        name: period.name(),
        short_name: match period {
            Period::Year(_) => period.name(),
            Period::Month(..) => period.name().split(' ').next().unwrap_or_default().into(),
            Period::Day(day) => day.strftime("%a %-d").to_string(),
        },
        datetime: period.datetime(),
        url: site.href(&Page::Archive { period, page: 1 }.url(site)),
        briefing_count: span.count(),
    }
}

/// The absolute URL of a feed in one format.
fn feed_url(site: &Site, of: FeedOf, format: FeedFormat) -> String {
    site.permalink(&Page::Feed(of, format).url(site))
}

pub fn feed_link(site: &Site, of: FeedOf) -> FeedLinkView {
    let feed = Feed::new(site, of, FeedFormat::Atom);
    FeedLinkView {
        title: feed.title,
        url: site.permalink(&feed.url),
        json_url: feed_url(site, of, FeedFormat::Json),
    }
}

/// What every page's `page_meta` holds, but for what it tells other sites (`social`,
/// `structured_data`), which `render::social` adds.
pub fn page_meta(
    site: &Site,
    title: &str,
    description: &str,
    url: &str,
    section: &str,
    feeds: Vec<Shared<FeedLinkView>>,
) -> PageMetaView {
    PageMetaView {
        title: title.to_string(),
        description: if description.is_empty() {
            site.config.description.clone()
        } else {
            description.to_string()
        },
        url: site.href(url),
        permalink: site.permalink(url),
        feeds,
        section: section.to_string(),
        social: SocialView::default(),
        structured_data: Vec::new(),
    }
}

pub fn ecosystem_link(site: &Site, id: EcosystemId) -> EcosystemLinkView {
    let ecosystem = &site.ecosystem(id).ecosystem;
    EcosystemLinkView {
        key: ecosystem.key.to_string(),
        name: ecosystem.name.clone(),
        url: site.href(
            &Page::Ecosystem {
                ecosystem: id,
                page: 1,
            }
            .url(site),
        ),
    }
}

pub fn company_link(site: &Site, id: CompanyId) -> CompanyLinkView {
    let company = site.company(id);
    CompanyLinkView {
        key: company.key.to_string(),
        name: company.name.clone(),
        url: site.href(
            &Page::Company {
                company: id,
                page: 1,
            }
            .url(site),
        ),
        ticker: company
            .tickers
            .first()
            .map(|t| t.to_string())
            .unwrap_or_default(),
    }
}

pub fn company_view(site: &Site, id: CompanyId) -> CompanyView {
    let company = site.company(id);
    let dates = Dates(&site.config.timezone);
    let first = company
        .briefings
        .last()
        .and_then(|&id| site.article(id).date);
    let last = company
        .briefings
        .first()
        .and_then(|&id| site.article(id).date);
    let url = Page::Company {
        company: id,
        page: 1,
    }
    .url(site);
    CompanyView {
        key: company.key.to_string(),
        name: company.name.clone(),
        full_name: company.full_name.clone(),
        feed_url: feed_url(site, FeedOf::Company(id), FeedFormat::Atom),
        json_feed_url: feed_url(site, FeedOf::Company(id), FeedFormat::Json),
        url: site.href(&url),
        tickers: company
            .tickers
            .iter()
            .enumerate()
            .map(|(i, t)| TickerView {
                symbol: t.to_string(),
                exchange: t.exchange().to_string(),
                primary: i == 0,
            })
            .collect(),
        ecosystem: company.ecosystem.map(|e| ecosystem_link(site, e)),
        website: company.website.clone(),
        description: company.description.clone(),
        briefing_count: company.briefings.len(),
        first_date: first.map(|d| dates.rfc3339(d)).unwrap_or_default(),
        first_date_display: first.map(|d| dates.display(d)).unwrap_or_default(),
        last_date: last.map(|d| dates.rfc3339(d)).unwrap_or_default(),
        last_date_display: last.map(|d| dates.display(d)).unwrap_or_default(),
        registered: company.registered,
    }
}

pub fn ecosystem_view(site: &Site, id: EcosystemId) -> EcosystemView {
    let entry = site.ecosystem(id);
    let url = Page::Ecosystem {
        ecosystem: id,
        page: 1,
    }
    .url(site);
    EcosystemView {
        key: entry.ecosystem.key.to_string(),
        name: entry.ecosystem.name.clone(),
        description: entry.ecosystem.description.clone(),
        feed_url: feed_url(site, FeedOf::Ecosystem(id), FeedFormat::Atom),
        json_feed_url: feed_url(site, FeedOf::Ecosystem(id), FeedFormat::Json),
        url: site.href(&url),
        briefing_count: entry.briefings.len(),
        company_count: entry.companies.len(),
    }
}

/// A briefing's card, with the links to companies and ecosystems that every card shares.
pub fn card(
    site: &Site,
    id: ArticleId,
    company_links: &[Shared<CompanyLinkView>],
    ecosystem_links: &[Shared<EcosystemLinkView>],
    chip: impl Fn(&str, f64) -> Shared<ChipMoveView>,
) -> BriefingCardView {
    let article = site.article(id);
    let dates = Dates(&site.config.timezone);
    BriefingCardView {
        title: article.title.clone(),
        url: site.href(&article.url),
        date: article.date.map(|d| dates.rfc3339(d)).unwrap_or_default(),
        date_display: article
            .date
            .map(|d| dates.display_dated(d, article.date_has_time))
            .unwrap_or_default(),
        summary: dressed(site, &article.summary_html, article, false).into_owned(),
        ecosystems: site
            .ecosystems_of(id)
            .iter()
            .map(|e| ecosystem_links[e.0].clone())
            .collect(),
        companies: site
            .companies_of(id)
            .iter()
            .map(|c| company_links[c.0].clone())
            .collect(),
        moves: move_views(site, id, chip),
        draft: article.draft,
    }
}

fn ecosystem_links(site: &Site, id: ArticleId) -> Vec<EcosystemLinkView> {
    site.ecosystems_of(id)
        .iter()
        .map(|&e| ecosystem_link(site, e))
        .collect()
}

fn company_links(site: &Site, id: ArticleId) -> Vec<CompanyLinkView> {
    site.companies_of(id)
        .iter()
        .map(|&c| company_link(site, c))
        .collect()
}

pub fn neighbour(site: &Site, id: Option<ArticleId>) -> Option<NeighbourView> {
    let article = site.article(id?);
    Some(NeighbourView {
        title: article.title.clone(),
        url: site.href(&article.url),
        date_display: article
            .date
            .map(|d| Dates(&site.config.timezone).display(d))
            .unwrap_or_default(),
    })
}

/// HTML of `article` as a page of the site shows it, its images dressed (`images`);
/// `first_eager` for the body, whose first image may be on the first screen.
fn dressed<'a>(
    site: &Site,
    html: &'a crate::markdown::SiteHtml,
    article: &Article,
    first_eager: bool,
) -> Cow<'a, str> {
    super::images::dress(
        site.html(html, article),
        &site.images,
        &article.url,
        site.config.path_prefix(),
        first_eager,
    )
}

/// Reading speed for the reading-time estimate, in words a minute.
const WORDS_PER_MINUTE: usize = 220;

pub fn article_view(site: &Site, id: ArticleId) -> ArticleView<'_> {
    let article: &Article = site.article(id);
    let dates = Dates(&site.config.timezone);
    let summary = dressed(site, &article.summary_html, article, false);
    ArticleView {
        title: article.title.clone(),
        url: site.href(&article.url),
        permalink: site.permalink(&article.url),
        date: article.date.map(|d| dates.rfc3339(d)).unwrap_or_default(),
        date_display: article
            .date
            .map(|d| dates.display_dated(d, article.date_has_time))
            .unwrap_or_default(),
        day_url: site
            .archives
            .day_of(id)
            .map(|period| site.href(&Page::Archive { period, page: 1 }.url(site)))
            .unwrap_or_default(),
        updated: article
            .updated
            .map(|d| dates.rfc3339(d))
            .unwrap_or_default(),
        updated_display: article
            .updated
            .map(|d| dates.display(d))
            .unwrap_or_default(),
        author: article.author.clone(),
        summary: summary.clone(),
        standfirst: if article.summary_written {
            summary
        } else {
            Cow::Borrowed("")
        },
        content: dressed(site, &article.content_html, article, true),
        headings: article
            .headings
            .iter()
            .map(|h| HeadingView {
                level: h.level,
                id: h.id.clone(),
                text: h.text.clone(),
            })
            .collect(),
        ecosystems: ecosystem_links(site, id),
        companies: company_links(site, id),
        moves: move_views(site, id, |ticker, change| ChipMoveView {
            ticker: ticker.to_string(),
            change: Shared::new(&number::move_view(change)),
        }),
        reading_minutes: article.words.div_ceil(WORDS_PER_MINUTE).max(1),
        draft: article.draft,
    }
}

/// The pager of a list whose page `n` is `page_at(n)`.
pub fn pager_view(
    site: &Site,
    page_at: impl Fn(usize) -> Page,
    page: usize,
    items: usize,
) -> PagerView {
    let total = pager::page_count(items, site.config.per_page);
    let url = |n: usize| site.href(&page_at(n).url(site));
    PagerView {
        current: page,
        total,
        previous_url: if page > 1 {
            url(page - 1)
        } else {
            String::new()
        },
        next_url: if page < total {
            url(page + 1)
        } else {
            String::new()
        },
        first_url: url(1),
        last_url: url(total),
    }
}

/// The ids on one page of a list.
pub fn page_of<'a>(site: &Site, ids: &'a [ArticleId], page: usize) -> &'a [ArticleId] {
    &ids[pager::items_on(page, ids.len(), site.config.per_page)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::{Offset, TimeZone};

    fn shown(zone: &TimeZone, at: &str, has_time: bool) -> String {
        Dates(zone).display_dated(at.parse().unwrap(), has_time)
    }

    #[test]
    fn a_time_of_day_is_shown_with_the_zone_abbreviation() {
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert_eq!(
            shown(&hong_kong, "2025-10-02T01:30:00Z", true),
            "2 October 2025, 09:30 HKT"
        );
        assert_eq!(
            shown(&TimeZone::UTC, "2025-10-02T01:30:00Z", true),
            "2 October 2025, 01:30 UTC"
        );
        let amsterdam = TimeZone::get("Europe/Amsterdam").unwrap();
        assert_eq!(
            shown(&amsterdam, "2025-07-01T08:00:00Z", true),
            "1 July 2025, 10:00 CEST"
        );
        assert_eq!(
            shown(&amsterdam, "2025-12-01T08:00:00Z", true),
            "1 December 2025, 09:00 CET"
        );
    }

    #[test]
    fn a_zone_known_only_by_its_offset_is_shown_as_one() {
        let dubai = TimeZone::get("Asia/Dubai").unwrap();
        assert_eq!(
            shown(&dubai, "2025-10-02T05:30:00Z", true),
            "2 October 2025, 09:30 UTC+04:00"
        );
        let west = TimeZone::fixed(Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap());
        assert_eq!(
            shown(&west, "2025-10-02T13:00:00Z", true),
            "2 October 2025, 09:30 UTC-03:30"
        );
    }

    #[test]
    fn a_bare_date_shows_no_time() {
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert_eq!(
            shown(&hong_kong, "2025-10-01T16:00:00Z", false),
            "2 October 2025"
        );
    }
}

//! The views of the archive pages: a year, a month, a day. What each period holds and
//! which periods come before and after it are decided in `model::archives`.

use super::board;
use super::context::{pager_view, period_view};
use super::pages::meta;
use super::pass::Pass;
use super::views::*;
use crate::keys::ArticleId;
use crate::model::archives::{Period, Span};
use crate::model::{Page, Route, Site, pager};

/// The periods with pages are those the archives hold: the routes come from them.
fn span(site: &Site, period: Period) -> &Span {
    site.archives
        .span(period)
        .expect("an archive page is routed only for a period with briefings")
}

/// The view of the period that holds `period`.
fn parent(site: &Site, period: Period) -> PeriodView {
    let parent = period
        .parent()
        .expect("a month or a day is in a year or a month");
    period_view(site, span(site, parent))
}

fn neighbours(site: &Site, period: Period) -> (Option<PeriodView>, Option<PeriodView>) {
    let (older, newer) = site.archives.neighbours(period);
    (
        older.map(|s| period_view(site, s)),
        newer.map(|s| period_view(site, s)),
    )
}

/// "Briefings in October 2025", with the page number after the first.
fn title(span: &Span, page: usize) -> String {
    let on = match span.period {
        Period::Day(_) => "on",
        Period::Year(_) | Period::Month(..) => "in",
    };
    let title = format!("Briefings {on} {}", span.period.name());
    if page > 1 {
        format!("{title}, page {page}")
    } else {
        title
    }
}

fn description(span: &Span) -> String {
    let count = span.count();
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} briefing{plural} in {}.", span.period.name())
}

/// The ids on one page of a period's briefings.
fn page_of(site: &Site, span: &Span, page: usize) -> impl Iterator<Item = ArticleId> + use<> {
    let on_page = pager::items_on(page, span.count(), site.config.per_page);
    let start = span.briefings.start;
    (start + on_page.start..start + on_page.end).map(ArticleId)
}

pub fn year(pass: &Pass, route: &Route, year: i16) -> YearPageView {
    let site = pass.site;
    let span = span(site, Period::Year(year));
    let months = site.archives.months[span.parts.clone()]
        .iter()
        .map(|month| ArchiveMonthView {
            month: period_view(site, month),
            days: site.archives.days[month.parts.clone()]
                .iter()
                .map(|day| period_view(site, day))
                .collect(),
        })
        .collect();
    let (previous, next) = neighbours(site, span.period);
    YearPageView {
        site: pass.site_view.clone(),
        page_meta: meta(pass, route, &title(span, 1), &description(span), "archive"),
        year: period_view(site, span),
        months,
        previous,
        next,
    }
}

pub fn month(pass: &Pass, route: &Route, period: Period, page: usize) -> MonthPageView {
    let site = pass.site;
    let span = span(site, period);
    // Consecutive briefings of one day make one group: the day's briefings are a run.
    let mut groups: Vec<(Period, Vec<ArticleId>)> = Vec::new();
    for id in page_of(site, span, page) {
        let day = site
            .archives
            .day_of(id)
            .expect("a month's briefings are dated");
        match groups.last_mut() {
            Some((last, ids)) if *last == day => ids.push(id),
            _ => groups.push((day, vec![id])),
        }
    }
    let days = groups
        .into_iter()
        .map(|(day, ids)| ArchiveDayView {
            day: period_view(site, self::span(site, day)),
            briefings: pass.cards(&ids),
        })
        .collect();
    let (previous, next) = neighbours(site, period);
    MonthPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            &title(span, page),
            &description(span),
            "archive",
        ),
        month: period_view(site, span),
        year: parent(site, period),
        days,
        pager: pager_view(
            site,
            |page| Page::Archive { period, page },
            page,
            span.count(),
        ),
        previous,
        next,
    }
}

pub fn day(pass: &Pass, route: &Route, period: Period, page: usize) -> DayPageView {
    let site = pass.site;
    let span = span(site, period);
    let ids: Vec<ArticleId> = page_of(site, span, page).collect();
    let month = period.parent().expect("a day is in a month");
    let (previous, next) = neighbours(site, period);
    DayPageView {
        site: pass.site_view.clone(),
        page_meta: meta(
            pass,
            route,
            &title(span, page),
            &description(span),
            "archive",
        ),
        day: period_view(site, span),
        month: parent(site, period),
        year: parent(site, month),
        briefings: pass.cards(&ids),
        pager: pager_view(
            site,
            |page| Page::Archive { period, page },
            page,
            span.count(),
        ),
        board: (page == 1).then(|| board::board(site, span)),
        previous,
        next,
    }
}

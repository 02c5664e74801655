//! Archives: the site's briefings by year, month and day, as days fall in the site's
//! timezone (a briefing at 23:30 UTC is the next day's in Hong Kong).
//!
//! The site lists briefings newest first, so the briefings of one year, month or day
//! are a run of consecutive ids: each period holds a range, never a list, and deciding
//! the archives is one pass over the briefings' days. Only periods with briefings
//! exist; pages (`kind = "page"`) and unpublished articles are never in them.

use std::ops::Range;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::pager;
use crate::keys::ArticleId;

/// A year, a month of a year, or a day: what an archive page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i16),
    /// A year and a month, 1 to 12.
    Month(i16, i8),
    Day(Date),
}

impl Period {
    /// Its archive's site path: `/2026/`, `/2026/10/`, `/2026/10/02/`.
    pub fn url(self) -> String {
        match self {
            Period::Year(year) => format!("/{year:04}/"),
            Period::Month(year, month) => format!("/{year:04}/{month:02}/"),
            Period::Day(day) => format!("/{:04}/{:02}/{:02}/", day.year(), day.month(), day.day()),
        }
    }

    /// The period that holds this one: a day's month, a month's year; None for a year.
    pub fn parent(self) -> Option<Period> {
        match self {
            Period::Year(_) => None,
            Period::Month(year, _) => Some(Period::Year(year)),
            Period::Day(day) => Some(Period::Month(day.year(), day.month())),
        }
    }

    /// Its name for a reader: `2026`, `October 2026`, `Friday 2 October 2026`.
    pub fn name(self) -> String {
        match self {
            Period::Year(year) => format!("{year:04}"),
            Period::Month(year, month) => match Date::new(year, month, 1) {
                Ok(first) => first.strftime("%B %Y").to_string(),
                Err(_) => format!("{year:04}-{month:02}"),
            },
            Period::Day(day) => day.strftime("%A %-d %B %Y").to_string(),
        }
    }

    /// Its value for `<time datetime>`: `2026`, `2026-10`, `2026-10-02`.
    pub fn datetime(self) -> String {
        match self {
            Period::Year(year) => format!("{year:04}"),
            Period::Month(year, month) => format!("{year:04}-{month:02}"),
            Period::Day(day) => day.to_string(),
        }
    }

    fn of_level(day: Date, level: Level) -> Period {
        match level {
            Level::Year => Period::Year(day.year()),
            Level::Month => Period::Month(day.year(), day.month()),
            Level::Day => Period::Day(day),
        }
    }

    fn level(self) -> Level {
        match self {
            Period::Year(_) => Level::Year,
            Period::Month(..) => Level::Month,
            Period::Day(_) => Level::Day,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Year,
    Month,
    Day,
}

/// A period with briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub period: Period,
    /// Its briefings, newest first: ids in the site's order.
    pub briefings: Range<usize>,
    /// The periods it is made of, as indexes into the next level down (a year's
    /// months, a month's days), newest first; empty for a day.
    pub parts: Range<usize>,
}

impl Span {
    pub fn briefing_ids(&self) -> impl ExactSizeIterator<Item = ArticleId> + use<> {
        self.briefings.clone().map(ArticleId)
    }

    pub fn count(&self) -> usize {
        self.briefings.len()
    }

    /// How many pages its archive has: a year lists its months and days, one page
    /// however many briefings it holds; a month or a day lists its briefings,
    /// `per_page` to a page.
    pub fn pages(&self, per_page: usize) -> usize {
        match self.period {
            Period::Year(_) => 1,
            Period::Month(..) | Period::Day(_) => pager::page_count(self.count(), per_page),
        }
    }
}

/// Every year, month and day with briefings, each newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archives {
    /// The day of each dated briefing in the site's timezone, by id. Briefings are
    /// dated (content refuses one without a date), so this covers them all; kept so
    /// that `update` only works out the days of the briefings it moves.
    pub days_of: Vec<Date>,
    pub years: Vec<Span>,
    pub months: Vec<Span>,
    pub days: Vec<Span>,
}

impl Archives {
    /// The archives of briefings with these dates, newest first, in `timezone`.
    pub fn new(dates: impl IntoIterator<Item = Option<Timestamp>>, timezone: &TimeZone) -> Self {
        let days_of = dates
            .into_iter()
            .map_while(|date| date.map(|at| day_in(at, timezone)))
            .collect();
        Archives::from_days(days_of)
    }

    /// The archives of briefings on these days (by id, newest first).
    pub fn from_days(days_of: Vec<Date>) -> Self {
        let days = spans(&days_of, Level::Day, |_| 0..0);
        let months = spans(&days_of, Level::Month, |range| parts_of(&days, range));
        let years = spans(&days_of, Level::Year, |range| parts_of(&months, range));
        Archives {
            days_of,
            years,
            months,
            days,
        }
    }

    /// The periods of one level, newest first.
    pub fn level(&self, period: Period) -> &[Span] {
        match period.level() {
            Level::Year => &self.years,
            Level::Month => &self.months,
            Level::Day => &self.days,
        }
    }

    /// Where `period` is in its level, if it has briefings.
    pub fn position(&self, period: Period) -> Option<usize> {
        // Newest first: a descending order.
        self.level(period)
            .binary_search_by(|span| period.cmp(&span.period))
            .ok()
    }

    pub fn span(&self, period: Period) -> Option<&Span> {
        self.position(period).map(|at| &self.level(period)[at])
    }

    /// The period before `period` (older) and after it (newer) that have briefings.
    pub fn neighbours(&self, period: Period) -> (Option<&Span>, Option<&Span>) {
        let level = self.level(period);
        match self.position(period) {
            Some(at) => (
                level.get(at + 1),
                at.checked_sub(1).and_then(|i| level.get(i)),
            ),
            None => (None, None),
        }
    }

    /// The day a briefing falls on, if it is in the archives.
    pub fn day_of(&self, id: ArticleId) -> Option<Period> {
        self.days_of.get(id.0).copied().map(Period::Day)
    }

    /// The periods its pages are in, years first, each newest first: one entry each.
    pub fn periods(&self) -> impl Iterator<Item = &Span> {
        self.years.iter().chain(&self.months).chain(&self.days)
    }
}

/// The calendar day of `at` in `timezone`.
pub fn day_in(at: Timestamp, timezone: &TimeZone) -> Date {
    timezone.to_datetime(at).date()
}

/// The runs of equal periods in `days`, each with its parts.
fn spans(days: &[Date], level: Level, parts: impl Fn(&Range<usize>) -> Range<usize>) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut start = 0;
    for end in 1..=days.len() {
        let period = Period::of_level(days[start], level);
        if end == days.len() || Period::of_level(days[end], level) != period {
            let briefings = start..end;
            spans.push(Span {
                period,
                parts: parts(&briefings),
                briefings,
            });
            start = end;
        }
    }
    spans
}

/// The finer spans that cover `briefings`, as a range of their indexes.
fn parts_of(finer: &[Span], briefings: &Range<usize>) -> Range<usize> {
    let first = finer.partition_point(|s| s.briefings.start < briefings.start);
    let last = finer.partition_point(|s| s.briefings.end <= briefings.end);
    first..last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    /// Three briefings on 2 October 2026, one on 30 September, one in 2025.
    fn archives() -> Archives {
        Archives::from_days(
            [
                "2026-10-02",
                "2026-10-02",
                "2026-10-02",
                "2026-09-30",
                "2025-12-31",
            ]
            .map(day)
            .to_vec(),
        )
    }

    #[test]
    fn each_period_is_a_run_of_briefings_with_its_parts() {
        let archives = archives();
        let periods = |spans: &[Span]| {
            spans
                .iter()
                .map(|s| (s.period.url(), s.briefings.clone(), s.parts.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            periods(&archives.years),
            [("/2026/".into(), 0..4, 0..2), ("/2025/".into(), 4..5, 2..3)]
        );
        assert_eq!(
            periods(&archives.months),
            [
                ("/2026/10/".into(), 0..3, 0..1),
                ("/2026/09/".into(), 3..4, 1..2),
                ("/2025/12/".into(), 4..5, 2..3),
            ]
        );
        assert_eq!(
            periods(&archives.days),
            [
                ("/2026/10/02/".into(), 0..3, 0..0),
                ("/2026/09/30/".into(), 3..4, 0..0),
                ("/2025/12/31/".into(), 4..5, 0..0),
            ]
        );
    }

    #[test]
    fn neighbours_are_the_nearest_periods_with_briefings() {
        let archives = archives();
        let (older, newer) = archives.neighbours(Period::Month(2026, 9));
        assert_eq!(older.unwrap().period, Period::Month(2025, 12));
        assert_eq!(newer.unwrap().period, Period::Month(2026, 10));
        let (older, newer) = archives.neighbours(Period::Year(2025));
        assert_eq!((older, newer.unwrap().period), (None, Period::Year(2026)));
        assert_eq!(
            archives.neighbours(Period::Day(day("2026-10-01"))),
            (None, None)
        );
    }

    #[test]
    fn a_day_is_the_day_in_the_sites_timezone() {
        let at: Timestamp = "2026-10-01T23:30:00Z".parse().unwrap();
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert_eq!(day_in(at, &hong_kong), day("2026-10-02"));
        assert_eq!(day_in(at, &TimeZone::UTC), day("2026-10-01"));
    }

    #[test]
    fn periods_have_names_and_urls() {
        let friday = Period::Day(day("2026-10-02"));
        assert_eq!(friday.name(), "Friday 2 October 2026");
        assert_eq!(friday.parent(), Some(Period::Month(2026, 10)));
        assert_eq!(Period::Month(2026, 10).name(), "October 2026");
        assert_eq!(Period::Month(2026, 1).url(), "/2026/01/");
        assert_eq!(Period::Year(2026).datetime(), "2026");
        assert_eq!(friday.datetime(), "2026-10-02");
    }

    #[test]
    fn no_briefings_no_archives() {
        let archives = Archives::from_days(Vec::new());
        assert!(archives.periods().next().is_none());
    }
}

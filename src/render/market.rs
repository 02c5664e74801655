//! A company's market picture, from the site: the chart of its closes (with a marker
//! on each day a briefing named it) or of its reported moves, the table that says the
//! same in text, its last move and its sparkline. `Pass::market` makes it once per
//! company, since the company's pages and every board that lists it show it.

use jiff::civil::Date;

use super::chart::{self, Close, Mark, Spark, Subject, number};
use super::views::{MarketRowView, MarketView};
use crate::keys::{ArticleId, CompanyId, Ticker};
use crate::model::{Page, Site};
use crate::prices::PriceSeries;

/// How many recent closes a sparkline draws: about three months of trading.
const SPARK_CLOSES: usize = 60;
/// How many recent moves a sparkline draws.
const SPARK_MOVES: usize = 12;

/// A briefing that names the company, with one move it reports about it (a briefing
/// with a move for each of two listings is two rows; one without a move, one row).
struct Row<'a> {
    article: ArticleId,
    day: Date,
    ticker: Option<&'a Ticker>,
    change: Option<f64>,
    /// The close the move reports, with its currency.
    close: Option<(f64, Option<String>)>,
}

pub fn market(site: &Site, company: CompanyId) -> MarketView {
    let entry = site.company(company);
    let rows = rows(site, company);
    let series = entry.tickers.iter().find_map(|t| site.prices(t));
    let has_listings = entry.tickers.len() > 1;
    let hrefs: Vec<String> = rows
        .iter()
        .map(|r| site.href(&site.article(r.article).url))
        .collect();
    let titles: Vec<String> = rows
        .iter()
        .map(|r| {
            let title = &site.article(r.article).title;
            match r.ticker {
                Some(ticker) if has_listings => format!("{ticker}, {title}"),
                _ => title.clone(),
            }
        })
        .collect();
    // The rows the chart can show, as marks, with the row each one is.
    let drawable = |row: &Row| match series {
        Some(series) => row
            .ticker
            .is_none_or(|t| t.normalized() == series.ticker.normalized()),
        None => row.change.is_some(),
    };
    let (marks, mark_rows): (Vec<Mark>, Vec<usize>) = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| drawable(row))
        .map(|(i, row)| {
            let mark = Mark {
                day: row.day,
                title: &titles[i],
                href: &hrefs[i],
                change: row.change,
            };
            (mark, i)
        })
        .unzip();
    let ticker = series.map(|s| s.ticker.to_string()).unwrap_or_default();
    let subject = Subject {
        id: "brief-chart",
        name: &entry.name,
        ticker: &ticker,
    };
    let closes: Vec<Close> = series
        .map(|s| {
            s.points()
                .iter()
                .map(|p| Close {
                    day: p.date,
                    close: p.close,
                })
                .collect()
        })
        .unwrap_or_default();
    let (kind, drawn) = match series {
        Some(_) => ("prices", chart::prices(&subject, &closes, &marks)),
        None => ("moves", chart::moves(&subject, &marks)),
    };
    // The table lists the rows down to the oldest mark the chart stands for.
    let shown = match &drawn {
        Some(drawn) if drawn.marks > 0 => mark_rows[drawn.marks - 1] + 1,
        _ => rows.len().min(chart::MAX_MARKS),
    };
    let row_view = |i: usize| row_view(site, &rows[i], &hrefs[i], series);
    let table: Vec<MarketRowView> = (0..shown).map(row_view).collect();
    let last_move = rows.iter().position(|r| r.change.is_some()).map(row_view);
    let mut view = MarketView {
        name: entry.name.clone(),
        url: site.href(&Page::Company { company, page: 1 }.url(site)),
        briefing_count: entry.briefings.len(),
        chart_kind: String::new(),
        chart: String::new(),
        chart_title: String::new(),
        chart_description: String::new(),
        first_day: String::new(),
        first_day_display: String::new(),
        last_day: String::new(),
        last_day_display: String::new(),
        low_display: String::new(),
        high_display: String::new(),
        ticker,
        has_closes: table.iter().any(|r| !r.close.is_empty()),
        has_listings: has_listings && table.iter().any(|r| !r.ticker.is_empty()),
        rows: table,
        row_count: rows.len(),
        last_move,
        sparkline: sparkline(&entry.name, series, &rows).unwrap_or_default(),
    };
    if let Some(drawn) = drawn {
        let value = |v: f64| match series {
            Some(_) => number::price(v),
            None => crate::content::moves::shown(v),
        };
        view.chart_kind = kind.to_string();
        view.first_day = drawn.first.to_string();
        view.first_day_display = chart::day(drawn.first);
        view.last_day = drawn.last.to_string();
        view.last_day_display = chart::day(drawn.last);
        view.low_display = value(drawn.low);
        view.high_display = value(drawn.high);
        view.chart = drawn.svg;
        view.chart_title = drawn.title;
        view.chart_description = drawn.description;
    }
    view
}

/// Every briefing that names the company, newest first, each with the moves it
/// reports about the company in the order written; a briefing without one is a row of
/// its own, on its day in the site's time zone.
fn rows(site: &Site, company: CompanyId) -> Vec<Row<'_>> {
    let timezone = &site.config.timezone;
    let mut moves = site.moves_about(company).peekable();
    let mut rows = Vec::with_capacity(site.company(company).briefings.len());
    for &article in &site.company(company).briefings {
        let before = rows.len();
        while let Some((_, reported)) = moves.next_if(|(id, _)| *id == article) {
            rows.push(Row {
                article,
                day: reported.on,
                ticker: Some(&reported.ticker),
                change: Some(reported.change),
                close: reported
                    .close
                    .map(|close| (close, reported.currency.as_ref().map(|c| c.to_string()))),
            });
        }
        if rows.len() == before
            && let Some(date) = site.article(article).date
        {
            rows.push(Row {
                article,
                day: date.to_zoned_datetime(timezone.clone()).date(),
                ticker: None,
                change: None,
                close: None,
            });
        }
    }
    rows
}

fn row_view(site: &Site, row: &Row, href: &str, series: Option<&PriceSeries>) -> MarketRowView {
    let close = match &row.close {
        Some((close, currency)) => number::close(*close, currency.as_ref()),
        None => series
            .filter(|s| {
                row.ticker
                    .is_none_or(|t| t.normalized() == s.ticker.normalized())
            })
            .and_then(|s| close_on(s, row.day))
            .map(number::price)
            .unwrap_or_default(),
    };
    MarketRowView {
        day: row.day.to_string(),
        day_display: chart::day(row.day),
        title: site.article(row.article).title.clone(),
        url: href.to_string(),
        ticker: row.ticker.map(|t| t.to_string()).unwrap_or_default(),
        change: row.change.map(number::move_view),
        close,
    }
}

/// The close of `day`, or of the last trading day before it within the series.
fn close_on(series: &PriceSeries, day: Date) -> Option<f64> {
    let points = series.points();
    if points.last()?.date < day {
        return None;
    }
    let at = points.partition_point(|p| p.date <= day);
    at.checked_sub(1).map(|i| points[i].close)
}

/// The company's recent closes, or else its recent moves, as a sparkline named by what
/// it shows.
fn sparkline(name: &str, series: Option<&PriceSeries>, rows: &[Row]) -> Option<String> {
    if let Some(series) = series {
        let points = series.points();
        let recent = &points[points.len().saturating_sub(SPARK_CLOSES)..];
        let (first, last) = (recent.first()?, recent.last()?);
        let label = format!(
            "{name}, {}: {} closes from {} ({}) to {} ({})",
            series.ticker,
            recent.len(),
            number::price(first.close),
            chart::day(first.date),
            number::price(last.close),
            chart::day(last.date),
        );
        let closes: Vec<f64> = recent.iter().map(|p| p.close).collect();
        return chart::sparkline(&label, &closes, Spark::Line);
    }
    let mut changes: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.change)
        .take(SPARK_MOVES)
        .collect();
    changes.reverse();
    let spoken: Vec<String> = changes
        .iter()
        .map(|&c| crate::content::moves::spoken(c))
        .collect();
    let label = match changes.len() {
        0 => return None,
        1 => format!("{name}: the last move reported, {}", spoken[0]),
        n => format!(
            "{name}: the last {n} moves reported, oldest first: {}",
            spoken.join(", ")
        ),
    };
    chart::sparkline(&label, &changes, Spark::Bars)
}

//! Charts drawn at build time as inline SVG, for company pages and boards: a price
//! line with a marker on each day a briefing named the company, reported moves as bars
//! about a zero line, and sparklines. Pure: slices in, markup out; no I/O, no clock.
//!
//! The drawings carry no colours: every mark has a class (`chart-line`, `chart-up`,
//! ...) that the theme's stylesheet colours from its custom properties, so a chart
//! follows dark mode and print like the text around it, with `currentColor` as the
//! fallback. Each chart stays under `MAX_BYTES` however long the history: the line is
//! downsampled (`downsample`), and markers or bars are drawn newest first until the
//! budget or `MAX_MARKS` is reached; the caller learns how many it drew, so the table
//! beside the chart lists the same ones.

mod downsample;
pub mod number;

use std::fmt::Write;

use jiff::civil::Date;

use crate::content::Direction;
use crate::markdown::escape;
use number::coordinate;

/// The most a chart's SVG may weigh, in bytes.
pub const MAX_BYTES: usize = 30 * 1024;

/// The most markers (or bars) a chart draws: beyond this a chart is a smear, and the
/// briefings are listed below it anyway.
pub const MAX_MARKS: usize = 60;

/// The drawing's size in its own units; the stylesheet scales it to the page's width.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
/// Room at the edges, so a marker at the first or last day is drawn whole.
const PAD: f64 = 8.0;
/// Buckets of the downsampled line: two points each, about one per three units.
const BUCKETS: usize = 200;
/// What the title, description and closing tags may take besides the marks.
const RESERVE: usize = 2048;
/// The most a bar's `<rect>` takes, besides its link.
const BAR_BYTES: usize = 112;
/// Names and titles longer than this are cut with an ellipsis inside the drawing.
const LONGEST_TEXT: usize = 120;

/// A listing's close on a trading day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Close {
    pub day: Date,
    pub close: f64,
}

/// A briefing shown on a chart: a marker on the price line, or a bar of its move.
#[derive(Debug, Clone, Copy)]
pub struct Mark<'a> {
    /// The trading day it reports on.
    pub day: Date,
    /// The briefing's title, for the marker's tooltip and accessible name.
    pub title: &'a str,
    /// The briefing's URL, as an `href`.
    pub href: &'a str,
    /// The move it reports, in percent, if it reports one.
    pub change: Option<f64>,
}

/// What a chart is of, for its title and description.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The prefix of the chart's element ids, unique on the page (`brief-chart`).
    pub id: &'a str,
    /// The company's name (`SMIC`).
    pub name: &'a str,
    /// The listing drawn (`0981.HK`), or empty.
    pub ticker: &'a str,
}

/// A chart, drawn.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The `<svg>` element, ready to be put in a page as it is.
    pub svg: String,
    /// How many of the marks given, from the first, the chart stands for: the table
    /// beside it lists these.
    pub marks: usize,
    /// The first and last day on the horizontal axis.
    pub first: Date,
    pub last: Date,
    /// The lowest and highest value on the vertical axis: the lowest and highest close,
    /// or, for moves, the range of the bars and the zero line.
    pub low: f64,
    pub high: f64,
    /// The text of the SVG's `<title>` and `<desc>`.
    pub title: String,
    pub description: String,
}

/// The price line of `closes` (in any order; values that are not positive finite
/// numbers are left out), with a marker linking to each briefing of `marks` (newest
/// first) whose day falls within the closes. None without a close.
pub fn prices(subject: &Subject, closes: &[Close], marks: &[Mark]) -> Option<Chart> {
    let mut closes: Vec<Close> = closes
        .iter()
        .copied()
        .filter(|c| c.close.is_finite() && c.close > 0.0)
        .collect();
    closes.sort_by_key(|c| c.day);
    closes.dedup_by_key(|c| c.day);
    let (first, last) = (closes.first()?.day, closes.last()?.day);
    let values: Vec<f64> = closes.iter().map(|c| c.close).collect();
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = Scale::new(first, last, low, high);

    // Each mark's close: the close of its day, or of the last trading day before it.
    let placed: Vec<Option<usize>> = marks
        .iter()
        .take(MAX_MARKS)
        .map(|m| {
            (first <= m.day && m.day <= last)
                .then(|| closes.partition_point(|c| c.day <= m.day) - 1)
        })
        .collect();
    let keep: Vec<usize> = placed.iter().flatten().copied().collect();
    let mut line = String::with_capacity(24 * (2 * BUCKETS + keep.len()));
    for (n, &i) in downsample::extremes(&values, BUCKETS, &keep)
        .iter()
        .enumerate()
    {
        line.push_str(if n == 0 { "M" } else { " " });
        let _ = write!(
            line,
            "{},{}",
            coordinate(scale.x(closes[i].day)),
            coordinate(scale.y(values[i]))
        );
    }
    let mut body = String::with_capacity(MAX_BYTES);
    let _ = write!(
        body,
        "<path class=\"chart-line\" d=\"{line}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>"
    );
    body.push_str("<g class=\"chart-marks\">");
    let mut counted = 0;
    let mut drawn = 0;
    for (mark, at) in marks.iter().zip(&placed) {
        let Some(i) = *at else {
            counted += 1;
            continue;
        };
        let circle = format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\"/>",
            coordinate(scale.x(mark.day)),
            coordinate(scale.y(values[i]))
        );
        let link = linked(mark, &circle);
        if body.len() + link.len() + RESERVE > MAX_BYTES {
            break;
        }
        body.push_str(&link);
        counted += 1;
        drawn += 1;
    }
    body.push_str("</g>");

    let name = shortened(subject.name);
    let series = if subject.ticker.is_empty() {
        name.clone()
    } else {
        format!("{name} ({})", shortened(subject.ticker))
    };
    let title = format!("{series}: daily closes");
    let description = format!(
        "Closing prices from {} to {}, between {} and {}; the last close {}. {}",
        day(first),
        day(last),
        number::price(low),
        number::price(high),
        number::price(values[values.len() - 1]),
        match drawn {
            0 => format!("No briefing that names {name} falls within these days."),
            1 => format!("One marker, on the day a briefing named {name}, links to it."),
            n =>
                format!("{n} markers, on the days briefings named {name}, link to those briefings."),
        }
    );
    Some(Chart {
        svg: svg(subject, &title, &description, &body),
        marks: counted,
        first,
        last,
        low,
        high,
        title,
        description,
    })
}

/// The moves of `marks` (newest first; those without a finite move are left out) as
/// bars about a zero line, oldest on the left, each a link to its briefing. None
/// without a move.
pub fn moves(subject: &Subject, marks: &[Mark]) -> Option<Chart> {
    // (index in `marks`, mark, change), newest first, until the budget is spent.
    let mut shown: Vec<(usize, &Mark, f64)> = Vec::new();
    let mut size = 0;
    for (index, mark) in marks.iter().enumerate() {
        let Some(change) = mark.change.filter(|c| c.is_finite()) else {
            continue;
        };
        let estimate = linked(mark, "").len() + BAR_BYTES;
        if shown.len() == MAX_MARKS || size + estimate + RESERVE > MAX_BYTES {
            break;
        }
        size += estimate;
        shown.push((index, mark, change));
    }
    let (&(newest, _, _), &(oldest, _, _)) = (shown.first()?, shown.last()?);
    let low = shown.iter().map(|m| m.2).fold(f64::INFINITY, f64::min);
    let high = shown.iter().map(|m| m.2).fold(f64::NEG_INFINITY, f64::max);
    let (bottom, top) = match (low.min(0.0), high.max(0.0)) {
        (0.0, 0.0) => (-1.0, 1.0),
        range => range,
    };
    let scale = Scale::new(marks[oldest].day, marks[newest].day, bottom, top);
    let zero = scale.y(0.0);
    let slot = (WIDTH - 2.0 * PAD) / shown.len() as f64;
    let width = (slot * 0.7).clamp(1.0, 40.0);
    let mut body = String::with_capacity(size + 512);
    let _ = write!(
        body,
        "<line class=\"chart-zero\" x1=\"0\" y1=\"{y}\" x2=\"{w}\" y2=\"{y}\" stroke=\"currentColor\"/>",
        y = coordinate(zero),
        w = coordinate(WIDTH),
    );
    body.push_str("<g class=\"chart-bars\">");
    for (slot_index, &(_, mark, change)) in shown.iter().rev().enumerate() {
        let x = PAD + slot_index as f64 * slot + (slot - width) / 2.0;
        body.push_str(&linked(
            mark,
            &bar_rect(x, width, zero, scale.y(change), change),
        ));
    }
    body.push_str("</g>");

    let (first, last) = (marks[oldest].day, marks[newest].day);
    let name = shortened(subject.name);
    let title = format!("{name}: moves reported in briefings");
    let count = |direction| {
        shown
            .iter()
            .filter(|m| Direction::of(m.2) == direction)
            .count()
    };
    let description = format!(
        "{} from {} to {}, oldest on the left: {} up, {} down, {} unchanged, \
         from {} to {}. Each bar links to its briefing.",
        match shown.len() {
            1 => "One move reported".to_string(),
            n => format!("{n} moves reported"),
        },
        day(first),
        day(last),
        count(Direction::Up),
        count(Direction::Down),
        count(Direction::Flat),
        crate::content::moves::spoken(low),
        crate::content::moves::spoken(high),
    );
    Some(Chart {
        svg: svg(subject, &title, &description, &body),
        marks: oldest + 1,
        first,
        last,
        low: bottom,
        high: top,
        title,
        description,
    })
}

/// What a sparkline draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spark {
    /// Closes, as a line.
    Line,
    /// Moves, as bars about zero.
    Bars,
}

/// A word-sized chart of `values` (oldest first) for a board, named by `label` for
/// screen readers. None without a finite value.
pub fn sparkline(label: &str, values: &[f64], kind: Spark) -> Option<String> {
    const W: f64 = 100.0;
    const H: f64 = 24.0;
    let values: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if values.is_empty() {
        return None;
    }
    let mut low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if kind == Spark::Bars {
        (low, high) = (low.min(0.0), high.max(0.0));
    }
    if low == high {
        (low, high) = (low - 1.0, high + 1.0);
    }
    let y = |v: f64| 2.0 + (high - v) / (high - low) * (H - 4.0);
    let step = W / values.len() as f64;
    let mut marks = String::new();
    match kind {
        Spark::Line => {
            let points: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let x = if values.len() == 1 {
                        W / 2.0
                    } else {
                        1.0 + i as f64 * (W - 2.0) / (values.len() - 1) as f64
                    };
                    format!("{},{}", coordinate(x), coordinate(y(v)))
                })
                .collect();
            let _ = write!(
                marks,
                "<polyline class=\"spark-line\" points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>",
                points.join(" ")
            );
        }
        Spark::Bars => {
            let zero = y(0.0);
            let width = (step * 0.7).max(0.5);
            for (i, &v) in values.iter().enumerate() {
                let x = i as f64 * step + (step - width) / 2.0;
                marks.push_str(&bar_rect(x, width, zero, y(v), v));
            }
        }
    }
    Some(format!(
        "<svg class=\"spark\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\">{marks}</svg>",
        escape(&shortened(label))
    ))
}

/// A bar from the zero line to `to`; a flat move is a thin bar on the line, so it is
/// seen. Its class says which way it went; its position says so too.
fn bar_rect(x: f64, width: f64, zero: f64, to: f64, change: f64) -> String {
    let direction = Direction::of(change);
    let (top, height) = match direction {
        Direction::Flat => (zero - 0.75, 1.5),
        _ => (zero.min(to), (zero - to).abs().max(1.0)),
    };
    format!(
        "<rect class=\"chart-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\"/>",
        direction.word(),
        coordinate(x),
        coordinate(top),
        coordinate(width),
        coordinate(height),
    )
}

/// `shape` as a link to the mark's briefing, named by its date, title and move.
fn linked(mark: &Mark, shape: &str) -> String {
    let mut name = format!("{}: {}", day(mark.day), shortened(mark.title));
    if let Some(change) = mark.change.filter(|c| c.is_finite()) {
        let _ = write!(name, ", {}", crate::content::moves::spoken(change));
    }
    format!(
        "<a href=\"{}\"><title>{}</title>{shape}</a>",
        escape(mark.href),
        escape(&name)
    )
}

/// The `<svg>` element around `body`, named by its title and described by its
/// description. Its role is `group`, not `img`: an image's children are hidden from
/// assistive technology, and the markers are links a reader can follow.
fn svg(subject: &Subject, title: &str, description: &str, body: &str) -> String {
    let id = escape(subject.id);
    format!(
        "<svg class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"group\" \
         aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}</svg>",
        escape(title),
        escape(description),
    )
}

/// From days and values to the drawing's units.
struct Scale {
    first: Date,
    days: f64,
    low: f64,
    high: f64,
}

impl Scale {
    fn new(first: Date, last: Date, low: f64, high: f64) -> Scale {
        Scale {
            first,
            days: days_between(first, last),
            low,
            high,
        }
    }

    fn x(&self, day: Date) -> f64 {
        if self.days == 0.0 {
            return WIDTH / 2.0;
        }
        PAD + days_between(self.first, day) / self.days * (WIDTH - 2.0 * PAD)
    }

    fn y(&self, value: f64) -> f64 {
        if self.high == self.low {
            return HEIGHT / 2.0;
        }
        PAD + (self.high - value) / (self.high - self.low) * (HEIGHT - 2.0 * PAD)
    }
}

fn days_between(from: Date, to: Date) -> f64 {
    from.until(to)
        .map_or(0.0, |span| f64::from(span.get_days()))
}

/// A day as the site shows dates: `2 October 2025`.
pub fn day(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// `text`, cut to `LONGEST_TEXT` characters with an ellipsis.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(LONGEST_TEXT) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
    }
}

#[cfg(test)]
mod tests;

//! `[moves]`: what the market did to the companies a briefing names, as the writer
//! reported it, per ticker: the percent change on the day, and optionally the close,
//! its currency and the trading day.
//!
//! The table is read loosely (any value of any type) and checked here, so every bad
//! value is an error at its own line and column, all of them at once. Unknown keys
//! inside a move's table are the schema's to report (`schema::MOVE`), with the rest
//! of the front matter's.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use jiff::civil::Date;

use std::path::Path;

use super::front_matter::Located;
use super::front_matter::loose::{Loose, Value};
use crate::error::{Error, Errors, Location};
use crate::keys::Ticker;

/// A move a briefing reports: one listing's change on one trading day.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// As written: a listing in any case, or a private company's key, as `tickers` takes.
    pub ticker: Ticker,
    /// Percent change on the day: finite, above -100.
    pub change: f64,
    /// The closing price, when given: positive.
    pub close: Option<f64>,
    /// The close's currency, when given.
    pub currency: Option<Currency>,
    /// The trading day: `on`, or the briefing's date in the site's time zone.
    pub on: Date,
}

/// Whether a move went up, down or nowhere, as readers are told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    /// The direction of `change` as shown to one decimal, so a sign never contradicts
    /// its number: -0.04 shows as 0.0 and is flat.
    pub fn of(change: f64) -> Direction {
        let shown = rounded(change);
        if shown > 0.0 {
            Direction::Up
        } else if shown < 0.0 {
            Direction::Down
        } else {
            Direction::Flat
        }
    }
}

/// A change as it is shown, to one decimal; -0.04 shows as 0.0, never -0.0.
pub fn rounded(change: f64) -> f64 {
    let rounded = (change * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

impl Move {
    /// The change as it is shown, to one decimal.
    pub fn rounded(&self) -> f64 {
        rounded(self.change)
    }

    /// The direction of the change as shown.
    pub fn direction(&self) -> Direction {
        Direction::of(self.change)
    }
}

impl Direction {
    /// The sign shown before the number, so the direction never rests on colour:
    /// `▲` up, `▼` down, `◆` unchanged.
    pub fn sign(self) -> &'static str {
        match self {
            Direction::Up => "▲",
            Direction::Down => "▼",
            Direction::Flat => "◆",
        }
    }

    /// The direction in words, for class names and readers: `up`, `down`, `flat`.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Flat => "flat",
        }
    }
}

/// A change as a reader sees it, its sign in the text: `▲ 10.9 %`, `▼ 1.2 %`,
/// `◆ 0.0 %`. Pages, charts, boards and feeds all tell a move this way.
pub fn shown(change: f64) -> String {
    format!(
        "{} {:.1} %",
        Direction::of(change).sign(),
        rounded(change).abs()
    )
}

/// A change as a screen reader says it: `up 10.9 percent`, `down 1.2 percent`,
/// `unchanged, 0.0 percent`.
pub fn spoken(change: f64) -> String {
    let size = format!("{:.1} percent", rounded(change).abs());
    match Direction::of(change) {
        Direction::Flat => format!("unchanged, {size}"),
        direction => format!("{} {size}", direction.word()),
    }
}

impl Move {
    /// The change as a reader sees it: see [`shown`].
    pub fn shown(&self) -> String {
        shown(self.change)
    }

    /// The change as a screen reader says it: see [`spoken`].
    pub fn spoken(&self) -> String {
        spoken(self.change)
    }
}

/// A currency code: three capital letters (`HKD`, `KRW`, `USD`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Currency(String);

impl Currency {
    /// The code, when `text` is three capital letters.
    pub fn parse(text: &str) -> Option<Currency> {
        (text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()))
            .then(|| Currency(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const CHANGE: &str = "a number: the percent change on the day, above -100, such as 10.9 or -1.2";
const CLOSE: &str = "a positive number: the closing price, such as 395500";
const CURRENCY: &str = "three capital letters, such as HKD, KRW or USD";
const DAY: &str = "a date such as 2025-10-01: the trading day of the move";
const MOVE: &str = "a percent change such as 10.9, or a table such as { change = 10.9, close = 88.5, currency = \"HKD\", on = 2025-10-02 }";
const MOVES: &str = "a table of tickers, each with its move: [moves] then \"0981.HK\" = 10.9";

/// What checking `[moves]` found besides the moves.
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub moves: Vec<Move>,
    /// Where each move's ticker is written, parallel to `moves`: for messages about
    /// the ticker while the article is read, and not kept with the moves, which last
    /// the whole build.
    pub places: Vec<Location>,
    /// Keys inside TOML's reading of an unquoted dotted ticker (`HK` of `0981.HK`),
    /// already reported as that ticker's error: the schema's "unknown key" would be noise.
    pub explained: Vec<Range<usize>>,
}

/// The moves of `moves` (the front matter's `[moves]`, in the file `file` whose whole
/// text is `text`), each on `default_day` unless it says `on`; every bad value is
/// pushed to `errors`. `dated` says whether the front matter has a `date` at all (a
/// bad one is reported elsewhere, and its moves then go without a day quietly).
pub(super) fn check(
    moves: Option<&Loose>,
    file: &Path,
    text: &str,
    default_day: Option<Date>,
    dated: bool,
    errors: &mut Errors,
) -> Checked {
    let Some(moves) = moves else {
        return Checked::default();
    };
    Reader { file, text }.moves(moves, default_day, dated, errors)
}

/// The file `[moves]` is read from, to locate and quote its values.
struct Reader<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Reader<'_> {
    fn at<T>(&self, located: &Located<T>) -> Location {
        self.at_span(located.span.clone())
    }

    fn at_span(&self, span: Range<usize>) -> Location {
        Location::from_offset(self.file, self.text, span.start, span.len())
    }

    fn moves(
        &self,
        moves: &Loose,
        default_day: Option<Date>,
        dated: bool,
        errors: &mut Errors,
    ) -> Checked {
        let mut checked = Checked::default();
        let entries = match &moves.value {
            Value::Table(entries) => entries,
            Value::Null => return checked,
            _ => {
                errors.push(self.invalid(moves, "`[moves]` table", MOVES));
                return checked;
            }
        };
        // Upper-cased ticker → the line of its first move.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (key, value) in entries {
            let ticker = key.value.trim();
            let location = self.at(key);
            if ticker.is_empty() {
                errors.push(Error::EmptyTicker { location });
                continue;
            }
            if let Some(dotted) = self.dotted(key, value) {
                for (inner, _) in &dotted {
                    checked.explained.push(inner.span.clone());
                }
                errors.extend(dotted.into_iter().map(|(_, error)| error));
                continue;
            }
            let fields = match self.fields(value, errors) {
                Some(fields) => fields,
                None => continue,
            };
            if !fields.has_change {
                errors.push(Error::MoveWithoutChange {
                    location,
                    ticker: ticker.to_string(),
                });
                continue;
            }
            let on = match (fields.on, default_day) {
                (Some(on), _) | (None, Some(on)) => on,
                (None, None) => {
                    if !dated {
                        errors.push(Error::MoveWithoutDay {
                            location,
                            ticker: ticker.to_string(),
                        });
                    }
                    continue;
                }
            };
            if let Some(&first_line) = seen.get(&ticker.to_uppercase()) {
                errors.push(Error::MovedTwice {
                    location,
                    ticker: ticker.to_string(),
                    first_line,
                });
                continue;
            }
            seen.insert(ticker.to_uppercase(), location.line);
            let (Some(change), false) = (fields.change, fields.bad) else {
                continue;
            };
            checked.moves.push(Move {
                ticker: Ticker(ticker.to_string()),
                change,
                close: fields.close,
                currency: fields.currency,
                on,
            });
            checked.places.push(location);
        }
        checked
    }

    /// The fields of one move, a number or a table; None (with the error pushed) when
    /// the move is neither.
    fn fields(&self, value: &Loose, errors: &mut Errors) -> Option<Fields> {
        let mut fields = Fields::default();
        match &value.value {
            Value::Number(_) => {
                fields.has_change = true;
                fields.change = self.change(value, errors, &mut fields.bad);
            }
            Value::Table(entries) => {
                for (key, value) in entries {
                    match key.value.as_str() {
                        "change" => {
                            fields.has_change = true;
                            fields.change = self.change(value, errors, &mut fields.bad);
                        }
                        "close" => fields.close = self.close(value, errors, &mut fields.bad),
                        "currency" => {
                            fields.currency = self.currency(value, errors, &mut fields.bad)
                        }
                        "on" => fields.on = self.day(value, errors, &mut fields.bad),
                        // Unknown keys are the schema's to report.
                        _ => {}
                    }
                }
            }
            _ => {
                errors.push(self.invalid(value, "move", MOVE));
                return None;
            }
        }
        Some(fields)
    }

    fn change(&self, value: &Loose, errors: &mut Errors, bad: &mut bool) -> Option<f64> {
        match value.value {
            Value::Number(n) if n.is_finite() && n > -100.0 => Some(n),
            _ => {
                *bad = true;
                errors.push(self.invalid(value, "change", CHANGE));
                None
            }
        }
    }

    fn close(&self, value: &Loose, errors: &mut Errors, bad: &mut bool) -> Option<f64> {
        match value.value {
            Value::Number(n) if n.is_finite() && n > 0.0 => Some(n),
            _ => {
                *bad = true;
                errors.push(self.invalid(value, "close", CLOSE));
                None
            }
        }
    }

    fn currency(&self, value: &Loose, errors: &mut Errors, bad: &mut bool) -> Option<Currency> {
        let parsed = match &value.value {
            Value::String(text) => Currency::parse(text),
            _ => None,
        };
        if parsed.is_none() {
            *bad = true;
            errors.push(self.invalid(value, "currency", CURRENCY));
        }
        parsed
    }

    fn day(&self, value: &Loose, errors: &mut Errors, bad: &mut bool) -> Option<Date> {
        let parsed = match &value.value {
            Value::String(text) | Value::Datetime(text) => trading_day(text),
            _ => None,
        };
        if parsed.is_none() {
            *bad = true;
            errors.push(self.invalid(value, "trading day", DAY));
        }
        parsed
    }

    /// `"x"` is not a valid `what`, showing the value as written (its first line).
    fn invalid(&self, value: &Loose, what: &'static str, expected: &'static str) -> Error {
        let mut span = value.span.clone();
        if span.len() <= 1 && matches!(value.value, Value::List | Value::Table(_)) {
            // YAML places a list or a mapping at its first character only.
            span.end = self.text[span.start..]
                .find('\n')
                .map_or(self.text.len(), |i| span.start + i);
        }
        let written = self.text[span.clone()].trim();
        let first_line = written.lines().next().unwrap_or_default().trim_end();
        let value_text = if first_line.len() < written.len() {
            format!("{first_line} …")
        } else {
            first_line.to_string()
        };
        Error::InvalidValue {
            location: self.at_span(span),
            what,
            value: value_text,
            expected,
        }
    }

    /// TOML reads an unquoted `0981.HK = 10.9` as a table `0981` holding `HK`: one
    /// error for each such ticker, with the inner key it made. None when the key is
    /// not written that way.
    fn dotted(
        &self,
        key: &Located<String>,
        value: &Loose,
    ) -> Option<Vec<(Located<String>, Error)>> {
        let Value::Table(inner) = &value.value else {
            return None;
        };
        let after_key = self.text[key.span.end..].chars().next();
        let quoted = self.text[key.span.clone()].starts_with(['"', '\'']);
        if quoted || after_key != Some('.') {
            return None;
        }
        let is_bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        Some(
            inner
                .iter()
                .map(|(part, value)| {
                    let start = self.text[..part.span.start]
                        .char_indices()
                        .rev()
                        .take_while(|&(_, c)| is_bare(c))
                        .last()
                        .map_or(part.span.start, |(i, _)| i);
                    let written = self.text[start..part.span.end].to_string();
                    let error = Error::DottedTicker {
                        location: self.at_span(start..part.span.end),
                        written,
                        value: self.text[value.span.clone()].to_string(),
                    };
                    (part.clone(), error)
                })
                .collect(),
        )
    }
}

#[derive(Default)]
struct Fields {
    /// Whether `change` is written at all, well or not.
    has_change: bool,
    change: Option<f64>,
    close: Option<f64>,
    currency: Option<Currency>,
    on: Option<Date>,
    /// A value was bad (and reported): the move is left out.
    bad: bool,
}

/// A trading day written as a date alone (`2025-10-01`), as TOML or as a string.
pub fn trading_day(text: &str) -> Option<Date> {
    let text = text.trim();
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trading_day_is_a_real_date_and_nothing_more() {
        assert_eq!(
            trading_day("2025-10-01"),
            Some(jiff::civil::date(2025, 10, 1))
        );
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "2025-10-01T09:00:00",
            "1 Oct",
            "20251001",
            "",
        ] {
            assert_eq!(trading_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_currency_is_three_capital_letters() {
        assert!(Currency::parse("HKD").is_some());
        for bad in ["hkd", "HK", "HKDX", "H1D", "ÄBC"] {
            assert!(Currency::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_direction_follows_the_change_as_shown() {
        let at = |change: f64| Move {
            ticker: Ticker("MU".into()),
            change,
            close: None,
            currency: None,
            on: jiff::civil::date(2025, 10, 1),
        };
        assert_eq!(at(10.94).rounded(), 10.9);
        assert_eq!(at(10.9).direction(), Direction::Up);
        assert_eq!(at(-1.2).direction(), Direction::Down);
        assert_eq!(at(-0.04).direction(), Direction::Flat);
        assert_eq!(at(-0.04).rounded().to_string(), "0");
        assert_eq!(at(0.0).direction(), Direction::Flat);
        let told = |change: f64| (at(change).shown(), at(change).spoken());
        assert_eq!(told(10.9), ("▲ 10.9 %".into(), "up 10.9 percent".into()));
        assert_eq!(told(-1.2), ("▼ 1.2 %".into(), "down 1.2 percent".into()));
        assert_eq!(told(7.0), ("▲ 7.0 %".into(), "up 7.0 percent".into()));
        assert_eq!(
            told(-0.04),
            ("◆ 0.0 %".into(), "unchanged, 0.0 percent".into())
        );
    }
}

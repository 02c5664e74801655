//! One price file's text → its daily closes, or every bad row of it at once: a pure
//! function of the text, so each rule is unit-tested without a file.
//!
//! The format is the two columns a writer exports from any market data site: a header
//! naming `date` and `close` in any order (other columns, such as a download's `Open`
//! or `Volume`, are ignored), then one row per trading day, oldest first. Fields may be
//! quoted as CSV quotes them; blank lines are ignored.

use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;

use super::Price;
use crate::error::{Error, Lines};

/// The columns a price file must name, as its header writes them (any case).
const DATE: &str = "date";
const CLOSE: &str = "close";

/// The closes in `text`, the file at `path` (as the writer knows it), oldest first; or
/// an error for every bad row, at its line and the column of the bad field.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Price>, Vec<Error>> {
    let lines = Lines::new(path, text);
    // A byte-order mark is how some spreadsheets start a UTF-8 file; it is not a name.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut rows = rows(text, start).filter(|(range, _)| !text[range.clone()].trim().is_empty());
    let Some((header_range, header)) = rows.next() else {
        return Err(vec![Error::PriceHeader {
            location: lines.locate(start, 0),
            missing: vec![DATE, CLOSE],
        }]);
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|field| field.value(text).trim().eq_ignore_ascii_case(name))
    };
    let (Some(date_column), Some(close_column)) = (column(DATE), column(CLOSE)) else {
        let missing = [DATE, CLOSE]
            .into_iter()
            .filter(|name| column(name).is_none())
            .collect();
        return Err(vec![Error::PriceHeader {
            location: lines.locate(header_range.start, header_range.len()),
            missing,
        }]);
    };

    let mut errors = Vec::new();
    // A row a line: sized once, as a listing's closes are kept for the whole build and
    // a vector grown by doubling holds up to twice what it needs.
    let mut prices: Vec<Price> = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count());
    // The last date read and where, to name its line when the next row is not later.
    let mut last: Option<(Date, usize)> = None;
    for (range, fields) in rows {
        // Places are found only for an error: a five-year file has over a thousand
        // rows, and every listing's file is read by every build.
        let at = |field: Option<&Field>| match field {
            Some(field) => lines.locate(field.span.start, field.span.len()),
            // A short row: point at its end, where the value should be.
            None => lines.locate(range.end, 0),
        };
        let value = |index: usize| {
            let field = fields.get(index);
            (field.map(|f| f.value(text).trim()), field)
        };
        let (date_text, date_field) = value(date_column);
        let (close_text, close_field) = value(close_column);
        let date = match date_text {
            None => {
                errors.push(Error::PriceValueMissing {
                    location: at(date_field),
                    column: DATE,
                });
                None
            }
            Some(written) => match parse_date(written) {
                Some(date) => Some(date),
                None => {
                    errors.push(Error::PriceDate {
                        location: at(date_field),
                        value: written.to_string(),
                    });
                    None
                }
            },
        };
        let close = match close_text {
            None => {
                errors.push(Error::PriceValueMissing {
                    location: at(close_field),
                    column: CLOSE,
                });
                None
            }
            Some(written) => match parse_close(written) {
                Some(close) => Some(close),
                None => {
                    errors.push(Error::PriceClose {
                        location: at(close_field),
                        value: written.to_string(),
                    });
                    None
                }
            },
        };
        let Some(date) = date else { continue };
        if let Some((previous, previous_at)) = last
            && date <= previous
        {
            let previous_line = lines.locate(previous_at, 0).line;
            errors.push(if date == previous {
                Error::PriceDateRepeated {
                    location: at(date_field),
                    date: date.to_string(),
                    first_line: previous_line,
                }
            } else {
                Error::PriceDateOutOfOrder {
                    location: at(date_field),
                    date: date.to_string(),
                    previous: previous.to_string(),
                    previous_line,
                }
            });
            continue;
        }
        last = Some((date, date_field.map_or(range.end, |f| f.span.start)));
        if let Some(close) = close {
            prices.push(Price { date, close });
        }
    }
    if errors.is_empty() {
        Ok(prices)
    } else {
        Err(errors)
    }
}

/// A field of a row: where it is written, and whether it is quoted.
#[derive(Debug, Clone)]
struct Field {
    /// The bytes of the field, quotes included.
    span: Range<usize>,
    quoted: bool,
}

impl Field {
    /// The field's text, without its quotes (a doubled quote inside stays doubled: no
    /// date or price has one).
    fn value<'t>(&self, text: &'t str) -> &'t str {
        let written = &text[self.span.clone()];
        if self.quoted {
            let inner = written.trim().trim_start_matches('"');
            inner.strip_suffix('"').unwrap_or(inner)
        } else {
            written
        }
    }
}

/// Every line of `text` from `start` on, without its line ending, split into fields.
fn rows(text: &str, start: usize) -> impl Iterator<Item = (Range<usize>, Vec<Field>)> + '_ {
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line_start = at;
        at = end + 1;
        let content_end = if text[line_start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let range = line_start..content_end;
        Some((range.clone(), fields(text, range)))
    })
}

/// The comma-separated fields of one line; a comma inside quotes is part of its field.
fn fields(text: &str, line: Range<usize>) -> Vec<Field> {
    let bytes = text.as_bytes();
    let mut fields = Vec::new();
    let mut start = line.start;
    let mut in_quotes = false;
    let mut quoted = false;
    for i in line.clone() {
        match bytes[i] {
            b'"' => {
                in_quotes = !in_quotes;
                quoted = true;
            }
            b',' if !in_quotes => {
                fields.push(Field {
                    span: start..i,
                    quoted,
                });
                start = i + 1;
                quoted = false;
            }
            _ => {}
        }
    }
    fields.push(Field {
        span: start..line.end,
        quoted,
    });
    fields
}

/// `YYYY-MM-DD` and nothing else, naming a day the calendar has.
fn parse_date(written: &str) -> Option<Date> {
    let bytes = written.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    let year: i16 = written[..4].parse().ok()?;
    let month: i8 = written[5..7].parse().ok()?;
    let day: i8 = written[8..].parse().ok()?;
    Date::new(year, month, day).ok()
}

/// A positive, finite decimal number: `71.35`, `395500`, `1e3`. Not `NaN`, `inf`, a
/// sign of a currency or a thousands separator, which would each be a guess.
fn parse_close(written: &str) -> Option<f64> {
    let plain = written
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    let close: f64 = written.parse().ok().filter(|_| plain)?;
    (close.is_finite() && close > 0.0).then_some(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Vec<(String, f64)>, Vec<String>> {
        parse(Path::new("data/prices/0981.HK.csv"), text)
            .map(|prices| {
                prices
                    .into_iter()
                    .map(|p| (p.date.to_string(), p.close))
                    .collect()
            })
            .map_err(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        let l = e.location().expect("every price error is located");
                        format!("{}:{}:{} {e}", l.line, l.column, l.width)
                    })
                    .collect()
            })
    }

    #[test]
    fn a_date_and_close_file_reads_oldest_first() {
        assert_eq!(
            parsed("date,close\n2025-09-30,71.35\n2025-10-02,79.10\n").unwrap(),
            [("2025-09-30".into(), 71.35), ("2025-10-02".into(), 79.10)]
        );
    }

    #[test]
    fn columns_come_in_any_order_and_case_and_others_are_ignored() {
        let download = "Date,Open,High,Low,Close,Adj Close,Volume\r\n\
                        2025-10-02,72.0,80.1,71.9,79.10,79.10,123456\r\n";
        assert_eq!(parsed(download).unwrap(), [("2025-10-02".into(), 79.10)]);
        let swapped = "\u{feff}close , date\n\n 79.1 ,2025-10-02\n\n";
        assert_eq!(parsed(swapped).unwrap(), [("2025-10-02".into(), 79.1)]);
        let quoted = "\"date\",\"close\"\n\"2025-10-02\",\"79.10\"\n";
        assert_eq!(parsed(quoted).unwrap(), [("2025-10-02".into(), 79.10)]);
    }

    #[test]
    fn a_header_only_file_is_an_empty_series() {
        assert_eq!(parsed("date,close\n").unwrap(), []);
    }

    #[test]
    fn a_missing_column_is_an_error_on_the_header_line() {
        assert_eq!(
            parsed("date,price\n2025-10-02,79.1\n").unwrap_err(),
            ["1:1:10 the header names no `close` column"]
        );
        assert_eq!(
            parsed("\n\nday,price\n").unwrap_err(),
            ["3:1:9 the header names no `date` and no `close` column"]
        );
        assert_eq!(
            parsed("").unwrap_err(),
            ["1:1:1 the header names no `date` and no `close` column"]
        );
    }

    #[test]
    fn dates_are_yyyy_mm_dd_days_of_the_calendar() {
        let errors = parsed(
            "date,close\n2025-02-30,1\n2025/10/02,1\n02-10-2025,1\n2025-1-2,1\n,1\n2025-10-02T00:00,1\n",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "2:1:10 `2025-02-30` is not a date",
                "3:1:10 `2025/10/02` is not a date",
                "4:1:10 `02-10-2025` is not a date",
                "5:1:8 `2025-1-2` is not a date",
                "6:1:1 `` is not a date",
                "7:1:16 `2025-10-02T00:00` is not a date",
            ]
        );
    }

    #[test]
    fn a_close_is_a_positive_finite_number() {
        let errors = parsed(
            "date,close\n2025-10-01,0\n2025-10-02,-3.5\n2025-10-03,NaN\n2025-10-04,inf\n\
             2025-10-05,$79\n2025-10-06,\"1,234.5\"\n2025-10-07,\n2025-10-08,1e400\n2025-10-09,1e3\n",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "2:12:1 `0` is not a closing price",
                "3:12:4 `-3.5` is not a closing price",
                "4:12:3 `NaN` is not a closing price",
                "5:12:3 `inf` is not a closing price",
                "6:12:3 `$79` is not a closing price",
                "7:12:9 `1,234.5` is not a closing price",
                "8:12:1 `` is not a closing price",
                "9:12:5 `1e400` is not a closing price",
            ]
        );
    }

    #[test]
    fn a_short_row_is_missing_its_value_at_the_end_of_the_line() {
        assert_eq!(
            parsed("date,close\n2025-10-02\n").unwrap_err(),
            ["2:11:1 this row has no `close` value"]
        );
    }

    #[test]
    fn a_repeated_or_earlier_date_names_the_row_before() {
        let errors = parsed(
            "date,close\n2025-10-01,1\n2025-10-02,2\n2025-10-02,3\n2025-09-30,4\n2025-10-03,5\n",
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "4:1:10 `2025-10-02` is given twice (first on line 3)",
                "5:1:10 `2025-09-30` comes after `2025-10-02` (line 3): rows must go oldest first",
            ]
        );
    }

    #[test]
    fn every_bad_row_is_reported_at_once() {
        let errors = parsed("date,close\n2025-13-01,1\n2025-10-02,x\n2025-10-03,4\n2025-10-03,5\n")
            .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }
}

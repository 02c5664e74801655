//! Front-matter dates: TOML dates and datetimes, and the forms Hugo and Jekyll read
//! in YAML (`2026-01-03 10:00:00 +0000`), read in the site's timezone when they carry
//! no offset of their own.

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use toml::value::{Datetime, Offset as TomlOffset};

/// A front-matter date as read: the instant, and whether the writer gave its time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub at: Timestamp,
    /// False for a bare date (`2026-10-02`), which stands for the day rather than its
    /// midnight, so pages show it without a time.
    pub has_time: bool,
}

/// Reads `text` as a TOML date or datetime, or one of the forms Hugo and Jekyll accept
/// (a space for the `T`, a space before the offset, `+0000` for `+00:00`, an hour of
/// one digit); a date or datetime without an offset is taken to be in `timezone`. The
/// error says what is wrong, in the writer's terms.
pub fn parse(text: &str, timezone: &TimeZone) -> Result<Timestamp, String> {
    read(text, timezone).map(|dated| dated.at)
}

/// `parse`, keeping whether the text gave a time of day.
pub fn read(text: &str, timezone: &TimeZone) -> Result<Dated, String> {
    let text = text.trim();
    let datetime = Datetime::from_str(text)
        .or_else(|error| match as_rfc3339(text) {
            Some(rewritten) => Datetime::from_str(&rewritten),
            None => Err(error),
        })
        .map_err(|e| e.to_string())?;
    let Some(date) = datetime.date else {
        return Err(
            "a time alone is not a date; add the day, as in 2026-10-02T09:30:00".to_string(),
        );
    };
    let day = civil::Date::new(date.year as i16, date.month as i8, date.day as i8)
        .map_err(|e| e.to_string())?;
    let time = match datetime.time {
        None => civil::Time::midnight(),
        Some(t) => civil::Time::new(
            t.hour as i8,
            t.minute as i8,
            t.second.unwrap_or(0) as i8,
            t.nanosecond.unwrap_or(0) as i32,
        )
        .map_err(|e| e.to_string())?,
    };
    let civil = day.to_datetime(time);
    let zoned = match datetime.offset {
        None => civil.to_zoned_datetime(timezone.clone()),
        Some(TomlOffset::Z) => civil.to_zoned_datetime(TimeZone::UTC),
        Some(TomlOffset::Custom { minutes }) => {
            let offset =
                Offset::from_seconds(i32::from(minutes) * 60).map_err(|e| e.to_string())?;
            civil.to_zoned_datetime(TimeZone::fixed(offset))
        }
    };
    zoned
        .map(|z| Dated {
            at: z.timestamp(),
            has_time: datetime.time.is_some(),
        })
        .map_err(|e| e.to_string())
}

/// `2026-01-03 10:00:00 +0000`, `2026-01-03 9:30`, `2026-01-03t10:00:00z` and the
/// like, in the one form TOML reads (`2026-01-03T10:00:00+00:00`); None when `text` is
/// not of that shape, so the caller reports the original.
fn as_rfc3339(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let rest = text[10..].trim_start_matches([' ', '\t', 'T', 't']);
    if rest.len() == text.len() - 10 || rest.is_empty() {
        return None;
    }
    // The time: hours of one or two digits, minutes, optional seconds and fraction.
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(time_end);
    let (hour, minutes_and_seconds) = time.split_once(':')?;
    if hour.is_empty() || hour.len() > 2 {
        return None;
    }
    let seconds = if minutes_and_seconds.len() == 2 {
        ":00"
    } else {
        ""
    };
    let zone = zone.trim_start();
    let offset = match zone {
        "" => String::new(),
        "Z" | "z" | "UTC" => "Z".to_string(),
        _ => {
            let (sign, digits) = zone.split_at(zone.find(['+', '-']).filter(|&i| i == 0)? + 1);
            let digits: String = digits.chars().filter(|&c| c != ':').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            match digits.len() {
                1 | 2 => format!("{sign}{digits:0>2}:00"),
                4 => format!("{sign}{}:{}", &digits[..2], &digits[2..]),
                _ => return None,
            }
        }
    };
    Some(format!(
        "{date}T{hour:0>2}:{minutes_and_seconds}{seconds}{offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_datetime_with_an_offset_keeps_it() {
        let utc = parse("2026-10-02T09:30:00+08:00", &TimeZone::UTC).unwrap();
        assert_eq!(utc.to_string(), "2026-10-02T01:30:00Z");
    }

    #[test]
    fn a_bare_date_takes_the_site_timezone() {
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert_eq!(
            parse("2026-10-02", &hong_kong).unwrap().to_string(),
            "2026-10-01T16:00:00Z"
        );
        assert_eq!(
            parse("2026-10-02T09:30:00", &hong_kong)
                .unwrap()
                .to_string(),
            "2026-10-02T01:30:00Z"
        );
    }

    #[test]
    fn a_bare_date_has_no_time_of_day_and_a_datetime_has_one() {
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        assert!(!read("2026-10-02", &hong_kong).unwrap().has_time);
        for text in [
            "2026-10-02T00:00:00",
            "2026-10-02T09:30:00+08:00",
            "2026-10-02 09:30",
            "2026-10-02T01:30:00Z",
        ] {
            assert!(read(text, &hong_kong).unwrap().has_time, "{text}");
        }
    }

    #[test]
    fn the_forms_hugo_and_jekyll_read_in_yaml_are_read() {
        let hong_kong = TimeZone::get("Asia/Hong_Kong").unwrap();
        for (text, utc) in [
            ("2026-01-03 10:00:00 +0000", "2026-01-03T10:00:00Z"),
            ("2026-01-03 10:00:00 -0500", "2026-01-03T15:00:00Z"),
            ("2026-01-03 10:00:00 +05:30", "2026-01-03T04:30:00Z"),
            ("2026-01-03 10:00:00+08", "2026-01-03T02:00:00Z"),
            ("2026-01-03 10:00:00 -5", "2026-01-03T15:00:00Z"),
            ("2026-01-03T10:00:00Z", "2026-01-03T10:00:00Z"),
            ("2026-01-03t10:00:00z", "2026-01-03T10:00:00Z"),
            ("2026-01-03 10:00:00 Z", "2026-01-03T10:00:00Z"),
            ("2026-01-03 10:00:00.5 +0000", "2026-01-03T10:00:00.5Z"),
            ("2026-01-03 10:00", "2026-01-03T02:00:00Z"),
            ("2026-01-03 9:30:00", "2026-01-03T01:30:00Z"),
            ("2026-01-03 10:00:00", "2026-01-03T02:00:00Z"),
        ] {
            let parsed = parse(text, &hong_kong).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.to_string(), utc, "{text}");
        }
    }

    #[test]
    fn impossible_dates_and_lone_times_are_refused() {
        assert!(parse("2026-01-03 25:00:00 +0000", &TimeZone::UTC).is_err());
        assert!(parse("2026-01-03 10:00:00 +000", &TimeZone::UTC).is_err());
        assert!(parse("2026-01-03 10:00:00 EST", &TimeZone::UTC).is_err());
        assert!(parse("2026-01-03 noon", &TimeZone::UTC).is_err());
        assert!(parse("2026-02-30", &TimeZone::UTC).is_err());
        assert!(parse("yesterday", &TimeZone::UTC).is_err());
        assert!(parse("09:30:00", &TimeZone::UTC).is_err());
    }
}

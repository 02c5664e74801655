//! Front-matter dates: TOML dates and datetimes, read in the site's timezone when
//! they carry no offset of their own.

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use toml::value::{Datetime, Offset as TomlOffset};

/// Reads `text` as a TOML date or datetime; a date or datetime without an offset is
/// taken to be in `timezone`. The error says what is wrong, in the writer's terms.
pub fn parse(text: &str, timezone: &TimeZone) -> Result<Timestamp, String> {
    let datetime = Datetime::from_str(text.trim()).map_err(|e| e.to_string())?;
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
    zoned.map(|z| z.timestamp()).map_err(|e| e.to_string())
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
    fn impossible_dates_and_lone_times_are_refused() {
        assert!(parse("2026-02-30", &TimeZone::UTC).is_err());
        assert!(parse("yesterday", &TimeZone::UTC).is_err());
        assert!(parse("09:30:00", &TimeZone::UTC).is_err());
    }
}

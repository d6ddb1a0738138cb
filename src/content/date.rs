//! Page dates: as written in front matter, and as an instant for sorting and feeds.

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;
use toml::value::{Datetime, Offset as TomlOffset};

/// A front-matter date. A date without a time is midnight; a time without an
/// offset is taken as UTC, so that the same file sorts the same everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageDate {
    /// As written: `2026-11-27` or `2026-11-27T10:30:00+01:00`.
    pub written: String,
    /// RFC 3339, for feeds and sitemaps: `2026-11-27T00:00:00Z`.
    pub rfc3339: String,
    /// The calendar day, `2026-11-27`, for `<time datetime>` and display.
    pub day: String,
    #[serde(skip)]
    pub timestamp: Timestamp,
}

impl PageDate {
    /// `None` for a value without a day (rejected earlier, when parsing the
    /// front matter) or one outside jiff's range.
    pub fn from_toml(value: &Datetime) -> Option<PageDate> {
        let d = value.date?;
        let date = civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()?;
        let time = match value.time {
            Some(t) => civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                t.nanosecond.unwrap_or(0) as i32,
            )
            .ok()?,
            None => civil::Time::midnight(),
        };
        let offset = match value.offset {
            Some(TomlOffset::Custom { minutes }) => {
                Offset::from_seconds(i32::from(minutes) * 60).ok()?
            }
            Some(TomlOffset::Z) | None => Offset::UTC,
        };
        let zoned = date
            .to_datetime(time)
            .to_zoned(TimeZone::fixed(offset))
            .ok()?;
        let timestamp = zoned.timestamp();
        let rfc3339 = if offset == Offset::UTC {
            timestamp.to_string()
        } else {
            zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        };
        Some(PageDate {
            written: value.to_string(),
            rfc3339,
            day: date.to_string(),
            timestamp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> PageDate {
        let v: Datetime = s.parse().unwrap();
        PageDate::from_toml(&v).unwrap()
    }

    #[test]
    fn plain_day_is_midnight_utc() {
        let d = parse("2026-11-27");
        assert_eq!(d.rfc3339, "2026-11-27T00:00:00Z");
        assert_eq!(d.day, "2026-11-27");
    }

    #[test]
    fn offset_is_kept() {
        let d = parse("2026-11-27T10:30:00+01:00");
        assert_eq!(d.rfc3339, "2026-11-27T10:30:00+01:00");
        assert!(d.timestamp < parse("2026-11-27T10:30:00Z").timestamp);
    }
}

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

/// Why a `date` or `updated` cannot be a page's date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("it has a time but no day")]
    NoDay,
    #[error(
        "`{written}` is outside the dates praxis can publish (0000-01-01 to 9999-12-30, in UTC)"
    )]
    OutOfRange { written: String },
}

impl PageDate {
    /// The date as praxis shows and feeds it, or why it cannot be one: no
    /// day, or a moment outside what a feed can carry (RFC 3339 has
    /// four-digit years, and praxis compares dates in UTC, so the last
    /// moment is 9999-12-30T22:00:00Z: `9999-12-31` is past it).
    pub fn from_toml(value: &Datetime) -> Result<PageDate, DateError> {
        let out_of_range = || DateError::OutOfRange {
            written: value.to_string(),
        };
        let d = value.date.ok_or(DateError::NoDay)?;
        let date = civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
            .map_err(|_| out_of_range())?;
        let time = match value.time {
            Some(t) => civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                t.nanosecond.unwrap_or(0) as i32,
            )
            .map_err(|_| out_of_range())?,
            None => civil::Time::midnight(),
        };
        let offset = match value.offset {
            Some(TomlOffset::Custom { minutes }) => {
                Offset::from_seconds(i32::from(minutes) * 60).map_err(|_| out_of_range())?
            }
            Some(TomlOffset::Z) | None => Offset::UTC,
        };
        let zoned = date
            .to_datetime(time)
            .to_zoned(TimeZone::fixed(offset))
            .map_err(|_| out_of_range())?;
        let timestamp = zoned.timestamp();
        // In UTC, the moment must still have a four-digit, non-negative year.
        let utc_year = timestamp.to_zoned(TimeZone::UTC).year();
        if !(0..=9999).contains(&utc_year) {
            return Err(out_of_range());
        }
        let rfc3339 = if offset == Offset::UTC {
            timestamp.to_string()
        } else {
            zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        };
        Ok(PageDate {
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
    fn every_accepted_date_can_be_fed() {
        for s in [
            "0000-01-01",
            "0001-01-01T00:00:00+01:00",
            "9999-12-30",
            "9999-12-30T21:59:59Z",
            "9999-12-30T23:00:00+01:00",
        ] {
            let d = parse(s);
            assert_eq!(
                d.rfc3339.len(),
                d.rfc3339.trim_start_matches('-').len(),
                "{s}"
            );
            assert!(
                d.rfc3339[..4].bytes().all(|b| b.is_ascii_digit()),
                "{s}: {}",
                d.rfc3339
            );
        }
    }

    #[test]
    fn dates_past_what_a_feed_can_carry_are_refused() {
        for s in [
            "9999-12-31",
            "9999-12-30T23:00:00Z",
            "9999-12-30T20:00:00-05:00",
            "0000-01-01T00:00:00+01:00",
        ] {
            let v: Datetime = s.parse().unwrap();
            let why = PageDate::from_toml(&v).unwrap_err().to_string();
            assert!(why.contains("0000-01-01 to 9999-12-30"), "{s}: {why}");
        }
    }

    #[test]
    fn offset_is_kept() {
        let d = parse("2026-11-27T10:30:00+01:00");
        assert_eq!(d.rfc3339, "2026-11-27T10:30:00+01:00");
        assert!(d.timestamp < parse("2026-11-27T10:30:00Z").timestamp);
    }
}

//! Dates and numbers in the reader's language, with ICU's data for each
//! locale: "27 november 2026", "27 novembre 2026", "1.234" and "1 234".

use icu_calendar::Date;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDE};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// 27 nov. 2026
    Medium,
    /// 27 november 2026
    Long,
    /// vrijdag 27 november 2026
    Full,
}

impl DateStyle {
    pub fn parse(name: &str) -> Option<DateStyle> {
        match name {
            "medium" => Some(DateStyle::Medium),
            "long" => Some(DateStyle::Long),
            "full" => Some(DateStyle::Full),
            _ => None,
        }
    }
}

/// Formatters for one language, built once and shared by every page.
pub struct LocaleFormat {
    medium: DateTimeFormatter<YMD>,
    long: DateTimeFormatter<YMD>,
    full: DateTimeFormatter<YMDE>,
    decimal: DecimalFormatter,
}

impl LocaleFormat {
    /// ICU's compiled data covers every locale, falling back to its root
    /// locale for languages it does not know, so building cannot fail.
    pub fn new(lang: &str) -> LocaleFormat {
        const DATA: &str = "ICU's compiled data covers every locale";
        let locale = Locale::try_from_str(lang).unwrap_or(Locale::UNKNOWN);
        LocaleFormat {
            medium: DateTimeFormatter::try_new((&locale).into(), YMD::medium()).expect(DATA),
            long: DateTimeFormatter::try_new((&locale).into(), YMD::long()).expect(DATA),
            full: DateTimeFormatter::try_new((&locale).into(), YMDE::long()).expect(DATA),
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).expect(DATA),
        }
    }

    /// Formats an ISO day (`2026-11-27`); `None` if it is not one.
    pub fn date(&self, iso_day: &str, style: DateStyle) -> Option<String> {
        let mut parts = iso_day.get(..10)?.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let date = Date::try_new_iso(year, month, day).ok()?;
        Some(match style {
            DateStyle::Medium => self.medium.format(&date).to_string(),
            DateStyle::Long => self.long.format(&date).to_string(),
            DateStyle::Full => self.full.format(&date).to_string(),
        })
    }

    /// Formats a number with the language's digit grouping and decimal mark.
    pub fn number(&self, value: f64) -> String {
        if value.fract() == 0.0 && value.abs() < 1e15 {
            self.decimal
                .format(&Decimal::from(value as i64))
                .to_string()
        } else {
            // Two decimals are plenty for what a practice site shows.
            let mut d = Decimal::from((value * 100.0).round() as i64);
            d.multiply_pow10(-2);
            d.trim_end();
            self.decimal.format(&d).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_dutch_and_french() {
        assert_eq!(
            LocaleFormat::new("nl")
                .date("2026-11-27", DateStyle::Long)
                .unwrap(),
            "27 november 2026"
        );
        assert_eq!(
            LocaleFormat::new("fr")
                .date("2026-11-27", DateStyle::Long)
                .unwrap(),
            "27 novembre 2026"
        );
        assert_eq!(
            LocaleFormat::new("fr")
                .date("2026-11-27", DateStyle::Full)
                .unwrap(),
            "vendredi 27 novembre 2026"
        );
        assert_eq!(
            LocaleFormat::new("nl").date("not a date", DateStyle::Long),
            None
        );
    }

    #[test]
    fn numbers_in_dutch_and_french() {
        assert_eq!(LocaleFormat::new("nl").number(1234.0), "1.234");
        assert_eq!(LocaleFormat::new("fr").number(1234.0), "1\u{202f}234");
        assert_eq!(LocaleFormat::new("nl").number(2.5), "2,5");
    }
}

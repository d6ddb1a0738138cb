//! Dates and numbers in the reader's language, with ICU's data for each
//! locale: "27 november 2026", "27 novembre 2026", "1.234" and "1 234".
//!
//! One rule ICU's data leaves out: French writes the first day of a month as
//! an ordinal, "1er décembre 2026" (Dutch keeps "1 december 2026"). It is
//! applied here, so that every date a reader sees gets it: the pages' date
//! filter, the translator's view, the practitioner's inbox.

use icu_calendar::Date;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDE};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, subtags::language};
use writeable::{Part, PartsWrite, Writeable};

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
    /// French: the first day of a month is "1er".
    ordinal_first_day: bool,
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
            ordinal_first_day: locale.id.language == language!("fr"),
        }
    }

    /// Formats an ISO day (`2026-11-27`); `None` if it is not one.
    pub fn date(&self, iso_day: &str, style: DateStyle) -> Option<String> {
        let mut parts = iso_day.get(..10)?.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let date = Date::try_new_iso(year, month, day).ok()?;
        let mut out = DaySuffix {
            text: String::new(),
            suffix: if self.ordinal_first_day && day == 1 {
                "er"
            } else {
                ""
            },
        };
        let written = match style {
            DateStyle::Medium => self.medium.format(&date).write_to_parts(&mut out),
            DateStyle::Long => self.long.format(&date).write_to_parts(&mut out),
            DateStyle::Full => self.full.format(&date).write_to_parts(&mut out),
        };
        written.ok()?;
        Some(out.text)
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

/// A date as ICU writes it, with `suffix` right after the day of the month
/// (ICU marks each field it writes), wherever the language's pattern puts it.
struct DaySuffix {
    text: String,
    suffix: &'static str,
}

impl std::fmt::Write for DaySuffix {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl PartsWrite for DaySuffix {
    type SubPartsWrite = DaySuffix;

    fn with_part(
        &mut self,
        part: Part,
        mut f: impl FnMut(&mut DaySuffix) -> std::fmt::Result,
    ) -> std::fmt::Result {
        f(self)?;
        if part == icu_datetime::parts::DAY {
            self.text.push_str(self.suffix);
        }
        Ok(())
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
    fn the_first_of_the_month_is_1er_in_french_only() {
        let fr = LocaleFormat::new("fr");
        let nl = LocaleFormat::new("nl");
        let day = |f: &LocaleFormat, iso, style| f.date(iso, style).unwrap();
        assert_eq!(day(&fr, "2026-12-01", DateStyle::Long), "1er décembre 2026");
        assert_eq!(day(&fr, "2026-12-01", DateStyle::Medium), "1er déc. 2026");
        assert_eq!(
            day(&fr, "2026-12-01", DateStyle::Full),
            "mardi 1er décembre 2026"
        );
        // Only the first: not the 11th, the 21st, nor a 1 in the year.
        assert_eq!(day(&fr, "2026-12-11", DateStyle::Long), "11 décembre 2026");
        assert_eq!(day(&fr, "2026-12-21", DateStyle::Long), "21 décembre 2026");
        assert_eq!(day(&fr, "2031-01-02", DateStyle::Long), "2 janvier 2031");
        // A regional French is French too.
        assert_eq!(
            day(&LocaleFormat::new("fr-BE"), "2026-12-01", DateStyle::Long),
            "1er décembre 2026"
        );
        assert_eq!(day(&nl, "2026-12-01", DateStyle::Long), "1 december 2026");
        assert_eq!(
            day(&nl, "2026-12-01", DateStyle::Full),
            "dinsdag 1 december 2026"
        );
    }

    #[test]
    fn numbers_in_dutch_and_french() {
        assert_eq!(LocaleFormat::new("nl").number(1234.0), "1.234");
        assert_eq!(LocaleFormat::new("fr").number(1234.0), "1\u{202f}234");
        assert_eq!(LocaleFormat::new("nl").number(2.5), "2,5");
    }
}

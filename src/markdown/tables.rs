//! Tables as a reader takes them in: a column of figures (prices,
//! durations, counts) is aligned right, where units line up under units,
//! without the author writing `---:` for it; a column the author aligned
//! keeps her alignment. A header cell left empty is reported, since a
//! screen reader then announces nothing for its column.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use crate::typography::{NARROW_NBSP, NBSP};

/// What [`align_figure_columns`] found in a table.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TableReport {
    /// The 1-based columns whose header cell is empty.
    pub empty_headers: Vec<usize>,
}

/// Aligns right the columns of `table` (its events, from its start to its
/// end) whose body cells are all figures, where the author set no
/// alignment; reports its empty header cells.
pub fn align_figure_columns(table: &mut [Event<'_>]) -> TableReport {
    let mut report = TableReport::default();
    // Per column: whether every non-empty body cell so far is a figure
    // (None: no such cell yet).
    let mut figures: Vec<Option<bool>> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    let mut cell: Option<String> = None;
    for event in table.iter() {
        match event {
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap_or_default();
                let text = text.trim();
                if in_head {
                    if text.is_empty() {
                        report.empty_headers.push(column + 1);
                    }
                } else if !text.is_empty() && !is_blank_value(text) {
                    if figures.len() <= column {
                        figures.resize(column + 1, None);
                    }
                    let so_far = figures[column].unwrap_or(true);
                    figures[column] = Some(so_far && is_figure(text));
                }
                column += 1;
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = &mut cell {
                    cell.push_str(text);
                }
            }
            // An image or raw HTML in a header says something too.
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. }) => {
                if let Some(cell) = &mut cell {
                    cell.push('*');
                }
            }
            _ => {}
        }
    }
    if let Some(Event::Start(Tag::Table(alignments))) = table.first_mut() {
        for (alignment, figures) in alignments.iter_mut().zip(figures) {
            if *alignment == Alignment::None && figures == Some(true) {
                *alignment = Alignment::Right;
            }
        }
    }
    report
}

/// A dash standing for "none" in a column of figures.
fn is_blank_value(text: &str) -> bool {
    matches!(text, "-" | "–" | "—")
}

/// Whether a cell's text is a figure: digits (with `.`, `,` or spaces
/// between thousands), with a currency sign before or after, or a short
/// unit after (`60 min`, `12 %`, `5 km`).
fn is_figure(text: &str) -> bool {
    let is_space = |c: char| c.is_whitespace() || c == NBSP || c == NARROW_NBSP;
    let is_currency = |c: char| matches!(c, '€' | '$' | '£' | '¥' | '₣');
    let text = text.trim_matches(|c: char| is_space(c) || is_currency(c));
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '\'') || is_space(c)))
        .unwrap_or(text.len());
    let unit = text[end..].trim_matches(is_space);
    unit.is_empty()
        || unit == "%"
        || (unit.chars().count() <= 3 && unit.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_their_currency_or_unit_are_figures() {
        for text in [
            "70",
            "€ 70",
            "70 €",
            "70\u{a0}€",
            "1 250,50",
            "60 min",
            "12 %",
            "5 km",
            "€85",
        ] {
            assert!(is_figure(text), "{text}");
        }
    }

    #[test]
    fn words_and_long_units_are_not_figures() {
        for text in [
            "Eerste gesprek",
            "gratis",
            "60 minutes",
            "2 keer per maand",
            "n° 12",
            "",
        ] {
            assert!(!is_figure(text), "{text}");
        }
    }
}

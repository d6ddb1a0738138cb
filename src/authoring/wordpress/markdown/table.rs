//! Tables: Markdown when Markdown can say it, clean HTML otherwise.
//!
//! A Markdown table has exactly one header row and plain cells. So a table
//! becomes Markdown only when its first row is a header (from `<thead>` or
//! a row of `<th>`), no later row has a `<th>` (the names in a first
//! column), no cell spans rows or columns and every cell is one line.
//! Anything else is written as an HTML table, stripped of styling but with
//! every cell, header cell and span kept.

use super::{Handle, Writer, attr, children, escape_html, has_descendant, is_block, name};

struct Cell {
    node: Handle,
    header: bool,
}

struct Row {
    cells: Vec<Cell>,
    /// In `<thead>`.
    head: bool,
    /// In `<tfoot>`.
    foot: bool,
}

fn rows(table: &Handle) -> (Vec<Row>, Option<Handle>) {
    let mut rows = Vec::new();
    let mut caption = None;
    let mut feet = Vec::new();
    for part in children(table) {
        match name(&part) {
            Some("caption") => caption = Some(part.clone()),
            Some(section @ ("thead" | "tbody" | "tfoot")) => {
                for tr in children(&part) {
                    if name(&tr) == Some("tr") {
                        let row = row(&tr, section == "thead", section == "tfoot");
                        if row.foot {
                            feet.push(row);
                        } else {
                            rows.push(row);
                        }
                    }
                }
            }
            Some("tr") => rows.push(row(&part, false, false)),
            _ => {}
        }
    }
    rows.extend(feet);
    (rows, caption)
}

fn row(tr: &Handle, head: bool, foot: bool) -> Row {
    Row {
        cells: children(tr)
            .into_iter()
            .filter_map(|c| match name(&c) {
                Some("th") => Some(Cell {
                    node: c.clone(),
                    header: true,
                }),
                Some("td") => Some(Cell {
                    node: c.clone(),
                    header: false,
                }),
                _ => None,
            })
            .collect(),
        head,
        foot,
    }
}

fn spans(cell: &Cell) -> bool {
    ["colspan", "rowspan"].iter().any(|a| {
        attr(&cell.node, a)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|n| n > 1)
    })
}

/// One paragraph at most, no lists, tables or other blocks.
fn is_plain(cell: &Cell) -> bool {
    let paragraphs = children(&cell.node)
        .iter()
        .filter(|c| name(c) == Some("p"))
        .count();
    paragraphs <= 1 && !has_descendant(&cell.node, &|n| is_block(n) && name(n) != Some("p"))
}

impl Writer<'_> {
    pub(super) fn table(&mut self, table: &Handle) -> String {
        let (rows, caption) = rows(table);
        let rows: Vec<Row> = rows.into_iter().filter(|r| !r.cells.is_empty()).collect();
        if rows.is_empty() {
            return String::new();
        }
        let header_first = rows[0].head || rows[0].cells.iter().all(|c| c.header);
        let fits = caption.is_none()
            && header_first
            && rows.iter().skip(1).all(|r| !r.head)
            // A Markdown table has no footer: one would read as a body row.
            && rows.iter().all(|r| !r.foot)
            && rows[1..].iter().all(|r| r.cells.iter().all(|c| !c.header))
            && rows
                .iter()
                .all(|r| r.cells.iter().all(|c| !spans(c) && is_plain(c)));
        if fits {
            self.markdown_table(&rows)
        } else {
            self.html_table(&rows, caption.as_ref())
        }
    }

    fn markdown_table(&mut self, rows: &[Row]) -> String {
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
        self.in_table = true;
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let mut cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| {
                    let text = self.inline_children(&c.node);
                    let text = text
                        .replace("\\\n", "<br>")
                        .replace(['\n', super::MORE], " ")
                        .replace('|', "\\|");
                    text.split(' ')
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            cells.resize(columns, String::new());
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
        }
        self.in_table = false;
        lines.join("\n")
    }

    fn html_table(&mut self, rows: &[Row], caption: Option<&Handle>) -> String {
        let mut out = String::from("<table>\n");
        if let Some(caption) = caption {
            let text = self.inline_html(caption);
            out.push_str(&format!("<caption>{}</caption>\n", text.trim()));
        }
        let mut section = "";
        for row in rows {
            let wanted = if row.head {
                "thead"
            } else if row.foot {
                "tfoot"
            } else {
                "tbody"
            };
            if wanted != section {
                if !section.is_empty() {
                    out.push_str(&format!("</{section}>\n"));
                }
                out.push_str(&format!("<{wanted}>\n"));
                section = wanted;
            }
            out.push_str("<tr>");
            for cell in &row.cells {
                let tag = if cell.header { "th" } else { "td" };
                out.push_str(&format!("<{tag}"));
                for a in ["colspan", "rowspan", "scope"] {
                    if let Some(v) = attr(&cell.node, a) {
                        out.push_str(&format!(" {a}=\"{}\"", escape_html(&v)));
                    }
                }
                let inner = self.inline_html(&cell.node);
                let inner: String = inner
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!(">{inner}</{tag}>"));
            }
            out.push_str("</tr>\n");
        }
        if !section.is_empty() {
            out.push_str(&format!("</{section}>\n"));
        }
        out.push_str("</table>");
        out
    }
}

//! One language version of a page as the desk edits it: the fields of its
//! front matter and its body, read from the file, and written back with
//! only what she changed changed.
//!
//! The front matter is edited with `toml_edit`, which keeps comments, key
//! order and formatting: a field she did not touch keeps its bytes, and a
//! page opened and saved without an edit is written back byte for byte
//! (it is not written at all).

use toml_edit::{Array, DocumentMut, Item, Value};

/// The fence around front matter.
const FENCE: &str = "+++";

/// The fields the desk shows, as text (what a form posts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    pub slug: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    pub draft: bool,
    pub description: String,
    /// Comma-separated.
    pub tags: String,
    pub menu_title: String,
    /// A number, or empty.
    pub weight: String,
    pub body: String,
}

/// A page file read for editing.
pub struct PageFile {
    /// The text as read.
    pub text: String,
    front: DocumentMut,
    /// Where the front matter's TOML starts and ends, and the body starts.
    toml: (usize, usize),
    body_start: usize,
    /// The line ending the file uses.
    crlf: bool,
}

/// Why a file cannot be edited in the desk (it must be fixed as text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("the file does not start with front matter (+++)")]
    NoFrontMatter,
    #[error("the front matter is never closed with +++")]
    Unclosed,
    #[error("the front matter is not valid TOML: {0}")]
    Toml(String),
}

/// Why what she typed cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    EmptyTitle,
    /// A slug `praxis build` would refuse, and why.
    Slug {
        slug: String,
        why: String,
    },
    Date(String),
    Weight(String),
    /// What she wrote would leave a file the site cannot read (a field
    /// holding a line `+++`, say): why.
    Unreadable(String),
}

impl PageFile {
    pub fn parse(text: String) -> Result<PageFile, Unreadable> {
        let crlf = text.contains("\r\n");
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut lines = text[bom..].split_inclusive('\n');
        let first = lines.next().unwrap_or("");
        if first.trim_end() != FENCE {
            return Err(Unreadable::NoFrontMatter);
        }
        let start = bom + first.len();
        let mut offset = start;
        let mut end = None;
        for line in lines {
            if line.trim_end() == FENCE {
                end = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let (toml_end, body_start) = end.ok_or(Unreadable::Unclosed)?;
        let front: DocumentMut = text[start..toml_end]
            .parse()
            .map_err(|e: toml_edit::TomlError| Unreadable::Toml(e.message().to_owned()))?;
        Ok(PageFile {
            front,
            toml: (start, toml_end),
            body_start,
            crlf,
            text,
        })
    }

    /// The fields as the file has them.
    pub fn fields(&self) -> Fields {
        let text = |key: &str| {
            self.front
                .get(key)
                .and_then(Item::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let date = match self.front.get("date").and_then(Item::as_value) {
            Some(Value::Datetime(d)) => d.value().date.map(|d| d.to_string()).unwrap_or_default(),
            Some(Value::String(s)) => s.value().clone(),
            _ => String::new(),
        };
        let tags = self
            .front
            .get("tags")
            .and_then(Item::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        Fields {
            title: text("title"),
            slug: text("slug"),
            date,
            draft: self
                .front
                .get("draft")
                .and_then(Item::as_bool)
                .unwrap_or(false),
            description: text("description"),
            tags,
            menu_title: text("menu_title"),
            weight: self
                .front
                .get("weight")
                .and_then(Item::as_integer)
                .map(|w| w.to_string())
                .unwrap_or_default(),
            body: self.text[self.body_start..].to_owned(),
        }
    }

    /// The file with `edited` in place of what it has, changing only the
    /// fields that differ; `None` when nothing differs (nothing to write).
    pub fn with(&self, edited: &Fields) -> Result<Option<String>, Vec<Invalid>> {
        let was = self.fields();
        let mut edited = edited.clone();
        // One-line fields hold one line: a line break in one (a pasted
        // title) would become a multi-line string in the front matter.
        for field in [
            &mut edited.title,
            &mut edited.slug,
            &mut edited.menu_title,
            &mut edited.tags,
            &mut edited.weight,
            &mut edited.date,
            &mut edited.description,
        ] {
            if field.contains(['\n', '\r']) {
                *field = field
                    .split(['\n', '\r'])
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        // A browser sends a textarea's lines ending in CRLF: the file's
        // own line ending is kept.
        edited.body = edited.body.replace("\r\n", "\n");
        if self.crlf {
            edited.body = edited.body.replace('\n', "\r\n");
        }
        if edited == was {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let mut front = self.front.clone();
        let mut set_text = |key: &str, old: &str, new: &str, optional: bool| {
            let new = new.trim();
            if new == old.trim() {
                return;
            }
            if new.is_empty() && optional {
                front.remove(key);
            } else {
                set(&mut front, key, Value::from(new));
            }
        };
        if edited.title.trim().is_empty() {
            problems.push(Invalid::EmptyTitle);
        }
        set_text("title", &was.title, &edited.title, false);
        if edited.slug.trim() != was.slug.trim()
            && !edited.slug.trim().is_empty()
            && let Err(why) = crate::slugs::check(edited.slug.trim())
        {
            problems.push(Invalid::Slug {
                slug: edited.slug.trim().to_owned(),
                why: why.to_string(),
            });
        }
        set_text("slug", &was.slug, &edited.slug, true);
        set_text("description", &was.description, &edited.description, true);
        set_text("menu_title", &was.menu_title, &edited.menu_title, true);
        let date = edited.date.trim();
        if date != was.date.trim() {
            if date.is_empty() {
                front.remove("date");
            } else {
                match date.parse::<toml_edit::Datetime>() {
                    Ok(d) if d.date.is_some() && d.time.is_none() => {
                        set(&mut front, "date", Value::from(d))
                    }
                    _ => problems.push(Invalid::Date(date.to_owned())),
                }
            }
        }
        let weight = edited.weight.trim();
        if weight != was.weight.trim() {
            if weight.is_empty() {
                front.remove("weight");
            } else {
                match weight.parse::<i64>() {
                    Ok(w) => set(&mut front, "weight", Value::from(w)),
                    Err(_) => problems.push(Invalid::Weight(weight.to_owned())),
                }
            }
        }
        if edited.draft != was.draft {
            if edited.draft {
                set(&mut front, "draft", Value::from(true));
            } else {
                front.remove("draft");
            }
        }
        let tags = split_tags(&edited.tags);
        if tags != split_tags(&was.tags) {
            if tags.is_empty() {
                front.remove("tags");
            } else {
                set(
                    &mut front,
                    "tags",
                    Value::Array(tags.iter().map(String::as_str).collect::<Array>()),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut text = String::with_capacity(self.text.len() + 64);
        text.push_str(&self.text[..self.toml.0]);
        let toml = front.to_string();
        text.push_str(&if self.crlf && !toml.contains("\r\n") {
            toml.replace('\n', "\r\n")
        } else {
            toml
        });
        text.push_str(&self.text[self.toml.1..self.body_start]);
        text.push_str(&edited.body);
        // Written only if the site can read it back as it reads every page.
        if let Err(problem) = crate::content::front_matter::split(&text) {
            return Err(vec![Invalid::Unreadable(problem.message.clone())]);
        }
        Ok((text != self.text).then_some(text))
    }
}

/// Sets `key` to `value`, keeping the decoration (spaces, a comment after
/// it) of the value it replaces.
fn set(front: &mut DocumentMut, key: &str, mut value: Value) {
    if let Some(old) = front.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    front[key] = Item::Value(value);
}

/// `a, b ,c,` → `["a", "b", "c"]`.
pub fn split_tags(tags: &str) -> Vec<String> {
    tags.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "+++\n# Her comment, kept.\ntitle = \"Over mij\"   # a note\ndate = 2026-03-01\ntags = [\"rouw\", \"stilte\"]\ndraft = true\n\n[extra]\nform = \"contact\"\n+++\nIk ben therapeut.\n\nTweede alinea.\n";

    #[test]
    fn a_page_opened_and_saved_unchanged_is_not_written() {
        let file = PageFile::parse(PAGE.to_owned()).unwrap();
        let mut fields = file.fields();
        // As a browser posts a textarea.
        fields.body = fields.body.replace('\n', "\r\n");
        assert_eq!(file.with(&fields), Ok(None));
    }

    #[test]
    fn only_the_changed_field_changes_and_comments_order_and_extra_stay() {
        let file = PageFile::parse(PAGE.to_owned()).unwrap();
        let mut fields = file.fields();
        assert_eq!(fields.title, "Over mij");
        assert_eq!(fields.date, "2026-03-01");
        assert_eq!(fields.tags, "rouw, stilte");
        assert!(fields.draft);
        fields.title = "Wie ik ben".into();
        fields.draft = false;
        let text = file.with(&fields).unwrap().unwrap();
        assert_eq!(
            text,
            "+++\n# Her comment, kept.\ntitle = \"Wie ik ben\"   # a note\ndate = 2026-03-01\ntags = [\"rouw\", \"stilte\"]\n\n[extra]\nform = \"contact\"\n+++\nIk ben therapeut.\n\nTweede alinea.\n"
        );
    }

    #[test]
    fn new_fields_dates_and_tags_are_written_as_toml_and_checked() {
        let file = PageFile::parse("+++\ntitle = \"A\"\n+++\nTekst.\n".to_owned()).unwrap();
        let mut fields = file.fields();
        fields.date = "2026-12-07".into();
        fields.tags = "rouw, , nieuw ".into();
        fields.body = "Andere tekst.\n".into();
        let text = file.with(&fields).unwrap().unwrap();
        assert!(text.contains("date = 2026-12-07\n"), "{text}");
        assert!(text.contains("tags = [\"rouw\", \"nieuw\"]"), "{text}");
        assert!(text.ends_with("+++\nAndere tekst.\n"), "{text}");
        fields.date = "7 december".into();
        fields.slug = "Met Spatie".into();
        fields.title = " ".into();
        let problems = file.with(&fields).unwrap_err();
        assert!(problems.contains(&Invalid::EmptyTitle));
        assert!(problems.iter().any(|p| matches!(p, Invalid::Date(_))));
        assert!(problems.iter().any(|p| matches!(p, Invalid::Slug { .. })));
    }

    #[test]
    fn a_line_break_in_a_one_line_field_cannot_break_the_front_matter() {
        let file = PageFile::parse("+++\ntitle = \"A\"\n+++\nTekst.\n".to_owned()).unwrap();
        let mut fields = file.fields();
        fields.title = "Een\n+++\ntitel".into();
        fields.description = "Eerste zin.\r\n+++\r\nTweede zin.".into();
        let text = file.with(&fields).unwrap().unwrap();
        assert!(text.contains("title = \"Een +++ titel\""), "{text}");
        assert!(
            text.contains("description = \"Eerste zin. +++ Tweede zin.\""),
            "{text}"
        );
        assert!(crate::content::front_matter::split(&text).is_ok());
    }

    #[test]
    fn a_file_with_crlf_line_endings_keeps_them() {
        let file =
            PageFile::parse("+++\r\ntitle = \"A\"\r\n+++\r\nEen.\r\nTwee.\r\n".to_owned()).unwrap();
        let mut fields = file.fields();
        fields.body = "Een.\nDrie.\n".into();
        let text = file.with(&fields).unwrap().unwrap();
        assert_eq!(text, "+++\r\ntitle = \"A\"\r\n+++\r\nEen.\r\nDrie.\r\n");
    }
}

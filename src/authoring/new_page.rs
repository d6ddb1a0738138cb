//! `praxis new KEY`: a node with a draft file per language.
//!
//! Each language gets only the title given for it (`--title fr="Le
//! mentorat"`; a bare `--title` is the default language's). A language
//! without one is never given another language's title, which would be
//! published as if translated: its draft carries a placeholder title,
//! starting with [`PLACEHOLDER`], that `praxis check` reports until the
//! author writes the real one.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::Help;
use crate::slugs::slugify;

/// How a placeholder title starts; `praxis check` looks for it.
pub const PLACEHOLDER: &str = "TODO";

/// Whether a title is still the placeholder `praxis new` wrote.
pub fn is_placeholder_title(title: &str) -> bool {
    title.trim_start().starts_with(PLACEHOLDER)
}

/// Why `praxis new` made no page.
#[derive(Debug, thiserror::Error)]
pub enum NewPageError {
    #[error(
        "--title {value}: `{code}` is not a language of this site (it has {})",
        languages.join(", ")
    )]
    NotALanguage {
        value: String,
        code: String,
        languages: Vec<String>,
    },
    #[error("--title {value}: the title is empty")]
    EmptyTitle { value: String },
    #[error("two titles for `{lang}`: give one --title per language, like --title {lang}=\"…\"")]
    TwoTitles { lang: String },
    #[error("the key is empty: give the page's folder under content/, like articles/een-stap")]
    EmptyKey,
    #[error(
        "`{folder}` cannot be a folder of a key: use lowercase letters, digits and dashes, like articles/een-stap"
    )]
    BadFolder { folder: String },
    #[error("{} already exists; `praxis new` never overwrites a page", path.display())]
    Exists { path: PathBuf },
    #[error("{} does not exist", dir.display())]
    NoNode { dir: PathBuf },
    #[error("cannot create {}: {source}", dir.display())]
    CreateFolder { dir: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Each message says what to do already.
impl Help for NewPageError {}

/// Reads `--title` values: `LANG=TITLE` for a language of the site, or a
/// bare `TITLE` for the default language. Returns the title per language.
pub fn parse_titles(
    values: &[String],
    config: &Config,
) -> Result<BTreeMap<String, String>, NewPageError> {
    let mut titles = BTreeMap::new();
    for value in values {
        let (lang, title) = match value.split_once('=') {
            Some((code, title)) if looks_like_language_code(code) => {
                if !config.has_language(code) {
                    return Err(NewPageError::NotALanguage {
                        value: value.clone(),
                        code: code.to_owned(),
                        languages: config.languages.iter().map(|l| l.code.clone()).collect(),
                    });
                }
                (code.to_owned(), title)
            }
            _ => (config.default_language.clone(), value.as_str()),
        };
        let title = title.trim();
        if title.is_empty() {
            return Err(NewPageError::EmptyTitle {
                value: value.clone(),
            });
        }
        if titles.insert(lang.clone(), title.to_owned()).is_some() {
            return Err(NewPageError::TwoTitles { lang });
        }
    }
    Ok(titles)
}

/// `fr`, `nl`, `pt-br`: what comes before `=` in `--title fr=…`.
fn looks_like_language_code(s: &str) -> bool {
    let mut parts = s.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A file `create` wrote.
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    pub lang: String,
    /// Its title is a placeholder: no title was given in its language.
    pub placeholder: bool,
}

/// Creates `content/KEY/<lang>.md` for every language, with the title given
/// for it, else (for the default language only, when no title is given at
/// all) one made from the folder name, else a placeholder. Refuses to
/// overwrite anything.
pub fn create(
    root: &Path,
    config: &Config,
    key: &str,
    titles: &BTreeMap<String, String>,
    today: jiff::civil::Date,
) -> Result<Vec<Created>, NewPageError> {
    let key = key.trim_matches('/');
    if key.is_empty() {
        return Err(NewPageError::EmptyKey);
    }
    if let Some(bad) = key
        .split('/')
        .find(|s| s.is_empty() || *s == "." || *s == ".." || slugify(s) != *s)
    {
        return Err(NewPageError::BadFolder {
            folder: bad.to_owned(),
        });
    }
    let dir = root.join(CONTENT_DIR).join(key);
    let files: Vec<(&str, PathBuf)> = config
        .languages
        .iter()
        .map(|l| (l.code.as_str(), dir.join(format!("{}.md", l.code))))
        .collect();
    if let Some((_, existing)) = files.iter().find(|(_, f)| f.exists()) {
        return Err(NewPageError::Exists {
            path: existing.clone(),
        });
    }
    let folder = key.rsplit('/').next().unwrap_or(key);
    let mut titles = titles.clone();
    if titles.is_empty() {
        // The folder name is the author's own word for the page, in the
        // language they think in: the default one.
        titles.insert(config.default_language.clone(), title_from_folder(folder));
    }
    // What the author gave, to translate from.
    let given: Vec<String> = config
        .languages
        .iter()
        .filter_map(|l| {
            let title = titles.get(&l.code)?;
            Some(format!(
                "# {}: {}",
                l.code,
                toml::Value::String(title.clone())
            ))
        })
        .collect();
    std::fs::create_dir_all(&dir).map_err(|source| NewPageError::CreateFolder {
        dir: dir.clone(),
        source,
    })?;
    let mut created = Vec::new();
    for (lang, file) in files {
        let text = draft_text(lang, titles.get(lang), &given, folder, today);
        write_new(&file, &text)?;
        created.push(Created {
            path: file,
            lang: lang.to_owned(),
            placeholder: !titles.contains_key(lang),
        });
    }
    Ok(created)
}

/// Writes the missing `lang` version of an existing node, as `create`
/// would have: a draft with the placeholder title and, to translate from,
/// the titles of the versions that exist (`titles`). Never overwrites.
pub fn create_translation(
    root: &Path,
    key: &str,
    lang: &str,
    titles: &BTreeMap<String, String>,
    today: jiff::civil::Date,
) -> Result<Created, NewPageError> {
    let dir = root.join(CONTENT_DIR).join(key.trim_matches('/'));
    if !dir.is_dir() {
        return Err(NewPageError::NoNode { dir });
    }
    let file = dir.join(format!("{lang}.md"));
    let given: Vec<String> = titles
        .iter()
        .map(|(code, title)| format!("# {code}: {}", toml::Value::String(title.clone())))
        .collect();
    let folder = key.rsplit('/').next().unwrap_or(key);
    write_new(&file, &draft_text(lang, None, &given, folder, today))?;
    Ok(Created {
        path: file,
        lang: lang.to_owned(),
        placeholder: true,
    })
}

/// The draft of one language: with its title, or the placeholder and the
/// `given` titles (TOML comments) to translate from.
fn draft_text(
    lang: &str,
    title: Option<&String>,
    given: &[String],
    folder: &str,
    today: jiff::civil::Date,
) -> String {
    match title {
        Some(title) => {
            let slug = match slugify(title) {
                s if s.is_empty() => folder.to_owned(),
                s => s,
            };
            format!(
                "+++\ntitle = {}\nslug = \"{slug}\"\ndate = {today}\ndraft = true\n# description = \"One sentence for search engines and lists.\"\n# tags = []\n+++\n\n",
                toml::Value::String(title.clone())
            )
        }
        None => format!(
            "+++\n\
             # No {lang} title was given: write it below, with the slug (the URL\n\
             # segment; the folder name until you set one) and the text.\n\
             {}\n\
             title = \"{PLACEHOLDER}: title in {lang}\"\n\
             # slug = \"…\"\n\
             date = {today}\n\
             draft = true\n\
             # description = \"One sentence for search engines and lists.\"\n\
             # tags = []\n\
             +++\n\n",
            given.join("\n")
        ),
    }
}

/// Writes a file that must not exist yet.
fn write_new(file: &Path, text: &str) -> Result<(), NewPageError> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .map_err(|source| NewPageError::Write {
            path: file.to_owned(),
            source,
        })
}

/// `een-stap` → "Een stap".
fn title_from_folder(folder: &str) -> String {
    let words = folder.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

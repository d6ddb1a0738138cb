//! `praxis new KEY`: a node with a draft file per language.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::model::slug::slugify;

/// Creates `content/KEY/<lang>.md` for every language; returns the files.
/// Refuses to overwrite anything.
pub fn create(
    root: &Path,
    config: &Config,
    key: &str,
    title: Option<&str>,
    today: jiff::civil::Date,
) -> Result<Vec<PathBuf>, String> {
    let key = key.trim_matches('/');
    if key.is_empty() {
        return Err(
            "the key is empty: give the page's folder under content/, like articles/een-stap"
                .into(),
        );
    }
    if let Some(bad) = key
        .split('/')
        .find(|s| s.is_empty() || *s == "." || *s == ".." || slugify(s) != *s)
    {
        return Err(format!(
            "`{bad}` cannot be a folder of a key: use lowercase letters, digits and dashes, like articles/een-stap"
        ));
    }
    let dir = root.join(CONTENT_DIR).join(key);
    let files: Vec<PathBuf> = config
        .languages
        .iter()
        .map(|l| dir.join(format!("{}.md", l.code)))
        .collect();
    if let Some(existing) = files.iter().find(|f| f.exists()) {
        return Err(format!(
            "{} already exists; `praxis new` never overwrites a page",
            existing.display()
        ));
    }
    let folder = key.rsplit('/').next().unwrap_or(key);
    let title = match title {
        Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
        _ => {
            let words = folder.replace(['-', '_'], " ");
            let mut chars = words.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        }
    };
    let slug = match slugify(&title) {
        s if s.is_empty() => folder.to_owned(),
        s => s,
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in &files {
        let text = format!(
            "+++\ntitle = {}\nslug = \"{slug}\"\ndate = {today}\ndraft = true\n# description = \"One sentence for search engines and lists.\"\n# tags = []\n+++\n\n",
            toml::Value::String(title.clone())
        );
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(file)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(files)
}

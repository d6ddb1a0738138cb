//! What an earlier import wrote, so that running it again updates those
//! pages instead of adding `about-2`, and leaves alone the ones edited
//! since.
//!
//! Every imported file carries the WordPress post id and a hash of its own
//! text under `[extra]`. A file whose text still hashes to that value was
//! not touched by hand and may be replaced; any other is left as it is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub const ID_FIELD: &str = "wordpress_id";
pub const HASH_FIELD: &str = "wordpress_hash";

/// A file written by an earlier import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: PathBuf,
    /// Unchanged since it was imported.
    pub pristine: bool,
    /// Its `slug` and `aliases` then: a slug changed on WordPress since
    /// leaves the page's praxis address behind, which must redirect.
    pub slug: Option<String>,
    pub aliases: Vec<String>,
}

/// The imported files under `content/`, by WordPress post id.
pub fn scan(content: &Path) -> BTreeMap<u64, Imported> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Some(id) = field(&text, ID_FIELD).and_then(|v| v.parse().ok()) else {
            continue;
        };
        let pristine =
            field(&text, HASH_FIELD).is_some_and(|hash| hash.trim_matches('"') == hash_of(&text));
        let head: Option<toml::Table> = text
            .strip_prefix("+++")
            .and_then(|rest| rest.split_once("\n+++"))
            .and_then(|(head, _)| toml::from_str(head).ok());
        let get = |name: &str| head.as_ref().and_then(|h| h.get(name));
        found.insert(
            id,
            Imported {
                file: entry.path().to_owned(),
                pristine,
                slug: get("slug").and_then(|s| s.as_str()).map(str::to_owned),
                aliases: get("aliases")
                    .and_then(|a| a.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
            },
        );
    }
    found
}

/// The record of what imports brought into a site, at its root: a post
/// or page listed there but no longer under `content/` was deleted on
/// purpose, and the next import leaves it out.
pub const RECORD_FILE: &str = "wordpress-import.toml";

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct RecordFile {
    imported: std::collections::BTreeSet<u64>,
}

/// The WordPress ids of every post and page imported into the site.
pub fn record(root: &Path) -> std::collections::BTreeSet<u64> {
    std::fs::read_to_string(root.join(RECORD_FILE))
        .ok()
        .and_then(|text| toml::from_str::<RecordFile>(&text).ok())
        .map(|r| r.imported)
        .unwrap_or_default()
}

/// The record's text, listing `ids`.
pub fn record_text(ids: &std::collections::BTreeSet<u64>) -> String {
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    format!(
        "# The posts and pages `praxis import wordpress` brought into this site, by\n\
         # their WordPress id. One listed here and no longer in content/ was deleted\n\
         # on purpose: the next import leaves it out (--restore brings it back).\n\
         imported = [{}]\n",
        list.join(", ")
    )
}

/// The value of `name = …` in the front matter.
fn field<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let front = text.strip_prefix("+++")?;
    let front = &front[..front.find("\n+++")?];
    front.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The hash of a file's text, its own hash line left empty.
pub fn hash_of(text: &str) -> String {
    let blanked: String = text
        .lines()
        .map(|line| {
            if line
                .split_once('=')
                .is_some_and(|(k, _)| k.trim() == HASH_FIELD)
            {
                format!("{HASH_FIELD} = \"\"")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let digest = Sha256::digest(blanked.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Fills in the hash line of a file about to be written.
pub fn seal(text: &str) -> String {
    let hash = hash_of(text);
    text.replacen(
        &format!("{HASH_FIELD} = \"\""),
        &format!("{HASH_FIELD} = \"{hash}\""),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_is_pristine_until_edited() {
        let text = seal(
            "+++\ntitle = \"A\"\n\n[extra]\nwordpress_id = 4\nwordpress_hash = \"\"\n+++\nTekst.\n",
        );
        assert_eq!(
            field(&text, HASH_FIELD).unwrap().trim_matches('"'),
            hash_of(&text)
        );
        let edited = text.replace("Tekst.", "Andere tekst.");
        assert_ne!(
            field(&edited, HASH_FIELD).unwrap().trim_matches('"'),
            hash_of(&edited)
        );
    }
}

//! Slugs: the URL segment of a page in one language, from its front
//! matter or its folder's name; and the rule every URL segment follows.

/// Turns a title into a URL segment, folding accents: "Één stap" → "een-stap".
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// The longest slug, in bytes. A slug is the name of a folder of the built
/// site (and, from an import, of `content/`), which Linux and macOS cap at
/// 255 bytes; 200 leaves room for a `-2` and for a file's own name.
pub const MAX_SLUG_BYTES: usize = 200;

/// Why a slug cannot be a URL segment. It reads "the slug is empty";
/// [`SlugError::naming`] says it of something else ("the folder name is
/// empty").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.naming("the slug"))]
pub enum SlugError {
    Empty,
    /// Longer than [`MAX_SLUG_BYTES`]: so many bytes.
    TooLong {
        bytes: usize,
    },
    /// `.` or `..`.
    Dots {
        slug: String,
    },
    /// A character a URL segment cannot hold (a space, a slash…).
    Character {
        slug: String,
        character: char,
    },
}

impl SlugError {
    /// The reason, said of `subject` ("the folder name") instead of the slug.
    pub fn naming<'a>(&'a self, subject: &'a str) -> Named<'a> {
        Named { why: self, subject }
    }
}

/// A [`SlugError`] said of a subject of its own.
pub struct Named<'a> {
    why: &'a SlugError,
    subject: &'a str,
}

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let subject = self.subject;
        match self.why {
            SlugError::Empty => write!(f, "{subject} is empty"),
            SlugError::TooLong { bytes } => write!(
                f,
                "{subject} is {bytes} bytes long, and a URL segment may have {MAX_SLUG_BYTES} at most"
            ),
            SlugError::Dots { slug } => write!(f, "`{slug}` cannot be a URL segment"),
            SlugError::Character { slug, character } => write!(
                f,
                "{subject} `{slug}` contains `{}`",
                character.escape_default()
            ),
        }
    }
}

/// Why a slug written in front matter cannot be used, if it cannot.
pub fn check(slug: &str) -> Result<(), SlugError> {
    if slug.is_empty() {
        return Err(SlugError::Empty);
    }
    if slug.len() > MAX_SLUG_BYTES {
        return Err(SlugError::TooLong { bytes: slug.len() });
    }
    if slug == "." || slug == ".." {
        return Err(SlugError::Dots {
            slug: slug.to_owned(),
        });
    }
    if let Some(character) = slug.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '/' | '\\' | '?' | '#' | '%' | '"' | '<' | '>')
    }) {
        return Err(SlugError::Character {
            slug: slug.to_owned(),
            character,
        });
    }
    Ok(())
}

/// `slug` cut to [`MAX_SLUG_BYTES`] at most, between two characters and
/// without a dash at its end.
pub fn shorten(slug: &str) -> &str {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let mut end = MAX_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    slug[..end].trim_end_matches('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents() {
        assert_eq!(slugify("Één stap"), "een-stap");
        assert_eq!(slugify("À propos de moi"), "a-propos-de-moi");
        assert_eq!(
            slugify("Qu'est-ce que le mentorat ?"),
            "qu-est-ce-que-le-mentorat"
        );
    }

    #[test]
    fn rejects_path_characters() {
        assert!(check("le-mentorat").is_ok());
        assert!(check("a/b").is_err());
        assert!(check("..").is_err());
        assert!(check("with space").is_err());
        let why = check("a/b").unwrap_err();
        assert_eq!(why.to_string(), "the slug `a/b` contains `/`");
        assert_eq!(
            why.naming("that name").to_string(),
            "that name `a/b` contains `/`"
        );
        assert_eq!(
            check(&"a".repeat(201)).unwrap_err().to_string(),
            "the slug is 201 bytes long, and a URL segment may have 200 at most"
        );
    }

    #[test]
    fn long_slugs_are_refused_and_shortened_between_characters() {
        assert!(check(&"a".repeat(MAX_SLUG_BYTES)).is_ok());
        assert!(check(&"a".repeat(MAX_SLUG_BYTES + 1)).is_err());
        assert_eq!(shorten("kort"), "kort");
        let accents = "é".repeat(150);
        let short = shorten(&accents);
        assert_eq!(short.len(), MAX_SLUG_BYTES);
        assert!(check(short).is_ok());
        let dashes = format!("{}-b", "a".repeat(MAX_SLUG_BYTES - 1));
        assert_eq!(shorten(&dashes), "a".repeat(MAX_SLUG_BYTES - 1));
    }
}

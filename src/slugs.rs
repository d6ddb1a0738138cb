//! Slugs: the URL segment of a page in one language, from its front
//! matter or its folder's name; and the rule every URL segment follows.

/// Turns a title into a URL segment, folding accents: "Één stap" → "een-stap".
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// Why a slug written in front matter cannot be used, if it cannot.
pub fn check(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug == "." || slug == ".." {
        return Err(format!("`{slug}` cannot be a URL segment"));
    }
    if let Some(c) = slug.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '/' | '\\' | '?' | '#' | '%' | '"' | '<' | '>')
    }) {
        return Err(format!(
            "the slug `{slug}` contains `{}`",
            c.escape_default()
        ));
    }
    Ok(())
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
    }
}

//! The inbox's own words, in Dutch and French, from the Fluent files
//! beside this module (compiled in: the inbox runs where the theme may
//! not be).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub struct Strings {
    pub lang: String,
    bundle: FluentBundle<FluentResource>,
}

impl Strings {
    pub fn new(lang: &str) -> Result<Strings, String> {
        let source = match lang {
            "nl" => include_str!("nl.ftl"),
            "fr" => include_str!("fr.ftl"),
            other => {
                return Err(format!(
                    "the inbox speaks nl and fr, not `{other}`\n   = help: pass --lang nl or --lang fr"
                ));
            }
        };
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, e)| format!("the inbox's {lang} strings do not parse: {e:?}"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap_or_default()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|e| format!("the inbox's {lang} strings repeat a message: {e:?}"))?;
        Ok(Strings {
            lang: lang.to_owned(),
            bundle,
        })
    }

    pub fn get(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// The string `key` with `args`; its key itself if it is missing (a
    /// test checks that none is).
    pub fn with(&self, key: &str, args: &[(&str, FluentValue)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_string() {
        let keys = |source: &str| -> Vec<String> {
            source
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
                .filter(|k| k.starts_with("inbox-"))
                .collect()
        };
        let (nl, fr) = (keys(include_str!("nl.ftl")), keys(include_str!("fr.ftl")));
        assert_eq!(nl, fr);
        for lang in ["nl", "fr"] {
            let strings = Strings::new(lang).unwrap();
            for key in &nl {
                assert_ne!(strings.get(key), *key, "{lang}: {key}");
            }
        }
        let fr = Strings::new("fr").unwrap();
        assert_eq!(fr.with("inbox-count", &[("count", 3.into())]), "3 messages");
        assert!(Strings::new("de").is_err());
    }
}

//! The site's forms as the inbox shows a submission: each form by its
//! title and each field by its label, in her language, the way the site's
//! own pages name them; a chosen option by its wording rather than its
//! value; and which fields hold an e-mail address (a link to write back).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::config::Config;
use crate::config::forms::FieldType;

#[derive(Debug, Default)]
pub struct Declared {
    /// `contact` → "Het contactformulier".
    titles: HashMap<String, String>,
    /// `contact/email` → "E-mailadres".
    labels: HashMap<String, String>,
    /// `intake/contact_by/phone` → "Telefonisch".
    options: HashMap<String, String>,
    /// `contact/email`: an e-mail address.
    emails: HashSet<String>,
    /// `intake/consent`: a box ticked, or not.
    checkboxes: HashSet<String>,
}

impl Declared {
    /// The site's forms in `lang`; where the site's UI strings cannot be
    /// read, or lack a string, the names in site.toml stand in.
    pub fn load(root: &Path, config: &Config, lang: &str) -> Declared {
        let mut diags = crate::diagnostics::Diagnostics::default();
        let theme = config.theme_dir(root, &mut diags);
        let i18n = crate::i18n::I18n::load(root, theme.as_deref(), config, &mut diags);
        let say = |key: String| i18n.translate(lang, &key, None).ok();
        let mut declared = Declared::default();
        for (form, spec) in &config.forms {
            if let Some(title) = say(format!("form-{form}-title")) {
                declared.titles.insert(form.clone(), title);
            }
            for field in &spec.fields {
                let at = format!("{form}/{}", field.name);
                if let Some(label) = say(format!("form-{form}-{}-label", field.name)) {
                    declared.labels.insert(at.clone(), label);
                }
                for option in &field.options {
                    if let Some(wording) = say(format!("form-{form}-{}-{option}", field.name)) {
                        declared.options.insert(format!("{at}/{option}"), wording);
                    }
                }
                match field.kind {
                    FieldType::Email => {
                        declared.emails.insert(at);
                    }
                    FieldType::Checkbox => {
                        declared.checkboxes.insert(at);
                    }
                    _ => {}
                }
            }
        }
        declared
    }

    /// The form's title, else its name.
    pub fn title(&self, form: &str) -> String {
        self.titles
            .get(form)
            .cloned()
            .unwrap_or_else(|| form.replace('_', " "))
    }

    /// The field's label, else its name.
    pub fn label(&self, form: &str, field: &str) -> String {
        self.labels
            .get(&format!("{form}/{field}"))
            .cloned()
            .unwrap_or_else(|| field.replace('_', " "))
    }

    /// A chosen option's wording, if it has one.
    pub fn option(&self, form: &str, field: &str, value: &str) -> Option<&str> {
        self.options
            .get(&format!("{form}/{field}/{value}"))
            .map(String::as_str)
    }

    pub fn is_email(&self, form: &str, field: &str) -> bool {
        self.emails.contains(&format!("{form}/{field}"))
    }

    pub fn is_checkbox(&self, form: &str, field: &str) -> bool {
        self.checkboxes.contains(&format!("{form}/{field}"))
    }
}

//! `praxis forms …`: the endpoint in production, and the practitioner's
//! side: reading, exporting and deleting submissions.

use std::io::Write;
use std::path::Path;

use jiff::{SignedDuration, Timestamp};

use super::{Failure, report};
use crate::cli::{ExportFormat, FormsArgs, FormsCommand};
use crate::config::Config;
use crate::forms::endpoint::database_path;
use crate::forms::store::{Store, Submission, decrypt, read_identity};

pub fn run(root: &Path, args: &FormsArgs) -> Result<(), Failure> {
    match &args.command {
        #[cfg(feature = "serve")]
        FormsCommand::Serve { bind, port } => crate::serve::forms_only::run(root, *bind, *port),
        FormsCommand::List { identity, form } => {
            let submissions = read_all(root, identity.as_deref(), form.as_deref())?;
            if submissions.is_empty() {
                outln!("no submissions");
            }
            for s in &submissions {
                let consent = s
                    .consent_at
                    .as_deref()
                    .map(|c| format!(", consent given {c}"))
                    .unwrap_or_default();
                outln!(
                    "#{} {} ({}) received {}{consent}",
                    s.id,
                    s.form,
                    s.lang.as_deref().unwrap_or("?"),
                    s.received_at
                );
                for (name, value) in &s.fields {
                    let value = value.replace('\n', "\n      ");
                    outln!("    {name}: {value}");
                }
                outln!();
            }
            Ok(())
        }
        FormsCommand::Export {
            identity,
            form,
            format,
            output,
        } => {
            let submissions = read_all(root, identity.as_deref(), form.as_deref())?;
            let text = match format {
                ExportFormat::Json => serde_json::to_string_pretty(&submissions)
                    .map_err(|e| fail(&format!("cannot write JSON: {e}")))?,
                ExportFormat::Csv => {
                    to_csv(&submissions).map_err(|e| fail(&format!("cannot write CSV: {e}")))?
                }
            };
            match output {
                Some(path) => std::fs::write(path, text)
                    .map_err(|e| fail(&format!("cannot write {}: {e}", path.display())))?,
                None => std::io::stdout()
                    .write_all(text.as_bytes())
                    .map_err(|e| fail(&e.to_string()))?,
            }
            Ok(())
        }
        FormsCommand::Purge { older_than, yes } => purge(root, older_than, *yes),
        FormsCommand::Keygen { output } => keygen(output),
    }
}

/// Deletes what is older than `older_than`; what arrived less than a day
/// ago only with `--yes`, since that is what a typo (`0d` for `90d`) would
/// take, and it may not have been read yet.
fn purge(root: &Path, older_than: &str, yes: bool) -> Result<(), Failure> {
    let age = parse_age(older_than).ok_or_else(|| {
        fail(&format!(
            "`{older_than}` is not an age like 90d, 12w or 48h"
        ))
    })?;
    let store = open_store(root)?;
    let now = Timestamp::now();
    let cutoff = now.checked_sub(age).unwrap_or(Timestamp::MIN);
    let day_ago = now - SignedDuration::from_hours(24);
    if !yes && cutoff > day_ago {
        let recent = store
            .count_between(day_ago, cutoff)
            .map_err(|e| fail(&e.to_string()))?;
        if recent > 0 {
            errln!(
                "error: --older-than {older_than} would delete {recent} submission{} received in the last day, which may not have been read yet\n   = help: add --yes if that is what you mean",
                plural(recent)
            );
            return Err(Failure::Errors);
        }
    }
    let deleted = store
        .purge_before(cutoff)
        .map_err(|e| fail(&e.to_string()))?;
    outln!(
        "deleted {deleted} submission{} received before {cutoff}",
        plural(deleted)
    );
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn fail(message: &str) -> Failure {
    errln!("error: {message}");
    Failure::Environment
}

fn open_store(root: &Path) -> Result<Store, Failure> {
    let config = Config::load(root).map_err(|d| {
        report(&d);
        Failure::Errors
    })?;
    let path = database_path(root, &config.submissions).map_err(|e| fail(&e))?;
    if !path.exists() {
        return Err(fail(&format!(
            "there is no database at {} yet: no form was ever submitted",
            path.display()
        )));
    }
    Store::open(&path).map_err(|e| fail(&e.to_string()))
}

/// Every submission, decrypted with the private key.
fn read_all(
    root: &Path,
    identity: Option<&Path>,
    form: Option<&str>,
) -> Result<Vec<Submission>, Failure> {
    let config = Config::load(root).map_err(|d| {
        report(&d);
        Failure::Errors
    })?;
    let key_file = match (identity, &config.submissions.identity) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(path)) => root.join(path),
        (None, None) => {
            return Err(fail(
                "pass the private key with --identity FILE (it is not on the server, and should not be)",
            ));
        }
    };
    let identity = read_identity(&key_file).map_err(|e| fail(&e.to_string()))?;
    let store = open_store(root)?;
    let rows = store.rows(form).map_err(|e| fail(&e.to_string()))?;
    rows.iter()
        .map(|row| decrypt(row, &identity).map_err(|e| fail(&e.to_string())))
        .collect()
}

/// CSV with a column per field; cells a spreadsheet would run as a formula
/// (starting with `= + - @`, a tab or a carriage return) are neutralised
/// with a leading apostrophe.
pub fn to_csv(submissions: &[Submission]) -> Result<String, csv::Error> {
    let mut columns: Vec<String> = Vec::new();
    for s in submissions {
        for (name, _) in &s.fields {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_owned(),
        "form".into(),
        "lang".into(),
        "received_at".into(),
        "consent_at".into(),
    ];
    header.extend(columns.iter().cloned());
    writer.write_record(header.iter().map(|c| neutralise(c)))?;
    for s in submissions {
        let mut record = vec![
            s.id.to_string(),
            s.form.clone(),
            s.lang.clone().unwrap_or_default(),
            s.received_at.clone(),
            s.consent_at.clone().unwrap_or_default(),
        ];
        for column in &columns {
            record.push(
                s.fields
                    .iter()
                    .find(|(n, _)| n == column)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            );
        }
        writer.write_record(record.iter().map(|c| neutralise(c)))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// `90d`, `12w`, `48h` into a duration.
fn parse_age(text: &str) -> Option<SignedDuration> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let n: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let hours = match unit {
        'h' => n,
        'd' => n * 24,
        'w' => n * 24 * 7,
        _ => return None,
    };
    (n >= 0).then(|| SignedDuration::from_hours(hours))
}

/// A new key pair: the private key to a file only its owner can read, the
/// public key to put in site.toml.
fn keygen(output: &Path) -> Result<(), Failure> {
    if output.exists() {
        return Err(fail(&format!(
            "{} already exists; keygen never overwrites a key",
            output.display()
        )));
    }
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public();
    use age::secrecy::ExposeSecret;
    let text = format!(
        "# praxis forms private key, created {}\n# public key: {public}\n# Keep this file off the server; `praxis forms list --identity {}` reads with it.\n{}\n",
        Timestamp::now(),
        output.display(),
        identity.to_string().expose_secret()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(output)
        .map_err(|e| fail(&format!("cannot write {}: {e}", output.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail(&e.to_string()))?;
    outln!(
        "private key written to {} (keep it off the server)",
        output.display()
    );
    outln!("put the public key in site.toml:\n\n[submissions]\npublic_key = \"{public}\"");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+32 470"), "'+32 470");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Anne"), "Anne");
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age("90d"), Some(SignedDuration::from_hours(90 * 24)));
        assert_eq!(parse_age("2w"), Some(SignedDuration::from_hours(14 * 24)));
        assert_eq!(parse_age("ninety"), None);
    }
}

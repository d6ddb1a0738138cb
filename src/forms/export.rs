//! `praxis forms export` and the inbox's download: submissions as CSV a
//! spreadsheet opens safely.

use super::store::Submission;
use crate::diagnostics::Help;

/// Why the submissions could not be written out in a format.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl Help for ExportError {}

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
}

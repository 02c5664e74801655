//! `brief check --format json`: one JSON object per line for each diagnostic, for
//! editors and CI. The field names and `code` values are a stable interface.

use std::path::Path;

use serde::Serialize;

use super::CheckReport;
use crate::diagnostics::Warning;
use crate::error::Error;

/// One diagnostic, as editors and CI read it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// "error" or "warning".
    pub severity: &'static str,
    /// The file it is about, when there is one.
    pub file: Option<String>,
    /// 1-based, when known.
    pub line: Option<usize>,
    /// 1-based, in characters, when known.
    pub column: Option<usize>,
    /// A stable name for the kind of problem, such as `unknown-ecosystem`.
    pub code: &'static str,
    pub message: String,
    /// What to do about it.
    pub suggestion: Option<String>,
}

impl From<&Error> for JsonDiagnostic {
    fn from(error: &Error) -> Self {
        let location = error.location();
        JsonDiagnostic {
            severity: "error",
            file: error.file().map(shown),
            line: location.map(|l| l.line),
            column: location.map(|l| l.column),
            code: error.code(),
            message: error.to_string(),
            suggestion: error.help(),
        }
    }
}

impl From<&Warning> for JsonDiagnostic {
    fn from(warning: &Warning) -> Self {
        let location = warning.location();
        let placed = !warning.whole_file();
        JsonDiagnostic {
            severity: "warning",
            file: Some(shown(&location.path)),
            line: placed.then_some(location.line),
            column: placed.then_some(location.column),
            code: warning.code(),
            message: warning.message(),
            suggestion: Some(warning.help()),
        }
    }
}

/// A path as the text report shows it: `./site.toml` is `site.toml`.
fn shown(path: &Path) -> String {
    crate::files::shown(path).display().to_string()
}

/// Every diagnostic of `report`, errors first, one JSON object a line.
pub fn lines(report: &CheckReport) -> String {
    let diagnostics = report
        .errors
        .iter()
        .map(JsonDiagnostic::from)
        .chain(report.warnings.iter().map(JsonDiagnostic::from));
    let mut text = String::new();
    for diagnostic in diagnostics {
        text.push_str(&serde_json::to_string(&diagnostic).expect("plain data serializes"));
        text.push('\n');
    }
    text
}

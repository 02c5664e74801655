//! Why the last change did not build, as the writer sees it: in the terminal, and in
//! the browser's overlay over the last good page. Made from the build's own `Error`s,
//! with `report`'s text (file:line:col, the line, a caret, what to do).

use crate::error::Error;
use crate::report;

/// Every error of a failed rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub items: Vec<ProblemItem>,
}

/// One error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemItem {
    /// `path:line:col`, when the error is in a file.
    pub place: Option<String>,
    /// The error in one line.
    pub message: String,
    /// The full report as the terminal shows it.
    pub report: String,
}

impl Problem {
    /// The errors in file and line order, each reported once.
    pub fn new<'a>(errors: impl IntoIterator<Item = &'a Error>) -> Problem {
        let mut sorted: Vec<&Error> = errors.into_iter().collect();
        sorted.sort_by_cached_key(|e| {
            e.location()
                .map(|l| (Some(l.path.clone()), l.line, l.column))
                .unwrap_or((None, 0, 0))
        });
        let mut sources = report::Sources::default();
        let mut items: Vec<ProblemItem> = sorted
            .into_iter()
            .map(|error| ProblemItem {
                place: error.location().map(|l| {
                    let path = crate::files::shown(&l.path);
                    format!("{}:{}:{}", path.display(), l.line, l.column)
                }),
                message: error.to_string(),
                report: sources.error(error),
            })
            .collect();
        items.dedup();
        Problem { items }
    }

    /// What the terminal prints.
    pub fn text(&self) -> String {
        let mut text: String = self.items.iter().map(|i| i.report.as_str()).collect();
        text.push_str(&format!(
            "error: the site did not rebuild ({}); still serving the last good site\n",
            crate::report::count(self.items.len(), "error", "errors")
        ));
        text
    }
}

//! Why the last change did not build, as the writer sees it: in the terminal, and in
//! the browser's overlay over the last good page. Made from the build's own `Error`s,
//! with `report`'s text (file:line:col, the line, a caret, what to do).

use crate::error::Error;
use crate::report;

/// Every error of a failed rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub items: Vec<ProblemItem>,
    /// Some file could not be read for want of file descriptors (too many connections,
    /// for one): nothing for the writer to fix, and the next try may well work.
    pub out_of_files: bool,
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
        let out_of_files = sorted.iter().any(|e| out_of_files(e));
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
        Problem {
            items,
            out_of_files,
        }
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

/// True when `error` comes down to the process, or the system, having too many files
/// open.
fn out_of_files(error: &Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && is_out_of_files(io)
        {
            return true;
        }
        cause = error.source();
    }
    false
}

#[cfg(unix)]
fn is_out_of_files(error: &std::io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

#[cfg(not(unix))]
fn is_out_of_files(_: &std::io::Error) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_read_that_ran_out_of_files_is_told_from_other_errors() {
        let read = |source| Error::Read {
            path: "content/a.md".into(),
            source,
        };
        let starved = read(std::io::Error::from_raw_os_error(libc::EMFILE));
        assert!(Problem::new([&starved]).out_of_files);
        let denied = read(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert!(!Problem::new([&denied]).out_of_files);
    }
}

//! Turns errors and warnings into the text a writer reads: `path:line:col: error: ...`,
//! the offending line with a caret under the spot (rustc style), and what to do.
//!
//! Reads the offending line from the file itself; the library's errors carry only facts.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostics::Warning;
use crate::error::{Error, Location};

/// An error as text, with its snippet and help when it has them.
pub fn error(error: &Error) -> String {
    diagnostic(
        "error",
        Level::ERROR,
        &error.to_string(),
        error.location(),
        error.help().as_deref(),
    )
}

/// A warning as text.
pub fn warning(warning: &Warning) -> String {
    diagnostic(
        "warning",
        Level::WARNING,
        &warning.message(),
        Some(warning.location()),
        Some(&warning.help()),
    )
}

/// A count and its noun in the right number: `1 briefing`, `2 briefings`, `0 companies`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn diagnostic(
    kind: &str,
    level: Level<'_>,
    message: &str,
    location: Option<&Location>,
    help: Option<&str>,
) -> String {
    let mut text = match location {
        Some(l) => format!(
            "{}:{}:{}: {kind}: {message}\n",
            shown(&l.path),
            l.line,
            l.column
        ),
        None => format!("{kind}: {message}\n"),
    };
    let line = location.and_then(|l| source_line(&l.path, l.line).map(|source| (l, source)));
    let mut groups = Vec::new();
    if let Some((location, source)) = &line {
        let start: usize = source
            .chars()
            .take(location.column - 1)
            .map(char::len_utf8)
            .sum();
        let start = start.min(source.len());
        let end: usize = start
            + source[start..]
                .chars()
                .take(location.width)
                .map(char::len_utf8)
                .sum::<usize>();
        let snippet = Snippet::source(source.as_str())
            .line_start(location.line)
            .annotation(AnnotationKind::Primary.span(start..end.max(start)));
        groups.push(Group::with_level(level.clone()).element(snippet));
    }
    if let Some(help) = help {
        groups.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    if !groups.is_empty() {
        text.push_str(&Renderer::plain().render(&groups));
        text.push('\n');
    }
    text
}

fn shown(path: &Path) -> String {
    crate::files::shown(path).display().to_string()
}

fn source_line(path: &Path, line: usize) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .nth(line.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r').to_string())
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(count(1, "briefing", "briefings"), "1 briefing");
        assert_eq!(count(1, "company", "companies"), "1 company");
        assert_eq!(count(0, "company", "companies"), "0 companies");
        assert_eq!(count(2, "file", "files"), "2 files");
    }
}

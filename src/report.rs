//! Turns errors and warnings into the text a writer reads: `path:line:col: error: ...`,
//! the offending line with a caret under the spot (rustc style), and what to do.
//!
//! Reads the offending line from the file itself; the library's errors carry only facts.
//! Everything it returns is safe to print: the writer's text (titles, tickers, paths)
//! cannot move the cursor, clear the screen or reorder a line in the writer's terminal.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostics::Warning;
use crate::error::{Error, Location};

/// An error as text, with its snippet and help when it has them.
pub fn error(error: &Error) -> String {
    Sources::default().error(error)
}

/// A warning as text.
pub fn warning(warning: &Warning) -> String {
    Sources::default().warning(warning)
}

/// The file that diagnostics point into, read once for all of them: reports come
/// sorted by file, so a file with 100,000 broken links is read once, not once for
/// each (which made reporting them quadratic).
#[derive(Default)]
pub struct Sources {
    last: Option<(PathBuf, Option<Source>)>,
}

/// A file's text and where each of its lines starts.
struct Source {
    text: String,
    starts: Vec<usize>,
}

impl Sources {
    /// An error as text, with its snippet and help when it has them.
    pub fn error(&mut self, error: &Error) -> String {
        self.diagnostic(
            "error",
            Level::ERROR,
            &error.to_string(),
            error.location(),
            error.help().as_deref(),
        )
    }

    /// A warning as text; one about a whole file or folder names it without a line.
    pub fn warning(&mut self, warning: &Warning) -> String {
        if warning.whole_file() {
            return terminal_safe(format!(
                "{}: warning: {}\n{}\n",
                shown(&warning.location().path),
                warning.message(),
                Renderer::plain().render(&[Group::with_title(
                    Level::HELP.secondary_title(warning.help())
                )])
            ));
        }
        self.diagnostic(
            "warning",
            Level::WARNING,
            &warning.message(),
            Some(warning.location()),
            Some(&warning.help()),
        )
    }

    /// Line `line` (1-based) of the file at `path`, without its line ending.
    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        if self.last.as_ref().is_none_or(|(last, _)| last != path) {
            let source = std::fs::read(path).ok().map(|bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Source { text, starts }
            });
            self.last = Some((path.to_path_buf(), source));
        }
        let source = self.last.as_ref()?.1.as_ref()?;
        let start = *source.starts.get(line.checked_sub(1)?)?;
        let end = source
            .starts
            .get(line)
            .map_or(source.text.len(), |next| next - 1);
        if start > end || (start == end && start == source.text.len()) {
            return None;
        }
        Some(source.text[start..end].trim_end_matches('\r').to_string())
    }

    fn diagnostic(
        &mut self,
        kind: &str,
        level: Level<'_>,
        message: &str,
        location: Option<&Location>,
        help: Option<&str>,
    ) -> String {
        terminal_safe(diagnostic(
            kind,
            level,
            message,
            location,
            help,
            location.and_then(|l| self.line(&l.path, l.line)),
        ))
    }
}

/// `text` with every character that a terminal would act on instead of showing
/// written out as `\u{1b}`: escape sequences (ESC), the other C0 and C1 controls
/// (a carriage return could hide a line under another), DEL, and the bidi overrides
/// that would show a line in another order than it is read. Newlines and tabs stay.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acted_on) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acted_on(c) {
            let _ = write!(safe, "{}", c.escape_unicode());
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

fn terminal_safe(text: String) -> String {
    match terminal(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(safe) => safe,
    }
}

fn acted_on(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
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
    source: Option<String>,
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
    let line = location.zip(source);
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
#[cfg(test)]
mod tests {
    use super::{count, terminal};

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(count(1, "briefing", "briefings"), "1 briefing");
        assert_eq!(count(1, "company", "companies"), "1 company");
        assert_eq!(count(0, "company", "companies"), "0 companies");
        assert_eq!(count(2, "file", "files"), "2 files");
    }

    #[test]
    fn terminal_controls_are_written_out() {
        assert_eq!(
            terminal("ticker `\u{1b}[2J` at\tline\n"),
            "ticker `\\u{1b}[2J` at\tline\n"
        );
        assert_eq!(
            terminal("a\rb\u{7}\u{7f}\u{9b}"),
            "a\\u{d}b\\u{7}\\u{7f}\\u{9b}"
        );
        assert_eq!(terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal("Zürich 中芯"), "Zürich 中芯");
    }
}

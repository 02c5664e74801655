//! The list of brief's own files, kept in the output as `.brief-manifest`.
//!
//! It lives inside the output rather than beside it so that it is swapped in with the
//! site it describes (the two can never disagree after a kill), travels with the folder
//! when it is moved, and needs nothing writable outside the output (a web server's
//! document root). One path per line, relative and `/`-separated, percent-encoded so
//! that any file name (a newline in it, bytes that are not UTF-8) reads back exactly.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, percent_encode};

/// The manifest's name in the output folder.
pub const NAME: &str = ".brief-manifest";

const HEADER: &str = "# Written by brief: the files of this folder that brief built. brief removes or\n# replaces only these, and never touches anything else in the folder.\n";

/// Bytes escaped in a line: controls (the newline among them), `%` itself, and every
/// byte that is not ASCII, so the file is plain text whatever the names are.
const ESCAPED: &AsciiSet = &CONTROLS.add(b'%').add(b'#');

/// The manifest's text for these paths, sorted so that it changes only when the set does.
pub fn text<'a>(paths: impl IntoIterator<Item = &'a Path>) -> String {
    let mut lines: Vec<String> = paths.into_iter().map(line).collect();
    lines.sort_unstable();
    let mut text = String::from(HEADER);
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn line(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| percent_encode(c.as_os_str().as_encoded_bytes(), ESCAPED).to_string())
        .collect();
    parts.join("/")
}

/// The paths a manifest lists. Lines that do not name a plain relative path (`..`, an
/// absolute path: a hand-edited or hostile manifest) are ignored, so a manifest can
/// never make brief touch anything outside the output.
pub fn parse(text: &str) -> HashSet<PathBuf> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('/'))
        .filter_map(|l| {
            let mut path = PathBuf::new();
            for part in l.split('/') {
                let bytes: Vec<u8> = percent_decode_str(part).collect();
                path.push(os_string(bytes)?);
            }
            let plain = path.components().next().is_some()
                && path.components().all(|c| matches!(c, Component::Normal(_)));
            plain.then_some(path)
        })
        .collect()
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> Option<OsString> {
    use std::os::unix::ffi::OsStringExt;
    Some(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> Option<OsString> {
    String::from_utf8(bytes).ok().map(OsString::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_file_name_reads_back_as_written() {
        let paths = [
            PathBuf::from("index.html"),
            PathBuf::from("2024/10/a b/index.html"),
            PathBuf::from("odd\nname%20#.txt"),
            PathBuf::from("größe/ünicode.png"),
        ];
        let text = text(paths.iter().map(PathBuf::as_path));
        assert_eq!(text.lines().filter(|l| !l.starts_with('#')).count(), 4);
        assert_eq!(parse(&text), paths.into_iter().collect());
    }

    #[test]
    fn lines_that_leave_the_output_are_ignored() {
        let parsed = parse("../etc/passwd\n/etc/passwd\na/%2E%2E/b\nok.html\n");
        assert_eq!(parsed, [PathBuf::from("ok.html")].into_iter().collect());
    }
}

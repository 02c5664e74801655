//! brief's own scanner for the languages in `lexicon`: one pass over the code, each
//! comment, string, number, keyword, constant, type, function name and key written
//! as a `<span>` with the classes the theme colours (`hl-comment`, `hl-string`, ...),
//! everything else as escaped text. It reads tokens, not grammar: good enough to
//! colour a snippet in a briefing, and a hundred times cheaper than a grammar.

use super::escape;
use super::lexicon::{Keys, Lexicon};

const COMMENT: &str = "hl-comment";
const STRING: &str = "hl-string";
const NUMBER: &str = "hl-constant hl-numeric";
const CONSTANT: &str = "hl-constant hl-language";
const KEYWORD: &str = "hl-keyword";
const TYPE: &str = "hl-support hl-type";
const NAMED_TYPE: &str = "hl-entity hl-name hl-type";
const FUNCTION: &str = "hl-entity hl-name hl-function";
const MACRO: &str = "hl-support hl-function";
const KEY: &str = "hl-entity hl-name hl-tag";
const SECTION: &str = "hl-entity hl-name hl-section";

/// `code` as HTML, its tokens in classed spans.
pub(super) fn highlight(lexicon: &Lexicon, code: &str) -> String {
    let mut scanner = Scanner {
        lexicon,
        code,
        bytes: code.as_bytes(),
        html: String::with_capacity(code.len() * 2),
        plain_from: 0,
        line_start: true,
    };
    scanner.run();
    scanner.html
}

struct Scanner<'a> {
    lexicon: &'a Lexicon,
    code: &'a str,
    bytes: &'a [u8],
    html: String,
    /// Where the text not yet written starts.
    plain_from: usize,
    /// Whether only blanks (and a YAML list's `-`) came since the line began: where a
    /// key or a TOML table may start.
    line_start: bool,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let mut at = 0;
        while at < self.bytes.len() {
            let byte = self.bytes[at];
            match self.token(at) {
                Some((end, class)) => {
                    self.emit(at, end, class);
                    at = end;
                    self.line_start = false;
                }
                None => {
                    match byte {
                        b'\n' => self.line_start = true,
                        b' ' | b'\t' | b'\r' => {}
                        b'-' if self.lexicon.keys == Keys::Colon => {}
                        _ => self.line_start = false,
                    }
                    at += 1;
                }
            }
        }
        self.flush(self.bytes.len());
    }

    /// The token at `at`, if one starts there: its end and its classes (None for a
    /// name that is not coloured, written as plain text).
    fn token(&self, at: usize) -> Option<(usize, Option<&'static str>)> {
        let rest = &self.code[at..];
        let byte = self.bytes[at];
        let lexicon = self.lexicon;
        let after_word = at > 0 && is_word(self.bytes[at - 1]);
        if let Some(end) = self.comment(at, rest) {
            return Some((end, Some(COMMENT)));
        }
        if lexicon.quotes.contains(&byte) {
            let end = self.string(at)?;
            let class = if self.is_key(end) { KEY } else { STRING };
            return Some((end, Some(class)));
        }
        if byte.is_ascii_digit() && !after_word {
            let end = self.number(at);
            // A ticker or a file name that starts with digits (`0981.HK`) is a word.
            let word = self.bytes.get(end) == Some(&b'.')
                && self
                    .bytes
                    .get(end + 1)
                    .is_some_and(|next| next.is_ascii_alphabetic());
            if word {
                let end = at
                    + self.bytes[at..]
                        .iter()
                        .position(|&b| !(is_word(b) || b == b'.'))
                        .unwrap_or(self.bytes.len() - at);
                return Some((end, None));
            }
            return Some((end, Some(NUMBER)));
        }
        if lexicon.keys == Keys::Equals && byte == b'[' && self.line_start {
            let end = rest.find('\n').map_or(self.bytes.len(), |n| at + n);
            let close = self.code[at..end].rfind(']')?;
            return Some((at + close + 1, Some(SECTION)));
        }
        if (byte.is_ascii_alphabetic() || byte == b'_') && !after_word {
            let mut end = at;
            while end < self.bytes.len() && self.is_name_byte(self.bytes[end]) {
                end += 1;
            }
            return Some((end, self.name(&self.code[at..end], end)));
        }
        None
    }

    /// The end of a comment starting at `at`, if one does.
    fn comment(&self, at: usize, rest: &str) -> Option<usize> {
        if let Some((open, close)) = self.lexicon.block_comment
            && rest.starts_with(open)
        {
            let end = rest[open.len()..]
                .find(close)
                .map_or(self.bytes.len(), |n| at + open.len() + n + close.len());
            return Some(end);
        }
        let marker = self
            .lexicon
            .line_comments
            .iter()
            .find(|marker| rest.starts_with(**marker))?;
        // A `#` inside a word or after `$` is not a comment (`$#`, `a#b`, `C#`).
        if *marker == "#" && at > 0 && !self.bytes[at - 1].is_ascii_whitespace() {
            return None;
        }
        Some(rest.find('\n').map_or(self.bytes.len(), |n| at + n))
    }

    /// The end of the string opened at `at`; None for a Rust lifetime.
    fn string(&self, at: usize) -> Option<usize> {
        let lexicon = self.lexicon;
        let quote = self.bytes[at];
        if lexicon.triple_quotes {
            let triple = [quote; 3];
            if self.bytes[at..].starts_with(&triple) {
                let body = at + 3;
                return Some(
                    self.code[body..]
                        .find(std::str::from_utf8(&triple).unwrap_or("\"\"\""))
                        .map_or(self.bytes.len(), |n| body + n + 3),
                );
            }
        }
        if lexicon.lifetimes && quote == b'\'' {
            return self.character(at);
        }
        let escapes = !lexicon.raw_quotes.contains(&quote);
        let multiline = lexicon.multiline_quotes.contains(&quote);
        let mut end = at + 1;
        while end < self.bytes.len() {
            match self.bytes[end] {
                b'\\' if escapes => end += 1,
                b'\n' if !multiline => return Some(end),
                byte if byte == quote => return Some(end + 1),
                _ => {}
            }
            end += 1;
        }
        Some(self.bytes.len().min(end))
    }

    /// The end of a Rust character (`'a'`, `'\n'`, `'é'`); None for a lifetime.
    fn character(&self, at: usize) -> Option<usize> {
        let rest = &self.code[at + 1..];
        let mut chars = rest.char_indices();
        let (_, first) = chars.next()?;
        if first == '\\' {
            let close = rest[1..].find('\'')?;
            return (close <= 10).then_some(at + 1 + 1 + close + 1);
        }
        let (close, after) = chars.next()?;
        (after == '\'').then_some(at + 1 + close + 1)
    }

    /// A number's end: digits, letters (`0x1f`, `10u32`, `1e9`), `_` and a `.` before
    /// a digit (not a range's `..`).
    fn number(&self, at: usize) -> usize {
        let mut end = at;
        while end < self.bytes.len() {
            let byte = self.bytes[end];
            let decimal_point = byte == b'.'
                && self
                    .bytes
                    .get(end + 1)
                    .is_some_and(|next| next.is_ascii_digit());
            if !(byte.is_ascii_alphanumeric() || byte == b'_' || decimal_point) {
                break;
            }
            end += 1;
        }
        end
    }

    fn is_name_byte(&self, byte: u8) -> bool {
        // A YAML or TOML key may hold dashes (`max-width`); a dash in code is a minus.
        is_word(byte) || (byte == b'-' && self.lexicon.keys != Keys::None)
    }

    /// The classes of the name ending at `end`.
    fn name(&self, name: &str, end: usize) -> Option<&'static str> {
        let lexicon = self.lexicon;
        if self.is_key(end) && (lexicon.keys == Keys::Equals || self.line_start) {
            return Some(KEY);
        }
        if lexicon.constants.contains(&name) {
            return Some(CONSTANT);
        }
        let is_keyword =
            |word: &str| lexicon.keywords.contains(&word) || lexicon.more_keywords.contains(&word);
        let keyword = if lexicon.any_case {
            is_keyword(&name.to_ascii_lowercase())
        } else {
            is_keyword(name)
        };
        if keyword {
            return Some(KEYWORD);
        }
        if lexicon.types.contains(&name) {
            return Some(TYPE);
        }
        let next = self.bytes.get(end).copied();
        if lexicon.macros
            && next == Some(b'!')
            && matches!(self.bytes.get(end + 1), Some(b'(' | b'[' | b'{'))
        {
            return Some(MACRO);
        }
        if next == Some(b'(') {
            return Some(FUNCTION);
        }
        if lexicon.capitalised_types && name.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Some(NAMED_TYPE);
        }
        None
    }

    /// Whether what ends at `end` is a key: followed, after blanks, by `:` then a blank
    /// or the line's end (YAML, JSON), or by a single `=` (TOML).
    fn is_key(&self, end: usize) -> bool {
        let rest = &self.bytes[end..];
        let next = rest.iter().position(|b| !matches!(b, b' ' | b'\t'));
        let Some(next) = next else {
            return false;
        };
        match self.lexicon.keys {
            Keys::None => false,
            Keys::Colon => {
                rest[next] == b':'
                    && rest
                        .get(next + 1)
                        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'"')
            }
            Keys::Equals => rest[next] == b'=' && rest.get(next + 1) != Some(&b'='),
        }
    }

    /// Writes the text before `start` as it is, then `start..end` in a span of `class`.
    fn emit(&mut self, start: usize, end: usize, class: Option<&str>) {
        let Some(class) = class else {
            return;
        };
        self.flush(start);
        self.html.push_str("<span class=\"");
        self.html.push_str(class);
        self.html.push_str("\">");
        self.html.push_str(&escape(&self.code[start..end]));
        self.html.push_str("</span>");
        self.plain_from = end;
    }

    fn flush(&mut self, until: usize) {
        if until > self.plain_from {
            self.html
                .push_str(&escape(&self.code[self.plain_from..until]));
            self.plain_from = until;
        }
    }
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::find;
    use super::*;

    fn html(language: &str, code: &str) -> String {
        highlight(find(language).expect(language), code)
    }

    #[test]
    fn comments_strings_keywords_numbers_and_names_get_classes() {
        assert_eq!(
            html(
                "rust",
                "// a <note>\nfn main() { let s: &str = \"a\\\"b\"; x(1.5) }\n"
            ),
            "<span class=\"hl-comment\">// a &lt;note&gt;</span>\n\
             <span class=\"hl-keyword\">fn</span> <span class=\"hl-entity hl-name hl-function\">main</span>() \
             { <span class=\"hl-keyword\">let</span> s: &amp;<span class=\"hl-support hl-type\">str</span> = \
             <span class=\"hl-string\">&quot;a\\&quot;b&quot;</span>; \
             <span class=\"hl-entity hl-name hl-function\">x</span>(<span class=\"hl-constant hl-numeric\">1.5</span>) }\n"
        );
    }

    #[test]
    fn a_rust_lifetime_is_not_a_string_but_a_character_is() {
        let code = html(
            "rust",
            "fn f<'a>(c: char) -> &'a str { if c == 'x' { \"\" } else { '\\n' } }",
        );
        assert!(code.contains("&amp;&#39;a <span"), "{code}");
        assert!(
            code.contains("<span class=\"hl-string\">&#39;x&#39;</span>"),
            "{code}"
        );
        assert!(
            code.contains("<span class=\"hl-string\">&#39;\\n&#39;</span>"),
            "{code}"
        );
        assert!(
            html("rust", "println!(\"{x}\")")
                .starts_with("<span class=\"hl-support hl-function\">println</span>!")
        );
    }

    #[test]
    fn keys_are_coloured_as_keys_in_yaml_json_and_toml() {
        assert_eq!(
            html("yaml", "moves:\n  - ticker: \"0981.HK\" # a note\n"),
            "<span class=\"hl-entity hl-name hl-tag\">moves</span>:\n  - \
             <span class=\"hl-entity hl-name hl-tag\">ticker</span>: \
             <span class=\"hl-string\">&quot;0981.HK&quot;</span> <span class=\"hl-comment\"># a note</span>\n"
        );
        assert!(html("json", "{\"close\": 79.1, \"up\": true}").starts_with(
            "{<span class=\"hl-entity hl-name hl-tag\">&quot;close&quot;</span>: \
             <span class=\"hl-constant hl-numeric\">79.1</span>, \
             <span class=\"hl-entity hl-name hl-tag\">&quot;up&quot;</span>: \
             <span class=\"hl-constant hl-language\">true</span>}"
        ));
        assert_eq!(
            html("toml", "[moves.smic]\nmax-up = { close = 7 }\n"),
            "<span class=\"hl-entity hl-name hl-section\">[moves.smic]</span>\n\
             <span class=\"hl-entity hl-name hl-tag\">max-up</span> = { \
             <span class=\"hl-entity hl-name hl-tag\">close</span> = \
             <span class=\"hl-constant hl-numeric\">7</span> }\n"
        );
    }

    #[test]
    fn sql_keywords_are_found_in_any_case_and_a_hash_inside_a_word_is_no_comment() {
        assert!(
            html("sql", "select 1 FROM t -- x").starts_with(
                "<span class=\"hl-keyword\">select</span> <span class=\"hl-constant hl-numeric\">1</span> \
                 <span class=\"hl-keyword\">FROM</span> t <span class=\"hl-comment\">-- x</span>"
            )
        );
        assert_eq!(
            html("bash", "grep 0981.HK 2>x"),
            "grep 0981.HK <span class=\"hl-constant hl-numeric\">2</span>&gt;x"
        );
        assert_eq!(
            html("bash", "echo $# 'a\\' # end"),
            "echo $# <span class=\"hl-string\">&#39;a\\&#39;</span> <span class=\"hl-comment\"># end</span>"
        );
    }

    #[test]
    fn a_string_left_open_ends_at_its_line_and_text_outside_ascii_is_kept_whole() {
        assert_eq!(
            html("python", "x = 'it\ny = \"é\" # ü\n"),
            "x = <span class=\"hl-string\">&#39;it</span>\ny = \
             <span class=\"hl-string\">&quot;é&quot;</span> <span class=\"hl-comment\"># ü</span>\n"
        );
        assert!(html("python", "\"\"\"Two\nlines.\"\"\"\n").starts_with(
            "<span class=\"hl-string\">&quot;&quot;&quot;Two\nlines.&quot;&quot;&quot;</span>"
        ));
        assert!(html("go", "s := `a\nb`").contains("<span class=\"hl-string\">`a\nb`</span>"));
    }
}

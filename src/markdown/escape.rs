//! Escaping text for HTML and XML, and the characters brief never publishes.
//!
//! Text pasted from a PDF or a terminal carries control characters and noncharacters:
//! XML 1.0 forbids them (one makes a whole feed unreadable) and HTML counts them as
//! parse errors. brief drops them from everything it writes (pages, feeds, sitemap)
//! rather than replacing them with U+FFFD: they were never visible text, so nothing a
//! reader should see is lost, and `check` names each file that has them. (A NUL in
//! Markdown text is already U+FFFD by then: CommonMark says so, and pulldown-cmark does.)

use std::borrow::Cow;

/// Whether brief keeps `c` out of what it publishes: the C0 control characters other
/// than tab, line feed and carriage return, DEL and the C1 controls (U+007F to U+009F),
/// and the noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF of every plane).
pub fn is_unpublishable(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
            | '\u{FDD0}'..='\u{FDEF}'
    ) || (c as u32 & 0xFFFE) == 0xFFFE
}

/// The length in bytes of an unpublishable character starting at `bytes[i]`, if one
/// does. Decided on bytes, so the common case (none at all) costs one comparison a byte.
fn unpublishable_at(bytes: &[u8], i: usize) -> Option<usize> {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | b'\r' => None,
        0x00..=0x1F | 0x7F => Some(1),
        // U+0080 to U+009F
        0xC2 if matches!(next(1), 0x80..=0x9F) => Some(2),
        // U+FDD0 to U+FDEF, U+FFFE, U+FFFF
        0xEF if (next(1) == 0xB7 && matches!(next(2), 0x90..=0xAF))
            || (next(1) == 0xBF && matches!(next(2), 0xBE | 0xBF)) =>
        {
            Some(3)
        }
        // U+1FFFE, U+1FFFF, ... U+10FFFF: the low four bits of the plane's second byte
        // are all set, then 0xBF and 0xBE or 0xBF.
        0xF0..=0xF4
            if next(1) & 0x0F == 0x0F && next(2) == 0xBF && matches!(next(3), 0xBE | 0xBF) =>
        {
            Some(4)
        }
        _ => None,
    }
}

/// Whether `byte` may start an unpublishable character. Branch-free, so that a scan
/// of a whole page runs in vector lanes: every page of every build goes through here.
fn may_start_one(byte: u8) -> bool {
    ((byte < 0x20) & (byte != b'\t') & (byte != b'\n') & (byte != b'\r'))
        | (byte == 0x7F)
        | (byte == 0xC2)
        | (byte == 0xEF)
        | (byte >= 0xF0)
}

/// The offset and length of every unpublishable character of `bytes`. Blocks of 64
/// bytes with no byte that may start one (almost all of them) are passed over whole.
fn found(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    const BLOCK: usize = 64;
    bytes
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| block.iter().fold(false, |any, &b| any | may_start_one(b)))
        .flat_map(move |(n, block)| {
            // A continuation byte never starts a match, so a character that straddles
            // two blocks is found once, from its first byte.
            let start = n * BLOCK;
            (start..start + block.len())
                .filter_map(move |i| unpublishable_at(bytes, i).map(|len| (i, len)))
        })
}

/// Every unpublishable character of `text`, with its byte offset.
pub fn unpublishable(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    found(text.as_bytes()).map(move |(i, _)| {
        let c = text[i..].chars().next().expect("a character starts here");
        (i, c)
    })
}

/// `text` without its unpublishable characters; borrowed when it has none.
pub fn publishable(text: &str) -> Cow<'_, str> {
    let mut kept: Option<String> = None;
    let mut plain_from = 0;
    for (i, len) in found(text.as_bytes()) {
        let out = kept.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[plain_from..i]);
        plain_from = i + len;
    }
    match kept {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[plain_from..]);
            Cow::Owned(out)
        }
    }
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// Escapes text for HTML or XML; with `xml`, also drops the unpublishable characters,
/// which XML 1.0 forbids. Copies runs of plain text whole: every page and feed goes
/// through here.
pub fn escape_with(text: &str, xml: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            _ => match xml.then(|| unpublishable_at(bytes, i)).flatten() {
                Some(len) => ("", len),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(replacement);
        i += len;
        plain_from = i;
    }
    out.push_str(&text[plain_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_markup_and_keeps_other_text_whole() {
        assert_eq!(
            escape("AT&T <Labs> \"x\" 'y' 中国"),
            "AT&amp;T &lt;Labs&gt; &quot;x&quot; &#39;y&#39; 中国"
        );
        assert_eq!(escape_with("a\u{c}b\u{1b}c\td\n", true), "abc\td\n");
        assert_eq!(escape_with("a\u{c}b", false), "a\u{c}b");
    }

    #[test]
    fn xml_escaping_drops_noncharacters_and_c1_controls() {
        assert_eq!(
            escape_with("a\u{FFFE}b\u{FFFF}c\u{85}d\u{FDD0}e\u{10FFFF}f&", true),
            "abcdef&amp;"
        );
        assert_eq!(
            escape_with("ＡＢ，\u{FFFD}\u{FEFF}", true),
            "ＡＢ，\u{FFFD}\u{FEFF}"
        );
    }

    #[test]
    fn the_byte_test_agrees_with_the_character_test_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(
                unpublishable_at(text.as_bytes(), 0).is_some(),
                is_unpublishable(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn characters_across_the_blocks_of_the_scan_are_found_once() {
        for at in 58..70 {
            let text = format!("{}\u{FFFF}{}\u{1}", "a".repeat(at), "b".repeat(70));
            let found: Vec<(usize, char)> = unpublishable(&text).collect();
            assert_eq!(found, [(at, '\u{FFFF}'), (at + 73, '\u{1}')], "at {at}");
            assert_eq!(
                publishable(&text),
                format!("{}{}", "a".repeat(at), "b".repeat(70))
            );
        }
    }

    #[test]
    fn publishable_text_is_borrowed_and_the_rest_loses_only_the_bad_characters() {
        assert!(matches!(publishable("plain 中国\t\n"), Cow::Borrowed(_)));
        assert_eq!(publishable("a\0b\u{2}c\u{FFFF}d"), "abcd");
        let found: Vec<(usize, char)> = unpublishable("ok\u{C}x\u{FFFE}").collect();
        assert_eq!(found, [(2, '\u{C}'), (4, '\u{FFFE}')]);
    }
}

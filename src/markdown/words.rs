//! Counting words for reading time, fast: every body of every build goes through here.

/// Words in a run of text, for reading time: the places where a word starts. Counted
/// on bytes, several times faster than decoding characters: other than in ASCII, only a
/// few characters are whitespace, and text that has one of them (rare) is decoded.
pub(super) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !text.is_ascii() && has_unicode_space(bytes) {
        return text.split_whitespace().count();
    }
    // ASCII's whitespace: the space, and tab through carriage return (9 to 13). Bytes
    // of other characters are never whitespace here, so they count as word bytes.
    let space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') < 5);
    let first = bytes.first().is_some_and(|&b| !space(b));
    let (before, at) = (bytes, &bytes[1.min(bytes.len())..]);
    // Summed in bytes, 255 pairs at a time, so the sum vectorises across 16 lanes.
    let starts: usize = before
        .chunks(255)
        .zip(at.chunks(255))
        .map(|(before, at)| {
            let starts = before
                .iter()
                .zip(at)
                .fold(0u8, |sum, (&b, &a)| sum + u8::from(space(b) & !space(a)));
            usize::from(starts)
        })
        .sum();
    usize::from(first) + starts
}

/// Whether UTF-8 text holds a whitespace character beyond ASCII (U+0085, U+00A0,
/// U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), by its bytes.
fn has_unicode_space(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &lead)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match lead {
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => matches!(
                (next(1), next(2)),
                (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
            ),
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnewline\x0bvertical\x0cfeed\rreturn",
            "中国 芯片\u{3000}rally",
            "ends with space ",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        for space in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let text = format!("’a{space}b—c ");
            assert_eq!(count_words(&text), 2, "U+{:04X}", space as u32);
        }
        assert_eq!(count_words("don’t — stop"), 3);
    }
}

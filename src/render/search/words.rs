//! The words of a briefing as the search index and the reader's script both cut them:
//! runs of letters and digits, in lower case. `search.js` cuts a query with the same
//! rule (`/[\p{Alphabetic}\p{N}]+/gu` on the lower-cased text), so a word found in a
//! briefing is the word a reader types. A leaf: it imports nothing of render.

/// Each word of `lower`, a text already in lower case: lower-casing first, as the
/// script does, matters where a capital becomes a letter and a mark (`İ`).
pub fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Inline elements: their tags join the text around them (`<em>chip</em>s` is
/// "chips"); every other tag separates words, as a browser shows `<td>1</td><td>2</td>`.
const INLINE: [&str; 16] = [
    "a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small",
    "span", "strong",
];

/// The text of a bit of HTML as a reader sees it: tags gone (block ones as spaces),
/// the content of `<script>`, `<style>` and headings' anchor links left out,
/// entities decoded, whitespace runs made one space.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    let mut hidden: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if hidden.is_none() {
            push_decoded(&mut text, &rest[..open]);
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            rest = after;
            break;
        };
        let tag = &after[..close];
        let closing = tag.starts_with('/');
        let name_of = tag.trim_start_matches('/');
        let end = name_of
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(name_of.len());
        // Compared without case rather than lower-cased: a page has thousands of tags.
        let name = &name_of[..end];
        let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
        match (hidden, closing) {
            (Some(inside), true) if is(inside) => hidden = None,
            (Some(_), _) => {}
            (None, false) if is("script") || is("style") => {
                hidden = Some(if is("script") { "script" } else { "style" });
            }
            // A heading's `#` link to itself, which is no part of the text.
            (None, false) if is("a") && tag.contains("class=\"anchor\"") => {
                hidden = Some("a");
            }
            (None, _) => {
                if !INLINE.iter().any(|inline| is(inline)) {
                    text.push(' ');
                }
            }
        }
        rest = &after[close + 1..];
    }
    if hidden.is_none() {
        push_decoded(&mut text, rest);
    }
    let mut one_space = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !one_space.is_empty() {
            one_space.push(' ');
        }
        one_space.push_str(word);
    }
    one_space
}

/// `text` with its character references decoded: the five that Markdown's HTML uses,
/// and numeric ones; any other is kept as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let reference = after.find(';').filter(|&end| end <= 10).map(|end| {
            let name = &after[..end];
            let decoded = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| name.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            (decoded, end)
        });
        match reference {
            Some((Some(c), end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits_in_lower_case() {
        let lower = "SMIC's 0981.HK rose 10.9% — Zürich, 中芯".to_lowercase();
        let found: Vec<&str> = words(&lower).collect();
        assert_eq!(
            found,
            [
                "smic", "s", "0981", "hk", "rose", "10", "9", "zürich", "中芯"
            ]
        );
    }

    #[test]
    fn block_tags_separate_words_and_inline_ones_do_not() {
        assert_eq!(
            text_of("<p>Chip<em>s</em> rose</p><table><tr><td>1</td><td>2</td></tr></table>"),
            "Chips rose 1 2"
        );
        assert_eq!(
            text_of("<h2 id=\"m\">Moves <a class=\"anchor\" href=\"#m\">#</a></h2><p>Up</p>"),
            "Moves Up"
        );
    }

    #[test]
    fn scripts_and_styles_are_not_text_and_references_are_decoded() {
        assert_eq!(
            text_of(
                "<p>A &amp; B &lt;c&gt; &#8364;5 &#x41; &bogus; x</p><script>var a = '<p>';</script><style>p{}</style>end"
            ),
            "A & B <c> €5 A &bogus; x end"
        );
    }
}

//! Cashtags: `$SMIC`, `$0981.HK`, `$huawei` in a briefing's text become links to the
//! company's page; everything else after a `$` (money: `$500 billion`, `$5.2bn`,
//! `$1,000`, `$.5`) is left as written.
//!
//! Pure rules: what a cashtag is, where it ends, and which text may hold one (`Prose`:
//! not code, a link, an image's description or raw HTML, followed event by event by
//! the body's and the summary's renderers). Whether a word names a company is asked of
//! the caller: the registry lives outside Markdown.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape;
use super::site_html::{Mark, Written};

/// The company a cashtag names, as its link is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    /// The company page's site path (`/companies/smic/`): the base URL's path prefix
    /// goes in front of it where a page is written, as for every link into the site.
    pub site_path: String,
    /// The company's name, for the link's title: `$0981.HK` alone does not say "SMIC".
    pub title: String,
}

/// What a word after `$` names: the caller's registry lookup, in any case.
pub type Lookup<'a> = dyn Fn(&str) -> Option<Linked> + 'a;

/// A `$` word that starts with a letter and names no company (`$NVDAA`): left as
/// written, and reported, since it is most likely a typo or a company to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Byte offset of its `$` in the text it was found in.
    pub offset: usize,
    /// The word as written, without the `$`.
    pub word: String,
}

/// A piece of text: prose, or a cashtag to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'t> {
    Text(&'t str),
    Cashtag { written: &'t str, linked: Linked },
}

/// Characters a ticker or company key is made of (`0981.HK`, `sk-hynix`, `BRK_B`).
fn in_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')
}

/// `text` in parts, cashtags apart, and the unregistered `$` words in it.
/// `escaped` says the writer wrote the `$` that starts `text` as `\$`, to keep it text.
pub fn split<'t>(text: &'t str, escaped: bool, lookup: &Lookup) -> (Vec<Part<'t>>, Vec<Unknown>) {
    let mut parts = Vec::new();
    let mut unknown = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find('$') {
        let at = from + found;
        from = at + 1;
        if at == 0 && escaped {
            continue;
        }
        // `US$5`, `A$MU` and `$$` are not cashtags: a `$` starts one only after a
        // space or punctuation.
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '$' || c == '_') {
            continue;
        }
        let rest = &text[at + 1..];
        let run = rest.bytes().take_while(|&b| in_word(b)).count();
        // A letter of another script right after is part of some other word.
        if rest[run..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // Punctuation that ends a sentence or a clause is not part of the tag: `$MU.`
        let word = rest[..run].trim_end_matches(['.', '-', '_']);
        if word.is_empty() {
            continue;
        }
        match named(word, lookup) {
            Some((length, linked)) => {
                let end = at + 1 + length;
                if copied < at {
                    parts.push(Part::Text(&text[copied..at]));
                }
                parts.push(Part::Cashtag {
                    written: &text[at..end],
                    linked,
                });
                copied = end;
                from = end;
            }
            None if word.as_bytes()[0].is_ascii_alphabetic() => {
                unknown.push(Unknown {
                    offset: at,
                    word: word.to_string(),
                });
                from = at + 1 + word.len();
            }
            // Money, or a number: `$500`, `$5.2bn`, `$.5`.
            None => from = at + 1 + word.len(),
        }
    }
    if copied < text.len() {
        parts.push(Part::Text(&text[copied..]));
    }
    (parts, unknown)
}

/// The longest start of `word`, whole or cut at a `.` or `-`, that names a company,
/// and how long it is: `$MU-linked` names `MU`, `$0981.HK` names `0981.HK`.
fn named(word: &str, lookup: &Lookup) -> Option<(usize, Linked)> {
    let mut candidate = word;
    loop {
        if let Some(linked) = lookup(candidate) {
            return Some((candidate.len(), linked));
        }
        let cut = candidate.rfind(['.', '-'])?;
        candidate = &candidate[..cut];
        if candidate.is_empty() {
            return None;
        }
    }
}

/// What a cashtag's link opens with, before the company page's site path.
const OPENING: &str = "<a class=\"cashtag\" href=\"";

/// The events that write `parts`: text as text, and each cashtag as one piece of HTML,
/// its link around its text (one event rather than three: every event passes through
/// each step of the Markdown's rendering), the link's site path marked for the base
/// URL's path prefix.
pub(super) fn events<'t>(parts: Vec<Part<'t>>) -> impl Iterator<Item = Written<'t>> {
    parts.into_iter().map(|part| match part {
        Part::Text(text) => Event::Text(CowStr::Borrowed(text)).into(),
        Part::Cashtag { written, linked } => {
            let (path, title) = (escape(&linked.site_path), escape(&linked.title));
            let written = escape(written);
            let mut html = String::with_capacity(
                OPENING.len() + path.len() + title.len() + written.len() + 15,
            );
            for piece in [
                OPENING,
                &path,
                "\" title=\"",
                &title,
                "\">",
                &written,
                "</a>",
            ] {
                html.push_str(piece);
            }
            Written {
                event: Event::InlineHtml(html.into()),
                mark: Mark::SitePathAfter(OPENING),
            }
        }
    })
}

/// Elements that have no end tag, so never hold text.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Follows which raw HTML elements are open, from one inline tag (`<abbr title="x">`,
/// `</abbr>`): text inside them is the writer's HTML, never a cashtag.
pub fn follow_elements(html: &str, open: &mut Vec<String>) {
    let html = html.trim();
    let name = |rest: &str| -> String {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase()
    };
    if html.starts_with("<!") || html.starts_with("<?") {
        return;
    }
    if let Some(rest) = html.strip_prefix("</") {
        let closed = name(rest);
        if let Some(at) = open.iter().rposition(|n| *n == closed) {
            open.truncate(at);
        }
    } else if let Some(rest) = html.strip_prefix('<') {
        let opened = name(rest);
        if !opened.is_empty() && !html.ends_with("/>") && !VOID.contains(&opened.as_str()) {
            open.push(opened);
        }
    }
}

/// Where the text a reader sees is prose, which cashtags may link: not inside a link
/// or an image's alt text (a link in a link is not HTML), a code block, or an element
/// of raw HTML, which is published as written.
#[derive(Default)]
pub struct Prose {
    links: usize,
    images: usize,
    code_blocks: usize,
    /// Raw HTML elements opened in this block and not closed yet.
    raw: Vec<String>,
}

impl Prose {
    pub fn follow(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Link { .. }) => self.links += 1,
            Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => self.code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => self.code_blocks = self.code_blocks.saturating_sub(1),
            Event::InlineHtml(html) => follow_elements(html, &mut self.raw),
            // Inline HTML left open ends with its block.
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::BlockQuote(_),
            ) => self.raw.clear(),
            _ => {}
        }
    }

    pub fn is_prose(&self) -> bool {
        self.links == 0 && self.images == 0 && self.code_blocks == 0 && self.raw.is_empty()
    }
}

/// Whether `text`, an event's text at `start` in `source`, starts with a `$` the writer
/// escaped (`\$MU`): the parser starts a new text after each escape.
pub fn is_escaped(source: &str, start: usize, text: &str) -> bool {
    let backslashes = source.as_bytes()[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    text.starts_with('$') && backslashes % 2 == 1
}

/// The byte offset in `written` (the source of a text event) of what is at `offset`
/// in `text` (the event's text): the same where the source has no escapes or entities,
/// else where `$word` is written.
pub fn in_source(written: &str, text: &str, offset: usize, word: &str) -> usize {
    if written == text {
        offset
    } else {
        written.find(&format!("${word}")).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A registry of SMIC (0981.HK, 688981.SS), Micron (MU), SK hynix (000660.KS, key
    /// `sk-hynix`) and Huawei (private, key `huawei`).
    fn registry(word: &str) -> Option<Linked> {
        let (key, name) = match word.to_uppercase().as_str() {
            "SMIC" | "0981.HK" | "688981.SS" => ("smic", "SMIC"),
            "MU" | "MICRON" => ("micron", "Micron Technology"),
            "SK-HYNIX" | "000660.KS" => ("sk-hynix", "SK hynix"),
            "HUAWEI" => ("huawei", "Huawei"),
            _ => return None,
        };
        Some(Linked {
            site_path: format!("/companies/{key}/"),
            title: name.to_string(),
        })
    }

    /// `text` with each cashtag shown as `[written→key]`, and the unknown words.
    fn tagged(text: &str) -> (String, Vec<String>) {
        let (parts, unknown) = split(text, false, &registry);
        let shown = parts
            .iter()
            .map(|part| match part {
                Part::Text(t) => t.to_string(),
                Part::Cashtag { written, linked } => format!(
                    "[{written}→{}]",
                    linked
                        .site_path
                        .trim_matches('/')
                        .trim_start_matches("companies/")
                ),
            })
            .collect();
        let words = unknown
            .iter()
            .map(|u| {
                assert_eq!(&text[u.offset..u.offset + 1], "$");
                u.word.clone()
            })
            .collect();
        (shown, words)
    }

    fn linked(text: &str) -> String {
        let (shown, unknown) = tagged(text);
        assert!(unknown.is_empty(), "{text}: {unknown:?}");
        shown
    }

    #[test]
    fn a_ticker_or_a_company_key_in_any_case_is_a_cashtag() {
        assert_eq!(linked("Buy $SMIC now"), "Buy [$SMIC→smic] now");
        assert_eq!(linked("$smic and $Smic"), "[$smic→smic] and [$Smic→smic]");
        assert_eq!(linked("$huawei"), "[$huawei→huawei]");
        assert_eq!(linked("$MU"), "[$MU→micron]");
        assert_eq!(linked("$mu"), "[$mu→micron]");
        assert_eq!(linked("$sk-hynix rose"), "[$sk-hynix→sk-hynix] rose");
    }

    #[test]
    fn a_ticker_with_a_dot_is_one_cashtag() {
        assert_eq!(linked("$0981.HK jumped"), "[$0981.HK→smic] jumped");
        assert_eq!(linked("$0981.hk"), "[$0981.hk→smic]");
        assert_eq!(linked("$688981.SS."), "[$688981.SS→smic].");
        assert_eq!(
            linked("$000660.KS, $MU"),
            "[$000660.KS→sk-hynix], [$MU→micron]"
        );
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_cashtag() {
        assert_eq!(linked("$MU."), "[$MU→micron].");
        assert_eq!(linked("$MU,"), "[$MU→micron],");
        assert_eq!(linked("($MU)"), "([$MU→micron])");
        assert_eq!(linked("$MU's outlook"), "[$MU→micron]'s outlook");
        assert_eq!(
            linked("$MU; $SMIC: $huawei!"),
            "[$MU→micron]; [$SMIC→smic]: [$huawei→huawei]!"
        );
        assert_eq!(linked("$MU... and"), "[$MU→micron]... and");
        assert_eq!(linked("$MU-linked names"), "[$MU→micron]-linked names");
        assert_eq!(linked("“$MU”"), "“[$MU→micron]”");
    }

    #[test]
    fn money_is_left_alone() {
        for money in [
            "$500 billion",
            "$5.2bn",
            "$1,000",
            "$.5",
            "a $20-a-share offer",
            "US$5 and HK$79.10",
            "$ 500",
            "$",
            "costs $$",
            "$5",
        ] {
            assert_eq!(tagged(money), (money.to_string(), vec![]), "{money}");
        }
    }

    #[test]
    fn an_unregistered_word_that_starts_with_a_letter_is_left_and_reported() {
        assert_eq!(
            tagged("$NVDAA rose, $MU too, and $TSMC."),
            (
                "$NVDAA rose, [$MU→micron] too, and $TSMC.".to_string(),
                vec!["NVDAA".to_string(), "TSMC".to_string()]
            )
        );
        // A `$` in a word is not a cashtag: nothing to report.
        assert_eq!(tagged("A$MU x_$AB"), ("A$MU x_$AB".to_string(), vec![]));
        // Nor is one run into a letter of another script.
        assert_eq!(tagged("$MUé"), ("$MUé".to_string(), vec![]));
    }

    #[test]
    fn an_escaped_dollar_starts_no_cashtag() {
        let (parts, unknown) = split("$NVDAA and $MU", true, &registry);
        assert_eq!(parts[0], Part::Text("$NVDAA and "));
        assert!(matches!(parts[1], Part::Cashtag { written: "$MU", .. }));
        assert!(unknown.is_empty());
    }

    #[test]
    fn raw_html_elements_are_followed_until_they_close() {
        let mut open = Vec::new();
        for tag in [
            "<abbr title=\"x\">",
            "<br>",
            "<img src=a.png>",
            "<b/>",
            "<!-- c -->",
        ] {
            follow_elements(tag, &mut open);
        }
        assert_eq!(open, ["abbr"]);
        follow_elements("<SPAN>", &mut open);
        follow_elements("</ABBR>", &mut open);
        assert!(
            open.is_empty(),
            "closing an outer element closes what it holds"
        );
    }

    #[test]
    fn a_cashtag_is_written_as_a_link_titled_with_the_company_name() {
        let (parts, _) = split("See $0981.HK.", false, &registry);
        let html = super::super::site_html::write(events(parts), 0);
        assert_eq!(
            html.at_site_root(),
            "See <a class=\"cashtag\" href=\"/companies/smic/\" title=\"SMIC\">$0981.HK</a>."
        );
        // Its company page's path takes the base URL's path prefix where it is written,
        // escaped as the rest of the tag.
        assert_eq!(
            html.write("/r&d", "/2026/10/rally/"),
            "See <a class=\"cashtag\" href=\"/r&amp;d/companies/smic/\" title=\"SMIC\">$0981.HK</a>."
        );
    }
}

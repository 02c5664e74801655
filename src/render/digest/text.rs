//! A briefing's HTML as plain text that reads on its own: paragraphs wrapped at 72
//! columns, lists with their markers, quotes with `> `, code kept as written, tables
//! as rows of cells, and every link as a footnote number (`the rally [3]`) whose
//! address the digest lists under the briefing.
//!
//! Reads the HTML with html5ever's tokenizer (entities decoded as a browser decodes
//! them) and writes as it goes; no tree is built, as the HTML is a briefing's body.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The width paragraphs are wrapped at, as plain-text email has them.
pub const WIDTH: usize = 72;

/// `html` as text, its links numbered from `first_note`, with the addresses of those
/// numbers in order. `page` is the briefing's own address: links to a place on it
/// (its footnotes) get no number, as the text has them already.
pub fn plain(html: &str, page: &str, first_note: usize) -> (String, Vec<String>) {
    let sink = Sink(RefCell::new(Writer {
        page: page.to_string(),
        first_note,
        ..Writer::default()
    }));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut writer = tokenizer.sink.0.into_inner();
    writer.flush();
    let text = writer.out.trim_end().to_string();
    (text, writer.notes)
}

struct Sink(RefCell<Writer>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut writer = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => writer.start(&tag),
                TagKind::EndTag => writer.end(&tag.name),
            },
            Token::CharacterTokens(text) => writer.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// A list being written: its marker for the next item.
#[derive(Debug)]
struct List {
    ordered: bool,
    next: usize,
}

#[derive(Debug, Default)]
struct Writer {
    page: String,
    first_note: usize,
    /// The text written so far, block by block.
    out: String,
    /// The block being read, whitespace collapsed; `\n` where a `<br>` is.
    inline: String,
    /// `> ` for each quote the text is in.
    quotes: usize,
    lists: Vec<List>,
    /// The marker of the list item whose first block comes next (`- `, `3. `).
    marker: Option<String>,
    /// Depth of elements whose text is not the briefing's (script, style, the
    /// footnotes' way back).
    skip: usize,
    /// Inside `<pre>`: its text as written.
    pre: Option<String>,
    heading: Option<char>,
    /// The open links: their address, and where their text starts in `inline`.
    links: Vec<(Option<String>, usize)>,
    notes: Vec<String>,
    /// Cells written in the current table row.
    cells: usize,
    /// A blank line is due before the next line: a table or a list starts.
    gap: bool,
}

fn attribute<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Writer {
    fn start(&mut self, tag: &Tag) {
        let name = &*tag.name;
        if self.skip > 0 {
            if !tag.self_closing && !is_void(name) {
                self.skip += 1;
            }
            return;
        }
        let class = attribute(tag, "class").unwrap_or_default();
        match name {
            "script" | "style" | "template" => self.skip = 1,
            "a" if class
                .split(' ')
                .any(|c| c == "footnote-backref" || c == "anchor") =>
            {
                self.skip = 1
            }
            // A footnote's number stays on the line of its text: `^1 Per the filing.`
            "p" if is_note_label(&self.inline) => self.space(),
            "table" => {
                self.flush();
                self.gap = true;
            }
            "p" | "div" | "section" | "article" | "header" | "footer" | "figure" | "figcaption"
            | "dl" | "dt" | "dd" | "thead" | "tbody" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = Some(if name == "h1" || name == "h2" {
                    '='
                } else {
                    '-'
                });
            }
            "blockquote" => {
                self.flush();
                self.quotes += 1;
            }
            "ul" | "ol" => {
                self.flush();
                self.gap |= self.lists.is_empty();
                let start = attribute(tag, "start").and_then(|s| s.parse().ok());
                self.lists.push(List {
                    ordered: name == "ol",
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(List {
                        ordered: true,
                        next,
                    }) => {
                        *next += 1;
                        format!("{}. ", *next - 1)
                    }
                    _ => "- ".to_string(),
                };
                self.marker = Some(marker);
            }
            "pre" => {
                self.flush();
                self.pre = Some(String::new());
            }
            "br" => self.inline.push('\n'),
            "hr" => {
                self.flush();
                self.block("* * *".to_string());
            }
            "tr" => {
                self.flush();
                self.cells = 0;
            }
            "td" | "th" => {
                if self.cells > 0 {
                    self.inline.push_str(" | ");
                }
                self.cells += 1;
            }
            "sup" => self.inline.push('^'),
            "input" if attribute(tag, "type") == Some("checkbox") => {
                let checked = tag.attrs.iter().any(|a| &*a.name.local == "checked");
                self.inline.push_str(if checked { "[x] " } else { "[ ] " });
            }
            "img" => {
                let alt = attribute(tag, "alt").unwrap_or_default().trim().to_string();
                self.space();
                self.inline.push_str(&if alt.is_empty() {
                    "(image)".to_string()
                } else {
                    format!("(image: {alt})")
                });
                if let Some(src) = attribute(tag, "src") {
                    let number = self.note(src);
                    self.inline.push_str(&format!(" [{number}]"));
                }
            }
            "a" => {
                let href = attribute(tag, "href").map(str::to_string);
                self.links.push((href, self.inline.len()));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            if !is_void(name) {
                self.skip -= 1;
            }
            return;
        }
        match name {
            "p" | "div" | "section" | "article" | "header" | "footer" | "figure" | "figcaption"
            | "dl" | "dt" | "dd" | "li" | "table" | "thead" | "tbody" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.flush(),
            "blockquote" => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            "pre" => {
                if let Some(code) = self.pre.take() {
                    let indented: Vec<String> = code
                        .trim_end_matches('\n')
                        .lines()
                        .map(|line| format!("    {line}").trim_end().to_string())
                        .collect();
                    self.block(indented.join("\n"));
                }
            }
            "tr" => {
                let row = std::mem::take(&mut self.inline);
                let row = row.split_whitespace().collect::<Vec<_>>().join(" ");
                if !row.is_empty() {
                    self.line(row);
                }
            }
            "a" => {
                let Some((href, start)) = self.links.pop() else {
                    return;
                };
                let Some(href) = href else { return };
                let shown = self.inline[start.min(self.inline.len())..].trim();
                let bare = href.strip_prefix("mailto:").unwrap_or(&href);
                let on_this_page =
                    href.starts_with('#') || href.starts_with(&format!("{}#", self.page));
                if shown == href || shown == bare || on_this_page || shown.is_empty() {
                    return;
                }
                let number = self.note(&href);
                self.inline.push_str(&format!(" [{number}]"));
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        if let Some(pre) = self.pre.as_mut() {
            pre.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.space();
            } else {
                self.inline.push(c);
            }
        }
    }

    /// One space, never two, and none at the start of a line.
    fn space(&mut self) {
        if !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
            self.inline.push(' ');
        }
    }

    /// The number of `url` among this text's notes, added if new.
    fn note(&mut self, url: &str) -> usize {
        let index = match self.notes.iter().position(|n| n == url) {
            Some(index) => index,
            None => {
                self.notes.push(url.to_string());
                self.notes.len() - 1
            }
        };
        self.first_note + index
    }

    /// Writes the block read so far, wrapped, under its list marker and quotes.
    fn flush(&mut self) {
        let inline = std::mem::take(&mut self.inline);
        let heading = self.heading.take();
        let lines: Vec<&str> = inline.split('\n').map(str::trim).collect();
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        let indent = self.lists.len().saturating_sub(1) * 3;
        let marker = self.marker.take();
        let hanging = marker.as_ref().map_or(0, |m| m.chars().count());
        let width = WIDTH
            .saturating_sub(indent + hanging + self.quotes * 2)
            .max(20);
        let mut wrapped: Vec<String> = Vec::new();
        for line in lines.iter().filter(|l| !l.is_empty()) {
            wrapped.extend(wrap(line, width));
        }
        if let Some(rule) = heading {
            let longest = wrapped.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            wrapped.push(rule.to_string().repeat(longest));
        }
        let text: Vec<String> = wrapped
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let lead = match (&marker, i) {
                    (Some(marker), 0) => marker.clone(),
                    _ => " ".repeat(hanging),
                };
                format!("{}{lead}{line}", " ".repeat(indent))
            })
            .collect();
        let in_list = !self.lists.is_empty();
        if in_list {
            self.line(text.join("\n"));
        } else {
            self.block(text.join("\n"));
        }
    }

    /// A block of text after a blank line.
    fn block(&mut self, text: String) {
        self.gap = true;
        self.line(text);
    }

    /// Lines right after the previous ones (list items, table rows), under the quotes.
    fn line(&mut self, text: String) {
        if std::mem::take(&mut self.gap) && !self.out.is_empty() {
            self.out.push('\n');
        }
        let quote = "> ".repeat(self.quotes);
        for line in text.lines() {
            self.out.push_str(format!("{quote}{line}").trim_end());
            self.out.push('\n');
        }
    }
}

/// `^1`: a footnote's number, alone before its text.
fn is_note_label(inline: &str) -> bool {
    inline
        .trim()
        .strip_prefix('^')
        .is_some_and(|n| !n.is_empty() && n.chars().all(char::is_alphanumeric))
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr" | "source" | "col" | "area"
    )
}

/// `line` in lines of at most `width` characters, broken between words; a word longer
/// than that (an address) stands on a line of its own.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let length = current.chars().count();
        if length > 0 && length + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://x.org/2025/10/rally/";

    fn text(html: &str) -> (String, Vec<String>) {
        plain(html, PAGE, 4)
    }

    #[test]
    fn links_become_numbered_notes_and_an_address_shown_as_text_needs_none() {
        let (text, notes) = text(
            "<p>SMIC <a href=\"https://x.org/companies/smic/\">jumped</a> after \
             <a href=\"https://x.org/a/\">the &amp; report</a>; see \
             <a href=\"https://x.org/companies/smic/\">SMIC</a> and \
             <a href=\"https://example.com/\">https://example.com/</a>.</p>",
        );
        assert_eq!(
            text,
            "SMIC jumped [4] after the & report [5]; see SMIC [4] and\nhttps://example.com/."
        );
        assert_eq!(notes, ["https://x.org/companies/smic/", "https://x.org/a/"]);
    }

    #[test]
    fn blocks_are_separated_lists_marked_quotes_prefixed_and_code_kept() {
        let (text, _) = text(
            "<h2 id=\"m\">The move</h2>\n<p>One\ntwo.</p>\n<ul>\n<li>first</li>\n<li>second</li>\n</ul>\n\
             <ol start=\"3\"><li><p>third</p></li></ol>\n<blockquote>\n<p>Quoted</p>\n</blockquote>\n\
             <pre><code>let a = 1;\n  b\n</code></pre>\n<p>Line<br>break</p>",
        );
        assert_eq!(
            text,
            "The move\n========\n\nOne two.\n\n- first\n- second\n\n3. third\n\n> Quoted\n\n    let a = 1;\n      b\n\nLine\nbreak"
        );
    }

    #[test]
    fn footnotes_of_the_page_get_no_number_and_their_way_back_is_dropped() {
        let (text, notes) = text(&format!(
            "<p>Up<sup class=\"footnote-reference\"><a href=\"{PAGE}#fn-a-1\">1</a></sup>.</p>\
             <div class=\"footnote-definition\"><sup class=\"footnote-definition-label\">1</sup>\
             <p>Per the filing. <a class=\"footnote-backref\" href=\"{PAGE}#fnref-a-1\">↩</a></p></div>"
        ));
        assert_eq!(text, "Up^1.\n\n^1 Per the filing.");
        assert!(notes.is_empty());
    }

    #[test]
    fn long_paragraphs_wrap_at_72_columns_between_words() {
        let words = "word ".repeat(30);
        let (text, _) = text(&format!("<p>{words}</p>"));
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert_eq!(text.split_whitespace().count(), 30);
    }

    #[test]
    fn tables_are_rows_of_cells() {
        let (text, _) = text(
            "<table><thead><tr><th>Ticker</th><th>Move</th></tr></thead>\
             <tbody><tr><td>0981.HK</td><td>▲ 10.9 %</td></tr></tbody></table>",
        );
        assert_eq!(text, "Ticker | Move\n0981.HK | ▲ 10.9 %");
    }
}

//! Text that another generator would have read as its own template syntax: Hugo's
//! shortcodes (`{{< figure src="/a.png" >}}`, `{{% notice %}}`), Zola's
//! (`{{ youtube(id="x") }}`, `{% quote() %}`), Jekyll's Liquid (`{% include x.html %}`,
//! `{{ page.title }}`). brief runs none of them: a site moved here keeps each one as
//! written, on the page, and the writer is told where each is, so what still needs
//! converting can be found.
//!
//! "As written" means byte for byte: Markdown would otherwise read parts of it (smart
//! punctuation makes `src="/a.png"` into `src=“/a.png”`, `{{<figure>}}` holds an HTML
//! tag, `_` starts emphasis), so the events inside one are replaced by its source text.
//! Inside code spans and code blocks it is code, shown as it is, and not reported.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

/// One piece of another generator's syntax in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// Byte range in the body, from the first brace to the last.
    pub range: Range<usize>,
    pub syntax: Syntax,
    /// The shortcode's, tag's or variable's name (`figure`, `include`, `page.title`).
    pub name: String,
}

/// Which generator's syntax it is, and what kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `{{< name ... >}}` or `{{% name ... %}}`.
    HugoShortcode,
    /// `{{ .Title }}`: a Go template action, which Hugo runs only in templates.
    HugoAction,
    /// `{{ name(args) }}`, `{% name(args) %}` ... `{% end %}`.
    ZolaShortcode,
    /// `{% include x %}`, `{% highlight %}`, `{% raw %}`.
    LiquidTag,
    /// `{{ page.title }}`, `{{ site.baseurl }}`, `{{ "x" | relative_url }}`.
    LiquidOutput,
}

impl Syntax {
    pub fn generator(self) -> &'static str {
        match self {
            Syntax::HugoShortcode | Syntax::HugoAction => "Hugo",
            Syntax::ZolaShortcode => "Zola",
            Syntax::LiquidTag | Syntax::LiquidOutput => "Jekyll",
        }
    }

    pub fn what(self) -> &'static str {
        match self {
            Syntax::HugoShortcode | Syntax::ZolaShortcode => "shortcode",
            Syntax::HugoAction => "template action",
            Syntax::LiquidTag => "Liquid tag",
            Syntax::LiquidOutput => "Liquid variable",
        }
    }
}

impl Foreign {
    /// What to write instead, in brief's own terms.
    pub fn advice(&self) -> &'static str {
        let name = self.name.trim_start_matches('/');
        match (self.syntax, name) {
            (_, "figure" | "img" | "image" | "resize_image") => {
                "write the image in Markdown: ![what it shows](/path/to/image.png \"caption\")"
            }
            (_, "highlight" | "endhighlight" | "code") => {
                "write a fenced code block: the language after ``` (```rust), the code, then ```"
            }
            (_, "ref" | "relref" | "post_url" | "link") => {
                "link to the Markdown file itself: [text](../2025/10/rally.md)"
            }
            (
                _,
                "youtube" | "vimeo" | "tweet" | "x" | "instagram" | "gist" | "twitter"
                | "streamable",
            ) => "link to it with [text](https://...): brief's pages load nothing from other hosts",
            (_, "include" | "include_relative") => "copy the text it includes into this file",
            (_, "raw" | "endraw") => "remove it: brief shows `{{` and `{%` as written",
            (Syntax::LiquidOutput | Syntax::HugoAction, _) => {
                "write the value itself: brief does not fill in variables in content"
            }
            _ => {
                "rewrite it as Markdown or HTML: brief does not run shortcodes or templates in content"
            }
        }
    }
}

/// The longest piece taken for one: a shortcode with a long caption fits, and an
/// unclosed `{{` does not swallow the rest of the file.
const LONGEST: usize = 2000;

/// Every piece of foreign syntax in `body`, in order, whether in code or not.
pub fn find(body: &str) -> Vec<Foreign> {
    let mut found = Vec::new();
    let bytes = body.as_bytes();
    let mut at = 0;
    while let Some(i) = body[at..].find('{').map(|i| i + at) {
        let Some(&next) = bytes.get(i + 1) else { break };
        let (close, after_open) = match (next, bytes.get(i + 2).copied()) {
            (b'{', Some(b'<')) => (">}}", i + 3),
            (b'{', Some(b'%')) => ("%}}", i + 3),
            (b'{', _) => ("}}", i + 2),
            (b'%', _) => ("%}", i + 2),
            _ => {
                at = i + 1;
                continue;
            }
        };
        let end = floor_char_boundary(body, (after_open + LONGEST).min(body.len()));
        let window = &body[after_open..end];
        match window.find(close) {
            Some(end) if !has_blank_line(&window[..end]) => {
                let inner = &window[..end];
                if let Some((syntax, name)) = classify(&body[i..after_open], inner) {
                    let range = i..after_open + end + close.len();
                    at = range.end;
                    found.push(Foreign {
                        range,
                        syntax,
                        name,
                    });
                    continue;
                }
                at = i + 1;
            }
            _ => at = i + 1,
        }
    }
    found
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `text` holds a whole line of nothing but spaces, which ends a paragraph.
fn has_blank_line(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    lines.len() > 2
        && lines[1..lines.len() - 1]
            .iter()
            .any(|line| line.trim().is_empty())
}

/// Which syntax `open` (`{{<`, `{{%`, `{{` or `{%`) and the text up to its closing
/// braces are, if they look like one at all (`{{ }}` and `{{1, 2}}` do not).
fn classify(open: &str, inner: &str) -> Option<(Syntax, String)> {
    // Hugo's and Liquid's whitespace control: `{{- x -}}`, `{%- x -%}`.
    let inner = inner
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let first = inner.chars().next()?;
    let word: String = inner
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '(' && *c != '|' && *c != '}')
        .collect();
    let call = inner[word.len()..].trim_start().starts_with('(');
    match open {
        "{{<" | "{{%" => {
            (first.is_alphabetic() || first == '/' || first == '_').then_some(())?;
            Some((Syntax::HugoShortcode, word))
        }
        "{%" => {
            first.is_alphabetic().then_some(())?;
            if call || word == "end" {
                Some((Syntax::ZolaShortcode, word))
            } else {
                Some((Syntax::LiquidTag, word))
            }
        }
        _ => {
            if first == '.' || first == '$' {
                Some((Syntax::HugoAction, word))
            } else if call && first.is_alphabetic() {
                Some((Syntax::ZolaShortcode, word))
            } else if first.is_alphabetic() || first == '"' || first == '\'' || first == '_' {
                Some((Syntax::LiquidOutput, word))
            } else {
                None
            }
        }
    }
}

/// An event, where it is in the body, and whether it is a piece of foreign syntax as
/// written (which nothing else reads: no cashtag is linked in it).
pub(super) type Followed<'a> = (Event<'a>, Range<usize>, bool);

/// Replaces the events inside each piece of foreign syntax with its source text,
/// as it reads the body's events in order.
pub(super) struct Literal<'b> {
    body: &'b str,
    found: Vec<Foreign>,
    /// Whether each piece is in code (not reported), and whether its text is out.
    in_code: Vec<bool>,
    written: Vec<bool>,
}

impl<'b> Literal<'b> {
    pub fn new(body: &'b str) -> Literal<'b> {
        // Most bodies have none: one scan for a brace decides.
        let found = if body.contains("{{") || body.contains("{%") {
            find(body)
        } else {
            Vec::new()
        };
        let n = found.len();
        Literal {
            body,
            found,
            in_code: vec![false; n],
            written: vec![false; n],
        }
    }

    /// The body's `events` as they are written.
    pub fn events<'l, I>(&'l mut self, events: I) -> Events<'l, 'b, I>
    where
        I: Iterator<Item = (Event<'b>, Range<usize>)>,
    {
        Events {
            inner: events,
            literal: self,
            queue: VecDeque::new(),
        }
    }

    /// The pieces not in code, to be reported.
    pub fn into_found(self) -> Vec<Foreign> {
        self.found
            .into_iter()
            .zip(self.in_code)
            .filter(|(_, in_code)| !in_code)
            .map(|(found, _)| found)
            .collect()
    }

    /// The piece that contains `offset`, if any.
    fn at(&self, offset: usize) -> Option<usize> {
        let i = self.found.partition_point(|f| f.range.start <= offset);
        (i > 0 && self.found[i - 1].range.contains(&offset)).then(|| i - 1)
    }

    /// `event` (found at `range`) as it is written: itself, or, inside a piece of
    /// foreign syntax, that piece's source text once and nothing after.
    fn follow(&mut self, event: Event<'b>, range: Range<usize>, out: &mut VecDeque<Followed<'b>>) {
        match &event {
            // Code shows its text as it is: a piece that starts in it is code.
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => {
                for (i, found) in self.found.iter().enumerate() {
                    if range.contains(&found.range.start) {
                        self.in_code[i] = true;
                    }
                }
                out.push_back((event, range, false));
            }
            // Text split at a piece's edges, when it reads as its source does.
            Event::Text(text) if **text == self.body[range.clone()] => {
                let mut from = range.start;
                while from < range.end {
                    match self.at(from) {
                        Some(i) if !self.in_code[i] => {
                            let piece = self.found[i].range.clone();
                            self.write(i, out);
                            from = piece.end.min(range.end);
                        }
                        _ => {
                            let next = self
                                .found
                                .iter()
                                .map(|f| f.range.start)
                                .find(|&start| start > from && start < range.end)
                                .unwrap_or(range.end);
                            out.push_back((
                                Event::Text(CowStr::Borrowed(&self.body[from..next])),
                                from..next,
                                false,
                            ));
                            from = next;
                        }
                    }
                }
            }
            // Raw HTML blocks are published as written already; the rest of what lies
            // wholly inside a piece (a smart quote, a tag, emphasis and its end) goes.
            Event::Html(_) => out.push_back((event, range, false)),
            _ => match self.at(range.start) {
                Some(i) if !self.in_code[i] && range.end <= self.found[i].range.end => {
                    self.write(i, out)
                }
                _ => out.push_back((event, range, false)),
            },
        }
    }

    /// Piece `i`'s source text, unless it is out already.
    fn write(&mut self, i: usize, out: &mut VecDeque<Followed<'b>>) {
        if !self.written[i] {
            self.written[i] = true;
            let range = self.found[i].range.clone();
            out.push_back((
                Event::Text(CowStr::Borrowed(&self.body[range.clone()])),
                range,
                true,
            ));
        }
    }
}

/// The events of a body, with its foreign syntax as written.
pub(super) struct Events<'l, 'b, I> {
    inner: I,
    literal: &'l mut Literal<'b>,
    queue: VecDeque<Followed<'b>>,
}

impl<'b, I> Iterator for Events<'_, 'b, I>
where
    I: Iterator<Item = (Event<'b>, Range<usize>)>,
{
    type Item = Followed<'b>;

    fn next(&mut self) -> Option<Followed<'b>> {
        loop {
            if let Some(followed) = self.queue.pop_front() {
                return Some(followed);
            }
            let (event, range) = self.inner.next()?;
            if self.literal.found.is_empty() {
                return Some((event, range, false));
            }
            self.literal.follow(event, range, &mut self.queue);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(Syntax, String, &str)> {
        find(body)
            .into_iter()
            .map(|f| (f.syntax, f.name, &body[f.range]))
            .collect()
    }

    #[test]
    fn each_generators_syntax_is_named() {
        let body = "a {{< figure src=\"/a.png\" >}} b {{% notice tip %}} c {{< /notice >}}\n\
                    {% include chart.html %} {{ page.title }} {{ site.baseurl | x }}\n\
                    {{ youtube(id=\"abc\") }} {% quote(author=\"A\") %} {% end %} {{ .Title }}";
        assert_eq!(
            kinds(body),
            [
                (
                    Syntax::HugoShortcode,
                    "figure".into(),
                    "{{< figure src=\"/a.png\" >}}"
                ),
                (Syntax::HugoShortcode, "notice".into(), "{{% notice tip %}}"),
                (Syntax::HugoShortcode, "/notice".into(), "{{< /notice >}}"),
                (
                    Syntax::LiquidTag,
                    "include".into(),
                    "{% include chart.html %}"
                ),
                (
                    Syntax::LiquidOutput,
                    "page.title".into(),
                    "{{ page.title }}"
                ),
                (
                    Syntax::LiquidOutput,
                    "site.baseurl".into(),
                    "{{ site.baseurl | x }}"
                ),
                (
                    Syntax::ZolaShortcode,
                    "youtube".into(),
                    "{{ youtube(id=\"abc\") }}"
                ),
                (
                    Syntax::ZolaShortcode,
                    "quote".into(),
                    "{% quote(author=\"A\") %}"
                ),
                (Syntax::ZolaShortcode, "end".into(), "{% end %}"),
                (Syntax::HugoAction, ".Title".into(), "{{ .Title }}"),
            ]
        );
    }

    #[test]
    fn braces_that_are_not_template_syntax_are_left_alone() {
        assert!(kinds("a set {1, 2}, a map {{1, 2}}, empty {{ }} and {%%}").is_empty());
        assert!(
            kinds("{{< figure\n\nsrc=\"a\" >}}").is_empty(),
            "a blank line ends it"
        );
        assert_eq!(
            kinds("{{< figure\n  src=\"a\" >}}").len(),
            1,
            "lines may continue it"
        );
        assert!(kinds("{{ unclosed").is_empty());
    }
}

//! Splitting a content file into front matter and body, and reading the front matter
//! (TOML or YAML) with the byte offset of every value in the whole file.
//!
//! Keeping offsets relative to the file, not the block, is what lets an error point
//! at the real line (Zola's point inside the block).

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as YamlSpanned;
use toml::Spanned as TomlSpanned;

use crate::schema::{self, WrittenKey};

pub mod loose;

/// The front matter's format, told by its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

impl Format {
    pub fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// The pieces of a content file, as byte ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: Format,
    /// Where the opening fence is: after a BOM and blank lines, if the file has them.
    pub fence_at: usize,
    /// The front matter's text, without its fences.
    pub front_matter: Range<usize>,
    /// Everything after the closing fence.
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with `+++` or `---`.
    NoFrontMatter,
    /// The opening fence, at `fence_at`, has no closing twin.
    Unclosed { format: Format, fence_at: usize },
}

/// Finds the front matter at the start of `text`: after an optional BOM and any blank
/// lines, as Hugo and Jekyll allow.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = loop {
        let line_end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        if line_end < text.len() && text[start..line_end].trim().is_empty() {
            start = line_end;
        } else {
            break line_end;
        }
    };
    let format = match text[start..first_line_end].trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => return Err(SplitError::NoFrontMatter),
    };
    let mut line_start = first_line_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        if text[line_start..line_end].trim_end() == format.fence() {
            return Ok(Split {
                format,
                fence_at: start,
                front_matter: first_line_end..line_start,
                body: line_end..text.len(),
            });
        }
        line_start = line_end;
    }
    Err(SplitError::Unclosed {
        format,
        fence_at: start,
    })
}

/// A front-matter value and the byte range of its text in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The front matter, format-independent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<Located<String>>,
    pub date: Option<Located<String>>,
    pub updated: Option<Located<String>>,
    pub summary: Option<Located<String>>,
    pub ecosystem: Option<Located<Vec<String>>>,
    pub tickers: Vec<Located<String>>,
    pub draft: bool,
    pub slug: Option<Located<String>>,
    /// The article's exact URL, as written (checked by `content::site_paths`).
    pub path: Option<Located<String>>,
    /// Old URLs that redirect to the article, as written.
    pub aliases: Vec<Located<String>>,
    pub author: Option<String>,
    pub kind: Option<Located<String>>,
    pub template: Option<Located<String>>,
    /// The picture for link previews of this article.
    pub image: Option<Located<String>>,
    /// `[moves]` as written, whatever its values: checked by `content::moves`.
    pub moves: Option<loose::Loose>,
    /// Every key as written, with file offsets, for the check against the known keys.
    pub keys: Vec<WrittenKey>,
}

/// Why front matter could not be read: a message and where, as a file byte offset or
/// (YAML) a 1-based line and column in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Toml {
        offset: usize,
        message: String,
    },
    Yaml {
        line: usize,
        column: usize,
        message: String,
    },
}

/// Reads the front matter of `text` at `split`.
pub fn parse(text: &str, split: &Split) -> Result<FrontMatter, ParseError> {
    let block = &text[split.front_matter.clone()];
    let base = split.front_matter.start;
    match split.format {
        Format::Toml => {
            let toml_error = |e: toml::de::Error| ParseError::Toml {
                offset: base + e.span().map_or(0, |s| s.start),
                message: e.message().trim().to_string(),
            };
            // Parsed once: the keys are read from the document, then the values.
            let document = toml::de::DeTable::parse(block).map_err(toml_error)?;
            let keys = schema::toml_keys(document.get_ref());
            let moves = loose::from_toml(document.get_ref(), "moves", base);
            let raw =
                RawToml::deserialize(toml::de::Deserializer::from(document)).map_err(toml_error)?;
            Ok(raw.into_front_matter(block, base, keys, moves))
        }
        Format::Yaml => {
            let lines_before = text[..base].matches('\n').count();
            let yaml_error = |e: serde_saphyr::Error| {
                let (line, column) = e
                    .location()
                    .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
                ParseError::Yaml {
                    line: lines_before + line,
                    column,
                    message: yaml_message(&e),
                }
            };
            let raw: RawYaml =
                serde_saphyr::from_str_with_options(block, yaml_options()).map_err(yaml_error)?;
            let keys: YamlKeys =
                serde_saphyr::from_str_with_options(block, yaml_options()).map_err(yaml_error)?;
            let moves = loose::from_yaml(block, base).map_err(yaml_error)?;
            Ok(raw.into_front_matter(block, base, keys.into_written(block), moves))
        }
    }
}

/// How front matter's YAML is read: a `.nan` (in `[moves]`) is a bad value that brief
/// reports with the others, not the end of the read.
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    }
}

/// The keys of a YAML mapping, each with its spanned name and, for a nested mapping,
/// its keys; every other value is skipped.
struct YamlKeys(Vec<(YamlSpanned<String>, YamlKeys)>);

impl YamlKeys {
    fn into_written(self, block: &str) -> Vec<WrittenKey> {
        self.0
            .into_iter()
            .map(|(name, table)| WrittenKey {
                span: name.block_span(block),
                name: name.value,
                table: table.into_written(block),
            })
            .collect()
    }
}

impl<'de> Deserialize<'de> for YamlKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = YamlKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(name) = map.next_key::<YamlSpanned<String>>()? {
                    keys.push((name, map.next_value::<YamlKeys>()?));
                }
                Ok(YamlKeys(keys))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlKeys, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlKeys, D::Error> {
                YamlKeys::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<YamlKeys, E> {
                Ok(YamlKeys(Vec::new()))
            }
        }
        deserializer.deserialize_any(KeysVisitor)
    }
}

/// serde-saphyr's message without the position it appends, which brief prints itself.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let text = error.render_with_options(options);
    let text = text.lines().next().unwrap_or_default();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// The byte range of a spanned value within the front-matter block.
pub(crate) trait BlockSpan {
    fn block_span(&self, block: &str) -> Range<usize>;
}

impl<T> BlockSpan for toml::Spanned<T> {
    fn block_span(&self, _: &str) -> Range<usize> {
        self.span()
    }
}

impl<T> BlockSpan for serde_saphyr::Spanned<T> {
    fn block_span(&self, block: &str) -> Range<usize> {
        let location = &self.referenced;
        let span = location.span();
        match span.byte_offset() {
            Some(start) => start as usize..(start + span.byte_len().unwrap_or(1)) as usize,
            None => {
                let start = offset_of(block, location.line() as usize, location.column() as usize);
                start..start + 1
            }
        }
    }
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// The two raw mirrors differ only in their span wrapper, so one macro writes both.
macro_rules! raw_front_matter {
    ($name:ident, $spanned:ident) => {
        #[derive(Deserialize)]
        struct $name {
            title: Option<$spanned<String>>,
            date: Option<$spanned<DateText>>,
            updated: Option<$spanned<DateText>>,
            summary: Option<$spanned<String>>,
            ecosystem: Option<$spanned<OneOrMany>>,
            #[serde(default)]
            tickers: Vec<$spanned<String>>,
            #[serde(default)]
            draft: bool,
            slug: Option<$spanned<String>>,
            path: Option<$spanned<String>>,
            #[serde(default)]
            aliases: Vec<$spanned<String>>,
            author: Option<String>,
            kind: Option<$spanned<String>>,
            template: Option<$spanned<String>>,
            image: Option<$spanned<String>>,
        }

        impl $name {
            fn into_front_matter(
                self,
                block: &str,
                base: usize,
                keys: Vec<WrittenKey>,
                moves: Option<loose::Loose>,
            ) -> FrontMatter {
                FrontMatter {
                    title: self.title.map(|v| located(v, block, base, |s| s)),
                    date: self.date.map(|v| located(v, block, base, |d| d.0)),
                    updated: self.updated.map(|v| located(v, block, base, |d| d.0)),
                    summary: self.summary.map(|v| located(v, block, base, |s| s)),
                    ecosystem: self.ecosystem.map(|v| located(v, block, base, |e| e.0)),
                    tickers: self
                        .tickers
                        .into_iter()
                        .map(|v| located(v, block, base, |s| s))
                        .collect(),
                    draft: self.draft,
                    slug: self.slug.map(|v| located(v, block, base, |s| s)),
                    path: self.path.map(|v| located(v, block, base, |s| s)),
                    aliases: self
                        .aliases
                        .into_iter()
                        .map(|v| located(v, block, base, |s| s))
                        .collect(),
                    author: self.author,
                    kind: self.kind.map(|v| located(v, block, base, |s| s)),
                    template: self.template.map(|v| located(v, block, base, |s| s)),
                    image: self.image.map(|v| located(v, block, base, |s| s)),
                    moves,
                    keys: in_file(keys, base),
                }
            }
        }
    };
}

raw_front_matter!(RawToml, TomlSpanned);
raw_front_matter!(RawYaml, YamlSpanned);

trait IntoValue<T> {
    fn into_value(self) -> T;
}

impl<T> IntoValue<T> for toml::Spanned<T> {
    fn into_value(self) -> T {
        self.into_inner()
    }
}

impl<T> IntoValue<T> for serde_saphyr::Spanned<T> {
    fn into_value(self) -> T {
        self.value
    }
}

/// Keys with block offsets moved to file offsets.
fn in_file(keys: Vec<WrittenKey>, base: usize) -> Vec<WrittenKey> {
    keys.into_iter()
        .map(|key| WrittenKey {
            name: key.name,
            span: base + key.span.start..base + key.span.end,
            table: in_file(key.table, base),
        })
        .collect()
}

fn located<S, T, U>(spanned: S, block: &str, base: usize, map: impl Fn(T) -> U) -> Located<U>
where
    S: BlockSpan + IntoValue<T>,
{
    let span = spanned.block_span(block);
    let span = base + span.start..base + span.end;
    Located {
        value: map(spanned.into_value()),
        span,
    }
}

/// A date as written: a TOML date or datetime, or a string (YAML, or quoted TOML).
/// Checked later, so a bad date is reported with its position.
struct DateText(String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2026-10-02 or 2026-10-02T09:30:00+08:00")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateText, A::Error> {
                let datetime =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(DateText(datetime.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// `ecosystem = "china"` or `ecosystem = ["china", "us"]`.
struct OneOrMany(Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an ecosystem key or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<String>()? {
                    keys.push(key);
                }
                Ok(OneOrMany(keys))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_toml_and_yaml_blocks_and_the_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.format, Format::Toml);
        assert_eq!(&text[split.front_matter.clone()], "title = \"A\"\n");
        assert_eq!(&text[split.body.clone()], "Body\n");
        let yaml = "---\r\ntitle: A\r\n---\r\nBody";
        assert_eq!(super::split(yaml).unwrap().format, Format::Yaml);
    }

    #[test]
    fn split_reports_missing_and_unclosed_front_matter() {
        assert_eq!(split("# Just markdown\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(
            split("+++\ntitle = 1\n"),
            Err(SplitError::Unclosed {
                format: Format::Toml,
                fence_at: 0
            })
        );
        assert_eq!(
            split("\n+++\ntitle = 1\n"),
            Err(SplitError::Unclosed {
                format: Format::Toml,
                fence_at: 1
            })
        );
    }

    #[test]
    fn blank_lines_and_a_bom_before_the_opening_fence_are_allowed() {
        for text in [
            "\n+++\ntitle = \"A\"\n+++\nBody\n",
            "\n\n  \r\n\t\n+++\ntitle = \"A\"\n+++\nBody\n",
            "\u{feff}\n+++\ntitle = \"A\"\n+++\nBody\n",
        ] {
            let split = split(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(&text[split.front_matter.clone()], "title = \"A\"\n");
            assert_eq!(&text[split.body.clone()], "Body\n");
            assert_eq!(&text[split.fence_at..split.fence_at + 3], "+++");
        }
        let yaml = "\r\n---\r\ntitle: A\r\n---\r\n";
        assert_eq!(super::split(yaml).unwrap().format, Format::Yaml);
        assert_eq!(
            split("\n\n# Just markdown\n"),
            Err(SplitError::NoFrontMatter)
        );
        assert_eq!(split("\n\n"), Err(SplitError::NoFrontMatter));
    }

    #[test]
    fn toml_values_keep_their_offsets_in_the_file() {
        let text = "+++\ntitle = \"Rally\"\nticker = 1\ntickers = [\"MU\"]\n+++\n";
        let fm = parse(text, &split(text).unwrap()).unwrap();
        let title = fm.title.unwrap();
        assert_eq!(&text[title.span.clone()], "\"Rally\"");
        assert_eq!(&text[fm.tickers[0].span.clone()], "\"MU\"");
    }

    #[test]
    fn toml_dates_and_strings_both_read_as_date_text() {
        let text = "+++\ndate = 2026-10-02T09:30:00+08:00\nupdated = \"2026-10-03\"\necosystem = \"china\"\n+++\n";
        let fm = parse(text, &split(text).unwrap()).unwrap();
        assert_eq!(fm.date.unwrap().value, "2026-10-02T09:30:00+08:00");
        assert_eq!(fm.updated.unwrap().value, "2026-10-03");
        assert_eq!(fm.ecosystem.unwrap().value, vec!["china".to_string()]);
    }

    #[test]
    fn toml_errors_point_into_the_file_not_the_block() {
        let text = "+++\ntitle = \"A\"\ndate = 2026-13-45\n+++\n";
        let Err(ParseError::Toml { offset, .. }) = parse(text, &split(text).unwrap()) else {
            panic!("expected a TOML error");
        };
        assert!(offset >= text.find("date").unwrap(), "offset {offset}");
    }

    #[test]
    fn yaml_front_matter_reads_the_same_keys_with_file_lines() {
        let text =
            "---\ntitle: Rally\ndate: 2026-10-02\necosystem: [china, us]\ntickers: [MU]\n---\nBody";
        let fm = parse(text, &split(text).unwrap()).unwrap();
        assert_eq!(fm.title.unwrap().value, "Rally");
        assert_eq!(fm.date.unwrap().value, "2026-10-02");
        assert_eq!(
            fm.ecosystem.unwrap().value,
            vec!["china".to_string(), "us".to_string()]
        );
        let bad = "---\ntitle: Rally\ntickers: [MU\n---\n";
        let Err(ParseError::Yaml { line, .. }) = parse(bad, &split(bad).unwrap()) else {
            panic!("expected a YAML error");
        };
        assert!(line >= 3, "line {line}");
    }

    #[test]
    fn every_key_is_kept_with_its_offset_in_the_file_in_both_formats() {
        let names = |keys: &[WrittenKey], text: &str| -> Vec<(String, String)> {
            keys.iter()
                .flat_map(|k| std::iter::once(k).chain(&k.table))
                .map(|k| (k.name.clone(), text[k.span.clone()].to_string()))
                .collect()
        };
        let toml = "+++\ntitle = \"A\"\ndrafts = true\n[extra]\nmood = 1\n+++\n";
        let fm = parse(toml, &split(toml).unwrap()).unwrap();
        let mut found = names(&fm.keys, toml);
        found.sort();
        assert_eq!(
            found,
            [
                ("drafts".into(), "drafts".into()),
                ("extra".into(), "extra".into()),
                ("mood".into(), "mood".into()),
                ("title".into(), "title".into()),
            ]
        );
        let yaml = "---\ntitle: A\ndrafts: true\nextra:\n  mood: 1\n---\n";
        let fm = parse(yaml, &split(yaml).unwrap()).unwrap();
        let found: Vec<(String, usize)> = fm
            .keys
            .iter()
            .flat_map(|k| std::iter::once(k).chain(&k.table))
            .map(|k| (k.name.clone(), k.span.start))
            .collect();
        assert_eq!(
            found,
            [
                ("title".into(), yaml.find("title").unwrap()),
                ("drafts".into(), yaml.find("drafts").unwrap()),
                ("extra".into(), yaml.find("extra").unwrap()),
                ("mood".into(), yaml.find("mood").unwrap()),
            ]
        );
    }
}

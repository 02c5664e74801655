//! A front-matter value read whatever its type, with where it is written in the file.
//!
//! `[moves]` is checked by brief, not by serde: a value of the wrong type must be one
//! error among all the others of the table, at its own line, rather than the end of
//! the read. TOML values come from the parsed document, YAML ones from a visitor that
//! accepts anything; both become the same `Loose` tree.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as YamlSpanned;
use toml::Spanned as TomlSpanned;
use toml::de::DeValue;

use super::{BlockSpan, Located};

/// A value and the byte range of its text in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose {
    pub value: Value,
    pub span: Range<usize>,
}

/// What a value is, as far as brief checks values it reads loosely.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer or a float, in either format; `nan` and `inf` included.
    Number(f64),
    String(String),
    /// A TOML date or datetime, as written (YAML has none: it writes dates as strings).
    Datetime(String),
    Boolean(bool),
    /// Keys with their spans, in the order written.
    Table(Vec<(Located<String>, Loose)>),
    List,
    /// YAML's `~`, or a key without a value.
    Null,
}

impl Value {
    /// What the writer wrote, in a message's words.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Datetime(_) => "a date",
            Value::Boolean(_) => "a boolean",
            Value::Table(_) => "a table",
            Value::List => "a list",
            Value::Null => "nothing",
        }
    }
}

/// The value of `key` in a parsed TOML document, with spans moved to file offsets.
pub fn from_toml(document: &toml::de::DeTable, key: &str, base: usize) -> Option<Loose> {
    document.get(key).map(|value| toml_value(value, base))
}

fn toml_value(spanned: &TomlSpanned<DeValue>, base: usize) -> Loose {
    let value = match spanned.get_ref() {
        DeValue::Integer(integer) => Value::Number(
            i128::from_str_radix(integer.as_str(), integer.radix()).map_or(f64::NAN, |i| i as f64),
        ),
        DeValue::Float(float) => Value::Number(float.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(datetime) => Value::Datetime(datetime.to_string()),
        DeValue::Array(_) => Value::List,
        DeValue::Table(table) => {
            let mut entries: Vec<(Located<String>, Loose)> = table
                .iter()
                .map(|(key, value)| {
                    let span = key.span();
                    let key = Located {
                        value: key.get_ref().to_string(),
                        span: base + span.start..base + span.end,
                    };
                    (key, toml_value(value, base))
                })
                .collect();
            // The document keeps its keys sorted; errors read best in the order written.
            entries.sort_by_key(|(key, _)| key.span.start);
            Value::Table(entries)
        }
    };
    let span = spanned.span();
    Loose {
        value,
        span: base + span.start..base + span.end,
    }
}

/// The value of `moves` in a YAML block, with spans moved to file offsets; None when
/// the block has no such key.
pub fn from_yaml(block: &str, base: usize) -> Result<Option<Loose>, serde_saphyr::Error> {
    #[derive(Deserialize)]
    struct Moves {
        moves: Option<YamlSpanned<YamlLoose>>,
    }
    let read: Moves = serde_saphyr::from_str_with_options(block, super::yaml_options())?;
    Ok(read.moves.map(|spanned| yaml_value(spanned, block, base)))
}

/// A YAML value of any type; its table's keys and values keep their spans.
enum YamlLoose {
    Number(f64),
    String(String),
    Boolean(bool),
    Table(Vec<(YamlSpanned<String>, YamlSpanned<YamlLoose>)>),
    List,
    Null,
}

fn yaml_value(spanned: YamlSpanned<YamlLoose>, block: &str, base: usize) -> Loose {
    let span = spanned.block_span(block);
    let value = match spanned.value {
        YamlLoose::Number(n) => Value::Number(n),
        YamlLoose::String(s) => Value::String(s),
        YamlLoose::Boolean(b) => Value::Boolean(b),
        YamlLoose::List => Value::List,
        YamlLoose::Null => Value::Null,
        YamlLoose::Table(entries) => Value::Table(
            entries
                .into_iter()
                .map(|(key, value)| {
                    let span = key.block_span(block);
                    let key = Located {
                        value: key.value,
                        span: base + span.start..base + span.end,
                    };
                    (key, yaml_value(value, block, base))
                })
                .collect(),
        ),
    };
    Loose {
        value,
        span: base + span.start..base + span.end,
    }
}

impl<'de> Deserialize<'de> for YamlLoose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LooseVisitor;
        impl<'de> Visitor<'de> for LooseVisitor {
            type Value = YamlLoose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlLoose, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<YamlSpanned<String>>()? {
                    entries.push((key, map.next_value::<YamlSpanned<YamlLoose>>()?));
                }
                Ok(YamlLoose::Table(entries))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlLoose, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(YamlLoose::List)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlLoose, D::Error> {
                YamlLoose::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Boolean(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Number(v as f64))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Number(v as f64))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YamlLoose, E> {
                Ok(YamlLoose::String(v.to_string()))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<YamlLoose, E> {
                Ok(YamlLoose::List)
            }
            fn visit_none<E: de::Error>(self) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Null)
            }
            fn visit_unit<E: de::Error>(self) -> Result<YamlLoose, E> {
                Ok(YamlLoose::Null)
            }
        }
        deserializer.deserialize_any(LooseVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(loose: &Loose) -> &[(Located<String>, Loose)] {
        match &loose.value {
            Value::Table(entries) => entries,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn toml_values_of_every_type_keep_their_place_in_the_file() {
        let text = "+++\ntitle = \"A\"\n[moves]\n\"0981.HK\" = 10.9\nMU = -3\nX = { change = \"up\", on = 2025-10-01, close = nan }\nY = [1]\n+++\n";
        let split = super::super::split(text).unwrap();
        let block = &text[split.front_matter.clone()];
        let document = toml::de::DeTable::parse(block).unwrap();
        let moves = from_toml(document.get_ref(), "moves", split.front_matter.start).unwrap();
        let entries = table(&moves);
        let shown: Vec<(&str, &str)> = entries
            .iter()
            .map(|(k, v)| (&text[k.span.clone()], &text[v.span.clone()]))
            .collect();
        assert_eq!(
            shown,
            [
                ("\"0981.HK\"", "10.9"),
                ("MU", "-3"),
                ("X", "{ change = \"up\", on = 2025-10-01, close = nan }"),
                ("Y", "[1]"),
            ]
        );
        assert_eq!(entries[0].0.value, "0981.HK");
        assert_eq!(entries[1].1.value, Value::Number(-3.0));
        let inner = table(&entries[2].1);
        assert_eq!(inner[0].1.value, Value::String("up".into()));
        assert_eq!(&text[inner[0].1.span.clone()], "\"up\"");
        assert_eq!(inner[1].1.value, Value::Datetime("2025-10-01".into()));
        assert!(matches!(inner[2].1.value, Value::Number(n) if n.is_nan()));
        assert_eq!(entries[3].1.value, Value::List);
    }

    #[test]
    fn yaml_values_of_every_type_keep_their_place_in_the_file() {
        let text = "---\ntitle: A\nmoves:\n  0981.HK: +10.9\n  MU: -3\n  X:\n    change: up\n    on: 2025-10-01\n    close: .nan\n  Y: [1]\n  Z: true\n---\n";
        let split = super::super::split(text).unwrap();
        let block = &text[split.front_matter.clone()];
        let moves = from_yaml(block, split.front_matter.start).unwrap().unwrap();
        let entries = table(&moves);
        let keys: Vec<&str> = entries.iter().map(|(k, _)| &text[k.span.clone()]).collect();
        assert_eq!(keys, ["0981.HK", "MU", "X", "Y", "Z"]);
        assert_eq!(entries[0].1.value, Value::Number(10.9));
        assert_eq!(&text[entries[0].1.span.clone()], "+10.9");
        assert_eq!(entries[1].1.value, Value::Number(-3.0));
        let inner = table(&entries[2].1);
        let inner_keys: Vec<&str> = inner.iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(inner_keys, ["change", "on", "close"]);
        assert_eq!(&text[inner[0].1.span.clone()], "up");
        assert_eq!(inner[1].1.value, Value::String("2025-10-01".into()));
        assert!(matches!(inner[2].1.value, Value::Number(n) if n.is_nan()));
        assert_eq!(entries[3].1.value, Value::List);
        assert_eq!(entries[4].1.value, Value::Boolean(true));
        let none = "---\ntitle: A\n---\n";
        let split = super::super::split(none).unwrap();
        assert_eq!(
            from_yaml(&none[split.front_matter.clone()], 4).unwrap(),
            None
        );
    }
}

//! The keys brief reads in site.toml and in front matter, and the check of a file's
//! keys against them: a key brief does not know is an error naming the closest known
//! one, because a misspelt key (`drafts = true`) must never change what is published.
//!
//! The check knows nothing of file formats: the caller hands over the keys it found,
//! with their byte ranges, as `WrittenKey`s (`toml_keys` reads them from a TOML
//! document; front matter reads YAML's itself).

use std::ops::Range;

/// A key as written in a file, with the byte range of its name and, when its value is
/// a table, the keys of that table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenKey {
    pub name: String,
    pub span: Range<usize>,
    pub table: Vec<WrittenKey>,
}

/// The keys of a parsed TOML table, with the byte ranges of their names in its text.
pub fn toml_keys(table: &toml::de::DeTable) -> Vec<WrittenKey> {
    table
        .iter()
        .map(|(key, value)| WrittenKey {
            name: key.get_ref().to_string(),
            span: key.span(),
            table: match value.get_ref() {
                toml::de::DeValue::Table(inner) => toml_keys(inner),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// What brief does with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Read, with a value that is not a table brief looks into.
    Read,
    /// A table of named tables, each with these keys (`[companies.smic]`).
    Named(&'static Schema),
    /// A table with these keys (`[social]`, `[images]`).
    Table(&'static Schema),
    /// Free-form values for a theme (`[extra]`): never read, never checked.
    FreeForm,
}

/// The keys of one kind of table.
#[derive(Debug, PartialEq, Eq)]
pub struct Schema {
    /// How a writer names this table in a message: "site.toml", "a company".
    pub table: &'static str,
    /// Where a theme's own values go instead, as a message tells the writer.
    pub extra: &'static str,
    keys: &'static [(&'static str, Rule)],
}

impl Schema {
    /// The keys brief reads in this table, in the order the format documents them.
    pub fn known(&self) -> Vec<&'static str> {
        self.keys.iter().map(|(name, _)| *name).collect()
    }

    /// The known key closest in spelling to `key`, if one is close.
    pub fn closest(&self, key: &str) -> Option<String> {
        crate::suggest::closest(key, self.known())
    }
}

const ECOSYSTEM: Schema = Schema {
    table: "an ecosystem",
    extra: "[extra] at the top of site.toml",
    keys: &[("name", Rule::Read), ("description", Rule::Read)],
};

const COMPANY: Schema = Schema {
    table: "a company",
    extra: "[extra] at the top of site.toml",
    keys: &[
        ("name", Rule::Read),
        ("full_name", Rule::Read),
        ("tickers", Rule::Read),
        ("ecosystem", Rule::Read),
        ("url", Rule::Read),
        ("description", Rule::Read),
    ],
};

/// The keys of site.toml's `[images]`.
const IMAGES: Schema = Schema {
    table: "[images]",
    extra: "[extra] at the top of site.toml",
    keys: &[("widths", Rule::Read)],
};

/// The keys of one move's table in `[moves]` (a move may also be a plain number).
pub const MOVE: Schema = Schema {
    table: "a move",
    extra: "[extra] of the front matter",
    keys: &[
        ("change", Rule::Read),
        ("close", Rule::Read),
        ("currency", Rule::Read),
        ("on", Rule::Read),
    ],
};

/// The keys of `[social]` in site.toml.
const SOCIAL: Schema = Schema {
    table: "[social]",
    extra: "[extra] at the top of site.toml",
    keys: &[("image", Rule::Read)],
};

/// The keys of site.toml.
pub const SITE: Schema = Schema {
    table: "site.toml",
    extra: "[extra]",
    keys: &[
        ("title", Rule::Read),
        ("base_url", Rule::Read),
        ("description", Rule::Read),
        ("language", Rule::Read),
        ("theme", Rule::Read),
        ("per_page", Rule::Read),
        ("feed_limit", Rule::Read),
        ("timezone", Rule::Read),
        ("search", Rule::Read),
        ("cashtags", Rule::Read),
        ("social", Rule::Table(&SOCIAL)),
        ("images", Rule::Table(&IMAGES)),
        ("ecosystems", Rule::Named(&ECOSYSTEM)),
        ("companies", Rule::Named(&COMPANY)),
        ("extra", Rule::FreeForm),
    ],
};

/// The keys of an article's front matter, TOML or YAML.
pub const FRONT_MATTER: Schema = Schema {
    table: "the front matter",
    extra: "[extra]",
    keys: &[
        ("title", Rule::Read),
        ("date", Rule::Read),
        ("updated", Rule::Read),
        ("summary", Rule::Read),
        ("ecosystem", Rule::Read),
        ("tickers", Rule::Read),
        ("draft", Rule::Read),
        ("slug", Rule::Read),
        ("author", Rule::Read),
        ("kind", Rule::Read),
        ("template", Rule::Read),
        ("image", Rule::Read),
        ("path", Rule::Read),
        ("aliases", Rule::Read),
        ("moves", Rule::Named(&MOVE)),
        ("extra", Rule::FreeForm),
    ],
};

/// A key that is not simply read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Not a key of its table: an error.
    Unknown {
        span: Range<usize>,
        key: String,
        /// The keys of the table it is in.
        schema: &'static Schema,
    },
}

/// Every key of `keys` that `schema` does not simply read, in the order written.
pub fn check(keys: &[WrittenKey], schema: &'static Schema) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_into(keys, schema, &mut findings);
    findings
}

fn check_into(keys: &[WrittenKey], schema: &'static Schema, findings: &mut Vec<Finding>) {
    for key in keys {
        match schema.keys.iter().find(|(name, _)| *name == key.name) {
            Some((_, Rule::Read | Rule::FreeForm)) => {}
            Some((_, Rule::Named(inner))) => {
                for named in &key.table {
                    check_into(&named.table, inner, findings);
                }
            }
            Some((_, Rule::Table(inner))) => check_into(&key.table, inner, findings),
            None => findings.push(Finding::Unknown {
                span: key.span.clone(),
                key: key.name.clone(),
                schema,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, at: usize, table: Vec<WrittenKey>) -> WrittenKey {
        WrittenKey {
            name: name.to_string(),
            span: at..at + name.len(),
            table,
        }
    }

    #[test]
    fn a_misspelt_key_names_the_closest_known_one() {
        let findings = check(
            &[key("title", 0, vec![]), key("drafts", 10, vec![])],
            &FRONT_MATTER,
        );
        let [Finding::Unknown { key, schema, span }] = findings.as_slice() else {
            panic!("{findings:?}");
        };
        assert_eq!(
            (key.as_str(), schema.closest(key).as_deref(), span),
            ("drafts", Some("draft"), &(10..16))
        );
    }

    #[test]
    fn company_and_ecosystem_tables_are_checked_and_extra_is_not() {
        let keys = [
            key(
                "companies",
                0,
                vec![key("smic", 10, vec![key("ticker", 20, vec![])])],
            ),
            key(
                "ecosystems",
                30,
                vec![key("china", 40, vec![key("nme", 50, vec![])])],
            ),
            key("extra", 60, vec![key("anything", 70, vec![])]),
        ];
        let unknown: Vec<(String, Option<String>, &str)> = check(&keys, &SITE)
            .into_iter()
            .map(|Finding::Unknown { key, schema, .. }| {
                (key.clone(), schema.closest(&key), schema.table)
            })
            .collect();
        assert_eq!(
            unknown,
            [
                ("ticker".into(), Some("tickers".into()), "a company"),
                ("nme".into(), Some("name".into()), "an ecosystem"),
            ]
        );
    }

    #[test]
    fn keys_of_the_social_table_are_checked() {
        let keys = [key(
            "social",
            0,
            vec![key("image", 10, vec![]), key("imgae", 30, vec![])],
        )];
        let findings = check(&keys, &SITE);
        let [Finding::Unknown { key, schema, span }] = findings.as_slice() else {
            panic!("{findings:?}");
        };
        assert_eq!(
            (
                key.as_str(),
                schema.closest(key).as_deref(),
                schema.table,
                span
            ),
            ("imgae", Some("image"), "[social]", &(30..35))
        );
    }

    #[test]
    fn a_misspelt_key_of_images_names_the_closest_known_one() {
        let findings = check(&[key("images", 0, vec![key("width", 10, vec![])])], &SITE);
        let [Finding::Unknown { key, schema, .. }] = findings.as_slice() else {
            panic!("{findings:?}");
        };
        assert_eq!(
            (key.as_str(), schema.table, schema.closest(key).as_deref()),
            ("width", "[images]", Some("widths"))
        );
    }

    #[test]
    fn every_key_the_site_format_documents_is_read() {
        let findings = check(
            &[key("search", 0, vec![]), key("images", 20, vec![])],
            &SITE,
        );
        assert_eq!(findings, []);
    }
}

//! Just enough HTML reading for the tests: the start tags of a page with their
//! attributes (entities decoded), and the ids a `#fragment` can point at.
//!
//! Not a validator (tests/brief/html_validity.rs runs the W3C checker); it only has to read
//! what brief writes: quoted attributes, no scripts, comments skipped.

use std::collections::HashSet;

/// A start tag: its lower-case name and attributes in order.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html`, in document order.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with('!') || rest.starts_with('/') || rest.starts_with('?') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        let (attributes, consumed) = attributes(&rest[name_end..]);
        rest = &rest[name_end + consumed..];
        tags.push(Tag { name, attributes });
    }
    tags
}

/// Reads attributes up to the closing `>`; returns them and the bytes consumed.
fn attributes(text: &str) -> (Vec<(String, String)>, usize) {
    let bytes = text.as_bytes();
    let mut attributes = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attributes, i);
        }
        if bytes[i] == b'>' {
            return (attributes, i + 1);
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = text[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                let value_end = text[value_start..]
                    .find(quote as char)
                    .map_or(text.len(), |e| value_start + e);
                value = decode_entities(&text[value_start..value_end]);
                i = (value_end + 1).min(text.len());
            } else {
                let value_start = i;
                while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&text[value_start..i]);
            }
        }
        attributes.push((name, value));
    }
}

/// Decodes the character references brief's escaping produces, and numeric ones.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `id` in the page: the targets of `#fragment` links.
pub fn ids(html: &str) -> HashSet<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.get("id").map(str::to_string))
        .collect()
}

/// Every URL the page refers to in an `href`, `src` or `srcset`, with its tag's name.
pub fn references(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for tag in tags(html) {
        for (name, value) in &tag.attributes {
            match name.as_str() {
                "href" | "src" => found.push((tag.name.clone(), value.clone())),
                "srcset" => found.extend(value.split(',').filter_map(|candidate| {
                    candidate
                        .split_whitespace()
                        .next()
                        .map(|url| (tag.name.clone(), url.to_string()))
                })),
                _ => {}
            }
        }
    }
    found
}

/// The text between the first `<{tag} class="{class}"` start tag and its matching end
/// tag, for looking at one part of a page (`article`, `briefing`).
pub fn section<'a>(html: &'a str, tag: &str, class: &str) -> Option<&'a str> {
    let open = format!("<{tag} class=\"{class}");
    let start = html.find(&open)?;
    let mut depth = 0usize;
    let mut at = start;
    let open_tag = format!("<{tag}");
    let close_tag = format!("</{tag}>");
    loop {
        let next_open = html[at + 1..].find(&open_tag).map(|i| at + 1 + i);
        let next_close = html[at + 1..].find(&close_tag).map(|i| at + 1 + i)?;
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                at = o;
            }
            _ => {
                if depth == 0 {
                    return Some(&html[start..next_close + close_tag.len()]);
                }
                depth -= 1;
                at = next_close;
            }
        }
    }
}

/// The `href`s of the `<a>` tags in `html` whose `class` is `class`.
pub fn links_with_class(html: &str, class: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| {
            t.name == "a"
                && t.get("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .filter_map(|t| t.get("href").map(str::to_string))
        .collect()
}

/// The text of a piece of HTML as a reader sees it: tags removed, entities decoded,
/// spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

//! A small scanner for the attributes of rendered HTML: the links (`href`, `src`) and
//! anchors (`id`, and `name` on `<a>`) of a page, and nothing else.
//!
//! Not a parser: brief's pages are its own well-formed output, so a tag-and-attribute
//! reader is enough, and it keeps `check` free of a browser-grade dependency.

/// What `check` needs from a page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Every `href` and `src`, entities decoded, in page order.
    pub links: Vec<String>,
    /// Every element id, and every `<a name>`.
    pub ids: Vec<String>,
}

/// Reads the links and anchors of `html`.
pub fn scan(html: &str) -> Scan {
    let mut scan = Scan::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map_or(rest.len(), |end| end + 1);
            continue;
        }
        i += 1;
        let name_end = html[i..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .map_or(html.len(), |n| i + n);
        if name_end == i {
            continue; // a lone `<` in text
        }
        let tag = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        // Attributes, up to the end of the tag.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let attr_end = html[i..]
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
                .map_or(html.len(), |n| i + n);
            let attr = html[i..attr_end].to_ascii_lowercase();
            i = attr_end;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = None;
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (start, end, next) = match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let close = html[i + 1..]
                            .find(quote as char)
                            .map_or(html.len(), |n| i + 1 + n);
                        (i + 1, close, (close + 1).min(html.len()))
                    }
                    _ => {
                        let end = html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(html.len(), |n| i + n);
                        (i, end, end)
                    }
                };
                value = Some(decode_entities(&html[start..end]));
                i = next;
            }
            if attr.is_empty() {
                i += 1; // a stray character: step over it
                continue;
            }
            match (attr.as_str(), value) {
                ("href" | "src", Some(v)) => scan.links.push(v),
                ("id", Some(v)) => scan.ids.push(v),
                ("name", Some(v)) if tag == "a" => scan.ids.push(v),
                _ => {}
            }
        }
        // The text of scripts and styles is not HTML: skip to the closing tag.
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = html[i.min(html.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |n| i + n);
        }
        if i >= html.len() {
            break;
        }
    }
    scan
}

/// The entities brief's pages use in attribute values, and numeric ones.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_ids_are_found_with_any_quoting() {
        let found = scan(
            "<!DOCTYPE html><a href=\"/a/?x=1&amp;y=2\" id=top>x</a>\
             <img src='/i.png' alt=\"a > b\"><h2 id=\"move\">M</h2><a name=old></a>",
        );
        assert_eq!(found.links, ["/a/?x=1&y=2", "/i.png"]);
        assert_eq!(found.ids, ["top", "move", "old"]);
    }

    #[test]
    fn comments_scripts_and_text_are_not_read_as_tags() {
        let found = scan(
            "<!-- <a href=\"/c/\"> --><script>if (a<b) { x = '<a href=\"/s/\">' }</script>\
             <p>1 < 2 and <b>bold</b></p><a href=\"/ok/\">",
        );
        assert_eq!(found.links, ["/ok/"]);
    }

    #[test]
    fn numeric_entities_are_decoded() {
        assert_eq!(decode_entities("a&#39;b&#x27;c&unknown;"), "a'b'c&unknown;");
    }
}

//! Plain text from HTML, where only text fits: `<meta name="description">`, a JSON
//! Feed item's `summary`, a JSON-LD `description`. A leaf: it imports nothing of render.

/// Plain text of a bit of HTML, for `<meta name="description">`.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // `&amp;` last, so that `&amp;lt;` (a writer's literal "&lt;") stays "&lt;".
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

//! Reads feeds and sitemaps with quick-xml into a small tree, refusing anything that is
//! not well-formed XML 1.0: mismatched or unclosed tags, unknown entities, more than
//! one root, duplicate attributes, or characters XML 1.0 does not allow.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// An element: its name as written (prefix included), attributes, children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter_map(move |c| match c {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// The first child element named `name`, which must exist.
    pub fn child<'a>(&'a self, name: &'a str) -> &'a Element {
        self.all(name)
            .next()
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    /// The element's text, entities decoded, children's text included.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for child in &self.children {
            match child {
                Node::Text(t) => text.push_str(t),
                Node::Element(e) => text.push_str(&e.text()),
            }
        }
        text
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn start(e: &BytesStart) -> Result<Element, String> {
    let name = e.name().as_ref().to_string();
    let mut attributes = Vec::new();
    for attribute in e.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute in <{name}>: {e}"))?;
        let key = attribute.key.as_ref().to_string();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad attribute value in <{name}>: {e}"))?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
    })
}

/// Parses a whole XML document and returns its root element, or says why it is not
/// well-formed.
pub fn parse(text: &str) -> Result<Element, String> {
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        let line = text[..i].matches('\n').count() + 1;
        return Err(format!(
            "character U+{:04X} on line {line} is not allowed in XML 1.0",
            c as u32
        ));
    }
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        let finished =
            |element: Element, stack: &mut Vec<Element>, root: &mut Option<Element>| match stack
                .last_mut()
            {
                Some(parent) => {
                    parent.children.push(Node::Element(element));
                    Ok(())
                }
                None if root.is_none() => {
                    *root = Some(element);
                    Ok(())
                }
                None => Err(format!("a second root element <{}>", element.name)),
            };
        match event {
            Event::Start(e) => {
                if stack.is_empty() && root.is_some() {
                    return Err("a second root element".to_string());
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => finished(start(&e)?, &mut stack, &mut root)?,
            Event::End(_) => {
                let element = stack.pop().ok_or("an end tag with no start tag")?;
                finished(element, &mut stack, &mut root)?;
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Text(content.into_owned())),
                    None if content.trim().is_empty() => {}
                    None => return Err(format!("text outside the root: {content:?}")),
                }
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let decoded = quick_xml::escape::unescape(&format!("&{name};"))
                    .map_err(|e| format!("entity &{name};: {e}"))?
                    .into_owned();
                let parent = stack
                    .last_mut()
                    .ok_or("an entity outside the root element")?;
                parent.children.push(Node::Text(decoded));
            }
            Event::CData(c) => {
                let parent = stack.last_mut().ok_or("CDATA outside the root element")?;
                parent
                    .children
                    .push(Node::Text(c.xml10_content().into_owned()));
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{}> is never closed", open.name));
    }
    root.ok_or_else(|| "no root element".to_string())
}

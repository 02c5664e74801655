//! Code blocks, highlighted when the site is built: the page needs no script, and the
//! tokens carry CSS classes (`hl-keyword`, `hl-string`, ...) rather than colours, so the
//! theme colours them for its light and its dark scheme alike.
//!
//! The languages writers paste most (`lexicon`: Rust, Python, Go, JavaScript,
//! TypeScript, JSON, TOML, YAML, shell, SQL) are read by brief's own scanner (`scan`),
//! as a grammar's regular expressions made a site with code blocks build three times
//! as slowly. Other languages are read with a grammar, loaded once per process on the
//! first code block that needs one and shared by every article and thread. A language
//! without either, and a block without a language, are written as plain escaped text.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::{escape, lexicon, scan};

/// syntect's grammars and those it lacks (TOML, TypeScript), in the form that reads
/// each line with its line break, as the classed HTML writer asks.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Every token class starts with this, so no grammar's scope name (`source`, `meta`,
/// `name`) can take a class the theme uses for something else.
const CLASS_PREFIX: &str = "hl-";

/// The language a fence's info string names: its first word, up to a space, a comma or
/// a brace, so `rust,ignore` is Rust and `go {linenos=true}` is Go, as Hugo, Zola and
/// GitHub read them; the rest is theirs and brief ignores it.
pub(super) fn language(info: &str) -> &str {
    info.trim_start()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or_default()
}

/// The whole `<pre>` for a code block in `language` (empty for none). The block takes
/// the keyboard's focus, as it scrolls sideways when a line is too wide.
pub(super) fn code_block(language: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 3 + 64);
    html.push_str("<pre tabindex=\"0\"");
    let lexicon = lexicon::find(&language.to_ascii_lowercase());
    let syntax = lexicon.is_none().then(|| grammar(language)).flatten();
    if lexicon.is_some() || syntax.is_some() {
        html.push_str(" class=\"highlight\"");
    }
    html.push_str("><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        html.push_str(&escape(language));
        html.push('"');
    }
    html.push('>');
    match (lexicon, syntax.and_then(|syntax| highlighted(syntax, code))) {
        (Some(lexicon), _) => html.push_str(&scan::highlight(lexicon, code)),
        (None, Some(spans)) => html.push_str(&spans),
        (None, None) => html.push_str(&escape(code)),
    }
    html.push_str("</code></pre>\n");
    html
}

/// The grammar for a fence's language, if one is known and it has any tokens to colour.
fn grammar(language: &str) -> Option<&'static SyntaxReference> {
    if language.is_empty() {
        return None;
    }
    let token = match language.to_ascii_lowercase().as_str() {
        // A name writers use that is neither a grammar's name nor a file extension.
        "c++" => "cpp".to_string(),
        other => other.to_string(),
    };
    let syntaxes = &*SYNTAXES;
    syntaxes
        .find_syntax_by_token(&token)
        .filter(|syntax| syntax.name != syntaxes.find_syntax_plain_text().name)
}

/// `code` as classed spans, or None when the grammar fails on it (it is then written
/// plain, as a block in a language brief does not know is).
fn highlighted(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        &SYNTAXES,
        ClassStyle::SpacedPrefixed {
            prefix: CLASS_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_first_word_of_the_info_string() {
        assert_eq!(language("rust,ignore"), "rust");
        assert_eq!(language("go {linenos=true}"), "go");
        assert_eq!(language("python title=\"x.py\""), "python");
        assert_eq!(language("toml{hl_lines=[2]}"), "toml");
        assert_eq!(language(""), "");
        assert_eq!(language("  sh"), "sh");
    }

    #[test]
    fn the_common_languages_are_each_highlighted() {
        for language in [
            "rust",
            "rs",
            "python",
            "py",
            "go",
            "golang",
            "js",
            "javascript",
            "ts",
            "typescript",
            "json",
            "toml",
            "yaml",
            "yml",
            "bash",
            "sh",
            "shell",
            "sql",
            "c",
            "cpp",
            "c++",
            "html",
            "css",
            "markdown",
            "md",
            "Rust",
            "TOML",
            "zsh",
            "console",
        ] {
            assert!(
                code_block(language, "x\n").starts_with("<pre tabindex=\"0\" class=\"highlight\">"),
                "{language} is not highlighted"
            );
        }
    }

    #[test]
    fn keywords_strings_and_comments_get_classes() {
        let html = code_block("rust", "// note\nfn main() { let s = \"a<b\"; }\n");
        assert_eq!(
            html,
            "<pre tabindex=\"0\" class=\"highlight\"><code class=\"language-rust\">\
             <span class=\"hl-comment\">// note</span>\n<span class=\"hl-keyword\">fn</span> \
             <span class=\"hl-entity hl-name hl-function\">main</span>() { <span class=\"hl-keyword\">let</span> \
             s = <span class=\"hl-string\">&quot;a&lt;b&quot;</span>; }\n</code></pre>\n"
        );
    }

    #[test]
    fn the_scanned_languages_in_any_case_and_others_by_grammar_are_highlighted() {
        let ts = code_block("TS", "const x: number = 1;\n");
        assert!(
            ts.contains("<span class=\"hl-keyword\">const</span>"),
            "{ts}"
        );
        // CSS has no lexicon: its grammar reads it, with the grammar's scopes as classes.
        let css = code_block("css", "a { color: red; }\n");
        assert!(
            css.starts_with("<pre tabindex=\"0\" class=\"highlight\">"),
            "{css}"
        );
        assert!(css.contains("hl-entity hl-name hl-tag hl-css"), "{css}");
    }

    #[test]
    fn a_language_without_a_grammar_is_plain_escaped_text() {
        assert_eq!(
            code_block("klingon", "<qapla'> & x\n"),
            "<pre tabindex=\"0\"><code class=\"language-klingon\">&lt;qapla&#39;&gt; &amp; x\n</code></pre>\n"
        );
        assert_eq!(
            code_block("text", "a < b\n"),
            "<pre tabindex=\"0\"><code class=\"language-text\">a &lt; b\n</code></pre>\n"
        );
        assert_eq!(
            code_block("", "plain\n"),
            "<pre tabindex=\"0\"><code>plain\n</code></pre>\n"
        );
    }

    #[test]
    fn a_language_name_cannot_break_out_of_its_attribute() {
        let html = code_block("\"><script>", "x\n");
        assert!(
            html.starts_with(
                "<pre tabindex=\"0\"><code class=\"language-&quot;&gt;&lt;script&gt;\">"
            ),
            "{html}"
        );
    }
}

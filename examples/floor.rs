//! The floor for `brief build`: the least work any generator must do for a site.
//!
//! ```text
//! cargo run --release --example floor -- --root /tmp/corpus10k --output /tmp/floor10k
//! ```
//!
//! It reads every `.md` file under ROOT/content, splits off the `+++` or `---` front
//! matter without parsing it, renders the body with pulldown-cmark (the options brief
//! uses: tables, footnotes, strikethrough, task lists, smart punctuation, heading
//! attributes) and writes `<output>/<path without .md>/index.html`, in parallel with
//! rayon. No templates, no lists, no feeds, no link checks, no atomic swap: what is left
//! when a generator does nothing but turn Markdown files into HTML files.
//! `bench/run.sh` times it beside brief and Hugo to show how close brief comes to it.
//!
//! It writes into the output folder as it is (creating it if needed) and deletes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser as _;
use pulldown_cmark::{Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

#[derive(clap::Parser)]
#[command(about = "Render every Markdown file of a site to HTML, with nothing else")]
struct Args {
    /// The site folder; its content/ is read.
    #[arg(long)]
    root: PathBuf,
    /// Where to write one index.html per Markdown file.
    #[arg(long)]
    output: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok((files, bytes)) => {
            println!("{files} files, {bytes} bytes of HTML");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Renders every file; returns how many, and how many bytes of HTML were written.
fn run(args: &Args) -> Result<(usize, usize), String> {
    let content = args.root.join("content");
    let mut files = Vec::new();
    for entry in WalkDir::new(&content) {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", content.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    let bytes = files
        .par_iter()
        .map(|file| render(file, &content, &args.output))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok((files.len(), bytes))
}

/// Renders `file` to `<output>/<its path under content/ without .md>/index.html`.
fn render(file: &Path, content: &Path, output: &Path) -> Result<usize, String> {
    let text =
        fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut page = String::with_capacity(text.len() * 3 / 2);
    html::push_html(
        &mut page,
        Parser::new_ext(body(&text), brief::markdown::options()),
    );
    let relative = file
        .strip_prefix(content)
        .map_err(|e| e.to_string())?
        .with_extension("");
    let dir = output.join(relative);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("index.html");
    fs::write(&path, &page).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(page.len())
}

/// The body of a content file: everything after the closing `+++` or `---` line of its
/// front matter, or the whole text when it has none.
fn body(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("---\n"))
    else {
        return text;
    };
    let fence = &text[..3];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == fence {
            return &rest[offset..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::body;

    #[test]
    fn front_matter_is_split_off() {
        assert_eq!(body("+++\ntitle = \"x\"\n+++\n\nText\n"), "\nText\n");
        assert_eq!(body("---\ntitle: x\n---\nText\n"), "Text\n");
        assert_eq!(body("Just text\n"), "Just text\n");
        assert_eq!(body("+++\nunclosed\n"), "+++\nunclosed\n");
    }
}

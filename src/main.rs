//! The `brief` command: parse flags, call the library, print the report or the
//! errors, choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use brief::build::{BuildOptions, build};
use brief::report;

#[derive(Parser)]
#[command(
    name = "brief",
    version,
    about = "A static site generator for briefing blogs",
    long_about = "brief builds a briefing site (site.toml, content/, themes/) into a static site \
with a page and an Atom feed for every company and every ecosystem.",
    after_help = "Examples:\n  brief build                      build the site in this folder into public/\n  brief build --root my-site       build the site in my-site/\n  brief build --output /tmp/site   write the site somewhere else\n  brief build --drafts             include briefings marked draft = true\n  brief build --base-url http://localhost:8000   preview with other absolute URLs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (public/ by default).
    #[command(
        after_help = "Examples:\n  brief build\n  brief build --root my-site --output /tmp/site --drafts"
    )]
    Build {
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced whole, only once the build has succeeded.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include briefings marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Include briefings dated in the future.
        #[arg(long)]
        future: bool,
        /// Use this base URL instead of site.toml's, for absolute links in feeds and the sitemap.
        #[arg(long)]
        base_url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            base_url,
        } => {
            let mut options = BuildOptions::new(root);
            options.output = output;
            options.drafts = drafts;
            options.future = future;
            options.base_url = base_url;
            match build(&options) {
                Ok(built) => {
                    for warning in &built.warnings {
                        eprint!("{}", report::warning(warning));
                    }
                    println!(
                        "Built {} briefings, {} companies, {} ecosystems: {} files ({} written, {} unchanged) in {} in {:.0?}",
                        built.briefings,
                        built.companies,
                        built.ecosystems,
                        built.files,
                        built.written,
                        built.unchanged,
                        built.output.display(),
                        built.elapsed
                    );
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    for error in &errors.0 {
                        eprint!("{}", report::error(error));
                    }
                    let count = errors.0.len();
                    eprintln!(
                        "error: build failed with {count} error{}; the previous output was left as it was",
                        if count == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

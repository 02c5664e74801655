//! The `brief` command: parse flags, call the library, print the report or the
//! errors, choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use brief::build::{BuildOptions, build};
use brief::check::{self, CheckOptions, CheckReport};
use brief::diagnostics::Warning;
use brief::digest::{self, DigestFormat, DigestOptions};
use brief::error::{Error, Errors, NameKind};
use brief::options::SiteOptions;
use brief::render::digest::Form;
use brief::report;
use brief::scaffold::{self, InitOptions, NewOptions};

#[derive(Parser)]
#[command(
    name = "brief",
    version,
    about = "A static site generator for briefing blogs",
    long_about = "brief builds a briefing site (site.toml, content/, themes/) into a static site \
with a page and an Atom feed for every company and every ecosystem.",
    after_help = "Examples:\n  brief build                      build the site in this folder into public/\n  brief build --root my-site       build the site in my-site/\n  brief build --output /tmp/site   write the site somewhere else\n  brief build --drafts             include briefings marked draft = true\n  brief build --base-url http://localhost:8000   preview with other absolute URLs\n  brief init my-site               start a new briefing site\n  brief new \"Title\" --ticker 0981.HK   start a briefing\n  brief check                      find every problem without building\n  brief digest --date yesterday --format eml -o digest.eml   yesterday's briefings as an email"
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
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site; swapped in whole once the build has succeeded, keeping files brief did not write.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this base URL instead of site.toml's, for absolute links in feeds and the sitemap.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Serve the site with live reload while you write; rebuilds on every save.
    #[command(
        after_help = "Examples:\n  brief serve\n  brief serve --root my-site --port 8000 --open\n  brief serve --port 0              pick a free port\n  brief serve --bind 0.0.0.0        let other machines on the network see it"
    )]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Hide drafts, as `brief build` does (serve shows them, marked as drafts).
        #[arg(long, overrides_with = "drafts")]
        no_drafts: bool,
        /// Open the site in your browser.
        #[arg(long)]
        open: bool,
    },
    /// Start a new briefing: content/YYYY/MM/<slug>.md with its front matter filled in.
    #[command(
        after_help = "Examples:\n  brief new \"SMIC raises its outlook\" --ticker 0981.HK\n  brief new \"Memory prices\" --ticker MU,000660.KS --ecosystem us --draft --edit\n  brief new \"Nvidia earnings preview\" --ticker NVDA --date 2026-11-19T21:00:00-05:00\n  brief new \"Hong Kong chips rally\" --move 0981.HK=+10.9 --move 1347.HK=+7\n\nThe body comes from archetypes/briefing.md in the site, else the theme's, else brief's own.\nThe path of the new file is printed on stdout."
    )]
    New {
        /// The briefing's title; the file name is made from it.
        title: String,
        /// The site's folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// An ecosystem key from site.toml (repeat, or separate with commas); by default
        /// the ecosystems of the tickers' companies.
        #[arg(long = "ecosystem", value_name = "KEY", value_delimiter = ',')]
        ecosystems: Vec<String>,
        /// A ticker, or the key of a private company (repeat, or separate with commas).
        #[arg(long = "ticker", value_name = "T", value_delimiter = ',')]
        tickers: Vec<String>,
        /// A move the briefing reports: a ticker and its percent change on the day, as
        /// 0981.HK=+10.9 (repeat for each); written to `[moves]`, and the ticker is named.
        #[arg(long = "move", value_name = "T=CHANGE")]
        moves: Vec<String>,
        /// The date: 2026-10-02 or 2026-10-02T09:30:00+08:00; now when not given. A date in
        /// the future schedules the briefing.
        #[arg(long, value_name = "D")]
        date: Option<String>,
        /// The file name, without .md, instead of one made from the title.
        #[arg(long, value_name = "S")]
        slug: Option<String>,
        /// Mark it `draft = true`: left out of builds until you remove that.
        #[arg(long)]
        draft: bool,
        /// Accept tickers and ecosystems that site.toml does not declare.
        #[arg(long)]
        allow_unknown: bool,
        /// Open the new file in $VISUAL or $EDITOR.
        #[arg(long)]
        edit: bool,
    },
    /// Check the site as a build would, and lint it, without writing anything.
    #[command(
        after_help = "Examples:\n  brief check\n  brief check --strict                 fail on warnings too (for CI)\n  brief check --format json            one JSON object per diagnostic, on stdout\n\nExit status: 0 when clean, 1 on errors (and with --strict on warnings)."
    )]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Fail on warnings as well as errors.
        #[arg(long)]
        strict: bool,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write one email of briefings: a day's (today's by default), or several days',
    /// narrowed to a company or an ecosystem.
    #[command(
        after_help = "Examples:\n  brief digest > today.html                       today's briefings, in the site's timezone\n  brief digest --date 2025-10-02 --format text\n  brief digest --date yesterday --format eml --output digest.eml\n  brief digest --since 2025-10-01 --until 2025-10-07 --company smic\n  brief digest --since 2025-10-01 --ecosystem china --from \"Desk <desk@example.org>\"\n\nThe HTML has every style inlined and absolute links; past 102 KB (where Gmail clips a\nmessage) it gives summaries and links instead of whole briefings, and says so.\nWhat it holds is printed on stderr; the digest goes to stdout unless --output is given."
    )]
    Digest {
        #[command(flatten)]
        site: SiteArgs,
        /// One day: 2025-10-02, today or yesterday, in the site's timezone (default: today).
        #[arg(long, value_name = "D", conflicts_with_all = ["since", "until"])]
        date: Option<String>,
        /// The first of several days (D as for --date).
        #[arg(long, value_name = "D")]
        since: Option<String>,
        /// The last of the days from --since, included (default: today).
        #[arg(long, value_name = "D", requires = "since")]
        until: Option<String>,
        /// Only briefings naming this company: its key or one of its tickers.
        #[arg(long, value_name = "KEY")]
        company: Option<String>,
        /// Only briefings tagged with this ecosystem.
        #[arg(long, value_name = "KEY")]
        ecosystem: Option<String>,
        /// html (styles inlined), text, or eml (a whole message with both).
        #[arg(long, value_enum, default_value_t = DigestFormatArg::Html)]
        format: DigestFormatArg,
        /// The file to write, replaced whole; stdout when not given.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The sender of --format eml: "Name <address>" (default: the site's title at digest@ its host).
        #[arg(long, value_name = "ADDRESS")]
        from: Option<String>,
        /// The recipient of --format eml: "Name <address>" (default: none, for a sending tool to add).
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
        /// Use this base URL instead of site.toml's for the digest's links and images.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Create a new briefing site, ready to build.
    #[command(
        after_help = "Examples:\n  brief init my-site\n  brief init . --force                 add the site's files to this folder\n  brief init my-site --copy-theme      copy the theme into themes/ to change it"
    )]
    Init {
        /// The new site's folder (created if missing); the current folder by default.
        dir: Option<PathBuf>,
        /// The same as DIR.
        #[arg(long, conflicts_with = "dir")]
        root: Option<PathBuf>,
        /// Use a folder that is not empty; no existing file is overwritten.
        #[arg(long)]
        force: bool,
        /// Copy the built-in theme into themes/briefing/ to change it.
        #[arg(long)]
        copy_theme: bool,
        /// The site's title; made from the folder's name by default.
        #[arg(long)]
        title: Option<String>,
    },
}

/// Which site, and what it publishes: the flags of every command that loads a site.
#[derive(clap::Args)]
struct SiteArgs {
    /// The site's folder, holding site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Publish briefings marked `draft = true` (build and check leave them out otherwise).
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Publish briefings dated in the future.
    #[arg(short = 'F', long)]
    future: bool,
}

impl SiteArgs {
    fn options(self) -> SiteOptions {
        let mut options = SiteOptions::new(self.root);
        options.drafts = self.drafts;
        options.future = self.future;
        options
    }
}

/// What `brief digest` writes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DigestFormatArg {
    /// The HTML version, every style inlined, for an email's body.
    Html,
    /// The plain-text version, links as numbered footnotes.
    Text,
    /// A whole message: both versions as multipart/alternative, with From, Subject, Date, Message-ID.
    Eml,
}

/// How `brief check` prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// As the build does: file:line:col, the line, a caret, and what to do.
    Text,
    /// One JSON object per line: severity, file, line, column, code, message, suggestion.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New {
            title,
            root,
            ecosystems,
            tickers,
            moves,
            date,
            slug,
            draft,
            allow_unknown,
            edit,
        } => {
            let mut options = NewOptions::new(root, title);
            options.ecosystems = ecosystems;
            options.tickers = tickers;
            options.moves = moves;
            options.date = date;
            options.slug = slug;
            options.draft = draft;
            options.allow_unknown = allow_unknown;
            new_briefing(&options, edit)
        }
        Command::Check {
            site,
            strict,
            format,
        } => {
            let options = CheckOptions {
                site: site.options(),
            };
            check_site(&options, strict, format)
        }
        Command::Init {
            dir,
            root,
            force,
            copy_theme,
            title,
        } => {
            let mut options = InitOptions::new(dir.or(root).unwrap_or_else(|| PathBuf::from(".")));
            options.force = force;
            options.copy_theme = copy_theme;
            options.title = title;
            init_site(&options)
        }
        Command::Serve {
            site,
            bind,
            port,
            no_drafts,
            open,
        } => {
            let mut options = brief::serve::ServeOptions::new(".");
            options.site = site.options();
            // Serve shows drafts unless told not to; `--drafts` is accepted as a no-op.
            options.site.drafts = !no_drafts;
            options.bind = bind;
            options.port = port;
            options.open = open;
            match brief::serve::run(options) {
                Ok(_) => ExitCode::SUCCESS,
                Err(error) => print_errors(&Errors::from(error)),
            }
        }
        Command::Digest {
            site,
            date,
            since,
            until,
            company,
            ecosystem,
            format,
            output,
            from,
            to,
            base_url,
        } => {
            let mut options = DigestOptions::new(".");
            options.site = site.options();
            options.site.base_url = base_url;
            options.date = date;
            options.since = since;
            options.until = until;
            options.company = company;
            options.ecosystem = ecosystem;
            options.format = match format {
                DigestFormatArg::Html => DigestFormat::Html,
                DigestFormatArg::Text => DigestFormat::Text,
                DigestFormatArg::Eml => DigestFormat::Eml,
            };
            options.output = output;
            options.from = from;
            options.to = to;
            write_digest(&options)
        }
        Command::Build {
            site,
            output,
            base_url,
        } => {
            let mut options = BuildOptions {
                site: site.options(),
                output,
            };
            options.site.base_url = base_url;
            match build(&options) {
                Ok(built) => {
                    print_diagnostics(&[], &built.warnings);
                    if built.kept_from_older_brief > 0 {
                        eprintln!(
                            "note: {} was built by an older brief, which kept no list of its files: the {} files this build does not make were left in place, in case you added them; delete the ones that are stale (brief lists its own files from now on)",
                            built.output.display(),
                            built.kept_from_older_brief
                        );
                    }
                    println!(
                        "Built {}, {}, {}: {} ({} written, {} unchanged) in {} in {:.0?}",
                        report::count(built.briefings, "briefing", "briefings"),
                        report::count(built.companies, "company", "companies"),
                        report::count(built.ecosystems, "ecosystem", "ecosystems"),
                        report::count(built.files, "file", "files"),
                        built.written,
                        built.unchanged,
                        built.output.display(),
                        built.elapsed
                    );
                    let images = built.images;
                    if images.images > 0 {
                        println!(
                            "Images: {} shown, {} resized copies; {} decoded (the others' copies were in {}/)",
                            images.images,
                            images.copies,
                            images.decoded,
                            brief::images::CACHE_FOLDER,
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => {
                    print_diagnostics(&errors.0, &[]);
                    let partly = errors
                        .0
                        .iter()
                        .any(|e| matches!(e, brief::error::Error::OutputPartlyUpdated { .. }));
                    eprintln!(
                        "error: build failed with {}; {}",
                        report::count(errors.0.len(), "error", "errors"),
                        if partly {
                            "the output was updated only in part"
                        } else {
                            "the previous output was left as it was"
                        }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// `brief digest`: the digest on stdout (or in its file), what it holds on stderr.
fn write_digest(options: &DigestOptions) -> ExitCode {
    let report = match digest::digest(options) {
        Ok(report) => report,
        Err(errors) => return print_errors(&errors),
    };
    print_diagnostics(&[], &report.warnings);
    if report.written.is_none() {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout
            .write_all(&report.bytes)
            .and_then(|()| stdout.flush())
        {
            // A closed pipe (`brief digest | head`) is the reader's choice, not a failure.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: cannot write the digest to stdout: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let form = match report.form {
        Form::Full => "whole briefings",
        Form::Summaries => "summaries, as the whole text would pass 102 KB",
    };
    let shown = if report.shown < report.briefings {
        format!("{} of {}", report.shown, report.briefings)
    } else {
        report.briefings.to_string()
    };
    let place = report
        .written
        .as_ref()
        .map(|path| format!(" into {}", path.display()))
        .unwrap_or_default();
    eprintln!(
        "Wrote \"{}\"{place}: {shown} {}, {form}; HTML {:.1} KB",
        report::terminal(&report.subject),
        if report.briefings == 1 {
            "briefing"
        } else {
            "briefings"
        },
        report.html_bytes as f64 / 1000.0
    );
    ExitCode::SUCCESS
}

/// `brief new`: prints the path written (alone on stdout, for scripts), then notes.
fn new_briefing(options: &NewOptions, edit: bool) -> ExitCode {
    let written = match scaffold::new_article(options) {
        Ok(written) => written,
        Err(errors) => return print_errors(&errors),
    };
    println!("{}", written.path.display());
    for (kind, name) in &written.unknown {
        let name = report::terminal(name);
        match kind {
            NameKind::Ticker => eprintln!(
                "warning: ticker `{name}` is not listed by any company in site.toml; it gets a page of its own"
            ),
            NameKind::Ecosystem => eprintln!(
                "warning: ecosystem `{name}` is not declared in site.toml; declare [ecosystems.{name}] before building"
            ),
        }
    }
    if written.draft {
        eprintln!(
            "note: a draft: builds leave it out until you remove `draft = true` (or build with --drafts)"
        );
    } else if written.scheduled {
        eprintln!(
            "note: dated {}, in the future: the first build after that publishes it (--future publishes it now)",
            written.date
        );
    }
    if edit {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.trim().is_empty());
        if let Err(error) = scaffold::open_in_editor(&written.path, editor.as_deref()) {
            return print_errors(&Errors::from(error));
        }
    }
    ExitCode::SUCCESS
}

/// `brief check`: diagnostics as the build prints them, or JSON lines on stdout; then
/// a summary line.
fn check_site(options: &CheckOptions, strict: bool, format: Format) -> ExitCode {
    let found = check::check(options);
    match format {
        Format::Json => print!("{}", check::json::lines(&found)),
        Format::Text => print_diagnostics(&found.errors, &found.warnings),
    }
    let summary = check_summary(&found);
    // JSON lines own stdout, so tools can read it whole.
    if format == Format::Json {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    if found.passes(strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_summary(found: &CheckReport) -> String {
    use report::count;
    let problems = if found.errors.is_empty() && found.warnings.is_empty() {
        "no problems".to_string()
    } else {
        format!(
            "{}, {}",
            count(found.errors.len(), "error", "errors"),
            count(found.warnings.len(), "warning", "warnings")
        )
    };
    format!(
        "Checked {} ({}, {}) and {}: {problems}",
        count(found.files, "content file", "content files"),
        count(found.briefings, "published briefing", "published briefings"),
        count(found.pages, "page", "pages"),
        count(found.links, "link", "links"),
    )
}

/// `brief init`: what was created, what was kept, and what to do next.
fn init_site(options: &InitOptions) -> ExitCode {
    let done = match scaffold::init(options) {
        Ok(done) => done,
        Err(error) => return print_errors(&Errors::from(error)),
    };
    println!(
        "Created a briefing site in {} ({}):",
        done.root.display(),
        report::count(done.created.len(), "file", "files")
    );
    for path in &done.created {
        println!("  {}", path.display());
    }
    if !done.kept.is_empty() {
        println!("Kept these files as they were:");
        for path in &done.kept {
            println!("  {}", path.display());
        }
    }
    println!(
        "Next: brief new \"Your first briefing\" --ticker 0981.HK --root {0}, then brief check --root {0} and brief build --root {0}",
        done.root.display()
    );
    ExitCode::SUCCESS
}

/// Prints `errors` and fails.
fn print_errors(errors: &Errors) -> ExitCode {
    print_diagnostics(&errors.0, &[]);
    ExitCode::FAILURE
}

/// The one way errors and warnings reach the terminal: rustc-style, on stderr.
fn print_diagnostics(errors: &[Error], warnings: &[Warning]) {
    let mut sources = report::Sources::default();
    for error in errors {
        eprint!("{}", sources.error(error));
    }
    for warning in warnings {
        eprint!("{}", sources.warning(warning));
    }
}

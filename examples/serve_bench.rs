//! Measures `brief serve` on a large site: how long from saving a file until the
//! reload event is sent and the new page is served, for an edit of a briefing's text,
//! edits that move a briefing between lists (a listed ticker added or removed, its
//! ecosystem or its date changed), a ticker no company lists (a new page: the site is
//! decided anew), and a template change; and how long until the first page, beside a full `brief build`.
//!
//! ```text
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/site10k
//! cargo run --release --example serve_bench -- --site /tmp/site10k [--rounds 20]
//! ```
//!
//! A benchmark, not a test: it prints figures and judges nothing. It edits one
//! briefing and adds templates/article.html to the site, and puts both back as they
//! were when it ends (the site must not have a templates/article.html of its own).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Parser;

use brief::build::{BuildOptions, build};
use brief::content::{self, SourceFile};
use brief::serve::{ServeOptions, Server};

#[derive(Parser)]
#[command(about = "Measure brief serve's edit-to-browser latency on a site")]
struct Args {
    /// The site to serve, such as one made by the corpus example.
    #[arg(long)]
    site: PathBuf,
    /// Measured saves of each kind.
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    /// Skip the full `brief build` used for comparison (it writes the whole site to /tmp).
    #[arg(long)]
    no_build: bool,
}

/// One save, measured from just before the write.
struct Sample {
    event: Duration,
    page: Duration,
    rebuild: Duration,
}

fn main() {
    let args = Args::parse();
    let root = args.site.canonicalize().expect("the site exists");
    let template_path = root.join("templates/article.html");
    assert!(
        !template_path.exists(),
        "{} exists: use a site without its own article template",
        template_path.display()
    );

    let sources = content::discover(&root.join("content"))
        .expect("content/ reads")
        .sources;
    let article = sources
        .iter()
        .find(|p| p.components().count() > 1)
        .or(sources.first())
        .expect("the site has articles")
        .clone();
    let file = SourceFile::read(&root, &article).expect("the briefing reads");
    let article_path = root.join("content").join(&article);
    let original = std::fs::read_to_string(&article_path).unwrap();
    println!(
        "site: {} ({} content files); editing {}",
        root.display(),
        sources.len(),
        article.display()
    );

    if !args.no_build {
        let output = std::env::temp_dir().join(format!("brief-serve-bench-{}", std::process::id()));
        let mut options = BuildOptions::new(&root);
        options.output = Some(output.clone());
        let started = Instant::now();
        let built = build(&options).expect("the site builds");
        let elapsed = started.elapsed();
        let _ = std::fs::remove_dir_all(&output);
        println!(
            "full build: {} files in {elapsed:.2?} (brief build, written to a temporary folder)",
            built.files
        );
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let mut options = ServeOptions::new(&root);
    options.port = 0;
    options.quiet = true;
    let server = runtime
        .block_on(Server::start(options))
        .expect("serve starts");
    let ready = started.elapsed();
    let address = server.address().to_string();
    let (status, _) = get(&address, "/");
    assert_eq!(status, 200);
    let first_page = started.elapsed();
    let (status, _) = get(&address, &file.url);
    assert_eq!(status, 200);
    println!(
        "serve: site loaded in {ready:.2?}; first page (home) served {first_page:.2?} after start"
    );

    let events = listen(&address);
    let mut generation = server.generation();

    let body_edits = measure(args.rounds, &server, &events, &mut generation, |i| {
        let text = format!("{original}\nBench edit {i}: the text changed.\n");
        std::fs::write(&article_path, text).unwrap();
        get_until(&address, &file.url, &format!("Bench edit {i}:"))
    });

    // Edits that move the briefing between lists, in turn: a listed ticker added, a
    // ticker removed, its ecosystem changed, its date changed. Each also changes the
    // text, so the page shows when the save is served.
    let config = brief::config::load(&root, &Default::default()).expect("site.toml loads");
    let tickers_line = front_matter_line(&original, "tickers");
    let listed: Vec<String> = config
        .registry
        .companies
        .iter()
        .flat_map(|c| c.tickers.iter().map(|t| t.to_string()))
        .filter(|t| !tickers_line.contains(&format!("\"{t}\"")))
        .collect();
    let ecosystems: Vec<String> = config
        .registry
        .ecosystems
        .iter()
        .map(|e| e.key.to_string())
        .collect();
    let move_edits = measure(args.rounds, &server, &events, &mut generation, |i| {
        let moved = match i % 4 {
            0 => original.replacen(
                "tickers = [",
                &format!("tickers = [\"{}\", ", listed[i % listed.len()]),
                1,
            ),
            1 => original.replacen(
                &tickers_line,
                &format!(
                    "tickers = [{}]",
                    tickers_line
                        .split_once(',')
                        .map_or("]", |(_, rest)| rest)
                        .trim_end_matches(']')
                        .trim()
                ),
                1,
            ),
            2 => original.replacen(
                &front_matter_line(&original, "ecosystem"),
                &format!("ecosystem = [\"{}\"]", ecosystems[i % ecosystems.len()]),
                1,
            ),
            _ => original.replacen(
                &front_matter_line(&original, "date"),
                &format!("date = 2020-06-{:02}T10:00:00Z", 1 + i % 28),
                1,
            ),
        };
        assert_ne!(moved, original, "edit {i} changes the front matter");
        std::fs::write(&article_path, format!("{moved}\nBench move {i}.\n")).unwrap();
        get_until(&address, &file.url, &format!("Bench move {i}."))
    });

    let new_ticker_edits = measure(args.rounds, &server, &events, &mut generation, |i| {
        // A ticker no company lists: a page of its own appears, so the site is decided anew.
        let ticker = format!("BENCH{i}");
        let text = original.replacen("tickers = [", &format!("tickers = [\"{ticker}\", "), 1);
        assert_ne!(text, original, "the briefing has a tickers list");
        std::fs::write(&article_path, text).unwrap();
        get_until(&address, &file.url, &ticker)
    });
    std::fs::write(&article_path, &original).unwrap();
    wait_event(&events, &mut generation);

    let template = brief::theme::embedded().templates["article.html"]
        .source
        .clone();
    let with_marker = |i: usize| {
        template.replacen(
            "{% block main %}",
            &format!("{{% block main %}}<!-- bench template {i} -->"),
            1,
        )
    };
    // Not measured: the first save makes templates/, which starts a watch on it.
    std::fs::create_dir_all(template_path.parent().unwrap()).unwrap();
    std::fs::write(&template_path, with_marker(usize::MAX)).unwrap();
    get_until(
        &address,
        &file.url,
        &format!("bench template {}", usize::MAX),
    );
    wait_event(&events, &mut generation);
    let template_edits = measure(args.rounds, &server, &events, &mut generation, |i| {
        std::fs::write(&template_path, with_marker(i)).unwrap();
        get_until(&address, &file.url, &format!("bench template {i} "))
    });

    std::fs::remove_dir_all(template_path.parent().unwrap()).unwrap();
    runtime.block_on(server.stop());

    println!();
    println!(
        "{:<34} {:>21} {:>21} {:>21}",
        "save → (median / p90 / max)", "reload event sent", "new page served", "rebuild (server)"
    );
    report("briefing text edited", &body_edits);
    report("briefing moved between lists", &move_edits);
    report("ticker no company lists added", &new_ticker_edits);
    report("template edited", &template_edits);
}

/// The line of the front matter that sets `key`.
fn front_matter_line(text: &str, key: &str) -> String {
    text.lines()
        .find(|l| l.starts_with(&format!("{key} =")))
        .unwrap_or_else(|| panic!("the briefing sets {key}"))
        .to_string()
}

/// Runs `rounds` saves; `save(i)` writes the file and returns once the page shows it.
fn measure(
    rounds: usize,
    server: &Server,
    events: &mpsc::Receiver<(Instant, u64)>,
    generation: &mut u64,
    mut save: impl FnMut(usize) -> Instant,
) -> Vec<Sample> {
    let mut samples = Vec::new();
    for i in 0..rounds {
        while events.try_recv().is_ok() {}
        let saved = Instant::now();
        let page_at = save(i);
        let event_at = wait_event(events, generation);
        samples.push(Sample {
            event: event_at.saturating_duration_since(saved),
            page: page_at.saturating_duration_since(saved),
            rebuild: server.last_rebuild(),
        });
        // Let the watcher settle, so each save is measured alone.
        std::thread::sleep(Duration::from_millis(150));
    }
    samples
}

/// Waits for a reload event newer than `generation`; returns when it arrived.
fn wait_event(events: &mpsc::Receiver<(Instant, u64)>, generation: &mut u64) -> Instant {
    loop {
        let (at, seen) = events
            .recv_timeout(Duration::from_secs(30))
            .expect("a reload event");
        if seen > *generation {
            *generation = seen;
            return at;
        }
    }
}

/// Reads the reload stream on a thread: (arrival, generation) per event.
fn listen(address: &str) -> mpsc::Receiver<(Instant, u64)> {
    let (sender, receiver) = mpsc::channel();
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /__brief/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(data) = line.strip_prefix("data: ") {
                let json: serde_json::Value = serde_json::from_str(data).unwrap();
                let generation = json["generation"].as_u64().unwrap();
                if sender.send((Instant::now(), generation)).is_err() {
                    return;
                }
            }
        }
    });
    receiver
}

/// Polls `path` until it contains `text`, as a reloading browser would see it.
fn get_until(address: &str, path: &str, text: &str) -> Instant {
    let started = Instant::now();
    loop {
        let (status, body) = get(address, path);
        if status == 200 && body.contains(text) {
            return Instant::now();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{path} never showed {text}"
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn report(name: &str, samples: &[Sample]) {
    let figures = |pick: fn(&Sample) -> Duration| {
        let mut values: Vec<Duration> = samples.iter().map(pick).collect();
        values.sort();
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        format!(
            "{:>5.1} / {:>5.1} / {:>5.1} ms",
            ms(at(0.5)),
            ms(at(0.9)),
            ms(at(1.0))
        )
    };
    println!(
        "{name:<34} {:>21} {:>21} {:>21}",
        figures(|s| s.event),
        figures(|s| s.page),
        figures(|s| s.rebuild)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

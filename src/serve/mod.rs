//! `brief serve`: the live preview. The site is held in memory (the library's own
//! pipeline, stage by stage, in `workspace`), pages are rendered on request and kept
//! until the next change, and every save is in the browser as soon as it is rebuilt.
//!
//! ```text
//! watcher ─Batch─▶ classify ─ChangeSet─▶ Workspace::rebuild ─▶ Snapshot ─swap─▶ reload event
//! schedule (a briefing due) ───────────────────▲                   ▲
//!       listen ─▶ guard ─▶ HTTP request ─▶ page cache ────────────┘ (render on first request)
//! ```
//!
//! `listen` accepts connections so that slow or idle clients cannot crowd the writer
//! out, `guard` answers only requests that name this server, and `schedule` rebuilds
//! when a briefing dated later is due. Never writes anything: not public/, not the
//! content.

mod classify;
mod clock;
mod console;
mod decided;
mod guard;
mod http;
mod listen;
mod live;
mod page;
mod problem;
mod route_index;
mod schedule;
mod snapshot;
mod state;
mod watch;
mod workspace;

pub use classify::{ChangeSet, Layout, classify};
pub use clock::Clock;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch as signal};

use console::Console;
use state::Preview;
use watch::{Batch, SourceWatcher};
use workspace::Workspace;

use crate::error::Error;
use crate::options::SiteOptions;

/// What `brief serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site, and what it shows: drafts by default (marked as drafts by the theme).
    /// The base URL is always the server's own, and "now" is read at every rebuild.
    pub site: SiteOptions,
    /// The address to listen on; loopback unless the writer asks otherwise.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the writer's browser once it is served.
    pub open: bool,
    /// Print nothing while serving.
    pub quiet: bool,
    /// Where "now" is read, to publish briefings dated later once their time comes.
    pub clock: Clock,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        let mut site = SiteOptions::new(root);
        site.drafts = true;
        ServeOptions {
            site,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            open: false,
            quiet: false,
            clock: Clock::system(),
        }
    }
}

/// What a serve session did, once stopped.
#[derive(Debug, Clone)]
pub struct ServeReport {
    /// Generations served, the first load included.
    pub generations: u64,
    pub uptime: Duration,
}

/// Serves the site at `options.site.root` until Ctrl-C (or SIGTERM), then stops cleanly.
pub fn run(options: ServeOptions) -> Result<ServeReport, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::ServerStart { source })?;
    runtime.block_on(async move {
        let console = Console {
            quiet: options.quiet,
        };
        let server = Server::start(options.clone()).await?;
        console.line(&format!(
            "Serving {} at {} (Ctrl-C to stop)",
            options.site.root.display(),
            server.url()
        ));
        if guard::Hosts::new(options.bind).open() {
            console.line(&format!(
                "note: listening on {}, so other machines can read this site, drafts included; \
                 requests under any host name are answered",
                options.bind
            ));
        }
        if options.open {
            open_browser(&server.url(), console);
        }
        stop_signal().await;
        console.line("Stopping");
        Ok(server.stop().await)
    })
}

/// A running preview: the HTTP server, the watcher and the rebuilds.
pub struct Server {
    address: SocketAddr,
    url: String,
    preview: Arc<Preview>,
    stop: signal::Sender<bool>,
    http: tokio::task::JoinHandle<()>,
    rebuilds: tokio::task::JoinHandle<()>,
    schedule: tokio::task::JoinHandle<()>,
    started: Instant,
}

impl Server {
    /// Listens, loads the site, and starts watching; returns once the site can be served.
    pub async fn start(options: ServeOptions) -> Result<Server, Error> {
        let started = Instant::now();
        let root = options.site.root.clone();
        if !root.join(crate::files::SITE_TOML).is_file() {
            return Err(Error::NoSiteConfig { root });
        }
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(wanted).await.map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                Error::PortInUse { address: wanted }
            } else {
                Error::Listen {
                    address: wanted,
                    source,
                }
            }
        })?;
        let address = listener
            .local_addr()
            .map_err(|source| Error::ServerStart { source })?;
        let url = page_url(address);

        // Watch before the first load, so a save made while loading is not missed.
        let watched_root = root
            .canonicalize()
            .map_err(|source| Error::ServerStart { source })?;
        let (batches, incoming) = mpsc::unbounded_channel();
        let watcher =
            SourceWatcher::start(&watched_root, batches).map_err(|source| Error::Watch {
                root: root.clone(),
                source,
            })?;

        let (stop, stopping) = signal::channel(false);
        let mut site = options.site.clone();
        site.base_url = Some(url.trim_end_matches('/').to_string());
        let workspace = Workspace::new(site, options.clock.clone());
        let console = Console {
            quiet: options.quiet,
        };
        let preview = Arc::new(Preview::new(workspace, console, stopping.clone()));
        let first = preview.clone();
        tokio::task::spawn_blocking(move || first.apply(&ChangeSet::everything()))
            .await
            .map_err(|e| Error::ServerStart {
                source: std::io::Error::other(e),
            })?;

        let app = http::router(preview.clone(), guard::Hosts::new(address.ip()));
        let http = tokio::spawn(listen::serve(listener, app, stopping.clone(), console));
        let schedule = tokio::spawn(schedule::run(
            preview.clone(),
            options.clock.clone(),
            stopping.clone(),
        ));
        let rebuilds = tokio::spawn(rebuild_loop(
            preview.clone(),
            incoming,
            watcher,
            watched_root,
            stopping,
        ));
        Ok(Server {
            address,
            url,
            preview,
            stop,
            http,
            rebuilds,
            schedule,
            started,
        })
    }

    /// Where the site is served, with a trailing slash.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The generation being served: 1 after the first load, one more per rebuild.
    pub fn generation(&self) -> u64 {
        self.preview.snapshot().generation
    }

    /// How long the rebuild of the generation being served took.
    pub fn last_rebuild(&self) -> Duration {
        self.preview.snapshot().rebuild_time
    }

    /// Stops accepting, ends the reload streams, and lets open requests finish
    /// (for a few seconds at most).
    pub async fn stop(self) -> ServeReport {
        let _ = self.stop.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(3), self.http).await;
        self.rebuilds.abort();
        self.schedule.abort();
        ServeReport {
            generations: self.preview.snapshot().generation,
            uptime: self.started.elapsed(),
        }
    }
}

/// Takes the watcher's batches one rebuild at a time. A burst of saves that arrives
/// during a rebuild is merged into the next one, so hundreds of saves cost a few
/// rebuilds, and the last save always wins.
async fn rebuild_loop(
    preview: Arc<Preview>,
    mut incoming: mpsc::UnboundedReceiver<Batch>,
    mut watcher: SourceWatcher,
    root: PathBuf,
    mut stopping: signal::Receiver<bool>,
) {
    loop {
        let batch = tokio::select! {
            _ = stopping.wait_for(|stop| *stop) => return,
            batch = incoming.recv() => match batch {
                Some(batch) => batch,
                None => return,
            },
        };
        let mut paths = Vec::new();
        let mut rescan = false;
        let mut take = |batch: Batch| match batch {
            Batch::Paths(more) => paths.extend(more),
            Batch::Rescan => rescan = true,
        };
        take(batch);
        while let Ok(batch) = incoming.try_recv() {
            take(batch);
        }
        watcher.refresh(&paths);
        let mut changes = classify(&preview.layout(&root), &paths);
        if rescan {
            changes = ChangeSet::everything();
        }
        if changes.is_empty() {
            continue;
        }
        let rebuild = preview.clone();
        let _ = tokio::task::spawn_blocking(move || rebuild.apply(&changes)).await;
    }
}

/// The URL a writer opens: loopback when listening on every address.
fn page_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

/// Ctrl-C, or a service manager's SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Opens `url` in the writer's browser; a failure is a note, not an error.
fn open_browser(url: &str, console: Console) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let opened = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        console.line(&format!(
            "note: could not open a browser; open {url} yourself"
        ));
    }
}

//! A running `brief serve` for the serve and browser tests: started on a free port,
//! spoken to over real HTTP, its reload stream read, stopped as Ctrl-C stops it; and
//! the small two-ecosystem site the serve tests edit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::ops::Deref;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// The small site's `site.toml`: two ecosystems, one company in each.
pub const SITE_TOML: &str = r#"title = "Two Stacks"
base_url = "https://example.org/blog"
per_page = 10

[ecosystems.china]
name = "China's domestic stack"

[ecosystems.us]
name = "US and allies"

[companies.smic]
name = "SMIC"
tickers = ["0981.HK"]
ecosystem = "china"

[companies.micron]
name = "Micron Technology"
tickers = ["MU"]
ecosystem = "us"
"#;

/// A briefing of the small site, in the `china` ecosystem.
pub fn briefing(title: &str, date: &str, tickers: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\necosystem = \"china\"\ntickers = [{tickers}]\n+++\n\n{body}\n"
    )
}

/// A [`super::Site`] made by `new`: a small site (two briefings and a page) in a
/// temporary folder.
pub struct Site(super::Site);

impl Site {
    pub fn new() -> Site {
        let site = Site(super::Site::empty());
        site.write("site.toml", SITE_TOML);
        site.write(
            "content/2025/10/rally.md",
            &briefing(
                "Hong Kong chip stocks rally",
                "2025-10-02T09:30:00+08:00",
                "\"0981.HK\"",
                "SMIC shares rose on the domestic AI push.",
            ),
        );
        site.write(
            "content/2025/10/memory.md",
            &briefing(
                "Memory prices climb",
                "2025-10-01",
                "\"MU\"",
                "Micron guided higher.",
            ),
        );
        site.write(
            "content/about.md",
            "+++\ntitle = \"About\"\nkind = \"page\"\n+++\n\nAbout this site.\n",
        );
        site
    }
}

impl Deref for Site {
    type Target = super::Site;

    fn deref(&self) -> &super::Site {
        &self.0
    }
}

/// An HTTP response, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A running `brief serve`; killed when dropped.
pub struct Served {
    child: Child,
    /// `host:port`.
    pub address: String,
    /// The URL it printed, `http://host:port/`.
    pub url: String,
    pub stdout: Arc<Mutex<String>>,
    pub stderr: Arc<Mutex<String>>,
}

impl Served {
    /// On a free port, with `args` after it.
    pub fn start(site: &super::Site, args: &[&str]) -> Served {
        Served::start_exactly(site, &[&["--port", "0"], args].concat())
    }

    /// With `args` alone: they choose the port.
    pub fn start_exactly(site: &super::Site, args: &[&str]) -> Served {
        Served::spawn(site.root(), args)
    }

    /// The site at `root` on `port` (0 for a free one).
    pub fn on_port(root: &Path, port: u16) -> Served {
        Served::spawn(root, &["--port", &port.to_string()])
    }

    /// Started with at most `files` open file descriptors (`ulimit -n`).
    pub fn start_with_file_limit(site: &super::Site, files: u32, args: &[&str]) -> Served {
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_brief"));
        Served::spawn_with(shell, site.root(), &[&["--port", "0"], args].concat())
    }

    fn spawn(root: &Path, args: &[&str]) -> Served {
        Served::spawn_with(Command::new(env!("CARGO_BIN_EXE_brief")), root, args)
    }

    fn spawn_with(mut command: Command, root: &Path, args: &[&str]) -> Served {
        let mut child = command
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("brief runs");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let started = Instant::now();
        let url = loop {
            let text = stdout.lock().unwrap().clone();
            if let Some(at) = text.find("http://") {
                break text[at..].split_whitespace().next().unwrap().to_string();
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "brief serve exited with {status}: {}",
                    stderr.lock().unwrap()
                );
            }
            assert!(started.elapsed() < DEADLINE, "brief serve printed no URL");
            std::thread::sleep(Duration::from_millis(10));
        };
        let rest = &url["http://".len()..];
        let address = rest[..rest.find('/').unwrap()].to_string();
        Served {
            child,
            address,
            url,
            stdout,
            stderr,
        }
    }

    /// Sends `path` exactly as given, without normalising it the way clients do.
    pub fn get(&self, path: &str) -> Response {
        self.get_for_host(path, &self.address)
    }

    /// Sends `path` with `host` in the `Host` header, as a browser does for the page's site.
    pub fn get_for_host(&self, path: &str, host: &str) -> Response {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").expect("a complete response");
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: body.to_string(),
        }
    }

    /// Polls `path` until `ready` holds.
    pub fn wait_for(&self, path: &str, what: &str, ready: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(path);
            if ready(&response) {
                return response;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path} never showed {what}; last response: {} {}\nstderr: {}",
                response.status,
                response.body,
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the terminal output holds `text`, and returns it: the server prints
    /// after it swaps in a site, so a fresh page can come before its line.
    pub fn wait_for_stdout(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let stdout = self.stdout.lock().unwrap().clone();
            if stdout.contains(text) {
                return stdout;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "serve never printed {text:?}; it printed: {stdout}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, path: &str, text: &str) -> Response {
        self.wait_for(path, text, |r| r.status == 200 && r.body.contains(text))
    }

    /// Opens the reload stream and returns it with its first message.
    pub fn events(&self) -> (Events, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        write!(
            stream,
            "GET /__brief/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        let hello = events.next();
        (events, hello)
    }

    /// Stops it as Ctrl-C does.
    pub fn interrupt(mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(started.elapsed() < DEADLINE, "brief serve did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a string as it comes, so the server never blocks on it.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// The reload stream, read message by message.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next `data:` line (the chunked framing around it is skipped).
    pub fn next(&mut self) -> String {
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return data.to_string();
            }
        }
    }
}

/// The field `name` of a reload event's JSON `message`, as text.
pub fn field(message: &str, name: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(message).unwrap();
    match &json[name] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

//! What `brief serve` promises against time and against other programs: a briefing
//! scheduled for later appears once due, slow or idle clients cannot take the preview
//! away, other web sites cannot read it, and the writer's text cannot drive the
//! terminal.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{DEADLINE, Served, Site, briefing, field};

#[test]
fn a_briefing_scheduled_for_later_appears_when_its_time_comes_without_a_save() {
    let site = Site::new();
    // Whole seconds, as a writer dates it; far enough ahead for the server to start.
    let due = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 6).unwrap();
    site.write(
        "content/2025/10/embargo.md",
        &briefing(
            "Embargoed results",
            &due.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "\"0981.HK\"",
            "Under embargo until the hour.",
        ),
    );
    let served = Served::start(&site, &[]);
    let (mut events, _) = served.events();
    let home = served.wait_for_text("/", "Hong Kong chip stocks rally");
    assert!(
        !home.body.contains("Embargoed results"),
        "not before its time"
    );
    assert_eq!(served.get("/2025/10/embargo/").status, 404);

    let event = events.next();
    assert_eq!(field(&event, "kind"), "page", "the open pages reload");
    assert!(jiff::Timestamp::now() >= due, "published early");
    served.wait_for_text("/", "Embargoed results");
    served.wait_for_text("/2025/10/embargo/", "Under embargo until the hour.");
    served.wait_for_text("/companies/smic/", "Embargoed results");
    served.wait_for_stdout("a scheduled briefing is due");
}

/// Reads until the server closes the connection; how long that took.
fn closed_after(mut stream: TcpStream, started: Instant) -> Duration {
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut sink = Vec::new();
    match stream.read_to_end(&mut sink) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the server kept the connection open: {e}"),
    }
    started.elapsed()
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off_within_seconds() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Two Stacks");
    let started = Instant::now();
    let idle = TcpStream::connect(&served.address).unwrap();
    let mut slow = TcpStream::connect(&served.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    // A byte now and then, as a slowloris client keeps its request alive.
    let trickling = slow.try_clone().unwrap();
    let trickle = std::thread::spawn(move || {
        let mut trickling = trickling;
        while started.elapsed() < DEADLINE {
            std::thread::sleep(Duration::from_millis(200));
            if trickling.write_all(b"a").is_err() {
                break;
            }
        }
    });
    // Meanwhile everyone else is answered.
    assert_eq!(served.get("/").status, 200);
    for (what, stream) in [("idle", idle), ("slow", slow)] {
        let after = closed_after(stream, started);
        assert!(
            after < Duration::from_secs(9),
            "{what}: closed after {after:?}"
        );
        assert!(
            after >= Duration::from_secs(2),
            "{what}: closed after {after:?}"
        );
    }
    trickle.join().unwrap();
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn idle_connections_past_the_file_limit_never_stop_answers_or_reloads() {
    let site = Site::new();
    let served = Served::start_with_file_limit(&site, 64, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    // Far more connections than the server may have files open, none saying a word.
    let idle: Vec<TcpStream> = (0..150)
        .map(|_| TcpStream::connect(&served.address).unwrap())
        .collect();
    let started = Instant::now();
    let page = served.get("/2025/10/rally/");
    assert_eq!(page.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "answered at once, not once the idle ones time out: {:?}",
        started.elapsed()
    );
    let (mut events, _) = served.events();
    site.save_atomically(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02T09:30:00+08:00",
            "\"0981.HK\"",
            "SMIC shares jumped 11% on the first day of trading.",
        ),
    );
    assert_eq!(field(&events.next(), "kind"), "page");
    served.wait_for_text("/2025/10/rally/", "jumped 11%");
    let stderr = served.stderr.lock().unwrap().clone();
    assert!(!stderr.contains("error"), "{stderr}");
    drop(idle);
}

#[test]
fn accepting_past_the_file_limit_closes_the_oldest_connections_and_saves_still_show() {
    let site = Site::new();
    // So few files that idle connections take every one the server has left, and
    // `accept` fails with "Too many open files".
    let served = Served::start_with_file_limit(&site, 24, &[]);
    served.wait_for_text("/2025/10/rally/", "domestic AI push");
    let idle: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(&served.address).unwrap())
        .collect();
    printed(&served.stdout, "cannot accept connections");
    let started = Instant::now();
    assert_eq!(served.get("/2025/10/rally/").status, 200);
    assert!(started.elapsed() < Duration::from_secs(4));
    site.save_atomically(
        "content/2025/10/rally.md",
        &briefing(
            "Hong Kong chip stocks rally",
            "2025-10-02T09:30:00+08:00",
            "\"0981.HK\"",
            "SMIC shares jumped 11% on the first day of trading.",
        ),
    );
    let page = served.wait_for_text("/2025/10/rally/", "jumped 11%");
    assert!(!page.body.contains("brief-problem"), "{}", page.body);
    let stdout = served.wait_for_stdout("cannot accept connections");
    assert_eq!(
        stdout.matches("cannot accept connections").count(),
        1,
        "said once, not for every connection: {stdout}"
    );
    drop(idle);
}

#[test]
fn requests_naming_another_host_are_refused_unless_bound_to_every_address() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Two Stacks");
    let port = served.address.rsplit(':').next().unwrap().to_string();
    for host in [
        served.address.clone(),
        format!("localhost:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = served.get_for_host("/2025/10/rally/", &host);
        assert_eq!(response.status, 200, "{host}");
    }
    // A page on another site that points its own name at 127.0.0.1 (DNS rebinding).
    for host in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        for path in ["/", "/2025/10/rally/", "/atom.xml", "/__brief/events"] {
            let response = served.get_for_host(path, &host);
            assert_eq!(response.status, 421, "{host}{path}");
            assert!(!response.body.contains("domestic AI push"), "{host}{path}");
            assert!(!response.body.contains("generation"), "{host}{path}");
        }
    }
    drop(served);

    let everywhere = Served::start(&site, &["--bind", "0.0.0.0"]);
    let response = everywhere.get_for_host("/2025/10/rally/", "my-laptop.lan:1111");
    assert_eq!(response.status, 200);
    let stdout = everywhere.stdout.lock().unwrap().clone();
    assert!(
        stdout.contains("requests under any host name are answered"),
        "{stdout}"
    );
}

/// Waits until what the server printed on `pipe` contains `text`; all of it.
fn printed(pipe: &std::sync::Mutex<String>, text: &str) -> String {
    let started = Instant::now();
    loop {
        let printed = pipe.lock().unwrap().clone();
        if printed.contains(text) {
            return printed;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "never printed {text:?}:\n{printed}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_terminal_safe(printed: &str) {
    let acted_on: Vec<char> = printed
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(acted_on.is_empty(), "{acted_on:?} in:\n{printed}");
}

#[test]
fn escape_sequences_in_the_writers_text_are_printed_written_out() {
    let site = Site::new();
    let served = Served::start(&site, &[]);
    served.wait_for_text("/", "Two Stacks");
    // A file name with a raw ESC, and a ticker no company lists with a TOML-escaped one.
    let name = "content/2025/10/\u{1b}[2J.md";
    site.write(
        name,
        &briefing(
            "Clear",
            "2025-10-03",
            "\"0981.HK\", \"Z\\u001b]0;owned\\u0007\"",
            "Body.",
        ),
    );
    printed(&served.stdout, "\\u{1b}[2J.md changed");
    printed(&served.stderr, "Z\\u{1b}]0;owned\\u{7}");
    // An error in that file, at a line holding a raw ESC.
    site.write(name, "+++\ntitle = \"Clear \u{1b}[2J\"\n+++\n");
    printed(&served.stderr, "content/2025/10/\\u{1b}[2J.md:2:");
    assert_terminal_safe(&served.stdout.lock().unwrap());
    assert_terminal_safe(&served.stderr.lock().unwrap());
}

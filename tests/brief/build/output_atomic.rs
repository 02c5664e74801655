//! Nothing half-done: a build killed at any instant leaves the whole old site or the
//! whole new one, what a killed build left is cleared by the next, an output that
//! cannot be swapped (a mount point, a parent brief may not write to) is updated in
//! place and says so when it stops part-way, and a full disk is one error.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::support::system::{Tmpfs, as_unprivileged, give_to_unprivileged, is_root};
use crate::support::{Site, TreeState, files_under, summary_without_time};

/// Every file under `dir` with its bytes (modification times aside).
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap_or_default();
            (f, bytes)
        })
        .collect()
}

/// What differs between two trees, by path.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| a.get(*n) != b.get(*n))
        .cloned()
        .collect()
}

/// Entries beside the output whose names a build's staging or set-aside folders have.
fn leftovers_beside(site: &Site) -> Vec<String> {
    fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// Adds `count` briefings to the site, so a build takes long enough to be killed at
/// many points of it.
fn add_briefings(site: &Site, count: usize) {
    let tickers = ["0981.HK", "MU", "huawei"];
    for i in 0..count {
        let body = "A paragraph of analysis that is long enough to be a real briefing. ".repeat(20);
        site.write(
            &format!("content/2024/08/generated-{i}.md"),
            &format!(
                "+++\ntitle = \"Generated briefing {i}\"\ndate = 2024-08-{:02}T09:{:02}:00+08:00\necosystem = \"china\"\ntickers = [\"{}\"]\n+++\n\n{body}\n\n## Details\n\n{body}\n",
                1 + i % 28,
                i % 60,
                tickers[i % 3]
            ),
        );
    }
}

/// A build of the site, started; `staged_at` is when its staging folder beside the
/// output appeared (the moment it starts writing), if it did before it ended.
struct Started {
    child: std::process::Child,
    spawned: Instant,
}

impl Started {
    fn new(site: &Site) -> Started {
        let child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["build", "--root", "."])
            .current_dir(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Started {
            child,
            spawned: Instant::now(),
        }
    }

    /// Waits until the build starts writing its staging folder; false if it ended first.
    fn wait_for_staging(&mut self, site: &Site) -> bool {
        let staging = site.path(&format!(".public.brief-new-{}", self.child.id()));
        loop {
            if staging.exists() {
                return true;
            }
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    }
}

#[test]
fn a_build_killed_at_any_instant_leaves_the_whole_old_site_or_the_whole_new_one() {
    let site = Site::fixture("site");
    add_briefings(&site, 200);
    site.write("public/CNAME", "chipwire.example.org\n");
    // A static file is copied into the site, not rendered: it too is in every whole site.
    site.write("static/files/closes.csv", "date,close\n2024-10-01,10\n");
    let config_a = site.read("site.toml");
    let config_b = config_a.replacen("title = \"Chip Wire\"", "title = \"Chip Wire Daily\"", 1);
    let public = site.path("public");
    site.build();
    let site_a = contents(&public);
    site.write("site.toml", &config_b);
    // An uninterrupted build, timed: how long before it writes, and how long it writes.
    let mut timed = Started::new(&site);
    assert!(timed.wait_for_staging(&site));
    let before_writing = timed.spawned.elapsed();
    let staged_at = Instant::now();
    assert!(timed.child.wait().unwrap().success());
    let writing = staged_at.elapsed();
    let site_b = contents(&public);
    assert!(
        differing(&site_a, &site_b).len() > 200,
        "every page shows the title"
    );

    // A fifth of the kills while the site is read and rendered, the rest spread over
    // the writing and the swap, and past the end.
    let points = 40;
    let early = points / 5;
    let (mut whole_old, mut whole_new, mut while_writing) = (0, 0, 0);
    let mut current_is_b = true;
    // On a busy machine a build runs slower than the timed one, and every planned kill
    // may land before the swap: then later kills follow, each twice as late, until one
    // lands after it (or the build ends first), so both outcomes are always seen.
    let mut point = 0;
    while point < points || (whole_new == 0 && point < points + 12) {
        let (current, target) = if current_is_b {
            (&site_b, &site_a)
        } else {
            (&site_a, &site_b)
        };
        site.write(
            "site.toml",
            if current_is_b { &config_a } else { &config_b },
        );
        let mut build = Started::new(&site);
        if point < early {
            std::thread::sleep(before_writing.mul_f64(point as f64 / early as f64));
        } else if build.wait_for_staging(&site) {
            while_writing += 1;
            let share = if point < points {
                1.5 * (point - early) as f64 / (points - early) as f64
            } else {
                1.5 * 2f64.powi(point - points + 1)
            };
            std::thread::sleep(writing.mul_f64(share));
        }
        let _ = build.child.kill();
        build.child.wait().unwrap();
        let now = contents(&public);
        if &now == current {
            whole_old += 1;
        } else if &now == target {
            whole_new += 1;
            current_is_b = !current_is_b;
        } else {
            panic!(
                "killed at {point}/{points}: a mix; differs from the old site in {:?}, from the new one in {:?}",
                differing(current, &now).iter().take(5).collect::<Vec<_>>(),
                differing(target, &now).iter().take(5).collect::<Vec<_>>(),
            );
        }
        point += 1;
    }
    eprintln!(
        "kill points: {point} ({while_writing} after the build began writing), checked: {}, whole old site: {whole_old}, whole new site: {whole_new}; uninterrupted: {before_writing:?} before writing, {writing:?} writing",
        whole_old + whole_new
    );
    assert_eq!(whole_old + whole_new, point);
    assert!(
        whole_old > early && whole_new > 0,
        "kills landed both while writing and after the swap"
    );
    site.build();
    assert_eq!(leftovers_beside(&site), Vec::<String>::new());
}

#[test]
fn what_a_killed_build_left_is_cleared_by_the_next_build() {
    let site = Site::fixture("site");
    site.build();
    // Folders of builds that died (no process has these ids): a staging folder beside
    // the output, an old tree set aside, a staging folder of an update in place.
    site.write(".public.brief-new-99999999/index.html", "half a site");
    site.write(".public.brief-old-99999998/index.html", "an old site");
    site.write(
        "public/.brief-staging-99999997/index.html",
        "half an update",
    );
    site.build();
    assert_eq!(leftovers_beside(&site), Vec::<String>::new());
    assert!(!site.path("public/.brief-staging-99999997").exists());
}

#[test]
fn an_output_set_aside_by_a_killed_build_is_put_back_first() {
    let site = Site::fixture("site");
    site.build();
    site.write("public/CNAME", "chipwire.example.org\n");
    // Killed between its two renames, on a file system that cannot exchange folders.
    fs::rename(site.path("public"), site.path(".public.brief-old-99999998")).unwrap();
    site.write(
        ".public.brief-new-99999998/index.html",
        "the new site, whole or not",
    );
    let built = site.build();
    assert_eq!(
        summary_without_time(&built.stdout),
        "Built 6 briefings, 3 companies, 2 ecosystems: 58 files (0 written, 58 unchanged) in ./public in [TIME]",
        "the old tree is back, and nothing in it needed writing"
    );
    assert_eq!(site.read("public/CNAME"), "chipwire.example.org\n");
    assert_eq!(leftovers_beside(&site), Vec::<String>::new());
}

/// Lets the unprivileged user of `as_unprivileged` read the site and write its output,
/// but not the site's folder, the output's parent. Returns how to run brief there.
fn unwritable_parent(site: &Site) -> Command {
    let mut folder = site.root.clone();
    while folder != Path::new("/") && folder.starts_with(site.temp_dir()) {
        set_mode(&folder, 0o755);
        folder.pop();
    }
    set_mode(site.temp_dir(), 0o755);
    give_to_unprivileged(&site.path("public"));
    if !is_root() {
        set_mode(&site.root, 0o555);
    }
    let mut command = as_unprivileged(Path::new(env!("CARGO_BIN_EXE_brief")));
    command
        .args(["build", "--root", "."])
        .current_dir(&site.root);
    command
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn run(mut command: Command) -> (bool, String, String) {
    let output = command.output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_output_whose_parent_is_not_writable_is_updated_in_place() {
    let site = Site::fixture("site");
    site.build();
    site.write("public/CNAME", "chipwire.example.org\n");
    site.replace(
        "content/2024/09/memory-prices.md",
        "Analysts expect",
        "Most analysts expect",
    );
    fs::remove_file(site.path("content/2024/10/hong-kong-rally.md")).unwrap();
    let beside = fs::read_dir(&site.root).unwrap().count();
    let (ok, stdout, stderr) = run(unwritable_parent(&site));
    set_mode(&site.root, 0o755);
    assert!(ok, "{stdout}{stderr}");
    let out = site.public();
    assert!(
        out.page("/2024/09/memory-prices/")
            .contains("Most analysts expect")
    );
    assert!(
        !out.has("/2024/10/hong-kong-rally/"),
        "brief's stale page goes"
    );
    assert_eq!(site.read("public/CNAME"), "chipwire.example.org\n");
    assert_eq!(fs::read_dir(&site.root).unwrap().count(), beside);
    let hidden: Vec<String> = files_under(&out.dir)
        .into_iter()
        .filter(|f| f.starts_with('.'))
        .collect();
    assert_eq!(hidden, [".brief-manifest"], "no staging folder is left");
}

#[test]
fn a_permission_error_while_updating_in_place_says_the_output_was_updated_in_part() {
    let site = Site::fixture("site");
    site.build();
    site.replace(
        "site.toml",
        "title = \"Chip Wire\"",
        "title = \"Chip Wire Daily\"",
    );
    let command = unwritable_parent(&site);
    // One folder of the output that the build may not write into.
    if is_root() {
        Command::new("chown")
            .args(["-R", "0:0"])
            .arg(site.path("public/companies"))
            .status()
            .unwrap();
    } else {
        set_mode(&site.path("public/companies/smic"), 0o555);
    }
    let (ok, _, stderr) = run(command);
    set_mode(&site.root, 0o755);
    assert!(!ok);
    assert!(stderr.contains("was updated only in part:"), "{stderr}");
    assert!(
        stderr
            .ends_with("error: build failed with 2 errors; the output was updated only in part\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("left as it was"), "{stderr}");
}

#[test]
fn a_permission_error_before_the_swap_leaves_the_old_output_whole_and_says_so() {
    let site = Site::fixture("site");
    site.build();
    site.write("public/private/key.txt", "the writer's\n");
    site.replace(
        "site.toml",
        "title = \"Chip Wire\"",
        "title = \"Chip Wire Daily\"",
    );
    let mut command = unwritable_parent(&site);
    set_mode(&site.root, 0o755);
    give_to_unprivileged(&site.root);
    // A folder of the writer's that the build cannot read: it cannot be carried over.
    if is_root() {
        Command::new("chown")
            .args(["-R", "0:0"])
            .arg(site.path("public/private"))
            .status()
            .unwrap();
    }
    set_mode(&site.path("public/private"), 0o700);
    if !is_root() {
        set_mode(&site.path("public/private"), 0o000);
    }
    let before = TreeState::of(&site.path("public"));
    command.current_dir(&site.root);
    let (ok, _, stderr) = run(command);
    set_mode(&site.path("public/private"), 0o755);
    assert!(!ok);
    assert!(stderr.contains("public/private"), "{stderr}");
    assert!(
        stderr.ends_with("the previous output was left as it was\n"),
        "{stderr}"
    );
    let differences = before.differences(&TreeState::of(&site.path("public")));
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(leftovers_beside(&site), Vec::<String>::new());
}

#[test]
fn an_output_that_is_a_mount_point_is_updated_in_place() {
    let site = Site::fixture("site");
    let Some(_mount) = Tmpfs::mount(&site.path("public"), 8192) else {
        return;
    };
    site.write("public/CNAME", "chipwire.example.org\n");
    site.build();
    site.replace(
        "content/2024/09/memory-prices.md",
        "Analysts expect",
        "Most analysts expect",
    );
    let built = site.build();
    assert!(
        built
            .out
            .page("/2024/09/memory-prices/")
            .contains("Most analysts expect")
    );
    assert_eq!(site.read("public/CNAME"), "chipwire.example.org\n");
    assert_eq!(leftovers_beside(&site), Vec::<String>::new());
}

#[test]
fn a_full_disk_is_one_error_and_leaves_the_previous_output() {
    let site = Site::fixture("site");
    let Some(disk) = Tmpfs::mount(&site.temp_dir().join("disk"), 4096) else {
        return;
    };
    let output = disk.dir.join("public");
    let output_arg = output.to_str().unwrap();
    site.build_with(&["--output", output_arg]);
    let before = TreeState::of(&output);
    disk.fill(16 * 1024);
    site.replace(
        "site.toml",
        "title = \"Chip Wire\"",
        "title = \"Chip Wire Daily\"",
    );
    let stderr = site.build_fails(&["--output", output_arg]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 2, "one error and the summary:\n{stderr}");
    assert!(
        stderr.contains("no space left on the disk holding"),
        "{stderr}"
    );
    let differences = before.differences(&TreeState::of(&output));
    assert!(differences.is_empty(), "{differences:?}");
    let on_disk: Vec<String> = fs::read_dir(&disk.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        on_disk.len(),
        2,
        "only the output and the filler: {on_disk:?}"
    );
}

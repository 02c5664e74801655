#!/usr/bin/env bash
# The benchmark of issue 5: brief against Hugo and against the "floor" on generated
# briefing sites, printed as a Markdown table of medians.
#
#   bench/run.sh                           # N = 1,000, 10,000 and 100,000; 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#
# Settings (environment):
#   SIZES      numbers of briefings, one corpus each       (default "1000 10000 100000")
#   RUNS       timed runs of each tool per size, at least 1 (default 3)
#   SEED       corpus seed                                   (default 1)
#   BENCH_DIR  the cache folder; everything is written here (default target/bench)
#   KEEP_OUTPUT=1 keeps the built sites in $BENCH_DIR/out/N/run-R/ for a look
#   HUGO_MAX   the largest N Hugo is run at (default 10000): Hugo 0.111 holds the whole
#              site in memory, about 2.5 GiB per 10,000 briefings here, so 100,000 would
#              take some 25 GiB; raise it on a machine that has that to spare
#   BENCH_CARGO_TARGET_DIR  where cargo builds the three programs (default $BENCH_DIR/cargo)
#
# What it does, for each N: generate the corpus once (examples/corpus/ writes the
# brief site and the same site for Hugo; kept in $BENCH_DIR/corpus-N and regenerated
# only when missing or when the generator changed), then RUNS rounds of: brief (cold,
# into an empty folder), brief again over its own output (the unchanged rebuild, which
# must keep every file's bytes and modification time), Hugo (cold) and the floor
# (examples/floor.rs, cold). Each run is timed by `/usr/bin/time -v`: wall time, CPU
# time (user + system) and peak resident memory. The table gives the median of each.
#
# brief, the corpus generator and the floor are built in release, from the working
# tree as it is, into $BENCH_DIR/cargo (a CARGO_TARGET_DIR of its own, so a benchmark
# never waits for or disturbs a build in target/). It writes and deletes only inside
# $BENCH_DIR (Hugo's caches included), installs Debian's `hugo` and `time` packages
# when missing (as .ci/run installs what CI needs), and is not part of CI. Every
# run's output is kept until the end (see bench_size), so it needs free disk for
# RUNS copies of each site: about 15 GB at 100,000 briefings with RUNS=3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
KEEP_OUTPUT=${KEEP_OUTPUT:-0}
HUGO_MAX=${HUGO_MAX:-10000}

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
export CARGO_TARGET_DIR=${BENCH_CARGO_TARGET_DIR:-$BENCH_DIR/cargo}
export CARGO_TERM_COLOR=never
BIN=$CARGO_TARGET_DIR/release
# One line per timed run: size, tool, run, wall s, cpu s, peak KiB, exit status.
RESULTS=$BENCH_DIR/results.tsv
# One line per unchanged rebuild: size, run, PASS or FAIL.
REBUILDS=$BENCH_DIR/rebuilds.tsv

log() { printf '%s\n' "$*" >&2; }

# Debian's packages, installed only when missing: GNU time for `-v`, Hugo to compare.
install_tools() {
  local need=()
  [ -x /usr/bin/time ] || need+=(time)
  command -v hugo >/dev/null || need+=(hugo)
  if [ ${#need[@]} -gt 0 ]; then
    log "Installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

build_tools() {
  log "Building brief, the corpus generator and the floor in release ($CARGO_TARGET_DIR)"
  cargo build --release --quiet --bin brief --example corpus --example floor
}

# A fingerprint of everything a corpus is made from, so a cached corpus is redone when
# the generator, its Hugo layouts or the seed change.
corpus_stamp() {
  {
    echo "seed $SEED"
    cat examples/corpus/*.rs themes/briefing/static/style.css
    find bench/hugo -type f | LC_ALL=C sort | xargs cat
  } | sha256sum | cut -d' ' -f1
}

# $BENCH_DIR/corpus-N/{brief,hugo}: generated when missing or stale. The stamp is
# written last, so an interrupted generation is redone next time.
ensure_corpus() {
  local n=$1 dir=$BENCH_DIR/corpus-$1 stamp
  stamp=$(corpus_stamp)
  if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ]; then
    return
  fi
  log "Generating the corpus of $n briefings in $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$BIN/examples/corpus" --articles "$n" --seed "$SEED" \
    --out "$dir/brief" --hugo "$dir/hugo" >/dev/null
  echo "$stamp" >"$dir/stamp"
}

# Reads every corpus file once, so that every tool, and the first run too, starts with
# the sources in the page cache rather than the first one paying for the disk.
warm_cache() {
  find "$1" -type f -exec cat {} + >/dev/null
}

# "h:mm:ss" or "m:ss.cc" from time -v, in seconds.
to_seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# timed N TOOL RUN COMMAND...: runs COMMAND under /usr/bin/time -v, appends a line to
# $RESULTS, keeps its output in $BENCH_DIR/logs. A failed run is recorded, not fatal,
# so one tool failing at a size (say, out of memory) still leaves the others' figures.
timed() {
  local n=$1 tool=$2 run=$3
  shift 3
  local logs=$BENCH_DIR/logs
  mkdir -p "$logs"
  local out=$logs/$n-$tool-$run.log stats=$logs/$n-$tool-$run.time status=0
  /usr/bin/time -v -o "$stats" "$@" >"$out" 2>&1 || status=$?
  local wall user sys rss
  wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$stats")")
  user=$(sed -n 's/.*User time (seconds): //p' "$stats")
  sys=$(sed -n 's/.*System time (seconds): //p' "$stats")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$stats")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" "$status" \
    >>"$RESULTS"
  if [ "$status" -ne 0 ]; then
    log "  $tool failed (exit $status); the end of $out:"
    tail -n 20 "$out" >&2
  else
    log "  $tool: ${wall}s wall"
  fi
}

# Every file of a built site with its modification time, size, inode and checksum.
manifest() {
  (cd "$1" && find . -type f -printf '%T@ %s %i %p\n' | LC_ALL=C sort -k4) >"$2.stat"
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r md5sum) >"$2.sum"
}

# One size: RUNS rounds of brief cold, brief rebuild, Hugo cold, floor cold. Every run
# builds into new folders under $BENCH_DIR/out/N/run-R/, and no output is deleted
# until the end of the whole benchmark. Why: ext4 does not hand out the inodes of
# recently deleted files again (recently_deleted() in fs/ext4/ialloc.c, for one to
# five minutes) but checks and skips them one by one, so deleting a site of 100,000
# pages and building one just after cost up to 70 s of kernel time in mkdir and
# create, growing run after run. Fresh folders keep that cost out of the timings.
bench_size() {
  local n=$1
  local corpus=$BENCH_DIR/corpus-$n
  warm_cache "$corpus"
  local run
  for run in $(seq 1 "$RUNS"); do
    log "N=$n, run $run of $RUNS"
    local out=$BENCH_DIR/out/$n/run-$run
    mkdir -p "$out"

    timed "$n" brief "$run" "$BIN/brief" build --root "$corpus/brief" --output "$out/brief"

    # The unchanged rebuild: nothing in the site changed, so no file may change.
    manifest "$out/brief" "$out/before"
    timed "$n" rebuild "$run" "$BIN/brief" build --root "$corpus/brief" --output "$out/brief"
    manifest "$out/brief" "$out/after"
    local verdict=PASS
    if ! cmp -s "$out/before.stat" "$out/after.stat" || ! cmp -s "$out/before.sum" "$out/after.sum"; then
      verdict=FAIL
      log "  unchanged rebuild changed files:"
      diff "$out/before.stat" "$out/after.stat" | head -n 10 >&2 || true
    fi
    printf '%s\t%s\t%s\n' "$n" "$run" "$verdict" >>"$REBUILDS"

    # Hugo's caches go into the run's folder too (never into the corpus), so every
    # run starts cold.
    if [ "$n" -le "$HUGO_MAX" ]; then
      HUGO_RESOURCEDIR=$out/hugo-resources \
        timed "$n" hugo "$run" hugo --source "$corpus/hugo" --destination "$out/hugo" \
        --cacheDir "$out/hugo-cache" --quiet
    fi

    timed "$n" floor "$run" "$BIN/examples/floor" --root "$corpus/brief" --output "$out/floor"
  done
  count_pages "$n" "$BENCH_DIR/out/$n/run-$RUNS"
}

# How many HTML files each tool wrote, to show that brief and Hugo made the same site.
COUNTS=$BENCH_DIR/counts.tsv
count_pages() {
  local n=$1 out=$2 tool
  for tool in brief hugo floor; do
    [ -d "$out/$tool" ] || continue
    printf '%s\t%s\t%s\t%s\n' "$n" "$tool" \
      "$(find "$out/$tool" -name '*.html' 2>/dev/null | wc -l)" \
      "$(find "$out/$tool" -type f 2>/dev/null | wc -l)" \
      >>"$COUNTS"
  done
}

# median N TOOL COLUMN: the median of a column of $RESULTS (4 wall, 5 cpu, 6 rss) over
# the successful runs, or nothing when every run failed.
median() {
  awk -F'\t' -v n="$1" -v t="$2" -v c="$3" '$1 == n && $2 == t && $7 == 0 { print $c }' "$RESULTS" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# cell N TOOL COLUMN: a median for the table, in seconds or MiB/GiB; "–" when the tool
# was not run at this size, "failed" when every run failed.
cell() {
  local value
  value=$(median "$1" "$2" "$3")
  if [ -z "$value" ]; then
    if awk -F'\t' -v n="$1" -v t="$2" '$1 == n && $2 == t { found = 1 } END { exit !found }' "$RESULTS"; then
      printf 'failed'
    else
      printf '–'
    fi
  elif [ "$3" = 6 ]; then
    awk -v k="$value" 'BEGIN { if (k >= 1048576) printf "%.2f GiB", k / 1048576; else printf "%.0f MiB", k / 1024 }'
  else
    printf '%.2f s' "$value"
  fi
}
ratio() {
  [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }' || printf '–'
}

# 100000 as 100,000.
thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }

print_table() {
  local n
  echo "| N | brief wall | brief CPU | brief RSS | rebuild wall | Hugo wall | Hugo CPU | Hugo RSS | floor wall | floor CPU | floor RSS | brief/Hugo wall | brief/floor wall | brief/Hugo RSS | rebuild kept files |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |"
  for n in $SIZES; do
    local bw hw fw br hr kept
    bw=$(median "$n" brief 4) hw=$(median "$n" hugo 4) fw=$(median "$n" floor 4)
    br=$(median "$n" brief 6) hr=$(median "$n" hugo 6)
    if awk -F'\t' -v n="$n" '$1 == n && $3 != "PASS" { bad = 1 } END { exit !bad }' "$REBUILDS"; then
      kept=FAIL
    else
      kept=PASS
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$(thousands "$n")" \
      "$(cell "$n" brief 4)" "$(cell "$n" brief 5)" "$(cell "$n" brief 6)" \
      "$(cell "$n" rebuild 4)" \
      "$(cell "$n" hugo 4)" "$(cell "$n" hugo 5)" "$(cell "$n" hugo 6)" \
      "$(cell "$n" floor 4)" "$(cell "$n" floor 5)" "$(cell "$n" floor 6)" \
      "$(ratio "$bw" "$hw")" "$(ratio "$bw" "$fw")" "$(ratio "$br" "$hr")" "$kept"
  done
}

print_counts() {
  echo "| N | brief HTML files | Hugo HTML files | floor HTML files |"
  echo "| ---: | ---: | ---: | ---: |"
  for n in $SIZES; do
    awk -F'\t' -v n="$n" -v shown="$(thousands "$n")" '$1 == n { c[$2] = $3 }
      END { printf "| %s | %s | %s | %s |\n", shown, c["brief"], ("hugo" in c) ? c["hugo"] : "–", c["floor"] }' "$COUNTS"
  done
}

main() {
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  install_tools
  build_tools
  # The brief being measured: the commit, and whether its sources differ from it.
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null ||
    commit="$commit + uncommitted changes to src"
  # Outputs kept by an earlier run go first, well before any timing (see bench_size).
  rm -rf "$BENCH_DIR/out"
  : >"$RESULTS"
  : >"$REBUILDS"
  : >"$COUNTS"
  local n
  for n in $SIZES; do
    ensure_corpus "$n"
  done
  for n in $SIZES; do
    bench_size "$n"
  done
  if [ "$KEEP_OUTPUT" != 1 ]; then
    rm -rf "$BENCH_DIR/out"
  fi

  echo
  echo "brief $commit, $(hugo version | cut -d' ' -f1-2), $(nproc) cores, medians of $RUNS runs, $(date -u +%Y-%m-%d)"
  echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (a busy machine stretches wall times)"
  echo "Command: SIZES=\"$SIZES\" RUNS=$RUNS bench/run.sh"
  echo
  print_table
  echo
  print_counts
  echo
  echo "Hugo writes one more HTML file per paginated list than brief: /page/1/, a redirect to the list."
  echo "Raw figures: $RESULTS; logs: $BENCH_DIR/logs/."
}

main "$@"

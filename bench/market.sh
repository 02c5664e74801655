#!/usr/bin/env bash
# The benchmark of issue 11: what the market layer costs. The same corpus (same seed,
# same briefings) is built with and without moves, cashtags and prices, and the
# medians of wall time and peak memory are printed with their ratios, which the issue
# wants at most 1.15 each at 10,000 briefings.
#
#   bench/market.sh                      # N = 10,000; 5 runs of each
#   N=1000 RUNS=3 bench/market.sh
#
# Settings (environment):
#   N          briefings in the corpus                        (default 10000)
#   RUNS       timed builds of each corpus, at least 1         (default 5)
#   SEED       corpus seed                                     (default 1)
#   BENCH_DIR  the cache folder; everything is written here    (default target/bench)
#   KEEP_OUTPUT=1 keeps the built sites in $BENCH_DIR/market-out/N/run-R/ for a look
#   BENCH_CARGO_TARGET_DIR  where cargo builds brief and the generator (default
#              $BENCH_DIR/cargo, shared with bench/run.sh)
#
# What it does: generate the two corpora once (examples/corpus/ with and without
# `--market`, kept in $BENCH_DIR/market-corpus-N/{plain,market} and regenerated only
# when missing or when the generator changed), read them once so both start in the
# page cache, then RUNS rounds of a cold build of each into an empty folder, the two
# in turn and the first of them alternating from round to round, so that a machine
# growing busier or quieter weighs on both alike. Each build is timed by
# `/usr/bin/time -v`: wall time, CPU time (user + system) and peak resident memory.
#
# brief and the generator are built in release, from the working tree as it is. It
# writes and deletes only inside $BENCH_DIR, installs Debian's `time` package when
# missing, and is not part of CI. Outputs are kept until the end (see bench/run.sh's
# bench_size on why fresh folders are faster to fill than emptied ones): about 4 GB
# for RUNS=5 at 10,000 briefings.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${N:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
KEEP_OUTPUT=${KEEP_OUTPUT:-0}

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
export CARGO_TARGET_DIR=${BENCH_CARGO_TARGET_DIR:-$BENCH_DIR/cargo}
export CARGO_TERM_COLOR=never
BIN=$CARGO_TARGET_DIR/release
CORPUS=$BENCH_DIR/market-corpus-$N
OUT=$BENCH_DIR/market-out/$N
# One line per timed build: layer (plain or market), run, wall s, cpu s, peak KiB, exit status.
RESULTS=$BENCH_DIR/market-results-$N.tsv

log() { printf '%s\n' "$*" >&2; }

install_tools() {
  if [ ! -x /usr/bin/time ]; then
    log "Installing time"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
}

build_tools() {
  log "Building brief and the corpus generator in release ($CARGO_TARGET_DIR)"
  cargo build --release --quiet --bin brief --example corpus
}

# A fingerprint of what the corpora are made from, so cached ones are redone when the
# generator or the seed change.
corpus_stamp() {
  { echo "seed $SEED n $N"; cat examples/corpus/*.rs; } | sha256sum | cut -d' ' -f1
}

ensure_corpora() {
  local stamp
  stamp=$(corpus_stamp)
  if [ -f "$CORPUS/stamp" ] && [ "$(cat "$CORPUS/stamp")" = "$stamp" ]; then
    return
  fi
  log "Generating the corpus of $N briefings, with and without the market layer, in $CORPUS"
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  "$BIN/examples/corpus" --articles "$N" --seed "$SEED" --out "$CORPUS/plain" >/dev/null
  "$BIN/examples/corpus" --articles "$N" --seed "$SEED" --out "$CORPUS/market" --market >/dev/null
  echo "$stamp" >"$CORPUS/stamp"
}

# "h:mm:ss" or "m:ss.cc" from time -v, in seconds.
to_seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# timed LAYER RUN: one cold build of that corpus, appended to $RESULTS; the build's
# output (its summary line and any warnings) is kept in $BENCH_DIR/market-logs.
timed() {
  local layer=$1 run=$2
  local logs=$BENCH_DIR/market-logs
  mkdir -p "$logs"
  local out=$logs/$N-$layer-$run.log stats=$logs/$N-$layer-$run.time status=0
  /usr/bin/time -v -o "$stats" "$BIN/brief" build --root "$CORPUS/$layer" \
    --output "$OUT/run-$run/$layer" >"$out" 2>&1 || status=$?
  local wall user sys rss
  wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$stats")")
  user=$(sed -n 's/.*User time (seconds): //p' "$stats")
  sys=$(sed -n 's/.*System time (seconds): //p' "$stats")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$stats")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$layer" "$run" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" "$status" \
    >>"$RESULTS"
  if [ "$status" -ne 0 ]; then
    log "  $layer failed (exit $status); the end of $out:"
    tail -n 20 "$out" >&2
  else
    log "  $layer: ${wall}s wall, $((rss / 1024)) MiB"
  fi
}

# median LAYER COLUMN: the median of a column of $RESULTS (3 wall, 4 cpu, 5 rss) over
# the successful builds, or nothing when every one failed.
median() {
  awk -F'\t' -v l="$1" -v c="$2" '$1 == l && $6 == 0 { print $c }' "$RESULTS" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

seconds() { [ -n "$1" ] && printf '%.2f s' "$1" || printf 'failed'; }
mebibytes() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }' || printf 'failed'; }
ratio() {
  [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f×", a / b }' || printf '–'
}
# within A B: "yes" when A / B is at most 1.15, the issue's bound.
within() {
  [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { print (a / b <= 1.15) ? "yes" : "no" }' || printf '–'
}

# 10000 as 10,000.
thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }

main() {
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  install_tools
  build_tools
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null ||
    commit="$commit + uncommitted changes to src"
  rm -rf "$BENCH_DIR/market-out" "$BENCH_DIR/market-logs"
  : >"$RESULTS"
  ensure_corpora
  find "$CORPUS" -type f -exec cat {} + >/dev/null

  local run
  for run in $(seq 1 "$RUNS"); do
    log "N=$N, run $run of $RUNS"
    mkdir -p "$OUT/run-$run"
    if [ $((run % 2)) -eq 1 ]; then
      timed plain "$run"
      timed market "$run"
    else
      timed market "$run"
      timed plain "$run"
    fi
  done

  local pw mw pc mc pr mr
  pw=$(median plain 3) mw=$(median market 3)
  pc=$(median plain 4) mc=$(median market 4)
  pr=$(median plain 5) mr=$(median market 5)
  local last=$OUT/run-$RUNS files_plain files_market
  # A failed last build leaves no folder to count: that is a figure, not a reason to stop.
  files_plain=$( (find "$last/plain" -type f 2>/dev/null || true) | wc -l)
  files_market=$( (find "$last/market" -type f 2>/dev/null || true) | wc -l)
  local logs=$BENCH_DIR/market-logs
  if [ "$KEEP_OUTPUT" != 1 ]; then
    rm -rf "$BENCH_DIR/market-out"
  fi

  echo
  echo "brief $commit, $(nproc) cores, $(thousands "$N") briefings, medians of $RUNS cold builds each, $(date -u +%Y-%m-%d)"
  echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (a busy machine stretches wall times)"
  echo "Command: N=$N RUNS=$RUNS bench/market.sh"
  echo
  echo "| corpus | wall | CPU | peak memory | files written | warnings |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  printf '| without the market layer | %s | %s | %s | %s | %s |\n' \
    "$(seconds "$pw")" "$(seconds "$pc")" "$(mebibytes "$pr")" "$files_plain" \
    "$(grep -c ': warning: ' "$logs/$N-plain-$RUNS.log" || true)"
  printf '| with moves, cashtags and prices | %s | %s | %s | %s | %s |\n' \
    "$(seconds "$mw")" "$(seconds "$mc")" "$(mebibytes "$mr")" "$files_market" \
    "$(grep -c ': warning: ' "$logs/$N-market-$RUNS.log" || true)"
  printf '| with / without | %s | %s | %s | | |\n' \
    "$(ratio "$mw" "$pw")" "$(ratio "$mc" "$pc")" "$(ratio "$mr" "$pr")"
  echo
  echo "Within 1.15×: wall $(within "$mw" "$pw"), peak memory $(within "$mr" "$pr")."
  echo "The last run's summary lines, without and with:"
  tail -n 1 "$logs/$N-plain-$RUNS.log" | sed 's/^/  /'
  tail -n 1 "$logs/$N-market-$RUNS.log" | sed 's/^/  /'
  echo "Raw figures: $RESULTS; logs: $logs/."
}

main "$@"

#!/usr/bin/env bash
# The benchmark of issue 12's search: what the index costs a build, how large it is,
# and what a reader's first query downloads. The same corpus is built with
# `search = true` (the default) and with `search = false`, and the medians of wall
# time, CPU time and peak memory are printed with their ratios, which the issue
# wants at most 1.5 each at 10,000 briefings; the first query must stay under 300 KB.
#
#   bench/search.sh                      # N = 10,000; 3 runs of each
#   N=1000 RUNS=1 bench/search.sh
#
# Settings (environment):
#   N          briefings in the corpus                        (default 10000)
#   RUNS       timed builds of each, at least 1                (default 3)
#   SEED       corpus seed                                     (default 1)
#   BENCH_DIR  the cache folder; everything is written here    (default target/bench)
#   BENCH_CARGO_TARGET_DIR  where cargo builds brief and the generator (default
#              $BENCH_DIR/cargo, shared with bench/run.sh and bench/market.sh)
#   FIRST_QUERY=0 skips the browser measurement of the first query
#
# What it does: generate the corpus once (examples/corpus/, kept in
# $BENCH_DIR/search-corpus-N/on, and a copy with `search = false` in .../off), read
# it once so both start in the page cache, then RUNS rounds of a cold build of each
# into an empty folder, the two in turn and the first alternating from round to
# round. Each build is timed by `/usr/bin/time -v`. Then it measures the index of the
# last build with search (size and files), and runs the ignored browser test
# `browser::search::a_first_query_on_a_large_site_downloads_at_most_300_kb` on it,
# which types five queries into fresh pages in headless Chromium and sums the bytes
# each page fetched.
#
# Writes and deletes only inside $BENCH_DIR; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${N:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
FIRST_QUERY=${FIRST_QUERY:-1}

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
export CARGO_TARGET_DIR=${BENCH_CARGO_TARGET_DIR:-$BENCH_DIR/cargo}
export CARGO_TERM_COLOR=never
BIN=$CARGO_TARGET_DIR/release
CORPUS=$BENCH_DIR/search-corpus-$N
OUT=$BENCH_DIR/search-out/$N
LOGS=$BENCH_DIR/search-logs
# One line per timed build: variant (on or off), run, wall s, cpu s, peak KiB, exit status.
RESULTS=$BENCH_DIR/search-results-$N.tsv

log() { printf '%s\n' "$*" >&2; }

corpus_stamp() {
  { echo "seed $SEED n $N"; cat examples/corpus/*.rs; } | sha256sum | cut -d' ' -f1
}

ensure_corpus() {
  local stamp
  stamp=$(corpus_stamp)
  if [ -f "$CORPUS/stamp" ] && [ "$(cat "$CORPUS/stamp")" = "$stamp" ]; then
    return
  fi
  log "Generating the corpus of $N briefings in $CORPUS"
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  "$BIN/examples/corpus" --articles "$N" --seed "$SEED" --out "$CORPUS/on" >/dev/null
  cp -r "$CORPUS/on" "$CORPUS/off"
  { echo "search = false"; cat "$CORPUS/on/site.toml"; } >"$CORPUS/off/site.toml"
  echo "$stamp" >"$CORPUS/stamp"
}

to_seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# timed VARIANT RUN: one cold build, appended to $RESULTS.
timed() {
  local variant=$1 run=$2
  local out=$LOGS/$N-$variant-$run.log stats=$LOGS/$N-$variant-$run.time status=0
  /usr/bin/time -v -o "$stats" "$BIN/brief" build --root "$CORPUS/$variant" \
    --output "$OUT/run-$run/$variant" >"$out" 2>&1 || status=$?
  local wall user sys rss
  wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$stats")")
  user=$(sed -n 's/.*User time (seconds): //p' "$stats")
  sys=$(sed -n 's/.*System time (seconds): //p' "$stats")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$stats")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$run" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" "$status" \
    >>"$RESULTS"
  log "  search $variant: ${wall}s wall, $((rss / 1024)) MiB (exit $status)"
}

median() {
  awk -F'\t' -v l="$1" -v c="$2" '$1 == l && $6 == 0 { print $c }' "$RESULTS" |
    sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f×", a / b }'; }
within() { awk -v a="$1" -v b="$2" 'BEGIN { print (a / b <= 1.5) ? "yes" : "no" }'; }
size() { du -sb "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }
count() { find "$1" -type f | wc -l; }

main() {
  [ -x /usr/bin/time ] || { log "needs /usr/bin/time (Debian's time package)"; exit 1; }
  log "Building brief and the corpus generator in release ($CARGO_TARGET_DIR)"
  cargo build --release --quiet --bin brief --example corpus
  rm -rf "$BENCH_DIR/search-out" "$LOGS"
  mkdir -p "$LOGS"
  : >"$RESULTS"
  ensure_corpus
  find "$CORPUS" -type f -exec cat {} + >/dev/null

  local run
  for run in $(seq 1 "$RUNS"); do
    log "N=$N, run $run of $RUNS"
    mkdir -p "$OUT/run-$run"
    if [ $((run % 2)) -eq 1 ]; then
      timed on "$run"
      timed off "$run"
    else
      timed off "$run"
      timed on "$run"
    fi
  done

  local ow fw oc fc orss frss
  ow=$(median on 3) fw=$(median off 3)
  oc=$(median on 4) fc=$(median off 4)
  orss=$(median on 5) frss=$(median off 5)
  local last=$OUT/run-$RUNS/on

  echo
  echo "brief $(git rev-parse --short HEAD), $(nproc) cores, $N briefings, medians of $RUNS cold builds each, $(date -u +%Y-%m-%d)"
  echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| build | wall | CPU | peak memory | files |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '| search = false | %.2f s | %.2f s | %.0f MiB | %s |\n' "$fw" "$fc" "$(awk -v k="$frss" 'BEGIN { print k / 1024 }')" "$(count "$OUT/run-$RUNS/off")"
  printf '| search = true | %.2f s | %.2f s | %.0f MiB | %s |\n' "$ow" "$oc" "$(awk -v k="$orss" 'BEGIN { print k / 1024 }')" "$(count "$last")"
  printf '| with / without | %s | %s | %s | |\n' "$(ratio "$ow" "$fw")" "$(ratio "$oc" "$fc")" "$(ratio "$orss" "$frss")"
  echo
  echo "Within 1.5×: wall $(within "$ow" "$fw"), peak memory $(within "$orss" "$frss")."
  echo
  echo "The index ($last/search): $(size "$last/search") in $(count "$last/search") files;"
  echo "  terms $(size "$last/search/terms") in $(count "$last/search/terms") shards,"
  echo "  records $(size "$last/search/records") in $(count "$last/search/records") files,"
  echo "  index.json $(stat -c %s "$last/search/index.json") bytes, search.js $(stat -c %s "$last/search/search.js") bytes."
  echo "Raw figures: $RESULTS; logs: $LOGS/."

  if [ "$FIRST_QUERY" = 1 ]; then
    echo
    echo "First queries, in headless Chromium:"
    BRIEF_SEARCH_OUTPUT=$last cargo test --quiet --test brief -- --ignored --nocapture \
      browser::search::a_first_query_on_a_large_site_downloads_at_most_300_kb 2>&1 |
      grep -E '^(first query|largest)' | sed 's/^/  /'
  fi
  rm -rf "$BENCH_DIR/search-out"
}

main "$@"

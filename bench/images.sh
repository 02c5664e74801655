#!/usr/bin/env bash
# What images and code blocks cost a build (issue 13): the same corpus (same seed,
# same briefings) built plain, and with `--images` synthetic pictures, each shown by
# one briefing, and a code block in CODE percent of the briefings (`--code`). The
# second site is built with its cache of resized copies empty (cold) and full
# (warm); every build goes into an empty output folder, and each site is then rebuilt
# with nothing changed. Prints the medians of wall time, CPU and peak memory, and
# their ratios against the plain site.
#
#   bench/images.sh                     # N = 10,000 briefings, 1,000 pictures, 3 runs
#   N=1000 IMAGES=100 RUNS=1 bench/images.sh
#   CODE=0 bench/images.sh              # images alone
#
# Settings: N, IMAGES, CODE (default 30), RUNS (default 3), SEED (1), BENCH_DIR
# (target/bench). brief and the generator are built in release from the working
# tree. Writes and deletes only in $BENCH_DIR/images-*; the outputs and corpora are
# deleted at the end (about 1.5 GB at 10,000 briefings while it runs). Uses
# /usr/bin/time -v (Debian's `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
IMAGES=${IMAGES:-1000}
CODE=${CODE:-30}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$PWD/target/bench}
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
BIN=${BRIEF_RELEASE_DIR:-$PWD/target/release}
WORK=$BENCH_DIR/images-$N
RESULTS=$WORK/results.tsv

cargo build --release --quiet --bin brief --example corpus
rm -rf "$WORK"
mkdir -p "$WORK"
"$BIN/examples/corpus" --articles "$N" --seed "$SEED" --out "$WORK/plain" >&2
"$BIN/examples/corpus" --articles "$N" --seed "$SEED" --images "$IMAGES" --code "$CODE" --out "$WORK/images" >&2
cat "$WORK"/plain/content/about.md "$WORK"/images/static/images/synthetic/* >/dev/null

# timed NAME SITE OUTPUT: one build, one line of results.
timed() {
  local name=$1 site=$2 out=$3 stats
  stats=$(mktemp)
  # The gigabytes the builds before wrote are flushed first, so that no build pays
  # for the writing of another.
  sync
  /usr/bin/time -v -o "$stats" "$BIN/brief" build --root "$site" --output "$out" >"$WORK/last.log" 2>&1
  awk -v name="$name" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident/ { mem = $2 }
    END { printf "%s\t%.2f\t%.2f\t%d\n", name, wall, user + sys, mem }' "$stats" >>"$RESULTS"
  rm -f "$stats"
}

for run in $(seq "$RUNS"); do
  rm -rf "$WORK/out" "$WORK/images/.brief-cache"
  timed "plain" "$WORK/plain" "$WORK/out/plain-$run"
  timed "plain, rebuilt" "$WORK/plain" "$WORK/out/plain-$run"
  timed "images and code, cold cache" "$WORK/images" "$WORK/out/cold-$run"
  grep '^Images:' "$WORK/last.log" >&2
  timed "images and code, warm cache" "$WORK/images" "$WORK/out/warm-$run"
  grep '^Images:' "$WORK/last.log" >&2
  timed "images and code, rebuilt" "$WORK/images" "$WORK/out/warm-$run"
done
du -sh "$WORK/images/.brief-cache" "$WORK/images/static" >&2

awk -F'\t' '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; mem[$1] = mem[$1] " " $4; if (!seen[$1]++) order[++k] = $1 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    base = median(wall["plain"]); rebase = median(wall["plain, rebuilt"])
    printf "| build | wall | CPU | peak memory | wall / same build of the plain site |\n| --- | ---: | ---: | ---: | ---: |\n"
    for (i = 1; i <= k; i++) {
      name = order[i]; w = median(wall[name])
      against = (name ~ /rebuilt/) ? rebase : base
      printf "| %s | %.2f s | %.2f s | %d MiB | %.2f |\n", name, w, median(cpu[name]), median(mem[name]) / 1024, w / against
    }
  }' "$RESULTS"
rm -rf "$WORK"

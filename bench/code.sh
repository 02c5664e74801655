#!/usr/bin/env bash
# What highlighting code blocks costs a build: the same generated site with and without
# a code block in CODE percent of its briefings (`examples/corpus --code`, a random
# stream of its own, so the briefings are otherwise the same), each built RUNS times
# into an empty folder, the two in turn, timed by `/usr/bin/time -v`. Prints each run
# and the medians of wall time, CPU time and peak memory, and their ratio.
#
#   N=10000 RUNS=3 CODE=30 bash bench/code.sh
#
# brief is built in release from the working tree; the generator in debug, as its
# output does not depend on the profile and its dev-dependencies are built for the
# tests already (an example in release builds them all again). Writes and
# deletes only inside $BENCH_DIR (about 1 GB at 10,000 briefings: each output is
# removed once timed). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
CODE=${CODE:-30}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$PWD/target/bench-code}
mkdir -p "$BENCH_DIR"
cargo build --release --quiet --bin brief
cargo build --quiet --example corpus
BIN=$PWD/target/release
GENERATOR=$PWD/target/debug/examples/corpus
for layer in plain code; do
  corpus=$BENCH_DIR/corpus-$N-$layer
  if [ ! -d "$corpus" ]; then
    percent=0
    [ "$layer" = code ] && percent=$CODE
    "$GENERATOR" --articles "$N" --seed "$SEED" --code "$percent" --out "$corpus" >/dev/null
  fi
  cat "$corpus"/content/*/*/*.md >/dev/null
done
results=$BENCH_DIR/results-$N.tsv
: >"$results"
for run in $(seq 1 "$RUNS"); do
  order="plain code"
  [ $((run % 2)) -eq 0 ] && order="code plain"
  for layer in $order; do
    out=$BENCH_DIR/out-$layer
    rm -rf "$out"
    /usr/bin/time -v -o "$BENCH_DIR/time.txt" "$BIN/brief" build --root "$BENCH_DIR/corpus-$N-$layer" --output "$out" >/dev/null 2>"$BENCH_DIR/stderr.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$BENCH_DIR/time.txt")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$BENCH_DIR/time.txt")
    peak=$(awk -F': ' '/Maximum resident/ { print $2 }' "$BENCH_DIR/time.txt")
    printf '%s\t%s\t%s\t%s\t%s\n' "$layer" "$run" "$wall" "$cpu" "$peak" | tee -a "$results"
    rm -rf "$out"
  done
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for layer in plain code; do
  for col in 3 4 5; do
    awk -v l="$layer" -v c="$col" '$1 == l { print $c }' "$results" | median
  done | paste -sd' ' | sed "s/^/$layer median wall_s cpu_s peak_KiB: /"
done
p=$(awk '$1 == "plain" { print $3 }' "$results" | median)
c=$(awk '$1 == "code" { print $3 }' "$results" | median)
awk -v p="$p" -v c="$c" 'BEGIN { printf "wall ratio code/plain: %.3f\n", c / p }'

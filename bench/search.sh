#!/usr/bin/env bash
# Search benchmark: behov (through its own search API, top 20 with snippets) against SQLite
# FTS5 and a ripgrep scan, on synthetic projects of 100k and 1M answers.
#
#   bench/search.sh                 both sizes (4,000 and 40,000 interviews of 25 answers)
#   bench/search.sh 4000            one size
#
# Needs cargo, python3 (its sqlite3 module has FTS5) and ripgrep:
#   apt-get install ripgrep         or: cargo install ripgrep --root /tmp/rg && export PATH=/tmp/rg/bin:$PATH
# Projects, indexes and results go to $BENCH_DIR (default /tmp/behov-bench); a 1M-answer
# project needs about 4 GB there. Projects are kept between runs (delete them to regenerate).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/behov-bench}
iterations=${ITERATIONS:-500}
mkdir -p "$work"
command -v rg >/dev/null || { echo "ripgrep is missing: apt-get install ripgrep" >&2; exit 1; }
cargo build --release --bin behov
target=${CARGO_TARGET_DIR:-target}
for n in "${@:-4000 40000}"; do
  for size in $n; do
    dir=$work/synth-$size
    if [ ! -f "$dir/project.json" ]; then
      rm -rf "$dir"
      "$target/release/behov" synth --interviews "$size" --out "$dir"
    fi
    echo "== $size interviews"
    cargo bench --bench search -- "$dir" "$iterations" | tee "$work/behov-$size.txt"
    python3 bench/compare.py "$dir" "$work/behov-$size.txt" "${FTS_ITERATIONS:-30}" | tee "$work/table-$size.md"
  done
done

#!/usr/bin/env bash
# Corpus export throughput and memory: generates archives of 10,000 and
# 100,000 articles (kept in $DIR and reused), then exports each as jsonl,
# tar.gz and jsonl with --dedup near, one process per export, printing
# articles/s and peak RSS (getrusage ru_maxrss of that process).
#   bench/corpus_bench.sh            # BENCH=build/bench/corpus_bench DIR=/tmp/newsarc-corpus-bench
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${BENCH:-$ROOT/build/bench/corpus_bench}"
DIR="${DIR:-/tmp/newsarc-corpus-bench}"
SIZES="${SIZES:-10000 100000}"
[[ -x "$BENCH" ]] || { echo "corpus_bench: $BENCH: not an executable (build it or set BENCH)" >&2; exit 2; }
mkdir -p "$DIR"
for n in $SIZES; do
  db="$DIR/articles-$n.db"
  [[ -f "$db" ]] || "$BENCH" generate "$db" "$n"
  echo "== $n articles ($(du -h "$db" | cut -f1) archive)"
  "$BENCH" export "$db" jsonl "$DIR/out-$n.jsonl" none
  "$BENCH" export "$db" tar.gz "$DIR/out-$n.tar.gz" none
  "$BENCH" export "$db" jsonl "$DIR/out-$n-near.jsonl" near
  rm -f "$DIR/out-$n.jsonl" "$DIR/out-$n.tar.gz" "$DIR/out-$n-near.jsonl"
done

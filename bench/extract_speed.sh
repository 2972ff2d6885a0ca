#!/usr/bin/env bash
# Extraction speed on the development pages, pinned to one core: pages/s and
# MB/s of Extract() and of a Gumbo parse-only pass over the same bytes, and
# their ratio (goal: Extract costs at most 1.3x the parse-only pass).
# Builds nothing: uses $BENCH (default build/bench/extract_speed_bench).
#   bench/extract_speed.sh [DIR...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${BENCH:-$ROOT/build/bench/extract_speed_bench}"
[[ -x "$BENCH" ]] || { echo "extract_speed: $BENCH: not an executable (build it or set BENCH)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "extract_speed: taskset not found (util-linux)" >&2; exit 2; }
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
taskset -c 0 "$BENCH" "$@" --benchmark_format=json >"$OUT"
python3 - "$OUT" <<'PY'
import json, sys
runs = {b["name"].split("/")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
rows = [("gumbo parse-only", runs["BM_GumboParseOnly"]), ("newsarc extract", runs["BM_Extract"])]
print(f"{'pass':<18} {'pages/s':>9} {'MB/s':>8}")
for name, b in rows:
    print(f"{name:<18} {b['pages/s']:9.1f} {b['bytes_per_second'] / 1e6:8.2f}")
ratio = runs["BM_GumboParseOnly"]["pages/s"] / runs["BM_Extract"]["pages/s"]
print(f"extract costs {ratio:.2f}x the parse-only pass (goal <= 1.3x)")
PY

#!/usr/bin/env bash
# Extraction quality on the development sets: runs `newsarc extract --batch`
# over ../shared/corpus/article-benchmark (English) and ../shared/corpus/zh-news
# (Chinese, scored with --cjk), scores both with ../shared/eval/score.py and
# prints one table: body precision / recall / F1 per set and the exact-match
# rates of title, author, source and publish_time.
#
# Builds nothing: uses $NEWSARC (default: build/newsarc under the repository).
# Exits 1 when body F1 is below $MIN_F1 (default 0.95) on either set, 2 when
# the binary, python3 or ../shared is missing.
#
#   bench/extract_quality.sh            # uses build/newsarc
#   NEWSARC=build-x/newsarc bench/extract_quality.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NEWSARC="${NEWSARC:-$ROOT/build/newsarc}"
SHARED="${SHARED:-$ROOT/../shared}"
MIN_F1="${MIN_F1:-0.95}"

die() { echo "extract_quality: $*" >&2; exit 2; }
[[ -x "$NEWSARC" ]] || die "$NEWSARC: not an executable (build it first or set NEWSARC)"
command -v python3 >/dev/null || die "python3: not found"
[[ -f "$SHARED/eval/score.py" ]] || die "$SHARED/eval/score.py: not found (set SHARED)"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# name  corpus-dir  score.py flags
SETS=("en article-benchmark" "zh zh-news --cjk")
status=0
printf '%-4s %5s %7s %7s %7s   %-7s %-7s %-7s %-7s\n' set pages P R F1 title author source date
for entry in "${SETS[@]}"; do
  read -r name dir flags <<<"$entry"
  corpus="$SHARED/corpus/$dir"
  [[ -d "$corpus/html" ]] || die "$corpus/html: not found"
  "$NEWSARC" extract --batch "$corpus/html" --out "$OUT/$name.json" 2>"$OUT/$name.log" ||
    die "newsarc extract --batch $corpus/html failed: $(tail -3 "$OUT/$name.log")"
  # shellcheck disable=SC2086
  python3 "$SHARED/eval/score.py" $flags --fields --json \
      --truth "$corpus/ground-truth.json" --pred "$OUT/$name.json" | tail -1 >"$OUT/$name.score"
  line=$(python3 - "$OUT/$name.score" "$name" "$MIN_F1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
f = m.get("fields", {})
def fx(k):
    return f"{f[k]['exact']:.3f}" if k in f else "  -  "
ok = m["f1"] >= float(sys.argv[3])
print(f"{sys.argv[2]:<4} {m['n']:5d} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f}   "
      f"{fx('title'):<7} {fx('author'):<7} {fx('source'):<7} {fx('publish_time'):<7}"
      f"{'' if ok else '  << below ' + sys.argv[3]}")
sys.exit(0 if ok else 1)
PY
  ) || status=1
  echo "$line"
done
if [[ $status -ne 0 ]]; then
  echo "extract_quality: body F1 below $MIN_F1 on at least one set" >&2
fi
exit $status

#!/usr/bin/env bash
# Crawl throughput against newsbed (../shared/newsbed): a loopback news web of
# real pages on 10 hosts served by nginx, with politeness off, side by side
# in one run with wget --recursive --warc-file on the same site.
#
#   bench/crawl_bench.sh [WORKDIR] [--articles N] [--hosts K] [--no-wget]
#
# For each crawler: wall time, pages (200) per second, CPU seconds per 1,000
# archived pages, peak resident memory, requests, 429s and the requests the
# rate-limited host received against the pages it has, all from nginx's
# access log (newsbed's bench.py analysis). Results: WORKDIR/*/result.json
# and a table on stdout. Needs ../shared/newsbed and a built build/newsarc.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
newsbed="$repo/../shared/newsbed"
work="/tmp/newsarc-crawl-bench"
articles=5000
hosts=10
wget=1
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles="$2"; shift 2;;
    --hosts) hosts="$2"; shift 2;;
    --no-wget) wget=0; shift;;
    -*) echo "crawl_bench: unknown option $1" >&2; exit 2;;
    *) work="$1"; shift;;
  esac
done
[ -d "$newsbed" ] || { echo "crawl_bench: needs $newsbed" >&2; exit 1; }
[ -x build/newsarc ] || { echo "crawl_bench: build first (scripts/setup)" >&2; exit 1; }
mkdir -p "$work"
work="$(realpath "$work")"
# nginx workers run as nobody: every directory above the site must be searchable.
d="$work"; while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
site="$work/site"
if [ ! -f "$site/.newsbed" ]; then
  python3 "$newsbed/gen.py" --out "$site" --hosts "$hosts" --articles "$articles"
fi
port=18080
seeds=""
for h in $(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(' '.join(sorted(m['host_roles'], key=lambda h:(len(h),h))))" "$site/manifest.json"); do
  seeds="$seeds http://$h/"
done

run_newsarc() {  # NAME EXTRA_FLAGS...
  local name="$1"; shift
  local out="$work/$name"
  rm -rf "$out"; mkdir -p "$out"; chmod 755 "$out"
  local pid
  pid="$(NEWSBED_RUN="$out/run" "$newsbed/serve.sh" "$site" "$port")"
  local t0 t1
  t0="$(date +%s.%N)"
  set +e
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$out/time.txt" "$repo/build/newsarc" crawl $seeds --archive "$out/crawl.db" \
    --proxy "http://127.0.0.1:$port" --allow-private --delay 0 --ignore-crawl-delay --quiet \
    --log-json "$out/fetch-log.jsonl" "$@" > "$out/tool.log" 2>&1
  local rc=$?
  set -e
  t1="$(date +%s.%N)"
  "$newsbed/stop.sh" "$pid" > /dev/null
  cp "$out/run/access.log" "$out/access.log"
  python3 -c "import json,sys; json.dump({'wall_s': round(float(sys.argv[2]) - float(sys.argv[1]), 1), 'rc': int(sys.argv[3])}, open(sys.argv[4], 'w'))" \
    "$t0" "$t1" "$rc" "$out/result.json"
  python3 "$newsbed/bench.py" --tool wget --mode off --site "$site" --out "$out" --reanalyze > /dev/null
  python3 - "$out/result.json" "newsarc $*" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["tool"] = sys.argv[2].strip()
json.dump(r, open(sys.argv[1], "w"), indent=1)
PY
}

run_newsarc newsarc-extract
run_newsarc newsarc-no-extract --no-extract
if [ "$wget" = 1 ]; then
  rm -rf "$work/wget"
  python3 "$newsbed/bench.py" --tool wget --mode off --site "$site" --out "$work/wget" --port "$port" > /dev/null
fi

python3 bench/crawl_bench_table.py "$work" "$site" | tee "$work/table.md"

#!/usr/bin/env bash
# CPU a crawl spends per page besides extraction: `newsarc crawl --no-extract`
# over a newsbed web (../shared/newsbed; 10 hosts, 1,000 articles), politeness
# off, on loopback. It prints the user + system CPU per archived response
# (/usr/bin/time), then, under `perf record`, where that CPU went: by
# library, and the crawler's own functions with what they call.
#
#   bench/crawl_cpu.sh [WORKDIR] [--articles N] [--no-perf]
#
# Needs ../shared/newsbed, nginx, perf (linux-perf) and a built build/newsarc.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
newsbed="$repo/../shared/newsbed"
work="/tmp/newsarc-crawl-cpu"
articles=1000
perf=1
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles="$2"; shift 2;;
    --no-perf) perf=0; shift;;
    -*) echo "crawl_cpu: unknown option $1" >&2; exit 2;;
    *) work="$1"; shift;;
  esac
done
[ -d "$newsbed" ] || { echo "crawl_cpu: needs $newsbed" >&2; exit 1; }
[ -x build/newsarc ] || { echo "crawl_cpu: build first (scripts/setup)" >&2; exit 1; }
mkdir -p "$work"
work="$(realpath "$work")"
d="$work"; while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
site="$work/site"
[ -f "$site/.newsbed" ] || python3 "$newsbed/gen.py" --out "$site" --hosts 10 --articles "$articles" >/dev/null
port=18181
pid="$(NEWSBED_RUN="$work/run" "$newsbed/serve.sh" "$site" "$port")"
trap '"$newsbed/stop.sh" "$pid" >/dev/null' EXIT
seeds=""
for i in $(seq 1 10); do seeds="$seeds http://news$i.test/"; done
crawl() {  # ARCHIVE [PREFIX...]
  local archive="$1"; shift
  rm -f "$archive" "$archive"-*
  # shellcheck disable=SC2086
  "$@" "$repo/build/newsarc" crawl $seeds --archive "$archive" --proxy "http://127.0.0.1:$port" \
    --allow-private --delay 0 --ignore-crawl-delay --quiet --no-extract >/dev/null 2>&1
}
crawl "$work/time.db" /usr/bin/time -f "%U %S %e" -o "$work/time.txt"
read -r user sys wall < "$work/time.txt"
responses="$("$repo/build/newsarc" stats --archive "$work/time.db" | awk '$1 == "response" {print $2}')"
python3 -c "import sys; u,s,w,n=map(float,sys.argv[1:]); print(f'crawl --no-extract: {int(n)} responses, {u+s:.2f} s CPU ({u:.2f} user, {s:.2f} system) in {w:.1f} s: {1000*(u+s)/n:.2f} ms CPU per response')" \
  "$user" "$sys" "$wall" "$responses"
if [ "$perf" = 1 ]; then
  crawl "$work/perf.db" perf record -q --call-graph dwarf,16384 -F 499 -o "$work/perf.data"
  echo "by library (self time):"
  perf report -i "$work/perf.data" --no-children --sort dso -g none 2>/dev/null | grep '%' | head -8
  echo "the crawler's functions, with what they call:"
  perf report -i "$work/perf.data" --children --sort symbol -g none 2>/dev/null | grep '%' |
    grep -E 'PrepareRecord|PayloadStore::Encode|ExtractLinks|NormalizeLink|SelectUrls|BuildExchangeRecords|Sha1|FinishEntry|sqlite3_step|ScanHtml|Fetcher::Poll' |
    sed 's/  */ /g' | cut -c1-110 | head -14
fi

#!/usr/bin/env bash
# Resident memory of `newsarc crawl` with a large frontier (issue 4: goal
# under 200 MB with 1 million queued URLs).
#
#   bench/frontier_memory.sh [URLS] [HOSTS] [SECONDS]    # default 1000000 1000 30
#
# Builds an archive whose frontier holds URLS queued URLs over HOSTS hosts,
# then resumes the crawl for SECONDS under /usr/bin/time -v. Every request
# goes to a proxy address that refuses connections, so the crawler does all
# its frontier work (taking, deferring, retrying, giving up) without a
# server: the number measured is the crawler's own memory.
set -euo pipefail
cd "$(dirname "$0")/.."
urls="${1:-1000000}"
hosts="${2:-1000}"
seconds="${3:-30}"
work="$(mktemp -d /tmp/newsarc-frontier-mem.XXXXXX)"
trap 'rm -rf "$work"' EXIT
db="$work/frontier.db"
proxy="http://127.0.0.1:9"   # discard port: nothing listens, connections are refused
build/newsarc crawl http://h0.test/ --archive "$db" --proxy "$proxy" --allow-private \
  --max-duration 1s --quiet > /dev/null 2>&1 || true
python3 - "$db" "$urls" "$hosts" <<'PY'
import sqlite3, sys, time
db, n, hosts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(db)
now = int(time.time() * 1e6)
rows = (("http://h%d.test/news/%d/story-%d.html" % (i % hosts, i // hosts, i), "h%d.test" % (i % hosts), 1 + i % 7, now)
        for i in range(n))
con.executemany("INSERT OR IGNORE INTO frontier(url, host, priority, added_us) VALUES (?, ?, ?, ?)", rows)
con.commit()
print("frontier: %d rows queued" % con.execute("SELECT COUNT(*) FROM frontier WHERE state = 0").fetchone()[0])
PY
ls -la "$db" | awk '{print "archive file: " $5 " bytes"}'
/usr/bin/time -v -o "$work/time.txt" build/newsarc crawl --resume --archive "$db" --quiet \
  --max-duration "${seconds}s" > "$work/out.txt" 2>&1 || true
grep -E "Maximum resident|Elapsed|User time|System time" "$work/time.txt"
python3 - "$db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
print("after the run: " + ", ".join("%s %d" % (["queued", "in flight", "done", "failed"][s], c)
      for s, c in con.execute("SELECT state, COUNT(*) FROM frontier GROUP BY state")))
PY

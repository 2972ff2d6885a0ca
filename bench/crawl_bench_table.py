#!/usr/bin/env python3
"""Table of bench/crawl_bench.sh results: WORKDIR/{newsarc-extract,newsarc-no-extract,wget}/.

crawl_bench_table.py WORKDIR SITE

Besides newsbed's own numbers (result.json), two derived from the access log:
- "open hosts pages/s": pages (200) per second until the last request to a host that is not
  rate-limited. newsbed's rate-limited host allows 2 requests/s, so a crawler that does not storm it
  needs (its URLs / 2) seconds for it whatever its speed, and that tail sets the wall time of a
  complete polite crawl; this column is the crawler's own speed.
- "rate-limited host requests/pages": requests to that host against the distinct pages it answered
  200 for (issue 4's goal: at most 1.2x).
"""
import json, os, sys

work, site = sys.argv[1], sys.argv[2]
man = json.load(open(os.path.join(site, "manifest.json")))
limited = {h for h, r in man["host_roles"].items() if "rate_limited" in r["roles"]}
rows = []
for name in ("newsarc-extract", "newsarc-no-extract", "wget"):
    p = os.path.join(work, name, "result.json")
    if not os.path.exists(p):
        continue
    r = json.load(open(p))
    log = []
    for line in open(os.path.join(work, name, "access.log"), encoding="utf-8", errors="replace"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 9:
            log.append((float(f[0]) - float(f[6]), f[1].split(":")[0], f[2], f[4]))
    if not log:
        continue
    t0 = min(x[0] for x in log)
    open_hosts = [x for x in log if x[1] not in limited]
    t_open = max(x[0] for x in open_hosts) - t0 if open_hosts else None
    open_pages = sum(1 for x in open_hosts if x[2] == "200")
    lim = [x for x in log if x[1] in limited]
    lim_pages = len({x[3] for x in lim if x[2] == "200"})
    cpu_per_k = 1000 * r["cpu_s"] / r["status_200"] if r.get("status_200") else None
    rows.append({
        "crawler": name, "wall s": r["wall_s"], "pages 200": r["status_200"],
        "pages/s": r["pages_per_s"],
        "open hosts pages/s": round(open_pages / t_open, 1) if t_open else None,
        "CPU s": r["cpu_s"], "CPU ms/page": round(cpu_per_k, 1) if cpu_per_k else None,
        "peak RSS MB": r["peak_rss_mb"], "requests": r["requests"], "404s": r["status_404"],
        "429s": r["status_429"],
        "rate-limited host requests/pages": "%d/%d (%.2fx)" % (len(lim), lim_pages, len(lim) / max(lim_pages, 1)),
        "documents": "%d/%d" % tuple(r["doc_coverage"]),
    })
if not rows:
    sys.exit("no results under " + work)
cols = list(rows[0].keys())
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for row in rows:
    print("| " + " | ".join("-" if row[c] is None else str(row[c]) for c in cols) + " |")
by = {r["crawler"]: r for r in rows}
if "wget" in by:
    w = by["wget"]
    for name in ("newsarc-extract", "newsarc-no-extract"):
        if name in by:
            n = by[name]
            print("%s vs wget: pages/s %.2fx, open-hosts pages/s %.2fx, CPU per page %.2fx" % (
                name, n["pages/s"] / w["pages/s"],
                (n["open hosts pages/s"] or 0) / (w["open hosts pages/s"] or 1),
                n["CPU ms/page"] / w["CPU ms/page"]))

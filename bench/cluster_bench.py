#!/usr/bin/env python3
"""Cluster scaling: pages per second with 1, 2 and 3 nodes on a politeness-bound web.

    bench/cluster_bench.py [--hosts 96] [--pages 5] [--page-kb 24] [--delay 1.0]
                           [--rate 16k] [--concurrency 8] [--nodes 1,2,3] [--work DIR]

The web: --hosts virtual hosts on one loopback nginx, each an index and
--pages pages, every page slow (nginx limit_rate: over a second each), every
host with a --delay between request starts. Each node gets the same connection
budget (--concurrency requests in flight), as a real machine has a bandwidth
and CPU budget. One node is then bound by its budget, and the web by its
per-host delays. Scaling is how close N nodes come to N times one node's rate.

PostgreSQL is started here (initdb in a temporary directory, 127.0.0.1, as the
postgres user when run as root). For each node count: a fresh database,
`newsarc cluster init`, the nodes started together, the wall time to the last
node's exit. The report also gives:
- the PostgreSQL statements per finished URL, from the nodes' own counts;
- politeness gaps in nginx's log (two starts to one host closer than the
  delay);
- each node's CPU per page.
Needs a built build/newsarc, nginx and postgresql-15 (scripts/setup).
"""
import argparse
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSARC = os.path.join(REPO, "build", "newsarc")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Postgres:
    def __init__(self, work):
        initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not initdb:
            sys.exit("cluster_bench: no PostgreSQL server; run scripts/setup")
        self.bin = os.path.dirname(initdb[-1])
        self.dir = tempfile.mkdtemp(prefix="newsarc-pg-bench-", dir="/tmp")
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.port = free_port()
        self.run([f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8"])
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c max_connections=50")
        self.run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-o", opts, "-l",
                  f"{self.dir}/log", "-w", "start"])

    def run(self, argv):
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--"] + argv
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)

    def url(self, db="postgres"):
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def query(self, sql, db="postgres"):
        out = subprocess.run(["psql", self.url(db), "-X", "-q", "-A", "-t", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return out.strip()

    def stop(self):
        self.run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop"])
        shutil.rmtree(self.dir, ignore_errors=True)


class Web:
    def __init__(self, work, hosts, pages, rate, page_kb):
        self.root = os.path.join(work, "web")
        self.dir = os.path.join(work, "nginx")
        os.makedirs(os.path.join(self.dir, "tmp"), exist_ok=True)
        sentence = "The council met again on Tuesday to discuss the budget. "
        filler = sentence * max(1, page_kb * 1024 // len(sentence))
        self.names = [f"h{i}.test" for i in range(hosts)]
        for i, name in enumerate(self.names):
            d = os.path.join(self.root, name)
            os.makedirs(d, exist_ok=True)
            links = " ".join(f'<a href="/p{p}.html">story {p}</a>' for p in range(1, pages + 1))
            open(os.path.join(d, "index.html"), "w").write(
                f"<html><head><title>Host {i}</title></head><body>{links}</body></html>")
            for p in range(1, pages + 1):
                nxt = p % pages + 1
                open(os.path.join(d, f"p{p}.html"), "w").write(
                    f"<html><head><title>Story {p} on {name}</title></head><body><article>"
                    f"<h1>Story {p}</h1><p>{filler}</p></article>"
                    f'<a href="/p{nxt}.html">next</a></body></html>')
        self.port = free_port()
        conf = [("user root;\n" if os.geteuid() == 0 else "") +
                f"daemon on;\nworker_processes 1;\npid {self.dir}/nginx.pid;\n"
                f"error_log {self.dir}/error.log warn;\nevents {{ worker_connections 1024; }}\n"
                "http {\n  types { text/html html; }\n"
                "  log_format timed '$msec\\t$request_time\\t$host\\t$status\\t$request\\t"
                "$http_user_agent';\n"
                f"  access_log {self.dir}/access.log timed;\n"
                f"  client_body_temp_path {self.dir}/tmp; proxy_temp_path {self.dir}/tmp;\n"
                f"  fastcgi_temp_path {self.dir}/tmp; uwsgi_temp_path {self.dir}/tmp;\n"
                f"  scgi_temp_path {self.dir}/tmp;\n"]
        for k, name in enumerate(self.names):
            default = " default_server" if k == 0 else ""
            conf.append(f"  server {{ listen 127.0.0.1:{self.port}{default}; server_name {name}; "
                        f"root {self.root}/{name}; limit_rate {rate}; }}\n")
        conf.append("}\n")
        open(os.path.join(self.dir, "nginx.conf"), "w").write("".join(conf))
        subprocess.run(["nginx", "-e", f"{self.dir}/startup.log", "-p", self.dir, "-c",
                        f"{self.dir}/nginx.conf"], check=True)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)

    def clear_log(self):
        open(os.path.join(self.dir, "access.log"), "w").close()
        subprocess.run(["nginx", "-p", self.dir, "-c", f"{self.dir}/nginx.conf", "-s", "reopen"],
                       check=True)

    def gaps(self, delay):
        starts = {}
        for line in open(os.path.join(self.dir, "access.log")):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 6 and "newsarc/" in f[5]:
                starts.setdefault(f[2], []).append(float(f[0]) - float(f[1]))
        n = 0
        for host, t in starts.items():
            t.sort()
            n += sum(1 for a, b in zip(t, t[1:]) if b - a < delay - 0.002)
        return n

    def stop(self):
        subprocess.run(["nginx", "-p", self.dir, "-c", f"{self.dir}/nginx.conf", "-s", "stop"])


def cpu_seconds(pid_status):
    return pid_status.ru_utime + pid_status.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hosts", type=int, default=96)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--delay", type=float, default=1.0)
    ap.add_argument("--page-kb", type=int, default=24, help="size of each page")
    ap.add_argument("--rate", default="16k", help="nginx limit_rate per response")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight per node")
    ap.add_argument("--nodes", default="1,2,3")
    ap.add_argument("--work", default="/tmp/newsarc-cluster-bench")
    a = ap.parse_args()
    if not os.access(NEWSARC, os.X_OK):
        sys.exit("cluster_bench: build first (scripts/setup)")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    pg = Postgres(a.work)
    web = Web(a.work, a.hosts, a.pages, a.rate, a.page_kb)
    rows = []
    try:
        for n in [int(x) for x in a.nodes.split(",")]:
            db = f"bench{n}"
            pg.query(f"CREATE DATABASE {db}")
            subprocess.run([NEWSARC, "cluster", "init", "--db", pg.url(db)], check=True,
                           stdout=subprocess.DEVNULL)
            web.clear_log()
            seeds = [f"http://{h}/" for h in web.names]
            procs = []
            t0 = time.time()
            for k in range(n):
                name = f"n{k + 1}"
                argv = [NEWSARC, "crawl", *seeds, "--cluster", pg.url(db), "--node", name,
                        "--archive", os.path.join(a.work, f"{db}-{name}.db"),
                        "--proxy", f"http://127.0.0.1:{web.port}", "--allow-private",
                        "--delay", f"{a.delay}s", "--concurrency", str(a.concurrency),
                        "--no-sitemaps", "--no-feeds", "--quiet", "--lease", "10s"]
                log = open(os.path.join(a.work, f"{db}-{name}.log"), "w")
                procs.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT))
            cpu = 0.0
            for p in procs:
                _, status, usage = os.wait4(p.pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    sys.exit(f"cluster_bench: a node failed; see {a.work}/{db}-*.log")
                cpu += cpu_seconds(usage)
            wall = time.time() - t0
            pages = int(pg.query("SELECT count(*) FROM catalog WHERE url NOT LIKE '%/robots.txt'",
                                 db))
            finished = int(pg.query("SELECT count(*) FROM frontier WHERE state >= 2", db))
            statements = int(pg.query("SELECT sum(statements) FROM nodes", db))
            rows.append({"nodes": n, "wall": wall, "pages": pages, "rate": pages / wall,
                         "statements": statements / max(1, finished),
                         "cpu_ms": 1000 * cpu / max(1, pages), "gaps": web.gaps(a.delay)})
    finally:
        web.stop()
        pg.stop()
    base = rows[0]["rate"] / rows[0]["nodes"]
    print(f"web: {a.hosts} hosts x {a.pages + 1} pages of {a.page_kb} KB, {a.delay} s per host, "
          f"responses at {a.rate}/s, {a.concurrency} requests in flight per node")
    print("| nodes | wall s | pages | pages/s | of linear | statements per URL | CPU ms per page "
          "(node, with extraction) | politeness gaps |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['nodes']} | {r['wall']:.1f} | {r['pages']} | {r['rate']:.2f} | "
              f"{r['rate'] / (base * r['nodes']):.2f} | {r['statements']:.2f} | "
              f"{r['cpu_ms']:.1f} | {r['gaps']} |")


if __name__ == "__main__":
    main()

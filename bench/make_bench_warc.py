#!/usr/bin/env python3
"""Writes a news-crawl-like WARC for the import benchmark.

make_bench_warc.py OUT.warc.gz CAPTURES [HTML_DIR]

Each capture is a request + response pair (HTTP/1.1, text/html, gzip member
per record, digests as wget writes them). Payloads are real article pages
from HTML_DIR/*.html.gz when given (e.g. ../shared/corpus/article-benchmark/
html), else generated filler. Like a news site crawled repeatedly: 30% of
captures re-fetch an unchanged page (identical payload), the rest differ by a
small dynamic fragment (timestamp, ad slot), as front pages and articles do.
"""
import base64, glob, gzip, hashlib, os, random, sys, uuid, zlib
from datetime import datetime, timedelta, timezone


def sha1_label(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(rtype, uri, date, block, extra=()):
    headers = [("WARC-Type", rtype), ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
               ("WARC-Date", date), ("WARC-Target-URI", uri)]
    headers += list(extra)
    headers += [("Content-Type", "application/http; msgtype=" + rtype),
                ("WARC-Block-Digest", sha1_label(block)), ("Content-Length", str(len(block)))]
    head = "WARC/1.1\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return member(head.encode() + block + b"\r\n\r\n")


def main():
    out, captures = sys.argv[1], int(sys.argv[2])
    html_dir = sys.argv[3] if len(sys.argv) > 3 else ""
    rnd = random.Random(42)
    pages = []
    for p in sorted(glob.glob(os.path.join(html_dir, "*.html.gz")))[:200] if html_dir else []:
        with gzip.open(p, "rb") as f:
            pages.append(f.read())
    if not pages:
        words = "the of and to in a is that for on with as by at from news city report said".split()
        for i in range(60):
            body = " ".join(rnd.choice(words) for _ in range(8000))
            pages.append(("<html><head><title>Story %d</title></head><body><p>%s</p></body></html>"
                          % (i, body)).encode())
    hosts = ["news%d.example.com" % i for i in range(12)]
    t0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
    last = {}
    with open(out + ".tmp", "wb") as f:
        for k in range(captures):
            host = hosts[k % len(hosts)]
            n = rnd.randrange(len(pages))
            uri = "https://%s/article/%d" % (host, n)
            date = (t0 + timedelta(seconds=7 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")
            if uri in last and rnd.random() < 0.3:
                payload = last[uri]
            else:
                stamp = ("<!-- generated %s slot=%d -->" % (date, rnd.randrange(10**9))).encode()
                payload = pages[n].replace(b"</body>", stamp + b"</body>", 1)
                if stamp not in payload:
                    payload += stamp
            last[uri] = payload
            req = ("GET /article/%d HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench\r\n\r\n" % (n, host)).encode()
            head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    "Content-Length: %d\r\nServer: nginx\r\n\r\n" % len(payload)).encode()
            f.write(record("request", uri, date, req))
            f.write(record("response", uri, date, head + payload,
                           [("WARC-Payload-Digest", sha1_label(payload)), ("WARC-IP-Address", "127.0.0.1")]))
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the testdata-derived seeds of tests/fuzz/corpus/<target>/.

The hand-written seeds in corpus/ are kept; files this script made are
named "td-<hash>" and rewritten. Run it after changing tests/testdata:

    tests/fuzz/make_corpus.py

Sources and licences: tests/testdata/*/NOTICE*. Inputs over MAX_BYTES are
left out (libFuzzer works best with small seeds).
"""
import glob
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "..", "testdata")
CORPUS = os.path.join(HERE, "corpus")
MAX_BYTES = 16 * 1024


def jsonl(name):
    with open(os.path.join(TESTDATA, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def files(pattern):
    return [read(p) for p in sorted(glob.glob(os.path.join(TESTDATA, pattern), recursive=True))]


def lines(first, rest):
    """The fuzz_input.h layout: first line, then the rest."""
    return first.encode("utf-8") + b"\n" + rest


def prescan_bytes(case):
    if "data" in case:
        return case["data"].encode("utf-8")
    return case["data_latin1"].encode("latin-1")


def seeds():
    prescan = [prescan_bytes(c) for c in jsonl("charset/html5lib-prescan.jsonl")]
    labels = [c["label"] for c in jsonl("charset/whatwg-labels.jsonl")]
    dates_html = [c["html"].encode("utf-8") for c in jsonl("dates/find_date_sample.jsonl")]
    warcs = files("warc/**/*.warc") + files("warc/**/*.warc.gz") + files("warc/**/*.arc*")
    feeds = files("feeds/files/**/*.xml") + files("sitemaps/feed*")
    yield "extract", prescan + dates_html
    yield "links", dates_html[:20]
    # Every label once, each with a prescan case (round robin).
    yield "charset", [lines("text/html; charset=" + l, prescan[i % len(prescan)])
                      for i, l in enumerate(labels)] + [lines("", p) for p in prescan]
    yield "dates", dates_html
    yield "robots", [lines(c["url"], c["robots_txt"].encode("utf-8"))
                     for c in jsonl("robots/allowed.jsonl")]
    yield "url", [lines(c.get("base") or "", c["input"].encode("utf-8"))
                  for c in jsonl("url/url_parse_http.jsonl")]
    yield "surt", [c["input"].encode("utf-8") for c in jsonl("surt/jwarc_surt.jsonl")]
    yield "sitemap", files("sitemaps/sitemap*")
    yield "feed", feeds
    yield "warc_reader", warcs
    yield "cdxj", files("warc/warcio-golden/*.warc")


def main():
    for target, inputs in seeds():
        out = os.path.join(CORPUS, target)
        os.makedirs(out, exist_ok=True)
        for old in glob.glob(os.path.join(out, "td-*")):
            os.remove(old)
        kept = 0
        for data in inputs:
            if len(data) > MAX_BYTES:
                continue
            name = "td-" + hashlib.sha1(data).hexdigest()[:16]
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            kept += 1
        print(f"{target}: {kept} seeds")


if __name__ == "__main__":
    main()

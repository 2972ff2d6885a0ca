#!/usr/bin/env python3
"""Leave-one-site-out judgement of the metadata rules (issue 12).

Runs `newsarc extract --batch` over a labelled corpus (default
../shared/corpus/zh-news) with every rule of extract::MetadataRules on, with
none, with each alone and with each switched off (`--disable-rule NAME`), and
scores title,
author, source and publish_time per site with ../shared/eval/score.py's
normalisation (a page's site is its key up to the last "_": "cjn_1" -> "cjn").

Per rule it reports the sites it helps and hurts: a site is helped when adding
the rule to the extractor without any of these rules makes more of its fields
right, hurt when that makes fewer, or when taking the rule out of the full set
makes more right (rules that find the same value are each credited, since each
would have found it alone). The rule discipline is: keep a rule only where it helps on
more than one site and hurts none. Leave-one-site-out applies that discipline
honestly: for every site S the rules are chosen on the other sites only, and S
is scored with the rules so chosen. The LOSO accuracy of each field is what a
site nobody looked at can expect; the "all seen" accuracy is the usual one.

usage: metadata_loso.py [--corpus DIR] [--newsarc BIN] [--min-loso X] [--json]
Exits 1 when a field's LOSO accuracy is below --min-loso (default: no floor),
2 when the binary, the corpus or score.py is missing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ("title", "author", "source", "publish_time")


def die(msg):
    print(f"metadata_loso: {msg}", file=sys.stderr)
    sys.exit(2)


def rule_names(newsarc):
    out = subprocess.run([newsarc, "extract", "--help"], capture_output=True, text=True).stdout
    m = re.search(r"--disable-rule[^\n]*?:\s*([a-z, -]+(?:\n\s+[a-z, -]+)*)", out)
    if not m:
        die("`newsarc extract --help` lists no --disable-rule names")
    return [n.strip() for n in re.split(r"[,\s]+", m.group(1)) if n.strip()]


def extract(newsarc, html_dir, disabled, cache):
    key = tuple(sorted(disabled))
    if key in cache:
        return cache[key]
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = [newsarc, "extract", "--batch", html_dir, "--out", out]
    for r in key:
        cmd += ["--disable-rule", r]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        die(f"{' '.join(cmd)} failed: {r.stderr.strip()[-300:]}")
    with open(out, encoding="utf-8") as f:
        pred = json.load(f)
    os.unlink(out)
    cache[key] = pred
    return pred


def site_of(key):
    return key.rsplit("_", 1)[0] if "_" in key else key


def right(score_mod, truth, pred):
    """{(page, field): True/False} over the labelled fields."""
    res = {}
    for page, rec in truth.items():
        got_rec = pred.get(page) if isinstance(pred.get(page), dict) else {}
        for name in FIELDS:
            if not rec.get(name):
                continue
            want = score_mod.norm_field(name, rec[name])
            got = score_mod.norm_field(name, got_rec.get(name))
            if name == "publish_time":
                ok = got[:len(want)] == want
            elif name == "author":
                split = lambda v: {a.strip() for a in re.split(r"[,;，、]| and ", v) if a.strip()}
                ok = split(want) == split(got)
            else:
                ok = want == got
            res[(page, name)] = ok
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "zh-news"))
    ap.add_argument("--newsarc", default=os.environ.get("NEWSARC", os.path.join(ROOT, "build", "newsarc")))
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--min-loso", type=float, default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not os.access(a.newsarc, os.X_OK):
        die(f"{a.newsarc}: not an executable (build it first or set NEWSARC)")
    html = os.path.join(a.corpus, "html")
    truth_path = os.path.join(a.corpus, "ground-truth.json")
    if not os.path.isdir(html) or not os.path.isfile(truth_path):
        die(f"{a.corpus}: no html/ and ground-truth.json")
    sys.path.insert(0, os.path.join(a.shared, "eval"))
    try:
        import score as score_mod
    except ImportError:
        die(f"{a.shared}/eval/score.py: not found (set SHARED)")
    truth = {k: v for k, v in json.load(open(truth_path, encoding="utf-8")).items() if isinstance(v, dict)}
    rules = rule_names(a.newsarc)
    sites = sorted({site_of(k) for k in truth})
    cache = {}

    def per_site(disabled):
        res = right(score_mod, truth, extract(a.newsarc, html, disabled, cache))
        counts = {s: 0 for s in sites}
        for (page, _), ok in res.items():
            counts[site_of(page)] += ok
        return res, counts

    full, full_counts = per_site([])
    _, none_counts = per_site(rules)
    effect = {}  # rule -> (helped sites, hurt sites)
    for r in rules:
        _, alone = per_site([x for x in rules if x != r])
        _, without = per_site([r])
        helped = [s for s in sites if alone[s] > none_counts[s]]
        hurt = [s for s in sites if alone[s] < none_counts[s] or without[s] > full_counts[s]]
        effect[r] = (helped, hurt)

    # LOSO: rules chosen on the other sites only.
    loso = {}
    chosen_for = {}
    for s in sites:
        keep = [r for r in rules
                if len([x for x in effect[r][0] if x != s]) >= 2 and not [x for x in effect[r][1] if x != s]]
        chosen_for[s] = keep
        res, _ = per_site([r for r in rules if r not in keep])
        for (page, name), ok in res.items():
            if site_of(page) == s:
                loso[(page, name)] = ok

    def rates(res):
        out = {}
        for name in FIELDS:
            vals = [ok for (p, n), ok in res.items() if n == name]
            if vals:
                out[name] = (sum(vals) / len(vals), len(vals))
        return out

    # Where the full run read each field (the JSON's "provenance"): a rule
    # that fires right on many sites is general even where other evidence
    # would have given the same value.
    full_pred = extract(a.newsarc, html, [], cache)
    prov_key = {"title": "title", "author": "author", "source": "source", "publish_time": "publish_time"}
    fired = {}  # (field, provenance) -> [sites right, sites wrong]
    for (page, name), ok in full.items():
        rec = full_pred.get(page) if isinstance(full_pred.get(page), dict) else {}
        from_ = (rec.get("provenance") or {}).get(prov_key[name])
        if not from_:
            continue
        right_sites, wrong_sites = fired.setdefault((name, from_), (set(), set()))
        (right_sites if ok else wrong_sites).add(site_of(page))

    all_seen, held = rates(full), rates(loso)
    if a.json:
        print(json.dumps({"rules": {r: {"helps": e[0], "hurts": e[1]} for r, e in effect.items()},
                          "all_seen": {k: v[0] for k, v in all_seen.items()},
                          "loso": {k: v[0] for k, v in held.items()},
                          "provenance": {f"{n}:{p}": {"right_sites": len(r_), "wrong_sites": len(w_)}
                                         for (n, p), (r_, w_) in fired.items()},
                          "pages": len(truth), "sites": len(sites)}, ensure_ascii=False))
    else:
        print(f"{len(truth)} pages, {len(sites)} sites ({a.corpus})")
        print(f"{'rule':<26} {'helps':>5} {'hurts':>5}  kept (helps >1 site, hurts none)  sites helped")
        for r, (h, x) in effect.items():
            kept = len(h) >= 2 and not x
            print(f"{r:<26} {len(h):5d} {len(x):5d}  {'yes' if kept else 'no ':<33} {' '.join(h)}"
                  + (f"  hurts: {' '.join(x)}" if x else ""))
        print("where each field was read (all rules on): sites right / sites wrong")
        for (name, from_), (r_, w_) in sorted(fired.items()):
            print(f"  {name:<13} {from_:<20} {len(r_):3d} / {len(w_):<3d} {' '.join(sorted(w_))}")
        print(f"{'field':<14} {'all seen':>9} {'LOSO':>9}   n")
        for name in FIELDS:
            if name in all_seen:
                print(f"{name:<14} {all_seen[name][0]:9.3f} {held[name][0]:9.3f}   {all_seen[name][1]}")
    if a.min_loso is not None:
        low = [n for n, (v, _) in held.items() if v < a.min_loso]
        if low:
            print(f"metadata_loso: LOSO accuracy below {a.min_loso} for {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The module layout as a test (docs/design.md).

Every newsarc module is a folder with one CMake target and one entry header.
Code in a module may include its own headers and the entry headers of the
modules below it, nothing else of ours:

    base <- extract
    base <- storage/warc <- storage <- corpus, audit
    extract, storage <- crawler <- cluster
    everything <- web <- cli

base/ is the exception to the one-header rule: it is a set of small
vocabulary headers (status.h, url.h, time.h, ...) that every module uses one
by one.

Tests in tests/<module>/ belong to their module: they may include its
private headers, and the entry headers of the modules below it. The shared
test helpers at tests/ root may include any module's entry header (each test
binary links only the module it tests, so a helper it cannot use fails to
link). Fuzz targets and
benchmarks are white-box tools over one module's internals and are not
checked here.

usage: layering_check.py [SOURCE_DIR]   (exit 0: clean; 1: violations listed)
       layering_check.py --self-test   (the check finds what it must, on a made-up tree)
"""
import os
import re
import sys
import tempfile

# module -> (entry header or None for base, modules it may use)
MODULES = {
    "base": (None, set()),
    "extract": ("extract/extract.h", {"base"}),
    "storage/warc": ("storage/warc/warc.h", {"base"}),
    "storage": ("storage/storage.h", {"base", "storage/warc"}),
    "corpus": ("corpus/corpus.h", {"base", "storage", "storage/warc"}),
    "audit": ("audit/audit.h", {"base", "storage", "storage/warc"}),
    "crawler": ("crawler/crawler.h", {"base", "extract", "storage", "storage/warc"}),
    "cluster": ("cluster/cluster.h", {"base", "extract", "storage", "storage/warc", "crawler"}),
    "web": ("web/web.h", {"base", "extract", "storage", "storage/warc", "corpus", "audit"}),
    "cli": (None, {"base", "extract", "storage", "storage/warc", "corpus", "audit", "crawler",
                   "cluster", "web"}),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def module_of(rel):
    """The module a path (relative to the source root) belongs to, or None."""
    path = rel[len("tests/"):] if rel.startswith("tests/") else rel
    best = None
    for m in MODULES:
        if path.startswith(m + "/") and (best is None or len(m) > len(best)):
            best = m
    return best


def check(root):
    problems = []
    for m, (entry, _) in MODULES.items():
        if entry and os.path.isdir(os.path.join(root, m)) and not os.path.isfile(
                os.path.join(root, entry)):
            problems.append(f"{m}/: entry header {entry} is missing")
    for top in list(MODULES) + ["tests"]:
        base_dir = os.path.join(root, top)
        if not os.path.isdir(base_dir):
            continue
        for dirpath, dirnames, files in os.walk(base_dir):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = [d for d in dirnames
                           if not (rel_dir == "tests" and d in ("fuzz", "testdata", "tools"))
                           and d not in ("node_modules",)]
            for name in files:
                if not name.endswith((".cc", ".h")):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                owner = module_of(rel)
                if rel.startswith("tests/") and rel.count("/") == 1:
                    owner, allowed = "tests/", set(MODULES)
                elif owner is None:
                    continue
                else:
                    allowed = MODULES[owner][1]
                with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
                    for lineno, line in enumerate(f, 1):
                        mm = INCLUDE.match(line)
                        if not mm:
                            continue
                        inc = mm.group(1)
                        target = module_of(inc)
                        if target is None or target == owner:
                            continue  # not ours (generated, test helpers), or its own
                        where = f"{rel}:{lineno}"
                        if target not in allowed:
                            problems.append(f"{where}: {owner} may not use {target} "
                                            f"(includes {inc})")
                        elif MODULES[target][0] and inc != MODULES[target][0]:
                            problems.append(f"{where}: includes {inc}, a private header of "
                                            f"{target}; use its entry header "
                                            f"{MODULES[target][0]}")
    return problems


def self_test():
    """Builds a small tree with known violations and checks each is reported."""
    files = {
        "storage/storage.h": "",
        "storage/archive_impl.h": "",
        "crawler/crawler.h": '#include "storage/storage.h"\n',
        "crawler/uses_private.cc": '#include "storage/archive_impl.h"\n',
        "corpus/corpus.h": '#include "storage/storage.h"\n',
        "corpus/uses_upward.cc": '#include "crawler/crawler.h"\n',
        "audit/history.cc": '#include "audit/history.h"\n#include "base/url.h"\n',
        "tests/storage/ok_test.cc": '#include "storage/archive_impl.h"\n',
        "tests/audit/bad_test.cc": '#include "storage/archive_impl.h"\n',
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        problems = check(root)
    expected = ["crawler/uses_private.cc:1: includes storage/archive_impl.h",
                "corpus/uses_upward.cc:1: corpus may not use crawler",
                "tests/audit/bad_test.cc:1: includes storage/archive_impl.h",
                "audit/: entry header audit/audit.h is missing"]
    missing = [e for e in expected if not any(p.startswith(e) for p in problems)]
    extra = [p for p in problems if not any(p.startswith(e) for e in expected)]
    for m in missing:
        print("self-test: not reported:", m)
    for e in extra:
        print("self-test: reported wrongly:", e)
    if missing or extra:
        return 1
    print(f"layering_check self-test: the {len(expected)} planted violations are reported, "
          "nothing else")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    if problems:
        print(f"layering_check: {len(problems)} violation(s)")
        return 1
    print("layering_check: every include follows the module layout")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A mutation run of dsselect's test suite: how many single-point faults do the tests catch?

Each mutant (tests/mutation/mutants.txt) replaces one short snippet of src/ with a faulty one. The
runner copies the checkout to a scratch tree (build-mutation/tree, ignored by git), applies one mutant
at a time there, rebuilds incrementally (build-mutation/build), runs ctest until the first failure
and reports the mutant killed (a test failed or timed out) or survived (every test passed). The
checkout itself is never written to; the scratch file is restored after each mutant, also on Ctrl-C
or an error, and the scratch tree is brought back in line with the checkout at every start.

A snippet is looked up in its file; when that file no longer holds it (code moved), in every file
under src/. Whitespace in a snippet matches any run of whitespace, so re-indented code still
matches. A snippet found nowhere is "not applicable" (n/a), found twice "ambiguous": neither
counts in the kill rate. A mutant that does not compile is "build-error" and does not count
either (the compiler, not the tests, caught it).

Usage: tests/mutation/run.py [--only ID[,ID...]] [--list] [--json FILE] [-E REGEX] [--timeout S]
Python 3 standard library only.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KEYS = ("file", "find", "replace", "desc", "equivalent")


def load_mutants(path):
    """Blocks of 'id: ...' followed by 'key: value' lines; '#' starts a comment line."""
    mutants, cur = [], None
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key = key.strip()
            if not sep or (key != "id" and key not in KEYS):
                sys.exit(f"{path}:{no}: want 'id: NAME' or one of {', '.join(KEYS)}")
            value = value[1:] if value.startswith(" ") else value
            if key == "id":
                cur = {"id": value.strip(), "line": no}
                mutants.append(cur)
            elif cur is None:
                sys.exit(f"{path}:{no}: '{key}' before the first 'id:'")
            elif key in cur:
                sys.exit(f"{path}:{no}: a second '{key}' in mutant {cur['id']}")
            else:
                cur[key] = value
    ids = set()
    for m in mutants:
        for k in ("file", "find", "replace", "desc"):
            if k not in m:
                sys.exit(f"{path}:{m['line']}: mutant {m['id']} has no '{k}'")
        if m["id"] in ids:
            sys.exit(f"{path}:{m['line']}: mutant id {m['id']} used twice")
        if m["find"] == m["replace"]:
            sys.exit(f"{path}:{m['line']}: mutant {m['id']} replaces its snippet with itself")
        ids.add(m["id"])
    return mutants


def pattern(snippet):
    """The snippet as a regex: its words literal, any run of whitespace matching any run."""
    parts = snippet.strip().split()
    return re.compile(r"\s+".join(re.escape(p) for p in parts))


def checkout_files():
    """The checkout's files as git sees them: tracked and untracked-not-ignored, present ones."""
    out = subprocess.run(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard"], cwd=ROOT,
                         check=True, stdout=subprocess.PIPE).stdout.decode()
    return sorted({p for p in out.split("\0") if p and os.path.isfile(os.path.join(ROOT, p))})


def sync_tree(tree):
    """Makes the scratch tree a copy of the checkout, rewriting only what differs (keeps builds incremental)."""
    files = checkout_files()
    want = set(files)
    for p in files:
        src, dst = os.path.join(ROOT, p), os.path.join(tree, p)
        with open(src, "rb") as f:
            data = f.read()
        try:
            with open(dst, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(data)
            shutil.copymode(src, dst)
    for dirpath, _, names in os.walk(tree):
        for n in names:
            rel = os.path.relpath(os.path.join(dirpath, n), tree)
            if rel not in want:
                os.remove(os.path.join(dirpath, n))


def locate(tree, m):
    """(path relative to the tree, start, end) of the mutant's snippet, or (None, status, where)."""
    rx = pattern(m["find"])
    named = os.path.join(tree, m["file"])
    if os.path.isfile(named):
        with open(named, encoding="utf-8") as f:
            hits = list(rx.finditer(f.read()))
        if len(hits) == 1:
            return m["file"], hits[0].start(), hits[0].end()
        if len(hits) > 1:
            return None, "ambiguous", f"{len(hits)} times in {m['file']}"
    found = []
    for dirpath, _, names in os.walk(os.path.join(tree, "src")):
        for n in sorted(names):
            if not n.endswith((".c", ".h")):
                continue
            p = os.path.join(dirpath, n)
            with open(p, encoding="utf-8") as f:
                found += [(os.path.relpath(p, tree), h) for h in rx.finditer(f.read())]
    if len(found) == 1:
        return found[0][0], found[0][1].start(), found[0][1].end()
    if not found:
        return None, "n/a", "snippet not found under src/"
    return None, "ambiguous", f"{len(found)} times under src/ ({', '.join(sorted({f for f, _ in found}))})"


def run(cmd, log, timeout=None, **kw):
    """Runs cmd, its output appended to log; returns (exit status, output). Ctrl-C kills its group."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, **kw)
    try:
        out, _ = p.communicate(timeout=timeout)
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        raise
    out = out.decode(errors="replace")
    with open(log, "a", encoding="utf-8") as f:
        f.write(f"$ {' '.join(cmd)}\n{out}\n[exit {p.returncode}]\n")
    return p.returncode, out


FAILED = re.compile(r"Test\s+#\d+: (\S+) \.*\s*\*\*\*(\w+)|Test\s+#\d+: (\S+) \.*\s*(Failed|Exception|Timeout)")


def suite(build, args, log):
    """ctest until the first failure: (passed?, the failing test and how, seconds)."""
    t0 = time.monotonic()
    cmd = ["ctest", "--test-dir", build, "-j", str(args.jobs), "--stop-on-failure", "--output-on-failure",
           "--timeout", str(args.timeout)]
    if args.exclude:
        cmd += ["-E", args.exclude]
    rc, out = run(cmd, log)
    failed = [f"{a or c} ({b or d})" for a, b, c, d in FAILED.findall(out)]
    return rc == 0, ", ".join(failed) or (f"ctest exit {rc}" if rc else ""), time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mutants", default=os.path.join(HERE, "mutants.txt"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build-mutation"),
                    help="scratch directory: tree/, build/, log.txt (default: build-mutation/)")
    ap.add_argument("--only", help="comma-separated mutant ids")
    ap.add_argument("--list", action="store_true", help="where each snippet is now, without building")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("-E", "--exclude", help="ctest -E: tests to leave out (e.g. 'deb|install')")
    ap.add_argument("--timeout", type=int, default=300, help="seconds a test may take (default 300)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="build and ctest jobs (default 2)")
    args = ap.parse_args()

    mutants = load_mutants(args.mutants)
    if args.only:
        want = set(args.only.split(","))
        unknown = want - {m["id"] for m in mutants}
        if unknown:
            sys.exit(f"unknown mutant id(s): {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m["id"] in want]
    tree, build = os.path.join(args.work, "tree"), os.path.join(args.work, "build")
    log = os.path.join(args.work, "log.txt")
    os.makedirs(tree, exist_ok=True)
    sync_tree(tree)
    # the JUnit tests find Jenkins' schema in ../shared/schemas beside the source tree: the scratch tree
    # gets a copy of that folder (not of ../shared/checks: the smoke test stays out of the scratch build)
    schemas = os.path.join(ROOT, "..", "shared", "schemas")
    if os.path.isdir(schemas):
        shutil.copytree(schemas, os.path.join(os.path.dirname(tree), "shared", "schemas"), dirs_exist_ok=True)

    if args.list:
        for m in mutants:
            where, a, b = locate(tree, m)
            if where:
                with open(os.path.join(tree, where), encoding="utf-8") as f:
                    a = f.read().count("\n", 0, a) + 1
            print(f"{m['id']:<34} {where + ':' + str(a) if where else a + ': ' + b}")
        return 0

    open(log, "w").close()
    print(f"mutation run: {len(mutants)} mutants, scratch {args.work} (log: {log})", flush=True)
    rc, _ = run(["cmake", "-S", tree, "-B", build, "-DDSSELECT_WERROR=OFF"], log)
    if rc == 0:
        rc, _ = run(["cmake", "--build", build, "-j", str(args.jobs)], log)
    if rc != 0:
        sys.exit(f"the unmutated tree does not build: see {log}")
    ok, why, secs = suite(build, args, log)
    if not ok:
        sys.exit(f"the unmutated tree fails its tests ({why}): see {log}")
    print(f"baseline: the suite passes unmutated ({secs:.0f} s)", flush=True)

    results, t_start = [], time.monotonic()
    for n, m in enumerate(mutants, 1):
        res = {"id": m["id"], "file": m["file"], "desc": m["desc"], "equivalent": m.get("equivalent")}
        where, a, b = locate(tree, m)
        if where is None:
            res.update(status=a, detail=b)
        else:
            path = os.path.join(tree, where)
            with open(path, encoding="utf-8") as f:
                orig = f.read()
            res["where"] = f"{where}:{orig.count(chr(10), 0, a) + 1}"
            try:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig[:a] + m["replace"] + orig[b:])
                with open(log, "a", encoding="utf-8") as f:
                    f.write(f"\n===== mutant {m['id']} at {res['where']}\n")
                rc, _ = run(["cmake", "--build", build, "-j", str(args.jobs)], log)
                if rc != 0:
                    res.update(status="build-error", detail="does not compile")
                else:
                    ok, why, secs = suite(build, args, log)
                    res.update(status="survived" if ok else "killed", detail=why, seconds=round(secs, 1))
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig)
        results.append(res)
        eq = "  [marked equivalent]" if m.get("equivalent") else ""
        print(f"[{n:2}/{len(mutants)}] {res['status'].upper():<11} {m['id']:<34} {res.get('where', '')}"
              f"  {res.get('detail', '')}{eq}", flush=True)

    counted = [r for r in results if r["status"] in ("killed", "survived")]
    killed = [r for r in counted if r["status"] == "killed"]
    survivors = [r for r in counted if r["status"] == "survived"]
    equivalent = [r for r in survivors if r["equivalent"]]
    print(f"\n{len(results)} mutants: {len(killed)} killed, {len(survivors)} survived "
          f"({len(equivalent)} marked equivalent), "
          f"{sum(r['status'] in ('n/a', 'ambiguous') for r in results)} not applicable, "
          f"{sum(r['status'] == 'build-error' for r in results)} build errors; "
          f"{(time.monotonic() - t_start) / 60:.1f} min")
    if counted:
        print(f"kill rate: {len(killed)}/{len(counted)} = {100 * len(killed) / len(counted):.1f}%")
        nonequiv = len(counted) - len(equivalent)
        if equivalent and nonequiv:
            print(f"kill rate without the equivalent mutants: {len(killed)}/{nonequiv} = "
                  f"{100 * len(killed) / nonequiv:.1f}%")
    for r in survivors:
        print(f"  survived: {r['id']} ({r['where']}): {r['desc']}"
              + (f" [equivalent: {r['equivalent']}]" if r["equivalent"] else ""))
    for r in results:
        if r["status"] in ("n/a", "ambiguous", "build-error"):
            print(f"  {r['status']}: {r['id']}: {r['detail']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"mutants": results, "killed": len(killed), "counted": len(counted)}, f, indent=1)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("\ninterrupted: the scratch tree was restored; the checkout was never touched")

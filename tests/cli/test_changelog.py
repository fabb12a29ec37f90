#!/usr/bin/env python3
"""CHANGELOG.md keeps the Keep a Changelog form, and every place that names the version agrees with
dsselect --version (the CMake project version): the changelog's latest release, the man page's
header, and the package name in the README and docs/ci.md.

usage: python3 tests/cli/test_changelog.py PATH/TO/dsselect
Prints each failure and 'N passed, M failed'; exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SECTIONS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def read(*path):
    with open(os.path.join(TOP, *path), encoding="utf-8") as f:
        return f.read()


def version():
    out = subprocess.run([BIN, "--version"], capture_output=True, timeout=30).stdout.decode().split()
    return out[1] if len(out) == 2 and out[0] == "dsselect" else None


def t_changelog_form():
    text, bad = read("CHANGELOG.md"), []
    if not text.startswith("# Changelog\n") or "keepachangelog.com" not in text:
        bad.append("CHANGELOG.md does not start with '# Changelog' and name Keep a Changelog")
    heads = re.findall(r"^## (.*)$", text, re.M)
    if not heads or heads[0] != "[Unreleased]":
        bad.append(f"the first heading is {heads[:1]}, want [Unreleased]")
    releases = []
    for h in heads[1:]:
        m = re.fullmatch(r"\[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})", h)
        if not m:
            bad.append(f"release heading {h!r} is not '[X.Y.Z] - YYYY-MM-DD'")
            continue
        releases.append((tuple(int(x) for x in m.groups()[:3]), m.group(4)))
    if releases != sorted(releases, reverse=True) or len({v for v, _ in releases}) != len(releases):
        bad.append(f"releases are not newest first, each once: {releases}")
    for sub in re.findall(r"^### (.*)$", text, re.M):
        if sub not in SECTIONS:
            bad.append(f"section '### {sub}' is none of {sorted(SECTIONS)}")
    return bad


def t_the_version_agrees_everywhere():
    v = version()
    if not v or not re.fullmatch(r"\d+\.\d+\.\d+", v):
        return [f"dsselect --version does not give a version: {v!r}"]
    bad = []
    heads = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", read("CHANGELOG.md"), re.M)
    if not heads or heads[0] != v:
        bad.append(f"CHANGELOG.md's latest release is {heads[:1]}, dsselect --version says {v}")
    th = read("docs", "dsselect.1").splitlines()[0]
    if f'"dsselect {v}"' not in th:
        bad.append(f"docs/dsselect.1's header {th!r} does not say dsselect {v}")
    for doc in (("README.md",), ("docs", "ci.md")):
        names = re.findall(r"dsselect_(\d+\.\d+\.\d+)_", read(*doc))
        if not names:
            bad.append(f"{'/'.join(doc)} no longer names the package (dsselect_VERSION_ARCH.deb): check it by hand")
        for named in names:
            if named != v:
                bad.append(f"{'/'.join(doc)} names the package of version {named}, not {v}")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")

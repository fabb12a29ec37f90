#!/usr/bin/env python3
"""The man page (docs/dsselect.1) does not drift from the binary.

usage: python3 tests/cli/test_manpage.py PATH/TO/dsselect PATH/TO/docs/dsselect.1
Every option --help lists (built-in options and the rule table's fact flags,
both --x and --no-x for booleans), and those of 'rules --help' and
'sweep --help', must be in the man page; so must the sections a man page has
and the version. Prints each failure and 'N passed, M failed'; exits 1 on any.
"""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN, PAGE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
SECTIONS = ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "INPUT", "OUTPUT", "EXIT STATUS", "ENVIRONMENT",
            "FILES", "EXAMPLES")


def out(*args):
    return subprocess.run([BIN, *args], capture_output=True, env=ENV, timeout=60).stdout.decode()


def page_text():
    """The page with roff's escaped hyphens as plain ones."""
    with open(PAGE, encoding="utf-8") as f:
        return f.read().replace("\\-", "-")


def options(help_text):
    """Every --option in the option lines of a --help ('--[no-]x' gives --x and --no-x)."""
    found = set()
    for line in help_text.splitlines():
        for m in re.finditer(r"--(\[no-\])?([a-z][a-z0-9-]*)", line):
            found.add("--" + m.group(2))
            if m.group(1):
                found.add("--no-" + m.group(2))
    return found


def t_every_option_of_help_is_in_the_page():
    text = page_text()
    opts = options(out("--help")) | options(out("rules", "--help")) | options(out("sweep", "--help"))
    if len(opts) < 30:
        return [f"only {len(opts)} options read from --help: the parser is broken"]
    missing = sorted(o for o in opts if not re.search(re.escape(o) + r"(?![a-z0-9-])", text))
    return [f"in --help, not in {os.path.basename(PAGE)}: {' '.join(missing)}"] if missing else []


def t_sections():
    text = page_text()
    return [f"no section {s}" for s in SECTIONS if not re.search(r"^\.SH \"?" + s + r"\"?$", text, re.M)]


def t_version_and_exit_statuses():
    text, bad = page_text(), []
    version = out("--version").split()[-1]
    if f"dsselect {version}" not in text:
        bad.append(f"the page is not for version {version}")
    for code in ("0", "1", "2", "64", "65", "66", "74", "78"):
        if not re.search(r"^\.B " + code + r"$", text, re.M):
            bad.append(f"exit status {code} is not described")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")

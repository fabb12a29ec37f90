#!/usr/bin/env python3
"""The examples of README.md and docs/*.md are real output: every ```console block is run.

usage: python3 tests/cli/test_examples.py PATH/TO/dsselect [FILE.md ...]

A console block is a session: a line starting with "$ " is a command (a line ending in a backslash
continues it), the lines after it its output, up to the next command. The commands run with bash, in a
scratch directory, `dsselect` on PATH being the binary under test and no locale set. The output must be
what the command writes, stdout and stderr together (stderr's lines may come anywhere among stdout's,
in their own order); a line "..." stands for any number of lines. A command shown with no output must
write nothing. `$ echo $?` shows the exit status of the command before it. `$ cat FILE` followed by
its content makes FILE in the scratch directory before the block runs, so later commands can read it.
A summary's timing ("0.000 s, 23121 records/s") is compared as the words around it.

One test per block, named FILE:LINE. Prints each failure and ends with 'N passed, M failed'.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402
from junit_schema import check_run  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FILES = sys.argv[2:] or [os.path.join(TOP, "README.md")] + sorted(glob.glob(os.path.join(TOP, "docs", "*.md")))
TIMING = re.compile(r"\d+\.\d+ s, \d+ records/s")


def blocks(path):
    """(line number, [(command, [expected output lines])]) for each console block of a file."""
    out, cur, cmd, lines = [], None, None, open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if cur is None:
            if ln.strip() == "```console":
                cur = (i + 1, [])
        elif ln.strip() == "```":
            out.append(cur)
            cur = None
        elif ln.startswith("$ "):
            cmd = ln[2:]
            while cmd.endswith("\\") and i + 1 < len(lines):
                i += 1
                cmd = cmd + "\n" + lines[i]
            cur[1].append((cmd, []))
        elif cur[1]:
            cur[1][-1][1].append(ln)
        i += 1
    return out


def matches(want, stdout, stderr):
    """Whether the shown lines are stdout's and stderr's, interleaved, with '...' for any lines."""
    norm = lambda s: TIMING.sub("TIME", s.rstrip())  # noqa: E731
    want = [norm(w) for w in want]
    err = [norm(e) for e in stderr]
    rest = []
    for w in want:  # stderr's lines, in their order, wherever they are shown
        if err and w == err[0]:
            err.pop(0)
        else:
            rest.append(w)
    if err:
        return False
    got = [norm(o) for o in stdout]
    segs, seg = [], []
    for w in rest:
        if w.strip() == "...":
            segs.append(seg)
            seg = []
        else:
            seg.append(w)
    segs.append(seg)
    if len(segs) == 1:
        return segs[0] == got
    if got[:len(segs[0])] != segs[0] or (segs[-1] and got[len(got) - len(segs[-1]):] != segs[-1]):
        return False
    pos, end = len(segs[0]), len(got) - len(segs[-1])
    for s in segs[1:-1]:
        while pos <= end - len(s) and got[pos:pos + len(s)] != s:
            pos += 1
        if pos > end - len(s):
            return False
        pos += len(s)
    return pos <= end


def run_block(path, line, session):
    work = tempfile.mkdtemp(prefix="dsselect-example-")
    bindir = os.path.join(work, ".bin")
    os.makedirs(bindir)
    os.symlink(BIN, os.path.join(bindir, "dsselect"))
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS", "NO_COLOR")}
    env["PATH"] = bindir + ":" + env.get("PATH", "/usr/bin:/bin")
    bad, status = [], 0
    for cmd, want in session:  # files shown with cat are made first
        m = re.fullmatch(r"cat (\S+)", cmd.strip())
        if m:
            with open(os.path.join(work, m.group(1)), "w") as f:
                f.write("\n".join(want) + "\n")
    for cmd, want in session:
        if cmd.strip() == "echo $?":
            if want != [str(status)]:
                bad.append(f"{path}:{line}: after the command before it, $? is {status}, the example shows {want}")
            continue
        p = subprocess.run(["bash", "-c", "set -o pipefail\n" + cmd], cwd=work, env=env, capture_output=True,
                           timeout=120)
        status = p.returncode
        if not re.search(r"[|>]", cmd):  # a JUnit report shown whole: valid against Jenkins' schema
            try:
                check_run(cmd.split(), p.stdout)
            except AssertionError as e:
                bad.append(f"{path}:{line}: `{cmd}`: {e}")
        out = p.stdout.decode("utf-8", "replace").splitlines()
        err = p.stderr.decode("utf-8", "replace").splitlines()
        if not matches(want, out, err):
            bad.append(f"{path}:{line}: `{cmd}` shows\n" + "\n".join(want) + "\n--- but writes ---\n" +
                       "\n".join(out + (["--- stderr ---"] + err if err else [])))
    shutil.rmtree(work, ignore_errors=True)
    return bad


TESTS = {}
for f in FILES:
    for line, session in blocks(f):
        name = f"t_{os.path.relpath(f, TOP)}:{line}"
        TESTS[name] = (lambda f=f, line=line, session=session: run_block(os.path.relpath(f, TOP), line, session))
if not TESTS:
    print("FAIL no console block found")
    sys.exit(1)
run_tests(TESTS, "t_")

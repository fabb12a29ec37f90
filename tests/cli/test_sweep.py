#!/usr/bin/env python3
"""Tests of dsselect sweep: every point agrees with a direct evaluation; boundaries are the table's.

usage: python3 tests/cli/test_sweep.py PATH/TO/dsselect
Prints each failure and ends with one line 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402
from columns import fields, table_misaligned  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "TERM")}
# A table whose model ids and enum values are CJK, fullwidth or mixed (two columns a character).
CJK_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "rules", "custom-cjk.yaml")


def run(args):
    p = subprocess.run([BIN] + args, capture_output=True, env=ENV, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def flag(key):
    return "--" + key.replace("_", "-")


def direct(base, point):
    args = list(base)
    for k, v in point.items():
        if isinstance(v, bool):
            args.append(flag(k) if v else "--no-" + k.replace("_", "-"))
        else:
            args += [flag(k), str(v)]
    rc, out, err = run(args + ["--format", "json"])
    d = json.loads(out)
    return d["model"], d["status"]


SWEEPS = [
    (["--vary", "gpu_mem=0:96:4"], ["--task", "contract-extraction"]),
    (["--vary", "gpu_mem=8:80:8", "--vary", "concurrency=50:500:50"], ["--input-tokens", "800"]),
    (["--vary", "concurrency=190:210:5", "--vary", "input_tokens=500:1100:100"], []),
    (["--vary", "task", "--vary", "streaming"], ["--gpu-mem", "24"]),
    (["--vary", "mlps-level=1:5:1"], ["--concurrency", "300", "--input-tokens", "800"]),
]


def t_every_point_agrees_with_direct_evaluation():
    bad = []
    for vary, base in SWEEPS:
        rc, out, err = run(["sweep"] + vary + base + ["--format", "json"])
        if rc != 0:
            bad.append(f"{vary}: exit {rc} {err!r}")
            continue
        for p in json.loads(out):
            point = {k: v for k, v in p.items() if k not in ("model", "status", "refs")}
            want = direct(base, point)
            if (p["model"], p["status"]) != want:
                bad.append(f"{vary} {base} at {point}: sweep {p['model']} {p['status']}, direct {want}")
    return bad


def points(args):
    rc, out, err = run(["sweep"] + args + ["--format", "json"])
    return {tuple(v for k, v in p.items() if k not in ("model", "status", "refs")): (p["model"], p["status"], p["refs"])
            for p in json.loads(out)}


def t_boundary_1_1_between_12_and_13():
    p = points(["--vary", "gpu_mem=10:14:1"])
    bad = []
    if "1.1" not in p[(12,)][2].split(","):
        bad.append(f"12 GB: {p[(12,)]}")
    if "1.1" in p[(13,)][2].split(","):
        bad.append(f"13 GB: {p[(13,)]}")
    p = points(["--vary", "gpu_mem=0:96:4"])  # the threshold itself is a point of any range over it
    if (12,) not in p:
        bad.append("0:96:4 has no point at 12")
    return bad


def t_boundaries_3_2_at_199_200_and_1024_1025():
    bad = []
    p = points(["--vary", "concurrency=150:250:25", "--input-tokens", "800"])
    if (199,) not in p or (200,) not in p:
        bad.append(f"points {sorted(p)}: 199 and 200 must be there")
    elif p[(199,)][0] != "V1" or p[(200,)][:2] != ("V2", "recommended"):
        bad.append(f"199 {p[(199,)]}, 200 {p[(200,)]}")
    p = points(["--vary", "input_tokens=1000:1100:50", "--concurrency", "300"])
    if (1024,) not in p or (1025,) not in p:
        bad.append(f"points {sorted(p)}: 1024 and 1025 must be there")
    elif p[(1024,)][0] != "V2" or "3.2" in p[(1025,)][2].split(","):
        bad.append(f"1024 {p[(1024,)]}, 1025 {p[(1025,)]}")
    return bad


def t_grid_and_legend():
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:16:4", "--vary", "concurrency=150:250:50",
                        "--input-tokens", "800"])
    bad = []
    if "legend:" not in out or "V1!" not in out or "\033[" in out:
        bad.append(f"grid {out!r}")
    lines = out.splitlines()
    if not lines[0].startswith("gpu_mem \\ concurrency"):
        bad.append(f"first line {lines[0]!r}")
    return bad


def on_tty(extra, env):
    """Runs a sweep grid on a terminal, as `script -qec` gives one; its output bytes."""
    cmd = " ".join([BIN, "sweep", "--vary", "gpu_mem=8:16:8", "--vary", "concurrency=150:250:100",
                    "--input-tokens", "800"] + extra)
    p = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, env=env, timeout=60)
    return p.stdout


def t_color_when():
    """--color auto|always|never, NO_COLOR and TERM=dumb, on a terminal (script -qec) and on a pipe."""
    bad = []
    term = dict(ENV, TERM="xterm")
    cases = [("auto on a terminal", on_tty([], term), True),
             ("--color never on a terminal", on_tty(["--color", "never"], term), False),
             ("NO_COLOR on a terminal", on_tty([], dict(term, NO_COLOR="1")), False),
             ("TERM=dumb on a terminal", on_tty([], dict(term, TERM="dumb")), False),
             ("--color=always with NO_COLOR", on_tty(["--color=always"], dict(term, NO_COLOR="1")), True)]
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:16:8", "--input-tokens", "800", "--vary",
                        "concurrency=150:250:100", "--color", "always"])
    cases.append(("--color always on a pipe", out.encode(), True))
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:16:8", "--vary", "concurrency=150:250:100"])
    cases.append(("auto on a pipe", out.encode(), False))
    for name, got, want in cases:
        if (b"\033[" in got) != want:
            bad.append(f"{name}: {'no ' if want else ''}color expected: {got[:120]!r}")
    rc, out, err = run(["--color", "sometimes"])
    if rc != 64 or "auto, always or never" not in err:
        bad.append(f"--color sometimes: exit {rc}, {err!r}")
    return bad


def t_color_only_on_a_tty():
    import pty
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, "sweep", "--vary", "gpu_mem=8:16:8", "--vary", "concurrency=150:250:100",
                        "--input-tokens", "800"], dict(ENV, TERM="xterm"))
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return [] if b"\033[31m" in out else [f"no color on a TTY: {out[:200]!r}"]


def t_csv():
    rc, out, err = run(["sweep", "--vary", "concurrency=199:200:1", "--input-tokens", "800", "--format", "csv"])
    want = 'concurrency,model,status,refs\n199,V1,default,""\n200,V2,recommended,"3.2"\n'
    return [] if out == want else [f"csv {out!r}"]


def t_product_boundary_and_ndjson_and_help():
    bad = []
    p = points(["--vary", "gpu_mem=20:30:5", "--gpus", "3", "--nccl"])
    # 80/3 is no short decimal: the three-digit values on each side of it, each on its side
    crossing = sorted(k for k in p if 25 < k[0] < 30)
    if crossing != [(26.6,), (26.7,)] or p[(26.6,)][0] != "V1" or p[(26.7,)][0] != "V2" or p[(25,)][0] != "V1":
        bad.append(f"3 x gpu_mem crossing 80: want 26.6 (V1) and 26.7 (V2): {sorted(p.items())}")
    p = points(["--vary", "gpu_mem=1:2:0.5", "--gpus", "50", "--nccl"])  # 80/50 = 1.6: the crossing itself
    if sorted(p) != [(1,), (1.5,), (1.6,), (2,)] or p[(1.5,)][0] != "V1" or p[(1.6,)][0] != "V2":
        bad.append(f"50 x gpu_mem crossing 80: want a point at 1.6 (V2): {sorted(p.items())}")
    rc, out, err = run(["sweep", "--vary", "platform", "--format", "ndjson"])
    lines = out.splitlines()
    if len(lines) != 3 or any(not l.startswith("{") for l in lines):
        bad.append(f"ndjson {out!r}")
    rc, out, err = run(["sweep", "--help"])
    if rc != 0 or "--vary" not in out:
        bad.append(f"--help: exit {rc}")
    rc, out, err = run(["sweep", "--vary", "avg_tokens=10000000000:10000000010:1", "--format", "csv"])
    if len(out.splitlines()) != 12 or "e+" in out:
        bad.append(f"large integers: {out[:120]!r}")
    return bad


def t_decimal_steps_print_the_decimals_asked_for():
    """Value i of START:STOP:STEP is the decimal START + i STEP: 0.3, not 0.30000000000000004 (issue 16)."""
    bad = []
    for arg, want in (("gpu_mem=0:0.95:0.1", ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]),
                      ("gpu_mem=0.05:0.35:0.1", ["0.05", "0.15", "0.25", "0.35"]),
                      ("gpu_mem=1e-1:3e-1:1e-1", ["0.1", "0.2", "0.3"])):
        rc, out, err = run(["sweep", "--vary", arg, "--format", "csv"])
        got = [ln.split(",")[0] for ln in out.splitlines()[1:]]
        if rc != 0 or got != want:
            bad.append(f"{arg}: exit {rc}, values {got}, want {want}")
    rc, out, err = run(["sweep", "--vary", "gpu_mem=0:1:0.1"])
    if rc != 0 or "000000" in out or not re.search(r"^ +0\.3  V1 ", out, re.M):
        bad.append(f"0:1:0.1 as text: {out!r}")
    return bad


def labels(args):
    rc, out, err = run(["sweep"] + args + ["--format", "csv"])
    return rc, [tuple(ln.split(",")[:2]) for ln in out.splitlines()[1:]]


def t_product_boundaries_only_where_reachable():
    """A product's crossings (gpus x gpu_mem >= 80) only for a factor given or derived, never for GPU counts
    nobody gave (issue 16)."""
    bad = []
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:40:8", "--vary", "concurrency=150:250:50",
                        "--input-tokens", "800", "--format", "csv"])
    rows = sorted({ln.split(",")[0] for ln in out.splitlines()[1:]}, key=float)
    if rc != 0 or rows != ["8", "12", "16", "24", "32", "40"]:
        bad.append(f"gpu_mem=8:40:8 x concurrency: rows {rows}, want 8 12 16 24 32 40 (12: rule 1.1's constant)")
    for extra in ([], ["--gpus", "1"]):  # gpus 1 (derived from gpu_mem > 0, or given): its crossing is 80
        rc, got = labels(["--vary", "gpu_mem=8:40:8"] + extra)
        if [v for v, _ in got] != ["8", "12", "16", "24", "32", "40"]:
            bad.append(f"gpu_mem=8:40:8 {extra}: {got}")
        rc, got = labels(["--vary", "gpu_mem=8:96:44"] + extra)
        if [v for v, _ in got] != ["8", "12", "52", "80", "96"]:
            bad.append(f"gpu_mem=8:96:44 {extra}: want 80 (80 GB on the one GPU) among the points: {got}")
    rc, got = labels(["--vary", "gpu_mem=8:40:8", "--gpus", "7", "--nccl"])  # 80/7: 11.4 and 11.5
    if [v for v, _ in got] != ["8", "11.4", "11.5", "12", "16", "24", "32", "40"] or \
            dict(got).get("11.4") != "V1" or dict(got).get("11.5") != "V2":
        bad.append(f"gpu_mem with --gpus 7: want 11.4 (V1) and 11.5 (V2): {got}")
    rc, got = labels(["--vary", "gpus=1:8:1", "--gpu-model", "a10g", "--nccl"])  # gpu_mem 24 from the catalog
    if [v for v, _ in got] != [str(i) for i in range(1, 9)] or dict(got)["3"] != "V1" or dict(got)["4"] != "V2":
        bad.append(f"gpus with an A10G: {got}")
    rc, out, err = run(["sweep", "--vary", "gpus=1:4:1", "--vary", "gpu_mem=8:40:8", "--nccl"])
    if rc != 0 or "." in out.split("legend")[0]:
        bad.append(f"gpus x gpu_mem: the grid adds crossings for the other axis's values:\n{out}")
    return bad


def t_grid_fits_in_100_columns():
    """A grid whose columns are GPU memory stays within 100 columns: no crossings for GPU counts nobody gave, and
    each column as wide as its own heading and cells (issue 16)."""
    bad = []
    rc, out, err = run(["sweep", "--vary", "concurrency=150:250:50", "--vary", "gpu_mem=8:80:8",
                        "--input-tokens", "800"])
    widest = max(len(ln) for ln in out.split("\n\n")[0].splitlines())
    if rc != 0 or widest > 100:
        bad.append(f"grid {widest} columns wide:\n{out}")
    rc, out, err = run(["sweep", "--vary", "concurrency=150:250:50", "--vary", "gpu_mem=8:80:8",
                        "--gpus", "3", "--nccl", "--input-tokens", "800"])
    head = out.splitlines()[1] if rc == 0 else ""
    if not head.startswith("      8  12  16  24 26.6 26.7  32  40 "):
        bad.append(f"columns padded to the widest heading rather than their own: {head!r}")
    bad += grid_misaligned(out, "gpus 3 grid") if rc == 0 else [f"gpus 3 grid: exit {rc}"]
    return bad


def t_limits_ends_are_allowed():
    """START equal to STOP is one point; a grid of exactly 100,000 points (docs/security.md) is allowed."""
    bad = []
    rc, out, err = run(["sweep", "--vary", "gpu_mem=5:5:1", "--format", "csv"])
    if rc != 0 or out != 'gpu_mem,model,status,refs\n5,V1,recommended,"1.1"\n' or err:
        bad.append(f"gpu_mem=5:5:1: exit {rc}, {out!r}, {err!r}")
    # 10,000 corpus sizes (the table's 500000 is out of range) x 10 P99s (its 80 too): 100,000 points
    rc, out, err = run(["sweep", "--vary", "corpus_size=0:9999:1", "--vary", "p99_ms=1:10:1", "--format", "csv"])
    if rc != 0 or out.count("\n") != 100001 or err:
        bad.append(f"100,000 points: exit {rc}, {out.count(chr(10))} lines, {err!r}")
    rc, out, err = run(["sweep", "--vary", "corpus_size=0:9999:1", "--vary", "p99_ms=1:11:1", "--format", "csv"])
    if rc != 64 or out or "110000 points" not in err or "100000" not in err:
        bad.append(f"110,000 points: exit {rc}, {err!r}")
    return bad


def t_usage_errors():
    bad = []
    for args, word in ((["sweep"], "--vary"), (["sweep", "--vary", "gpu_mme=0:8:1"], "gpu_mem"),
                       (["sweep", "--vary", "gpu_mem=8:0:1"], "START"), (["sweep", "--vary", "task=0:1:1"], "range"),
                       (["sweep", "--vary", "gpu_mem=0:1:1", "--vary", "gpu_mem=0:1:1"], "twice"),
                       (["sweep", "--vary", "gpu_mem=0:8:4", "--gpu-mem", "x"], "--gpu-mem"),
                       (["sweep", "--vary", "gpu_mem=20:30:inf"], "STEP"),
                       (["sweep", "--vary", "gpu_mem=0:4000:1", "--vary", "concurrency=1:4000:1"], "limit"),
                       # formats and inputs of other modes are refused, not ignored
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--format", "junit"], "csv, json, ndjson or svg"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--format", "github"], "csv, json, ndjson or svg"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--spec-dir", "."], "--spec-dir"),
                       # options of dsselect that a sweep does not take: refused as dsselect refuses its unknown ones
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--explain"],
                        "dsselect: sweep: option --explain is dsselect's; sweep writes one line per point, without "
                        "reasons or what would change them"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--batch"], "sweep: option --batch is dsselect's; sweep makes"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--junit-file-attrs"],
                        "sweep: option --junit-file-attrs is dsselect's; sweep writes no JUnit report"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--format", "tsv"],
                        "sweep: option --format: unknown value 'tsv' (did you mean 'csv'?)"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "--vary", "task", "--vary", "gpus=1:2:1"], "at most 2"),
                       (["sweep", "--vary"], "sweep: option --vary needs a value (FACT=START:STOP:STEP)"),
                       (["sweep", "--vary", "gpu_mem=8:16:8", "extra"], "sweep: unexpected argument 'extra'")):
        rc, out, err = run(args)
        if rc != 64 or word not in err or out or err.count("\n") != 1:
            bad.append(f"{args}: exit {rc}, stderr {err!r}")
    return bad


def t_spec_read_as_dsselect_reads_it():
    """sweep --spec goes through dsselect's one reader: a file that cannot be read (a directory) is 66,
    one past the 16 MiB limit 65, each one line naming the file, as for dsselect --spec."""
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.json")
        with open(big, "wb") as f:
            f.write(b" " * ((16 << 20) + 1))
        for path, code, want in ((tmp, 66, f"dsselect: {tmp}: cannot read: "),
                                 (big, 65, f"dsselect: {big}: spec is larger than the 16 MiB limit")):
            rc, out, err = run(["sweep", "--vary", "gpu_mem=8:16:8", "--spec", path])
            main = run(["--spec", path])
            if rc != code or not err.startswith(want) or err.count("\n") != 1 or out:
                bad.append(f"sweep --spec {path}: exit {rc}, stderr {err!r}")
            if (main[0], main[2]) != (rc, err):
                bad.append(f"sweep --spec {path}: {rc} {err!r}, but dsselect --spec: {main[0]} {main[2]!r}")
    return bad


# ---- columns aligned by display width (columns.py: Python's unicodedata, not the C code) ----

def grid_misaligned(out, name):
    """A grid: its column headings (line 2) and every row's cells end at the same display columns."""
    lines = [ln for ln in re.sub(r"\033\[[0-9;]*m", "", out).split("\n\n")[0].splitlines()[1:]]
    lw = fields(lines[1])[0][2]  # the row labels' column, right-aligned (checked below)
    if lines[0][:lw].strip(" ") or lw < 1:
        return [f"{name}: the headings do not start with {lw} spaces:\n" + "\n".join(lines)]
    # the heading line has no label: give it one in the labels' column, then check the whole table
    fake = " " * (lw - 1) + "x" + lines[0][lw:]
    heads = fields(lines[0])
    return table_misaligned([fake] + lines[1:], [True] * (len(heads) + 1), name)


def t_list_aligned_by_display_width_in_chinese():
    """sweep's table for one fact: its Chinese headings (模型, 状态) line up with the rows below."""
    bad = []
    for args in (["--vary", "gpu_mem=8:16:4", "--lang", "zh"], ["--vary", "gpu_mem=8:16:4"],
                 ["--vary", "task", "--gpu-mem", "24", "--lang", "zh"]):
        rc, out, err = run(["sweep"] + args)
        if rc != 0:
            bad.append(f"{args}: exit {rc} {err!r}")
            continue
        # the rules column is free text: a ref two rules cite is followed by the rule's id
        bad += table_misaligned(out.splitlines(), [True, False, False, False], " ".join(args), rest=True)
    return bad


def t_cjk_table_list_and_grid_aligned():
    """A table with CJK model ids and values: sweep's table and grid, plain and in color, by display width."""
    bad = []
    for lang in ("zh", "en"):
        rc, out, err = run(["sweep", "--rules", CJK_TABLE, "--vary", "deploy", "--lang", lang])
        if rc != 0 or "深度求索V1" not in out or "云端部署" not in out:
            bad.append(f"list {lang}: exit {rc} {err!r} {out!r}")
            continue
        bad += table_misaligned(out.splitlines(), [True, False, False, False], f"list --lang {lang}")
        for extra in ([], ["--color", "always"]):
            rc, out, err = run(["sweep", "--rules", CJK_TABLE, "--vary", "deploy", "--vary", "size",
                                "--lang", lang] + extra)
            if rc != 0 or "ＬＩＴＥ" not in out or "中等规模" not in out:
                bad.append(f"grid {lang} {extra}: exit {rc} {err!r} {out!r}")
                continue
            bad += grid_misaligned(out, f"grid --lang {lang} {' '.join(extra)}")
        rc, out, err = run(["sweep", "--rules", CJK_TABLE, "--vary", "mem=0:100:50", "--vary", "deploy",
                            "--lang", lang])
        bad += grid_misaligned(out, f"grid mem x deploy --lang {lang}") if rc == 0 else [f"mem x deploy: exit {rc}"]
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:80:8", "--vary", "concurrency=50:500:50",
                        "--input-tokens", "800", "--lang", "zh"])
    bad += grid_misaligned(out, "the default table's grid")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")

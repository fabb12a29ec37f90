#!/usr/bin/env python3
"""A batch split into parts (docs/pipelines.md, "Splitting a batch"), through the built binary.

usage: python3 tests/cli/test_parallel.py PATH/TO/dsselect PATH/TO/docs/pipelines.md

The recipe dsselect_parallel and the script dsselect-part are taken from docs/pipelines.md as written
there, and run with Debian's GNU parallel: on 10^5 specs (good ones, conflicts, bad lines, blank lines,
CRLF ends, ids of every kind, no final newline), JOBS 2 to 4 and parts of a few hundred lines, the
recipe must write the bytes one `dsselect --batch` writes, on stdout and stderr, and exit with its
status, with and without --expect. GNU parallel missing is a failure (apt-get install parallel), never
a skip. Prints each failure and 'N passed, M failed'; exits 1 on any.
"""
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN, DOC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TMP = tempfile.mkdtemp(prefix="dsselect-parallel-")
HOME = os.path.join(TMP, "home")  # parallel keeps its state under $HOME/.parallel: not the user's
BINDIR = os.path.join(TMP, "bin")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
ENV.update(HOME=HOME, PATH=BINDIR + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"))
WARNING = re.compile(rb"^parallel: Warning: A record was longer than \d+\. Increasing to --blocksize \d+\.\n",
                     re.M)


def gnu_parallel():
    """None when GNU parallel is on PATH, else why not."""
    path = shutil.which("parallel", path=ENV["PATH"])
    if path is None:
        return "GNU parallel is not installed (apt-get install parallel): the recipe cannot be tested"
    p = subprocess.run([path, "--version"], capture_output=True, env=ENV, timeout=60)
    if b"GNU parallel" not in p.stdout:
        return f"{path} is not GNU parallel (moreutils' parallel?): apt-get install parallel"
    return None


def doc_blocks():
    """The ```sh blocks of docs/pipelines.md, their indentation (in a list item) taken off."""
    lines, blocks, cur, indent = open(DOC, encoding="utf-8").read().splitlines(), [], None, ""
    for ln in lines:
        if cur is None and ln.strip() == "```sh":
            cur, indent = [], ln[:len(ln) - len(ln.lstrip())]
        elif cur is not None and ln.strip() == "```":
            blocks.append("\n".join(cur) + "\n")
            cur = None
        elif cur is not None:
            cur.append(ln[len(indent):] if ln.startswith(indent) else ln)
    return blocks


def the_block(marker):
    found = [b for b in doc_blocks() if marker in b]
    if len(found) != 1:
        raise SystemExit(f"FAIL: {len(found)} ```sh blocks of {DOC} hold {marker!r}, want 1")
    return found[0]


def setup():
    os.makedirs(HOME)
    os.makedirs(BINDIR)
    os.symlink(BIN, os.path.join(BINDIR, "dsselect"))
    with open(os.path.join(TMP, "recipe.sh"), "w", encoding="utf-8") as f:
        f.write(the_block("dsselect_parallel() ("))
    part = os.path.join(BINDIR, "dsselect-part")
    with open(part, "w", encoding="utf-8") as f:
        f.write(the_block("# dsselect-part "))
    os.chmod(part, os.stat(part).st_mode | stat.S_IXUSR)


def as_bytes(data):
    return data.encode() if isinstance(data, str) else data


def one(opts, data):
    """dsselect --batch OPTS as one process: (exit status, stdout, stderr)."""
    p = subprocess.run([BIN, "--batch", *opts], input=as_bytes(data), capture_output=True, env=ENV, timeout=120)
    return p.returncode, p.stdout, p.stderr


def recipe(jobs, per, opts, data):
    """The recipe of docs/pipelines.md, as written there: (exit status, stdout, stderr)."""
    p = subprocess.run(["sh", "-c", '. "$0" && dsselect_parallel "$@"', os.path.join(TMP, "recipe.sh"),
                        str(jobs), str(per), *opts], input=as_bytes(data), capture_output=True, env=ENV,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr


def first_difference(a, b):
    al, bl = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return f"line {i + 1}: {x[:160]!r} vs {y[:160]!r}"
    return f"{len(al)} lines vs {len(bl)}"


def same(what, got, want, stderr_too=True):
    """Problems where the recipe's (status, stdout, stderr) is not one process's."""
    bad = []
    if got[0] != want[0]:
        bad.append(f"{what}: exit {got[0]}, one process {want[0]}; stderr tail {got[2][-300:]!r}")
    if got[1] != want[1]:
        bad.append(f"{what}: stdout differs ({len(got[1])} bytes, one process {len(want[1])}), "
                   f"first at {first_difference(got[1], want[1])}")
    if stderr_too and got[2] != want[2]:
        bad.append(f"{what}: stderr differs, first at {first_difference(got[2], want[2])}")
    return bad


# ---- the input: 10^5 lines of every kind ----
GPU_MEM = [0, 3, 8, 12, 16, 24, 40, 80]
TASKS = ["intent-classification", "contract-extraction", "openapi-generation", "general"]
BAD = ['{{"id": {i}, "gpu_mme": 12}}', '{{"id": {i}, "gpu_mem": 01}}', '{{"id": "b{i}", "gpus": -1}}',
       '{{"id": {i}, "task": "summarization"}}', '{{"id": {i}, "streaming": "yes"}}', '{{"id": {i}, "gpus": 2',
       '{{broken {i}', '[{i}, 2]', '{{"id": {i}, "filing": true, "filing": false}}', '"just a string {i}"']
BLANK = ["", "   ", "\t", " \t "]


def an_id(rng, i):
    k = rng.randrange(6)
    if k == 0:
        return i
    if k == 1:
        return f"w-{i}"
    if k == 2:
        return f"区-{i}"
    if k == 3:
        return f'tab\tand "quote" {i}'
    if k == 4:
        return -i * 1.5
    return None


def good(rng, i):
    spec = {}
    ident = an_id(rng, i)
    if ident is not None:
        spec["id"] = ident
    if rng.random() < 0.7:
        spec["gpu_mem"] = rng.choice(GPU_MEM)
        if spec["gpu_mem"] and rng.random() < 0.5:
            spec["gpus"] = rng.choice([1, 2, 4, 8])
            spec["nccl"] = rng.random() < 0.5
    if rng.random() < 0.6:
        spec["task"] = rng.choice(TASKS)
    if rng.random() < 0.2:
        spec["streaming"] = True
    if rng.random() < 0.1:
        spec["filing"] = True
    if rng.random() < 0.2:
        spec["platform"] = rng.choice(["bare-metal", "kubernetes", "edge"])
    if rng.random() < 0.2:
        spec["avg_tokens"], spec["p99_ms"] = rng.choice([64, 128, 512]), rng.choice([50, 80, 200])
    if rng.random() < 0.1:
        spec["data"] = rng.sample(["code", "math", "tables", "text"], rng.randint(1, 2))
    return json.dumps(spec, ensure_ascii=rng.random() < 0.5, separators=rng.choice([(",", ":"), (", ", ": ")]))


def specs(n, seed, bad=0.01, blank=0.03, crlf=0.2):
    """n lines: good specs (many conflicts among them), bad ones, blank ones; no final newline."""
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        r = rng.random()
        if r < blank:
            ln = rng.choice(BLANK)
        elif r < blank + bad:
            ln = rng.choice(BAD).format(i=i)
        else:
            ln = good(rng, i)
        out.append(ln + ("\r\n" if rng.random() < crlf else "\n"))
    out[-1] = out[-1].rstrip("\r\n")
    return "".join(out).encode()


BIG = specs(100000, 17)
CLEAN = specs(10000, 18, bad=0)  # no bad line: the statuses 2, 1 and 0


def kinds(data):
    """How many results of each status, error records included, in one process's output."""
    rc, out, err = one([], data)
    count = {}
    for ln in out.splitlines():
        r = json.loads(ln)
        k = "error" if "error" in r else r["status"]
        count[k] = count.get(k, 0) + 1
    return count


def test_the_input_is_the_mix_it_claims():
    c = kinds(BIG)
    lines = BIG.count(b"\n") + 1
    bad = []
    if lines != 100000:
        bad.append(f"{lines} lines")
    if not (500 < c.get("error", 0) < 2000 and c.get("conflict", 0) > 5000 and c.get("recommended", 0) > 20000
            and c.get("default", 0) > 1000):
        bad.append(f"statuses {c}")
    if BIG.endswith(b"\n") or BIG.count(b"\r\n") < 10000:
        bad.append("no CRLF, or a final newline")
    return bad


def test_recipe_is_one_process_on_1e5_specs():
    """Bytes and status, with and without --expect, JOBS 2 to 4, about 100 parts or 10."""
    bad = []
    for jobs, per, opts in ((2, 997, []), (4, 997, ["--expect", "V2"]), (3, 10000, ["--expect", "V1"]),
                            (4, 1499, ["--format", "tsv", "--no-header", "--lang", "zh"])):
        t0 = time.monotonic()
        got, want = recipe(jobs, per, opts, BIG), one(opts, BIG)
        print(f"  10^5 specs, -j {jobs}, parts of {per}, {' '.join(opts) or 'no options'}: "
              f"{time.monotonic() - t0:.1f} s")
        if want[0] != 65:
            bad.append(f"{opts}: one process exits {want[0]}, want 65 (bad lines)")
        bad += same(f"-j {jobs} parts of {per} {opts}", got, want)
    return bad


def test_recipe_statuses_2_1_0():
    """The most severe status of the parts, not parallel's count of failed jobs."""
    records = [ln for ln in CLEAN.split(b"\n") if ln.strip()]
    results = [json.loads(r) for r in one([], CLEAN)[1].splitlines()]
    fine = b"".join(ln + b"\n" for ln, r in zip(records, results) if r["status"] != "conflict")
    v1 = b"".join(ln + b"\n" for ln, r in zip(records, results) if r["status"] != "conflict" and r["model"] == "V1")
    bad = []
    for jobs, per, opts, data, status in ((2, 701, ["--expect", "V2"], CLEAN, 2), (3, 331, [], CLEAN, 1),
                                          (4, 499, [], fine, 0), (2, 499, ["--expect", "V1"], v1, 0)):
        got, want = recipe(jobs, per, opts, data), one(opts, data)
        if want[0] != status:
            bad.append(f"{opts}: one process exits {want[0]}, want {status}")
        bad += same(f"-j {jobs} parts of {per} {opts} ({len(data)} bytes)", got, want)
    return bad


def test_record_boundaries():
    """CRLF, no final newline, blank lines, parts of blank lines only, under a gate."""
    a, b, c = '{"id": "a", "gpu_mem": 12}', '{"id": "b", "streaming": true}', '{"id": "c", "gpu_mme": 1}'
    inputs = {
        "crlf, no final newline": f"{a}\r\n{b}\r\n\r\n{c}\r\n{a}\r\n{b}",
        "blank-only parts": f"{a}\n" + "\n \n\t\n\r\n" * 4 + f"{b}\n" + "\n" * 7 + f"{c}\n\n\n",
        "blank lines at both ends": "\n\n\n\n" + f"{a}\n{c}\n{b}" + "\n \n\n\n\n",
        "one record": a,
        "one record, newline": a + "\n",
    }
    bad = []
    for name, data in inputs.items():
        for per, opts in ((1, ["--expect", "V2"]), (2, []), (3, ["--format", "github"])):
            bad += same(f"{name}, parts of {per}, {opts}", recipe(3, per, opts, data), one(opts, data))
    return bad


def test_no_record_at_all():
    """Empty input, blank lines only: the gate on nothing (66 with --expect) as one process has it."""
    bad = []
    for data in ("", "\n", "\n\n \r\n\t\n\n\n\n"):
        for opts in ([], ["--expect", "V2"], ["--format", "github"]):
            got, want = recipe(2, 2, opts, data), one(opts, data)
            if want[0] != (66 if opts else 0):
                bad.append(f"{data!r} {opts}: one process exits {want[0]}")
            bad += same(f"{data!r} {opts}", got, want)
    return bad


def test_line_longer_than_the_block():
    """A 3 MB line in parts of 1000 lines (a 1 MiB block): parallel grows the block, the bytes stay."""
    rng = random.Random(5)
    lines = [good(rng, i) for i in range(1, 5001)]
    lines[2345] = '{"id": "huge", "gpu_model": "' + "x" * (3 << 20) + '"}'
    lines[2346] = '{"id": "big", "gpu_model": "' + "y" * 900000 + '"}'  # under the 1 MiB limit: a result
    data = ("\n".join(lines) + "\n").encode()
    got, want = recipe(2, 1000, [], data), one([], data)
    bad = same("a 3 MB line", got, want, stderr_too=False)
    warnings = WARNING.findall(got[2])
    if not warnings:
        bad.append(f"no 'record was longer' warning from parallel: was the block exceeded? {got[2][:300]!r}")
    if WARNING.sub(b"", got[2]) != want[2]:
        bad.append(f"stderr but parallel's warnings differs: {first_difference(WARNING.sub(b'', got[2]), want[2])}")
    return bad


def test_options_with_spaces_and_quotes():
    """The options reach every part as given (--quote): a value with spaces and quotes."""
    data = specs(3000, 3)
    opts = ["--gpu-model", "my 'own' \"gpu\"  x", "--expect", "V1"]
    got, want = recipe(3, 250, opts, data), one(opts, data)
    bad = same("options with spaces", got, want)
    if b"my 'own' \\\"gpu\\\"  x" not in want[1]:
        bad.append("the option's value is not in the results: the case tests nothing")
    return bad


def test_summary_one_line_per_part():
    """--summary: one line per part, in order; their records add up to one process's."""
    data = specs(10007, 4)
    got, want = recipe(3, 1000, ["--summary"], data), one(["--summary"], data)
    bad = same("--summary (stdout and status)", got, want, stderr_too=False)
    pat = re.compile(rb"^dsselect: (\d+) records?:", re.M)
    parts, whole = [int(n) for n in pat.findall(got[2])], [int(n) for n in pat.findall(want[2])]
    if len(parts) != 11:
        bad.append(f"{len(parts)} summary lines for 11 parts")
    if sum(parts) != sum(whole) or len(whole) != 1:
        bad.append(f"parts count {sum(parts)} records, one process {whole}")
    return bad


def test_usage_error_and_bad_table_said_once():
    """A bad option, a rule table that cannot be read: one process's status and message, said once,
    not once a part (whose dsselect would stop unread, and parallel say SIGPIPE)."""
    data, bad = specs(3000, 6), []
    table = os.path.join(TMP, "bad.yaml")
    with open(table, "w", encoding="utf-8") as f:
        f.write("rules: [\n")
    for opts in (["--expect", "V3"], ["--gpu-mem", "lots"], ["--rules", table], ["--rules", table + ".none"]):
        got, want = recipe(2, 100, opts, data), one(opts, data)
        if want[0] not in (64, 66, 78):
            bad.append(f"{opts}: one process exits {want[0]}")
        bad += same(f"{opts}", got, want)
    return bad


def test_part_killed_or_stopped_early():
    """A part that dies by a signal S fails the whole with 128 + S, as a shell reports it; one that
    stops without reading its part (parallel's writer gets SIGPIPE: its joblog says signal 13, exit
    value 0) fails it with 141, never 0."""
    wrap = os.path.join(TMP, "killing")
    os.makedirs(wrap, exist_ok=True)
    path = os.path.join(wrap, "dsselect")
    with open(path, "w", encoding="utf-8") as f:
        f.write('#!/bin/sh\ncase " $* " in\n'
                '*" --first-line 1001 "*) cat > /dev/null; kill -KILL $$ ;;\n'  # after reading its part
                '*" --first-line 6001 "*) exit 0 ;;\n'                          # 1 MB left unread
                f'esac\nexec {BIN} "$@"\n')
    os.chmod(path, 0o755)
    bad = []
    for lines, per, want in ((3000, 1000, 137), (18000, 6000, 141)):
        p = subprocess.run(["sh", "-c", '. "$0" && dsselect_parallel "$@"', os.path.join(TMP, "recipe.sh"), "2",
                            str(per)], input=specs(lines, 8, bad=0, blank=0), capture_output=True, timeout=300,
                           env=dict(ENV, PATH=wrap + os.pathsep + ENV["PATH"]))
        if p.returncode != want:
            bad.append(f"{lines} lines: exit {p.returncode}, want {want}; stderr {p.stderr[-300:]!r}")
    return bad


def frameworks_run(data, opts, rng, drop_blank):
    """data cut at random lines into parts, as Hadoop splits or Spark partitions, each through
    dsselect-part: the parts' outputs in order, the inputs' records, and the parts' exit statuses."""
    lines = data.split(b"\n")
    if drop_blank:
        lines = [ln for ln in lines if ln.strip()]
    cuts = sorted(rng.sample(range(1, len(lines)), 6))
    parts = [lines[i:j] for i, j in zip([0] + cuts, cuts + [len(lines)])]
    out, statuses = [], []
    for part in parts:
        p = subprocess.run(["dsselect-part", *opts], input=b"\n".join(part) + b"\n", capture_output=True, env=ENV,
                           timeout=120)
        statuses.append(p.returncode)
        out += p.stdout.splitlines()
    return [ln for ln in lines if ln.strip()], [json.loads(r) for r in out], statuses


def status_of(results, expect):
    """The batch's status read from the joined output, by the rule of docs/pipelines.md."""
    if expect and not results:
        return 66
    return max([65 if "error" in r else 2 if expect and r["model"] != expect else
                1 if r["status"] == "conflict" else 0 for r in results] or [0])


def test_frameworks_parts_join_and_status():
    """dsselect-part on random parts: each exits 0, a result per record in order, the status from the output."""
    rng = random.Random(9)
    bad = []
    for data, opts, drop_blank in ((BIG[:1000000], ["--expect", "V2"], True), (CLEAN, [], False),
                                   (CLEAN, ["--expect", "V2"], True)):
        records, results, statuses = frameworks_run(data, opts, rng, drop_blank)
        whole = one(opts, data)[0]
        if any(statuses):
            bad.append(f"{opts}: parts exit {statuses}, want 0 each")
        if len(results) != len(records):
            bad.append(f"{opts}: {len(results)} results for {len(records)} records")
            continue
        for rec, res in zip(records, results):  # by position, as Spark's zip pairs them
            try:
                want_id = json.loads(rec).get("id")
            except (ValueError, AttributeError):
                continue
            if "id" in res and res["id"] != want_id:
                bad.append(f"{opts}: {rec[:80]!r} paired with the result of id {res['id']!r}")
                break
        got = status_of(results, opts[1] if opts else None)
        if got != whole:
            bad.append(f"{opts}: status read from the output {got}, one process {whole}")
    p = subprocess.run(["dsselect-part", "--expect", "V3"], input=b"{}\n", capture_output=True, env=ENV, timeout=60)
    if p.returncode != 64:
        bad.append(f"dsselect-part with a usage error exits {p.returncode}, want 64 (the task fails)")
    return bad


if __name__ == "__main__":
    why = gnu_parallel()
    if why:
        print(f"FAIL: {why}")
        print("0 passed, 1 failed")
        sys.exit(1)
    setup()
    start = time.monotonic()

    def timed(fn):
        def run():
            t0 = time.monotonic()
            try:
                return fn()
            finally:
                print(f"  {fn.__name__}: {time.monotonic() - t0:.1f} s")
        return run
    tests = {k: timed(v) for k, v in list(globals().items()) if k.startswith("test_") and callable(v)}
    try:
        run_tests(tests, "test_")
    finally:
        print(f"  ({time.monotonic() - start:.1f} s)")
        shutil.rmtree(TMP, ignore_errors=True)

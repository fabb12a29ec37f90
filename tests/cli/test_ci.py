#!/usr/bin/env python3
"""dsselect in a CI pipeline and at a terminal: --format junit and github, --spec-dir, progress on a
terminal (simulated with script -qec), --help's first lines, exact long option names.

Usage: test_ci.py DSSELECT [LOCPATH]   (LOCPATH: a directory holding de_DE.UTF-8, made by localedef)"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from junit_schema import check_junit, check_run, schema_problems, XSD
from runner import run_tests

DS = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]


def run(args, stdin=None, env=None, cwd=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e.update({"LC_ALL": "C", "LANG": "C"})
    if env:
        e.update(env)
    p = subprocess.run([DS] + args, input=stdin.encode() if isinstance(stdin, str) else stdin,
                       capture_output=True, env=e, cwd=cwd, timeout=120)
    check_run(args, p.stdout)  # every report against Jenkins' schema, whatever the test looks at
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


CONFLICT = {"gpu_mem": 12, "task": "contract-extraction"}
V2 = {"gpus": 4, "gpu_mem": 80, "nccl": True, "task": "contract-extraction"}
DEFAULT = {}
# an id made to break both formats: XML markup, a newline that would start a workflow command, the
# characters GitHub escapes in properties, a control character, and CJK
NASTY_ID = 'a<b>&"c\'\n::error::pwned %25 x:y,z\u0001 合同 \x1b[31m ##[add-mask]x'


def shown(name):
    """name as XML and GitHub can show it: control characters (but tab) as U+FFFD."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "\ufffd", name)

RECORDS = [
    dict(CONFLICT, id="conflict-1"),
    "",                                   # blank: skipped, no testcase
    dict(V2, id=42),
    dict(DEFAULT),
    '{"gpu_mem": "twelve"}',              # bad: an error record
    dict(V2, id=NASTY_ID),
    "{not json",                          # bad, no id
    dict(CONFLICT, id=NASTY_ID + "-2"),
]


def ndjson(records):
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def expected_batch(records, expect=None):
    """(name, verdict, kind, line) per non-blank record, as the formats must report them."""
    out = []
    for i, r in enumerate(records, 1):
        if r == "":
            continue
        if isinstance(r, str):
            out.append((f"line {i}", "error", "bad-spec", i))
            continue
        name = str(r["id"]) if "id" in r else f"line {i}"
        facts = {k: v for k, v in r.items() if k != "id"}
        model, status = {json.dumps(CONFLICT): ("V1", "conflict"), json.dumps(V2): ("V2", "recommended"),
                         json.dumps(DEFAULT): ("V1", "default")}[json.dumps(facts)]
        if expect and expect != model:
            out.append((name, "failure", "expect", i))
        elif status == "conflict":
            out.append((name, "failure", "conflict", i))
        elif status == "default":
            out.append((name, "warning", "default", i))
        else:
            out.append((name, "pass", "recommended", i))
    return out


def junit_cases(xml_text, schema=True):
    """The report's root, its one testsuite, and a dict per testcase; the report valid against Jenkins'
    schema (unless schema is False) or it raises."""
    if schema:
        check_junit(xml_text)
    root = ET.fromstring(xml_text.encode("utf-8"))  # well-formed XML or it raises
    assert root.tag == "testsuites", root.tag
    suites = root.findall("testsuite")
    assert len(suites) == 1, len(suites)
    cases = []
    for tc in suites[0].findall("testcase"):
        f, e = tc.find("failure"), tc.find("error")
        verdict = "failure" if f is not None else "error" if e is not None else "pass"
        el = f if f is not None else e
        cases.append(dict(name=tc.get("name"), classname=tc.get("classname"), attrs=dict(tc.attrib),
                          verdict=verdict, kind=el.get("type") if el is not None else None,
                          message=el.get("message") if el is not None else None,
                          body=(el.text if el is not None else (tc.findtext("system-out") or ""))))
    return root, suites[0], cases


def check_counts(why, where, el, cases):
    want = dict(tests=len(cases), failures=sum(c["verdict"] == "failure" for c in cases),
                errors=sum(c["verdict"] == "error" for c in cases))
    for k, v in want.items():
        if el.get(k) != str(v):
            why.append(f"{where}: {k}={el.get(k)!r}, want {v}")


def batch_runs(fmt):
    """RECORDS as a file through --format fmt, without and with --expect V2: (args, expect, path, code, out, err)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "specs.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            f.write(ndjson(RECORDS))
        for expect in (None, "V2"):
            args = ["--batch", path, "--format", fmt] + (["--expect", expect] if expect else [])
            yield (args, expect, path) + run(args)


def t_junit_batch_one_testcase_per_record():
    why = []
    for args, expect, path, code, out, err in batch_runs("junit"):
        ref, _, _ = run(["--batch", path] + (["--expect", expect] if expect else []))
        if code != ref or code != 65:
            why.append(f"{args}: exit {code}, ndjson exits {ref}, want 65 both")
        root, suite, cases = junit_cases(out)
        check_counts(why, "testsuites", root, cases)
        check_counts(why, "testsuite", suite, cases)
        want = expected_batch(RECORDS, expect)
        got = [(c["name"], "failure" if c["verdict"] == "failure" else c["verdict"], c["kind"]) for c in cases]
        # XML 1.0 cannot hold U+0001 or ESC: they become U+FFFD
        wantj = [(shown(n), "pass" if v == "warning" else v,
                  None if v in ("pass", "warning") else k) for n, v, k, l in want]
        if got != wantj:
            why.append(f"{args}: testcases\n  {got}\n  want\n  {wantj}")
        for c, (_, _, _, lineno) in zip(cases, want):
            if c["classname"] != path or set(c["attrs"]) != {"classname", "name"}:
                why.append(f"{args}: attributes {c['attrs']!r}, want classname {path!r} and a name")
            if c["verdict"] == "failure" and c["kind"] == "conflict" and "Conflict:" not in c["body"]:
                why.append(f"{args}: a conflict's failure holds no text report: {c['body'][:80]!r}")
            # where the record is heads its message and its text, as on stderr ("FILE:LINE:[COL:] ...")
            loc = f"{path}:{lineno}:"
            if not c["body"].startswith(loc) or (c["message"] is not None and not c["message"].startswith(loc)):
                why.append(f"{args}: {c['name']!r} does not start with {loc!r}: {c['message']!r}, "
                           f"{c['body'][:80]!r}")
            if c["message"] is not None and c["verdict"] != "error" and \
                    not c["body"].startswith(c["message"] + "\n\n"):
                why.append(f"{args}: the text does not start with the message: {c['body'][:80]!r}")
        if expect and not any(c["kind"] == "expect" and "expected V2, got V1" in c["message"] for c in cases):
            why.append(f"{args}: no expect failure says what was expected and got")
    return why


def t_junit_long_run_spills_to_disk_whole():
    """Past 1 MiB of testcases the report waits in a temporary file: the document is still whole."""
    recs = [dict(CONFLICT if i % 3 == 0 else V2, id=f"spec-{i}") for i in range(3000)]
    code, out, err = run(["--batch", "--format", "junit"], stdin=ndjson(recs))
    if len(out) < 2 << 20:
        return [f"only {len(out)} bytes: not past the in-memory limit, the test proves nothing"]
    root, suite, cases = junit_cases(out)
    why = []
    check_counts(why, "testsuites", root, cases)
    if code != 1 or [c["name"] for c in cases] != [r["id"] for r in recs]:
        why.append(f"exit {code}, {len(cases)} testcases, want 1 and {len(recs)} in order")
    if sum(c["verdict"] == "failure" for c in cases) != 1000:
        why.append("the conflicts are not 1000 failures")
    return why


def t_junit_from_stdin_and_flags():
    why = []
    code, out, err = run(["--batch", "--format", "junit"], stdin=ndjson([dict(V2), dict(CONFLICT)]))
    root, suite, cases = junit_cases(out)
    if code != 1 or [c["verdict"] for c in cases] != ["pass", "failure"] or cases[0]["name"] != "line 1":
        why.append(f"stdin batch: exit {code}, cases {cases}")
    if not cases[0]["body"].startswith("<stdin>:1: V2 recommended\n\n") or cases[0]["classname"] != "<stdin>" or \
            not cases[1]["message"].startswith("<stdin>:2: conflict:"):
        why.append(f"stdin batch: {cases}")
    # a single workload from flags: one testcase, the exit status as without --format junit
    for args, want_code, want, said in (
            (["--gpu-mem", "12", "--task", "contract-extraction"], 1, "failure", "conflict: "),
            (["--gpus", "4", "--gpu-mem", "80", "--nccl"], 0, "pass", "V2 recommended"),
            (["--gpus", "4", "--gpu-mem", "80", "--nccl", "--expect", "V1"], 2, "failure", "expected V1, got V2")):
        code, out, err = run(args + ["--format", "junit"])
        ref, _, _ = run(args)
        _, _, cases = junit_cases(out)
        if code != want_code or ref != want_code or len(cases) != 1 or cases[0]["verdict"] != want or \
                not cases[0]["body"].startswith(said):  # flags are nowhere: nothing before the sentence
            why.append(f"{args}: exit {code} (plain {ref}), cases {cases}")
    # a spec file is the annotation's file; stdin and flags are no file
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "w.yaml")
        with open(path, "w") as f:
            f.write("gpu_mem: 12\ntask: contract-extraction\n")
        for args, stdin, want in ((["--spec", path], None, f"::error file={path},title="),
                                  (["--spec", "-"], "gpu_mem: 12\ntask: contract-extraction\n", "::error title="),
                                  (["--gpu-mem", "12", "--task", "contract-extraction"], None, "::error title=")):
            code, out, err = run(args + ["--format", "github"], stdin=stdin)
            if code != 1 or not out.startswith(want) or out.count("\n") != 1:
                why.append(f"{args} github: exit {code}, {out[:90]!r}; want 1 and {want!r}")
    return why


def github_unescape(s, prop=False):
    s = s.replace("%0A", "\n").replace("%0D", "\r")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")


CMD = re.compile(r"^::(error|warning) ((?:[a-z]+=[^,:]*,)*)title=([^:]*)::(.*)$")


def t_github_one_line_per_record_escaped():
    why = []
    for args, expect, path, code, out, err in batch_runs("github"):
        if code != 65:
            why.append(f"{args}: exit {code}, want 65")
        lines = out.split("\n")
        if lines[-1] != "":
            why.append(f"{args}: output does not end with a newline")
        lines = lines[:-1]
        # the runner's older syntax, "##[command]", works anywhere in a line, of stdout or stderr
        if "##[" in err or any("##[" in ln and not ln.startswith("::") for ln in lines):
            why.append(f"{args}: '##[' outside a workflow command: {out + err!r}")
        want = expected_batch(RECORDS, expect)
        if len(lines) != len(want):
            why.append(f"{args}: {len(lines)} lines for {len(want)} records")
            continue
        for line, (name, verdict, kind, lineno) in zip(lines, want):
            name = shown(name)
            if "\x1b" in line:
                why.append(f"{args}: a raw ESC in {line[:60]!r}")
            if "\r" in line:
                why.append(f"{args}: a raw CR in {line[:60]!r}")
            if verdict == "pass":
                name = name.replace("##[", "%23#[")
                if not line.startswith("ok: ") or github_unescape(line[4:]) != f"{name}: V2 recommended":
                    why.append(f"{args}: pass line {line[:80]!r}, want 'ok: {name}: V2 recommended'")
                continue
            m = CMD.match(line)
            if not m:
                why.append(f"{args}: not a workflow command: {line[:100]!r}")
                continue
            cmd, props, title, msg = m.groups()
            want_cmd = "warning" if verdict == "warning" else "error"
            props = dict(p.split("=", 1) for p in props.rstrip(",").split(",")) if props else {}
            if cmd != want_cmd or github_unescape(props.get("file", ""), True) != path or \
                    props.get("line") != str(lineno):
                why.append(f"{args}: {line[:100]!r}: want ::{want_cmd} file={path},line={lineno}")
            if github_unescape(title, True) != f"dsselect {kind} ({name})":
                why.append(f"{args}: title {github_unescape(title, True)!r}, want 'dsselect {kind} ({name})'")
            text = github_unescape(msg)
            if kind == "conflict" and "Least-bad choice (fallback): V1" not in text:
                why.append(f"{args}: the conflict's annotation lacks the report: {text[:80]!r}")
            if kind == "bad-spec" and not (text.startswith(f"{path}:{lineno}:") and props.get("col")):
                why.append(f"{args}: bad spec annotation {text[:80]!r}, props {props}")
    # the nasty id never reaches the log raw: no line but the record's own starts with '::'
    code, out, _ = run(["--batch", "--format", "github"], stdin=ndjson([dict(CONFLICT, id="x\n::error::pwned")]))
    if len(out.splitlines()) != 1 or "::error::pwned" in out:
        why.append(f"injection: {out!r}")
    return why


def make_spec_dir(d):
    files = {
        "a.yaml": "gpu_mem: 12\ntask: contract-extraction\n",
        "b.json": json.dumps(dict(V2, id="big")),
        "c.yml": "gpu_mem: [\n",
        "d.json": "{}",
        "e.txt": "not a spec",
        ".hidden.json": "{}",
        "Z.json": json.dumps(dict(V2)),
    }
    for name, text in files.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    os.mkdir(os.path.join(d, "sub.json"))      # a directory with a spec's name: not a spec
    with open(os.path.join(d, "sub.json", "x.json"), "w") as f:
        f.write("{}")
    # byte order: upper case first
    return ["Z.json", "a.yaml", "b.json", "c.yml", "d.json"]


def t_spec_dir_records_in_name_order():
    why = []
    with tempfile.TemporaryDirectory() as d:
        names = make_spec_dir(d)
        paths = [os.path.join(d, n) for n in names]
        code, out, err = run(["--spec-dir", d, "--format", "ndjson"])
        recs = [json.loads(l) for l in out.splitlines()]
        if code != 65 or len(recs) != 5:
            why.append(f"ndjson: exit {code}, {len(recs)} records, want 65 and 5")
            return why
        ids = [r.get("id") for r in recs]
        if ids != [paths[0], paths[1], "big", paths[3], paths[4]]:
            why.append(f"ids {ids}")
        if recs[3].get("line") != 2 or recs[3].get("column") != 1 or "error" not in recs[3]:
            why.append(f"error record {recs[3]}")
        if [r.get("status") for r in recs] != ["recommended", "conflict", "recommended", None, "default"]:
            why.append(f"statuses {[r.get('status') for r in recs]}")
        if err.count("\n") != 1 or not err.startswith(f"{paths[3]}:2:1: "):
            why.append(f"stderr {err!r}")
        # each record is what --spec FILE gives (as a batch does: no counterfactuals unless asked)
        for p, r in zip(paths, recs):
            if "error" in r:
                continue
            code1, out1, _ = run(["--spec", p, "--format", "json", "--changes", "0"])
            one = json.loads(out1)
            one.pop("stable", None)
            one.pop("changes", None)
            one.setdefault("id", p)
            if one != r:
                why.append(f"{p}: --spec-dir record differs from --spec's")
        # flags override every file
        code, out, _ = run(["--spec-dir", d, "--format", "value", "--gpus", "4", "--gpu-mem", "80", "--nccl"])
        if out.splitlines() != ["V2", "V2", "V2", "-", "V2"]:
            why.append(f"flags over files: {out.splitlines()}")
        # text: each result under its file's name
        code, out, _ = run(["--spec-dir", d])
        heads = re.findall(r"^==> (.*) <==$", out, re.M)
        if heads != paths:
            why.append(f"text headings {heads}")
        # junit: one testcase per file, named by its id or its path
        code, out, _ = run(["--spec-dir", d, "--format", "junit", "--expect", "V2"])
        root, suite, cases = junit_cases(out)
        check_counts(why, "spec-dir junit", root, cases)
        got = [(c["name"], c["verdict"], c["kind"]) for c in cases]
        want = [(paths[0], "pass", None), (paths[1], "failure", "expect"), ("big", "pass", None),
                (paths[3], "error", "bad-spec"), (paths[4], "failure", "expect")]
        if code != 65 or got != want:
            why.append(f"spec-dir junit: exit {code}, {got}")
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "ok.yaml"), "w") as f:
            f.write("gpus: 4\ngpu_mem: 80\nnccl: true\n")
        code, out, err = run(["--spec-dir", d + "/", "--format", "tsv", "--no-header"])
        if code != 0 or out != f"{d}/ok.yaml\tV2\trecommended\t1.2 multi-gpu-nccl\n" or err:
            why.append(f"one good file: exit {code}, {out!r}, {err!r}")
    return why


def t_spec_dir_bad_uses():
    why = []
    with tempfile.TemporaryDirectory() as d:
        cases = [
            (["--spec-dir", os.path.join(d, "nope")], 66, "nope"),
            (["--spec-dir", d], 66, "no spec files"),                   # empty: a gate must not pass on nothing
            (["--spec-dir", d, "--batch"], 64, "--batch"),
            (["--spec-dir", d, "--spec", "x.yaml"], 64, "--spec"),
            (["--spec-dir", d, "--format", "json"], 64, "ndjson"),
            (["--spec-dir", ""], 64, "--spec-dir"),
            (["--spec-dir"], 64, "--spec-dir"),
        ]
        for args, want, word in cases:
            code, out, err = run(args)
            if code != want or err.count("\n") != 1 or word not in err:
                why.append(f"{args}: exit {code}, stderr {err!r}; want {want} and one line naming {word!r}")
        # in the CI formats, no directory and an empty one are a report of one error, never an empty one
        for sd, word in ((d, "no spec files"), (os.path.join(d, "nope"), "cannot open the directory")):
            plain = run(["--spec-dir", sd, "--summary"])
            code, out, err = run(["--spec-dir", sd, "--format", "junit", "--summary"])
            root, suite, cases2 = junit_cases(out) if out else (None, None, [])
            if code != 66 or len(cases2) != 1 or cases2[0]["kind"] != "unreadable" or \
                    word not in cases2[0]["message"] or root.get("errors") != "1" or err != plain[2].replace(
                        plain[2].split(";")[-1], err.split(";")[-1]):
                why.append(f"{sd}, junit: exit {code}, {cases2}, {err!r} (plain {plain[2]!r})")
            if "1 record:" not in err or "errors 1" not in err:
                why.append(f"{sd}: --summary {err!r}")
            code, out, err = run(["--spec-dir", sd, "--format", "github"])
            if code != 66 or out.count("\n") != 1 or not out.startswith("::error title=dsselect unreadable") or \
                    word not in out:
                why.append(f"{sd}, github: exit {code}, {out!r}")
    return why


def script_run(cmd, timeout=60):
    """Runs a shell command on a pseudo-terminal (script -qec); returns what the terminal showed."""
    p = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, timeout=timeout,
                       env=dict(os.environ, LC_ALL="C", TERM="xterm"))
    return p.returncode, p.stdout.decode("utf-8", "replace")


SLOW = "(printf '{}\\n'; sleep 1.4; printf '{}\\n'; sleep 0.4; printf '{\"gpu_mem\": \"x\"}\\n'; printf '{}\\n')"


def t_progress_only_on_a_terminal():
    why = []
    ds = shlex.quote(DS)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.ndjson")
        errf = os.path.join(d, "err.txt")
        # stderr a terminal, stdout a file: progress, cleared at the end, out of the way of messages
        code, tty = script_run(f"{SLOW} | {ds} --batch > {out}")
        if not re.search(r"\r\x1b\[Kdsselect: 2 records, 0 conflicts, 0 errors; [0-9]+ records/s", tty):
            why.append(f"no progress line on the terminal: {tty!r}")
        if not tty.endswith("\r\x1b[K"):
            why.append(f"the progress line is not cleared at the end: {tty[-40:]!r}")
        if "\r\x1b[K<stdin>:3:" not in tty:
            why.append(f"an error message does not start its own line after progress: {tty!r}")
        with open(out) as f:
            if len(f.read().splitlines()) != 4:
                why.append("progress changed the output")
        # stderr not a terminal: none
        code, tty = script_run(f"{SLOW} | {ds} --batch > {out} 2> {errf}")
        with open(errf) as f:
            e = f.read()
        if "records" in e or "\x1b" in e or tty.strip():
            why.append(f"progress without a terminal: {e!r} {tty!r}")
        # results on the terminal: they are their own progress
        code, tty = script_run(f"{SLOW} | {ds} --batch")
        if "records/s" in tty:
            why.append("progress mixed into results on the terminal")
        # TERM=dumb cannot erase a line
        code, tty = script_run(f"{SLOW} | TERM=dumb {ds} --batch > {out}")
        if "records/s" in tty:
            why.append("progress on a dumb terminal")
        # a short batch shows none
        code, tty = script_run(f"printf '{{}}\\n{{}}\\n' | {ds} --batch > {out}")
        if tty:
            why.append(f"progress for a short batch: {tty!r}")
    return why


def t_help_leads_with_two_examples():
    why = []
    for lang in ("en", "zh"):
        code, out, _ = run(["--help", "--lang", lang])
        lines = out.splitlines()
        if code != 0 or len(lines) < 4:
            why.append(f"{lang}: exit {code}")
            continue
        if not (lines[0].endswith("For example:") or lines[0].endswith("例如：")):
            why.append(f"{lang}: first line {lines[0]!r} does not introduce examples")
        ex = lines[1:3]
        if not all(l.startswith("  dsselect --") for l in ex) or lines[3] != "":
            why.append(f"{lang}: lines 2-3 are not two examples: {lines[1:4]}")
            continue
        # both examples work as written (the directory made for the second)
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "specs"))
            with open(os.path.join(d, "specs", "w.yaml"), "w") as f:
                f.write("gpus: 4\ngpu_mem: 80\nnccl: true\n")
            for cmd, want in zip(ex, (1, 0)):
                words = shlex.split(cmd)
                if ">" in words:
                    words = words[:words.index(">")]
                code, out2, err = run(words[1:], cwd=d)
                if code != want:
                    why.append(f"{lang}: example {cmd!r} exits {code}: {err!r}")
    return why


def t_long_options_are_exact():
    """No getopt abbreviations: every proper prefix of an option that is not itself one is refused."""
    why = []
    code, out, _ = run(["--help"])
    opts = sorted(set(re.findall(r"^  --(?:\[no-\])?([a-z][a-z0-9-]*)", out, re.M)))
    if len(opts) < 20:
        return [f"only {len(opts)} options in --help"]
    for o in opts:
        for k in range(2, len(o)):
            p = o[:k]
            if p in opts or p.endswith("-"):
                continue
            code, _, err = run(["--" + p, "1"])
            if code != 64 or err.count("\n") != 1:
                why.append(f"--{p} (a prefix of --{o}): exit {code}, {err!r}")
    code, _, err = run(["--form", "json"])
    if "did you mean '--format'" not in err:
        why.append(f"--form: no hint: {err!r}")
    return why


def t_numbers_have_a_dot_in_any_locale():
    """The command never follows LC_NUMERIC: under a German locale (decimal comma) every output is the
    same, byte for byte, as in the C locale."""
    if len(sys.argv) < 3:
        return ["no LOCPATH given (ctest passes the locale-de fixture's directory)"]
    de = {"LC_ALL": "de_DE.UTF-8", "LOCPATH": sys.argv[2]}
    check = subprocess.run(["sh", "-c", "locale -k decimal_point"], capture_output=True,
                           env=dict(os.environ, **de)).stdout.decode()
    if 'decimal_point=","' not in check:
        return [f"the German locale is not usable here: {check!r}"]
    why = []
    for args in (["--gpu-mem", "11.5", "--p99-ms", "80.25", "--format", "json"],
                 ["--gpu-mem", "11.5", "--gpus", "2", "--nccl", "--task", "contract-extraction"],
                 ["sweep", "--vary", "gpu_mem=8:12:0.5", "--format", "csv"],
                 ["--help"]):
        c = run(args)
        d = run(args, env=de)
        if c != d:
            why.append(f"{args}: differs under de_DE.UTF-8")
        elif "." not in c[1]:
            why.append(f"{args}: no decimal number in the output to compare")
    return why

def t_github_stderr_holds_no_runner_command():
    """The runner reads '##[command]' anywhere in a line of stdout or stderr: with --format github, or
    inside GitHub Actions (GITHUB_ACTIONS=true), no message carries one through."""
    why = []
    bad = ndjson(['{"##[add-mask]secret": 1}', dict(CONFLICT, id="##[set-env name=X;]y")])
    for args, env in ((["--batch", "--format", "github"], None),
                      (["--batch"], {"GITHUB_ACTIONS": "true"}),
                      (["--batch", "--format", "github", "--expect", "V2"], None)):
        code, out, err = run(args, stdin=bad, env=env)
        lines = out.splitlines()
        if code != 65 or len(lines) != 2 or err.count("\n") != (2 if "--expect" in args else 1):
            why.append(f"{args} {env}: exit {code}, {len(lines)} lines, stderr {err!r}")
        if "##[" in err or "%23#[add-mask]secret" not in err:
            why.append(f"{args} {env}: stderr {err!r}")
        for ln in lines if "github" in args else []:  # ndjson's data is the caller's to quote
            if "##[" in ln and not ln.startswith("::"):
                why.append(f"{args} {env}: output line {ln!r}")
    # elsewhere the message quotes the key as it was
    code, out, err = run(["--batch"], stdin=bad, env={"GITHUB_ACTIONS": ""})
    if "'##[add-mask]secret'" not in err:
        why.append(f"outside GitHub the key is not quoted as written: {err!r}")
    return why


def t_spec_dir_file_names_cannot_break_lines():
    """A file name is the user's data: newlines and control characters in it never split a message,
    and a name that is not UTF-8 still makes valid JSON."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        db = d.encode()
        with open(os.path.join(db, b"bad\n::error::pwned ##[add-mask]x.yaml"), "w") as f:
            f.write("gpu_mem: [\n")
        with open(os.path.join(db, b"latin1-\xe9t\xe9.yaml"), "w") as f:
            f.write("gpus: 4\ngpu_mem: 80\nnccl: true\n")
        for fmt in ("ndjson", "github", "junit"):
            p = subprocess.run([DS, "--spec-dir", d, "--format", fmt], capture_output=True,
                               env=dict(os.environ, LC_ALL="C"), timeout=60)
            err = p.stderr.decode("utf-8", "replace")
            try:
                out = p.stdout.decode("utf-8")
            except UnicodeDecodeError as e:
                why.append(f"{fmt}: output is not UTF-8: {e}")
                continue
            if p.returncode != 65 or err.count("\n") != 1 or "##[" in (err if fmt == "github" else "") or \
                    "\x1b" in err:
                why.append(f"{fmt}: exit {p.returncode}, stderr {err!r}; want 65 and one line")
            if fmt == "github" and ([ln[:8] for ln in out.splitlines()] != ["::error ", "ok: " + d[:4]] or
                                    err.startswith("::") or not CMD.match(out.splitlines()[0])):
                why.append(f"{fmt}: a file name broke a line: {out!r} {err!r}")
            if fmt == "ndjson":
                recs = [json.loads(ln) for ln in out.splitlines()]
                ids = [r.get("id") for r in recs]
                if len(recs) != 2 or ids[1] != os.path.join(d, "latin1-\ufffdt\ufffd.yaml") or \
                        "\n" not in ids[0]:
                    why.append(f"ndjson ids {ids}")
            if fmt == "junit":
                _, _, cases = junit_cases(out)
                if [c["verdict"] for c in cases] != ["error", "pass"]:
                    why.append(f"junit cases {cases}")
    return why


def t_single_spec_failures_are_reported():
    """A --spec that cannot be read or parsed gives a report of one error in the CI formats (exit 66 or
    65 as without them), not an empty output that a CI system would read as 'no tests'."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        missing = os.path.join(d, "missing.yaml")
        bad = os.path.join(d, "bad.yaml")
        with open(bad, "w") as f:
            f.write("gpus: 4\ngpu_mem: [\n")
        for args, stdin, want, kind, file, line in (
                (["--spec", missing], None, 66, "unreadable", missing, None),
                (["--spec", bad], None, 65, "bad-spec", bad, "3"),
                (["--spec", "-"], "gpu_mem: twelve\n", 65, "bad-spec", None, "1")):
            plain = run(args, stdin=stdin)
            code, out, err = run(args + ["--format", "junit"], stdin=stdin)
            root, suite, cases = junit_cases(out) if out else (None, None, [])
            if code != want or plain[0] != want or len(cases) != 1 or err != plain[2]:
                why.append(f"{args} junit: exit {code} (plain {plain[0]}), {len(cases)} cases, "
                           f"stderr {err!r} (plain {plain[2]!r})")
                continue
            c = cases[0]
            check_counts(why, f"{args} junit", root, cases)
            loc = (file or "<stdin>") + (f":{line}:" if line else ": ")
            if c["verdict"] != "error" or c["kind"] != kind or not c["message"].startswith(loc) or \
                    c["body"] != c["message"] or not err.startswith(("dsselect: ", bad, "<stdin>")):
                why.append(f"{args} junit: {c}")
            code, out, err = run(args + ["--format", "github"], stdin=stdin)
            want_line = "::error " + (f"file={file}," + (f"line={line}," if line else "") if file else "title=")
            if code != want or out.count("\n") != 1 or not out.startswith(want_line) or \
                    f"title=dsselect {kind}" not in out:
                why.append(f"{args} github: exit {code}, {out!r}; want {want_line!r}")
    return why


def t_spec_dir_unreadable_entries_fail_the_gate():
    """A spec that cannot be looked at (a dangling link, a link loop) is an unreadable record, exit 66,
    never skipped; a directory named like a spec is still not one."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "a.yaml"), "w") as f:
            f.write("gpus: 4\ngpu_mem: 80\nnccl: true\n")
        os.symlink(os.path.join(d, "gone.yaml"), os.path.join(d, "b.yaml"))
        os.symlink("c.json", os.path.join(d, "c.json"))
        os.mkdir(os.path.join(d, "d.json"))
        code, out, err = run(["--spec-dir", d + "//", "--format", "ndjson"])
        recs = [json.loads(ln) for ln in out.splitlines()]
        want_ids = [f"{d}/a.yaml", f"{d}/b.yaml", f"{d}/c.json"]
        if code != 66 or [r.get("id") for r in recs] != want_ids or ["error" in r for r in recs] != \
                [False, True, True] or err.count("\n") != 2:
            why.append(f"ndjson: exit {code}, {recs}, {err!r}")
        code, out, err = run(["--spec-dir", d, "--format", "junit"])
        _, _, cases = junit_cases(out)
        if code != 66 or [c["kind"] for c in cases] != [None, "unreadable", "unreadable"] or \
                any(c["message"] and c["message"].startswith("dsselect:") for c in cases):
            why.append(f"junit: exit {code}, {cases}")
    return why


def t_unreadable_batch_input_is_reported():
    why = []
    with tempfile.TemporaryDirectory() as d:
        for src, want_msg in ((d, "cannot read"), (os.path.join(d, "none.ndjson"), "cannot open")):
            plain = run(["--batch", src])
            if plain[0] != 66 or plain[1] or want_msg not in plain[2]:
                why.append(f"--batch {src}: {plain}")
            code, out, err = run(["--batch", src, "--format", "junit"])
            root, _, cases = junit_cases(out) if out else (None, None, [])
            if code != 66 or len(cases) != 1 or cases[0]["kind"] != "unreadable" or \
                    want_msg not in (cases[0]["message"] or "") or err != plain[2]:
                why.append(f"--batch {src} junit: exit {code}, {cases}, {err!r}")
            elif root.get("errors") != "1":
                why.append(f"--batch {src} junit: errors={root.get('errors')}")
            code, out, err = run(["--batch", src, "--format", "github"])
            if code != 66 or out.count("\n") != 1 or not out.startswith(f"::error file={src},title=dsselect unreadable"):
                why.append(f"--batch {src} github: exit {code}, {out!r}")
    return why


def t_ci_names_and_characters():
    why = []
    # an empty id names nothing: the testcase is named by its line
    code, out, _ = run(["--batch", "--format", "junit"], stdin=ndjson([dict(V2, id=""), "{bad", dict(V2)]))
    _, _, cases = junit_cases(out)
    if [c["name"] for c in cases] != ["line 1", "line 2", "line 3"]:
        why.append(f"empty id: {[c['name'] for c in cases]}")
    code, out, _ = run(["--batch", "--format", "github"], stdin=ndjson([dict(V2, id="")]))
    if out != "ok: line 1: V2 recommended\n":
        why.append(f"empty id, github: {out!r}")
    # U+FFFE is not an XML character: one U+FFFD for it, not one per byte
    code, out, _ = run(["--batch", "--format", "junit"], stdin=ndjson([dict(V2, id="a\ufffeb")]))
    _, _, cases = junit_cases(out)
    if cases[0]["name"] != "a\ufffdb":
        why.append(f"U+FFFE: {cases[0]['name']!r}")
    return why


def t_junit_spill_follows_tmpdir():
    """Past 1 MiB the testcases wait in a file in $TMPDIR: a TMPDIR that does not exist is an error
    (exit 74) that names it, not a silent fallback."""
    recs = ndjson([dict(V2, id=f"spec-{i}") for i in range(4000)])
    why = []
    with tempfile.TemporaryDirectory() as d:
        code, out, err = run(["--batch", "--format", "junit"], stdin=recs, env={"TMPDIR": d})
        _, _, cases = junit_cases(out)
        if code != 0 or len(cases) != 4000 or os.listdir(d):
            why.append(f"TMPDIR={d}: exit {code}, {len(cases)} cases, left {os.listdir(d)}")
        nowhere = os.path.join(d, "nowhere")
        code, out, err = run(["--batch", "--format", "junit"], stdin=recs, env={"TMPDIR": nowhere})
        if code != 74 or nowhere not in err or err.count("\n") != 1:
            why.append(f"TMPDIR={nowhere}: exit {code}, {err!r}")
    return why


def t_github_messages_safe_from_the_start():
    """Messages written before a spec is read (an option's value, a rule table's error) and the
    --summary line are safe too; with GITHUB_ACTIONS=true, so are the text reports."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        rules = os.path.join(d, "r.yaml")
        with open(rules, "w") as f:
            f.write('"##[add-mask]k": 1\n')
        for args, env in ((["--format", "github", "--task", "##[add-mask]x"], None),
                          (["--task", "##[add-mask]x"], {"GITHUB_ACTIONS": "true"}),
                          (["--rules", rules, "--format=github"], None),
                          (["rules", "check", rules], {"GITHUB_ACTIONS": "true"})):
            code, out, err = run(args, env=env)
            text = out if args[0] == "rules" else err  # rules check reports on stdout
            if code not in (64, 78) or "##[" in out + err or "%23#[add-mask]" not in text or text.count("\n") != 1:
                why.append(f"{args} {env}: exit {code}, stderr {err!r}")
        # a text report quotes a spec's string values: shown, not obeyed
        spec = os.path.join(d, "w.json")
        with open(spec, "w") as f:
            f.write('{"gpu_model": "##[add-mask]secret"}')
        code, out, err = run(["--spec", spec], env={"GITHUB_ACTIONS": "true"})
        if "##[" in out or "%23#[add-mask]secret" not in out:
            why.append(f"text report in GitHub Actions: {out!r}")
        code, out, err = run(["--spec", spec], env={"GITHUB_ACTIONS": ""})
        if "'##[add-mask]secret'" not in out:
            why.append(f"text report elsewhere changed: {out!r}")
        os.mkdir(os.path.join(d, "sd"))
        with open(os.path.join(d, "sd", "a\n::warning::pwned ##[add-mask]x.json"), "w") as f:
            f.write('{"gpu_model": "##[add-mask]secret"}')
        code, out, err = run(["--spec-dir", os.path.join(d, "sd")], env={"GITHUB_ACTIONS": "true"})
        lines = out.splitlines()
        if "##[" in out or any(ln.startswith("::") for ln in lines) or \
                not lines[0].endswith("a\\n::warning::pwned %23#[add-mask]x.json <=="):
            why.append(f"spec-dir text in GitHub Actions: {lines[:2]}")
    return why


def t_messages_keep_long_names_whole():
    """A message names its input in full, however long the path (not cut at 255 bytes)."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        deep = os.path.join(d, *(["dd"] * 120))
        os.makedirs(deep)
        missing = os.path.join(deep, "recs.ndjson")
        for args in (["--batch", missing], ["--batch", missing, "--format", "junit"], ["--spec", missing]):
            code, out, err = run(args)
            if code != 66 or f"{missing}: cannot open" not in err or err.count("\n") != 1:
                why.append(f"{args[0]} with a {len(missing)}-byte path: exit {code}, {err[-80:]!r}")
        name = "\u00e9" * 100 + "x.json"
        os.symlink(os.path.join(d, "gone"), os.path.join(deep, name))
        code, out, err = run(["--spec-dir", deep, "--format", "junit"])
        _, _, cases = junit_cases(out)
        full = os.path.join(deep, name)
        if code != 66 or not err.startswith(f"dsselect: {full}: cannot open") or \
                not cases[0]["message"].startswith(f"{full}: cannot open"):
            why.append(f"spec-dir, a long name: exit {code}, {err[-80:]!r}")
    return why


def t_unreadable_input_counts_alike_in_every_format():
    why = []
    with tempfile.TemporaryDirectory() as d:
        for src in (d, os.path.join(d, "none.ndjson")):
            sums = set()
            for fmt in ("ndjson", "junit", "github"):
                code, out, err = run(["--batch", src, "--format", fmt, "--summary"])
                last = err.strip().splitlines()[-1]
                sums.add(last.split(";")[0])
                if code != 66 or "1 record:" not in last or "errors 1" not in last:
                    why.append(f"--batch {src} --format {fmt}: exit {code}, summary {last!r}")
            if len(sums) != 1:
                why.append(f"--batch {src}: summaries differ by format: {sums}")
    return why


def t_c1_controls_become_replacement():
    why = []
    rec = ndjson([dict(CONFLICT, id="a\u009b31mb\u0085c")])
    code, out, _ = run(["--batch", "--format", "github"], stdin=rec)
    if "\u009b" in out or "\u0085" in out or "(a\ufffd31mb\ufffdc)" not in out:
        why.append(f"github: {out[:120]!r}")
    code, out, _ = run(["--batch", "--format", "junit"], stdin=rec)
    _, _, cases = junit_cases(out)
    if cases[0]["name"] != "a\ufffd31mb\ufffdc":
        why.append(f"junit: {cases[0]['name']!r}")
    return why


HOSTILE = "]]><![CDATA[x]]> <!-- -- --> &#0; &amp; \x01\x08\x0b\x0c\x1b[31m\x7f\u0085\u009b\ufffe\uffff\U0010ffff\r\n\t'\""


def t_junit_hostile_names_stay_valid():
    """Control characters, ']]>', markup, bad UTF-8 in file names and very long names: the report stays
    well-formed and valid against Jenkins' schema, in the suite's name, the testcases' attributes and
    their text."""
    why = []
    # ids up to the 4096-byte limit of a string; the long names are the files' below
    recs = [dict(CONFLICT, id=HOSTILE), dict(V2, id=HOSTILE + "-ok"), dict(V2, id="\u5408" * 1300 + HOSTILE),
            '{"id": "' + "]]>" * 1300 + '", "gpu_mem": "x"}', dict(DEFAULT, id="x" * 4000)]
    in_xml = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", "\ufffd", HOSTILE)
    for expect in ([], ["--expect", "V2"]):
        code, out, err = run(["--batch", "--format", "junit"] + expect, stdin=ndjson(recs))
        _, suite, cases = junit_cases(out)
        names = [c["name"] for c in cases]
        if code != 65 or names != [in_xml, in_xml + "-ok", "\u5408" * 1300 + in_xml, "]]>" * 1300, "x" * 4000]:
            why.append(f"batch {expect}: exit {code}, names {[n[:40] for n in names]}")
    with tempfile.TemporaryDirectory() as d:
        db = d.encode()
        top = os.path.join(db, b"dir ]]> \x01\xff <&>")
        deep = os.path.join(top, *([b"d" * 200] * 10))
        os.makedirs(deep)
        for name, text in ((b"\xff\xfe]]>\x01\x1b[31m&<>\"'.yaml", "gpus: 4\ngpu_mem: 80\nnccl: true\n"),
                           (b"bad ]]> \x7f\xc0\xaf.json", '{"gpu_mem": [}'),
                           (b"\xe9" * 240 + b".yml", "gpu_mem: 12\ntask: contract-extraction\n")):
            for where in (top, deep):
                with open(os.path.join(where, name), "w") as f:
                    f.write(text)
        batch = os.path.join(top, b"recs ]]>\x01\xff.ndjson")
        with open(batch, "w", encoding="utf-8") as f:
            f.write(ndjson(recs[:2] + ["{bad"]))
        for args in ([b"--spec-dir", top], [b"--spec-dir", deep], [b"--spec-dir", deep, b"--expect", b"V2"],
                     [b"--batch", batch], [b"--spec", os.path.join(deep, b"bad ]]> \x7f\xc0\xaf.json")],
                     [b"--spec", os.path.join(top, b"\xe9" * 240 + b".yml")],
                     [b"--spec", os.path.join(top, b"gone ]]>\x01\xff.yaml")]):
            p = subprocess.run([DS] + args + [b"--format", b"junit"], capture_output=True,
                               env=dict(os.environ, LC_ALL="C"), timeout=60)
            try:
                out = p.stdout.decode("utf-8")
                _, suite, cases = junit_cases(out)
            except (UnicodeDecodeError, AssertionError, ET.ParseError) as e:
                why.append(f"{args[:1]} {args[1][-60:]!r}: {e}")
                continue
            if p.returncode not in (1, 65, 66) or not cases or \
                    any(c["classname"] is None or "\ufffd" not in c["classname"] for c in cases):
                why.append(f"{args[:1]} {args[1][-60:]!r}: exit {p.returncode}, {[c['classname'] for c in cases]}")
            if args[0] == b"--spec-dir" and len(cases) != 3:
                why.append(f"{args[:1]} {args[1][-60:]!r}: {len(cases)} testcases, want 3")
    return why


def t_junit_file_attrs_only_when_asked():
    """--junit-file-attrs adds the file and line attributes (GitLab reads file), outside Jenkins' schema;
    the report is otherwise the same as without it, which is valid."""
    why = []
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "specs.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            f.write(ndjson(RECORDS))
        os.mkdir(os.path.join(d, "sd"))
        spec = os.path.join(d, "sd", "w.yaml")
        with open(spec, "w") as f:
            f.write("gpu_mem: 12\ntask: contract-extraction\n")
        lines = [i for i, r in enumerate(RECORDS, 1) if r != ""]
        for args, stdin, want in (
                (["--batch", path], None, [(path, str(n)) for n in lines]),
                (["--batch"], ndjson(RECORDS), [(None, str(n)) for n in lines]),
                (["--spec-dir", os.path.join(d, "sd")], None, [(spec, None)]),
                (["--spec", spec, "--expect", "V2"], None, [(spec, None)]),
                (["--gpu-mem", "12"], None, [(None, None)])):
            code, out, err = run(args + ["--format", "junit", "--junit-file-attrs"], stdin=stdin)
            plain = run(args + ["--format", "junit"], stdin=stdin)
            _, _, cases = junit_cases(out, schema=False)
            got = [(c["attrs"].get("file"), c["attrs"].get("line")) for c in cases]
            if got != want or code != plain[0] or err != plain[2]:
                why.append(f"{args}: file/line {got}, want {want}; exit {code} (without {plain[0]})")
            stripped = re.sub(r'(<testcase [^>]*?)( file="[^"]*")?( line="[0-9]+")?>', r"\1>", out)
            if stripped != plain[1]:
                why.append(f"{args}: without its attributes the report differs from the default one")
            bad = schema_problems(out)
            if (want != [(None, None)]) != bool(bad) or (bad and "'file'" not in bad[0] and "'line'" not in bad[0]):
                why.append(f"{args}: Jenkins' schema on --junit-file-attrs: {bad}")
    return why


def t_junit_schema_check_never_skips():
    """The check against Jenkins' schema fails, saying what to install or where the schema goes, when
    xmllint or the schema is missing; and it catches an attribute the schema has not."""
    why = []
    _, out, _ = run(["--gpus", "4", "--gpu-mem", "80", "--nccl", "--format", "junit"])
    if not os.path.isfile(XSD) or schema_problems(out):
        why.append(f"{XSD}: {schema_problems(out)}")
    nowhere = os.path.join(tempfile.gettempdir(), "no-such-dir", "jenkins-junit-10.xsd")
    got = schema_problems(out + " ", xsd=nowhere)
    if len(got) != 1 or nowhere not in got[0]:
        why.append(f"no schema: {got}")
    got = schema_problems(out + "  ", xmllint="xmllint-not-installed")
    if len(got) != 1 or "libxml2-utils" not in got[0]:
        why.append(f"no xmllint: {got}")
    for bad in (out.replace("<testcase ", '<testcase file="x" '), out.replace(' tests="1"', "", 2),
                out.replace("<system-out>", "<properties/><system-out>")):
        if not schema_problems(bad):
            why.append(f"the schema accepts {bad[:200]!r}")
    return why


if __name__ == "__main__":
    run_tests(dict(globals()), "t_")

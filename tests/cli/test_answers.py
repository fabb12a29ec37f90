#!/usr/bin/env python3
"""Answers true to the article, and advice that works (issue 14), through the built binary.

usage: python3 tests/cli/test_answers.py PATH/TO/dsselect

- CPU only: --gpus 0 is a machine without GPU memory, so 1.1 fires; gpus 0 beside GPU memory (or GPU
  memory 0 beside GPUs) is refused: 64 for flags, 65 for a spec, one line naming both facts.
- What beat what: every rule that beat a reason is listed, the highest is overridden_by, and the text
  asks for all of them in one sentence.
- A fallback chosen by default says so (text and "fallback_by").
- A P99 under 47 ms (below anything the article measured) carries the table's warning.
- The text claims about unknown facts only what was worked out.
- Two rules that cite one ref (1.2) are told apart wherever rules are listed.
- 2.3 names the V2-code variant; the sla class reads "service level".

Each test is a function returning a list of problems. Prints each failure and ends with one line
'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ENV = {k: v for k, v in os.environ.items()
       if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS")}
TMP = tempfile.mkdtemp(prefix="dsselect-answers-")


def run(args, stdin=None, env=None):
    e = dict(ENV)
    e.update(env or {})
    p = subprocess.run([BIN] + args, input=(stdin or "").encode(), capture_output=True, env=e, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def doc(args, stdin=None):
    rc, out, err = run(args + ["--format", "json"], stdin)
    return rc, json.loads(out), err


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def reason(d, rule):
    return next((r for r in d["reasons"] if r["rule"] == rule), None)


# ---- CPU only ----

def t_gpus_0_is_cpu_only_and_1_1_fires():
    bad = []
    rc, d, err = doc(["--gpus", "0", "--task", "contract-extraction"])
    if (rc, d["status"], d["fallback"]) != (1, "conflict", "V1"):
        bad.append(f"--gpus 0 --task contract-extraction: exit {rc}, {d['status']} {d['fallback']}")
    if d["facts"].get("gpu_mem") != 0 or not reason(d, "single-small-gpu"):
        bad.append(f"gpu_mem not derived 0 or 1.1 did not fire: {d['facts']}")
    if "gpu_mem" in d["missing"]:
        bad.append("gpu_mem is asked for on a machine without GPUs")
    rc, out, err = run(["--gpus", "0", "--task", "contract-extraction"])
    if "--gpu-mem" in out.split("What would change it")[0] or "[1.1]" not in out:
        bad.append(f"the text asks for --gpu-mem or lacks 1.1:\n{out}")
    rc, out, err = run(["--gpus", "2", "--task", "contract-extraction"])  # 0 GPUs is the least: "0", not "0 or less"
    if "  with --gpus 0: a conflict, fallback V1 (1.1)\n" not in out:
        bad.append(f"the change to CPU only:\n{out}")
    rc, out, err = run(["--gpus", "0", "--gpu-model", "a100"])  # a model named beside no GPU
    if rc != 64 or out or err != "dsselect: --gpus 0 and --gpu-model a100 contradict each other: without a GPU " \
                                 "there is no GPU memory and no GPU model (gpus 0 and gpu_mem 0 both mean CPU only)\n":
        bad.append(f"--gpus 0 --gpu-model a100: exit {rc}, {err!r}")
    rc, out, err = run(["--gpus", "0", "--gpu-mem", "0", "--gpu-model", "t4"])  # only the facts that contradict
    if rc != 64 or "--gpus 0 and --gpu-model t4 contradict" not in err or "--gpu-mem" in err:
        bad.append(f"--gpus 0 --gpu-mem 0 --gpu-model t4: exit {rc}, {err!r}")
    return bad


def one_line(err):
    return len(err.splitlines()) == 1


def t_no_gpu_with_gpu_memory_is_refused_from_flags():
    bad = []
    for args, names in ((["--gpus", "0", "--gpu-mem", "80"], ("--gpus 0", "--gpu-mem 80")),
                        (["--gpu-mem", "0", "--gpus", "2"], ("--gpus 2", "--gpu-mem 0")),
                        (["--gpus=0", "--gpu-mem=0.5", "--format", "json"], ("--gpus 0", "--gpu-mem 0.5")),
                        (["--batch", "--gpus", "0", "--gpu-mem", "12"], ("--gpus 0", "--gpu-mem 12"))):
        rc, out, err = run(args, "" if "--batch" in args else None)
        if rc != 64 or out or not one_line(err) or not all(n in err for n in names) \
                or "contradict each other" not in err:
            bad.append(f"{args}: exit {rc}, stdout {out[:80]!r}, stderr {err!r}")
    rc, out, err = run(["--gpus", "0", "--gpu-mem", "0"])
    if rc != 0 or err:
        bad.append(f"--gpus 0 --gpu-mem 0 (CPU only, said twice): exit {rc} {err!r}")
    rc, out, err = run(["--help", "--gpus", "0", "--gpu-mem", "3"])
    if rc != 0 or "Usage" not in out:
        bad.append(f"--help with contradicting flags: exit {rc}")
    return bad


def t_no_gpu_with_gpu_memory_is_refused_from_a_spec():
    bad = []
    js = write("cpu.json", '{"gpus": 0,\n "gpu_mem": 80}\n')
    rc, out, err = run(["--spec", js])
    if rc != 65 or out or err != f"{js}:2:2: gpu_mem 80 and gpus 0 contradict each other: without a GPU " \
                                  f"there is no GPU memory and no GPU model (gpus 0 and gpu_mem 0 both mean CPU only)\n":
        bad.append(f"JSON spec: exit {rc}, stderr {err!r}")
    ys = write("cpu.yaml", "gpu_mem: 0\ngpus: 2\n")
    rc, out, err = run(["--spec", ys])
    if rc != 65 or not err.startswith(f"{ys}:2:1: gpu_mem 0 and gpus 2 contradict each other"):
        bad.append(f"YAML spec: exit {rc}, stderr {err!r}")
    # a spec that keeps the constraint, and a flag that breaks it beside it: the flag is named, 64
    g0 = write("g0.json", '{"gpus": 0}\n')
    rc, out, err = run(["--spec", g0, "--gpu-mem", "24"])
    if rc != 64 or not one_line(err) or not err.startswith(f"dsselect: {g0}: --gpu-mem 24 and gpus 0 contradict"):
        bad.append(f"spec gpus 0 + --gpu-mem 24: exit {rc}, stderr {err!r}")
    return bad


def t_a_batch_keeps_every_record():
    bad = []
    data = '{"id": "a", "gpus": 0, "gpu_mem": 16}\n{"id": "b", "gpus": 0}\n{"id": "c", "gpu_mem": 24}\n'
    rc, out, err = run(["--batch"], data)
    lines = [json.loads(l) for l in out.splitlines()]
    if rc != 65 or len(lines) != 3:
        return [f"exit {rc}, {len(lines)} lines: {out!r}"]
    if lines[0].get("id") != "a" or lines[0].get("line") != 1 or lines[0].get("column") != 24 \
            or "gpu_mem 16 and gpus 0 contradict each other" not in lines[0].get("error", ""):
        bad.append(f"record 1: {lines[0]}")
    if lines[1].get("model") != "V1" or lines[2].get("model") != "V1":
        bad.append(f"the good records: {lines[1:]}")
    # the flags are every record's defaults, and a default that contradicts a record's facts stays out:
    # the record wins (24 GB is a GPU; gpus 1 is derived), the next record takes the default
    rc, out, err = run(["--batch", "--gpus", "0"], '{"id": "x", "gpu_mem": 24}\n{"id": "y"}\n')
    lines = [json.loads(l) for l in out.splitlines()]
    if rc != 0 or len(lines) != 2 or lines[0].get("facts") != {"gpu_mem": 24, "gpus": 1} \
            or lines[1].get("facts", {}).get("gpu_mem") != 0 or err:
        bad.append(f"--batch --gpus 0: exit {rc}, {lines}, {err!r}")
    rc, out, err = run(["--batch", "--gpu-mem", "8"], '{"id": 2, "gpus": 0}\n')
    lines = [json.loads(l) for l in out.splitlines()]
    if rc != 0 or lines[0].get("facts") != {"gpu_mem": 0, "gpus": 0}:
        bad.append(f"--batch --gpu-mem 8 with a CPU-only record: exit {rc}, {lines}")
    return bad


def t_spec_dir_and_sweep_keep_to_it():
    bad = []
    d = os.path.join(TMP, "dir")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "a.yaml"), "w") as f:
        f.write("gpu_mem: 24\n")
    with open(os.path.join(d, "b.yaml"), "w") as f:
        f.write("gpus: 1\n")
    rc, out, err = run(["--spec-dir", d, "--gpus", "0", "--format", "ndjson"])
    lines = [json.loads(l) for l in out.splitlines()]
    if rc != 65 or len(lines) != 2 or "gpu_mem 24 and --gpus 0" not in lines[0].get("error", "") \
            or lines[1].get("facts", {}).get("gpus") != 0:
        bad.append(f"--spec-dir --gpus 0: exit {rc}, {lines}")
    rc, out, err = run(["sweep", "--vary", "gpus=0:2:1", "--gpu-mem", "24", "--format", "csv"])
    rows = out.splitlines()
    if rc != 0 or rows[1] != '0,-,error,""' or not rows[2].startswith("1,V1,recommended"):
        bad.append(f"sweep over gpus with 24 GB: exit {rc}\n{out}")
    rc, out, err = run(["sweep", "--vary", "gpus=0:2:1", "--gpu-mem", "24"])
    if "- marks a point that is no workload (1 in all)" not in out or "gpu_mem 24 and gpus 0" not in out:
        bad.append(f"the sweep's table does not say why a point is '-':\n{out}")
    rc, out, err = run(["sweep", "--vary", "gpus=0:2:1", "--gpu-mem", "24", "--format", "json"])
    pts = json.loads(out)
    if pts[0] != {"gpus": 0, "model": None, "status": "error", "refs": ""}:
        bad.append(f"sweep json: {pts[0]}")
    rc, out, err = run(["sweep", "--vary", "task", "--gpus", "0", "--gpu-mem", "3"])
    if rc != 64 or "--gpu-mem 3 and --gpus 0" not in err:
        bad.append(f"sweep with contradicting flags: exit {rc} {err!r}")
    return bad


def t_changes_never_suggest_no_workload():
    bad = []
    for args in (["--gpus", "4", "--gpu-mem", "24"], ["--gpu-mem", "0", "--task", "contract-extraction"],
                 ["--gpus", "2", "--gpu-mem", "0.5", "--nccl"]):
        rc, d, err = doc(args)
        facts = dict(d["facts"])
        for c in d["changes"]:
            g = c["to"] if c["fact"] == "gpus" else facts.get("gpus")
            m = c["to"] if c["fact"] == "gpu_mem" else facts.get("gpu_mem")
            given = {"gpus": "--gpus" in args, "gpu_mem": "--gpu-mem" in args}
            if c["fact"] in given and given["gpus"] and given["gpu_mem"] and (g == 0) != (m == 0):
                bad.append(f"{args}: suggests {c['fact']} {c['to']}, no workload")
            lo = c.get("range", {}).get("at_least", c.get("range", {}).get("above"))
            if c["fact"] == "gpus" and given["gpu_mem"] and m != 0 and lo is not None and lo < 1 \
                    and "above" not in c.get("range", {}):
                bad.append(f"{args}: the range of gpus {c['range']} reaches 0, which is no workload here")
    return bad


# ---- what beat what ----

def t_every_beater_is_listed_and_all_must_go():
    bad = []
    args = ["--platform", "edge", "--filing", "--streaming"]
    rc, d, err = doc(args)
    r = reason(d, "streaming-updates")
    if r is None or r["state"] != "overridden" or r["beaten_by"] != ["3.3", "5.1"] or r["overridden_by"] != "3.3":
        bad.append(f"4.3: {r and (r['state'], r['beaten_by'], r['overridden_by'])}")
    if d["conflicts"] != [{"type": "override", "rule": "4.3", "by": ["3.3", "5.1"]}]:
        bad.append(f"conflicts {d['conflicts']}")
    rc, out, err = run(args)
    want = ("  4.3 (capability: forbid V1) is overridden by 3.3 and 5.1: feasibility and compliance outrank capability\n"
            "    to follow 4.3 instead, all of these must stop holding: "
            "[3.3] platform = edge or gpu_model = jetson-orin-agx; [5.1] filing\n")
    if want not in out or out.count("to follow") != 1:
        bad.append(f"text:\n{out}")
    rc, out, err = run(args + ["--lang", "zh"])
    if "若要改为遵循 4.3，须让下列条件全部不再成立：[3.3] platform = edge 或 gpu_model = jetson-orin-agx；[5.1] filing" \
            not in out or "可行性、合规均优先于能力" not in out:
        bad.append(f"zh text:\n{out}")
    # following the advice: either beater alone still leaves an override; both gone, none
    for drop, still in ((["--platform", "bare-metal"], True), (["--no-filing"], True),
                        (["--platform", "bare-metal", "--no-filing"], False)):
        rc, d2, err = doc(args + drop)
        r2 = reason(d2, "streaming-updates")
        if (r2["state"] == "overridden") != still:
            bad.append(f"{drop}: 4.3 is {r2['state']}")
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction"])
    if "    to follow 2.2 instead, this must stop holding: [1.1] gpus <= 1 and gpu_mem <= 12\n" not in out:
        bad.append(f"one beater: the sentence for one rule\n{out}")
    # a rule of its own class that would contradict it once the beater is gone is named too (3.1 vs 3.2)
    sla = ["--avg-tokens", "100", "--p99-ms", "60", "--concurrency", "300", "--input-tokens", "800"]
    rc, out, err = run(["--filing"] + sla)
    want = ("    to follow 3.2 instead, all of these must stop holding: [5.1] filing; "
            "[3.1] avg_tokens <= 128 and p99_ms <= 80 (3.1, of the same class, would contradict 3.2)\n")
    if want not in out:
        bad.append(f"a same-class rule in the advice:\n{out}")
    for drop, state in ((["--no-filing"], "contradicted"), (["--no-filing", "--p99-ms", "81"], "applied")):
        rc, d2, err = doc(["--filing"] + sla + drop)
        if reason(d2, "high-concurrency-long-input")["state"] != state:
            bad.append(f"{drop}: 3.2 is {reason(d2, 'high-concurrency-long-input')['state']}, want {state}")
    return bad


# ---- the fallback ----

def t_a_fallback_by_default_says_so():
    bad = []
    sla = ["--avg-tokens", "100", "--p99-ms", "60", "--concurrency", "300", "--input-tokens", "800"]
    for extra, by, line in (([], "default", "Least-bad choice (by default, nothing told them apart): V1"),
                            (["--gpus", "2", "--gpu-mem", "40", "--nccl"], "scores", "Least-bad choice (fallback): V2"),
                            (["--platform", "kubernetes"], "scores", "Least-bad choice (fallback): V1")):
        rc, d, err = doc(sla + extra)
        if d["status"] != "conflict" or d["fallback_by"] != by:
            bad.append(f"{extra}: fallback_by {d['fallback_by']}, want {by}")
        rc, out, err = run(sla + extra)
        if out.splitlines()[1].split(" — ")[0] != line:
            bad.append(f"{extra}: {out.splitlines()[1]!r}, want {line!r}")
    rc, out, err = run(sla + ["--lang", "zh"])
    if not out.splitlines()[1].startswith("备选模型（按默认模型：没有规则能区分各模型）：V1"):
        bad.append(f"zh: {out.splitlines()[1]!r}")
    rc, d, err = doc(["--gpu-mem", "12", "--task", "contract-extraction"])
    if d["fallback_by"] != "rules":
        bad.append(f"1.1 over 2.2: fallback_by {d['fallback_by']}, want rules (V1 alone is left)")
    rc, d, err = doc(["--streaming"])
    if d["fallback_by"] is not None:
        bad.append(f"no conflict: fallback_by {d['fallback_by']}")
    return bad


# ---- the table's note ----

def t_a_p99_tighter_than_measured_is_warned():
    bad = []
    for p99, warned in (("40", True), ("46.9", True), ("47", False), ("80", False)):
        rc, d, err = doc(["--avg-tokens", "100", "--p99-ms", p99])
        has = any("tighter than the request latencies the article measured" in w and "42±5 ms" in w
                  for w in d["warnings"])
        if has != warned or d["recommendation"] != "V1":
            bad.append(f"--p99-ms {p99}: warned {has}, recommendation {d['recommendation']}")
    rc, out, err = run(["--avg-tokens", "100", "--p99-ms", "40", "--lang", "zh"])
    if "P99 延迟要求低于 47ms，比文中实测的请求延迟还严" not in out:
        bad.append(f"zh text lacks the warning:\n{out}")
    return bad


# ---- no claim that was not computed ----

def t_unknown_facts_claim_only_what_was_computed():
    bad = []
    d = os.path.join(TMP, "claims")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "a.yaml"), "w") as f:
        f.write("gpu_mem: 12\ntask: contract-extraction\n")
    rc, out, err = run(["--spec-dir", d])  # no --changes: stability is not worked out
    if "Nothing unknown could change the answer" in out or "Stable:" in out \
            or "No single unknown fact could change the answer (several together were not checked" not in out:
        bad.append(f"--spec-dir without --changes:\n{out}")
    rc, out, err = run(["--spec-dir", d, "--changes", "0"])
    if "Stable: nothing still unknown can change the answer." not in out:
        bad.append(f"--spec-dir --changes 0:\n{out}")
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction"])
    if "Stable: nothing still unknown can change the answer." not in out:
        bad.append(f"a single run works it out:\n{out}")
    return bad


# ---- one ref, two rules ----

def t_two_rules_of_one_ref_are_told_apart():
    bad = []
    cluster = ["--gpus", "4", "--gpu-mem", "24", "--nccl"]
    rc, out, err = run(cluster + ["--format", "tsv", "--no-header"])
    if out != "-\tV2\trecommended\t1.2 multi-gpu-nccl\n":
        bad.append(f"tsv: {out!r}")
    rc, d, err = doc(cluster)
    ch = {c["fact"]: c for c in d["changes"]}
    if ch["nccl"]["fires"] != ["1.2 no-cluster-for-moe"] or ch["nccl"]["stops"] != ["1.2 multi-gpu-nccl"]:
        bad.append(f"changes: {ch['nccl']}")
    rc, out, err = run(cluster)
    if "[1.2 multi-gpu-nccl] prefer V2" not in out or \
            "with --no-nccl: V1 (1.2 no-cluster-for-moe; 1.2 multi-gpu-nccl no longer applies)" not in out:
        bad.append(f"text:\n{out}")
    rc, out, err = run(["sweep", "--vary", "gpus=1:4:3", "--gpu-mem", "24", "--nccl", "--format", "csv"])
    if out != ('gpus,model,status,refs\n1,V1,recommended,"1.2 no-cluster-for-moe"\n'
               '2,V1,recommended,"1.2 no-cluster-for-moe"\n3,V1,recommended,"1.2 no-cluster-for-moe"\n'
               '4,V2,recommended,"1.2 multi-gpu-nccl"\n'):
        bad.append(f"sweep: {out!r}")
    rc, out, err = run(["rules", "list", "--format", "json"])
    labels = {r["rule"]: r["label"] for r in json.loads(out)}
    if labels.get("multi-gpu-nccl") != "1.2 multi-gpu-nccl" or labels.get("task-contract-extraction") != "2.2":
        bad.append(f"rules list labels: {labels}")
    rc, out, err = run(["rules", "show", "1.2 no-cluster-for-moe"])
    if rc != 0 or not out.startswith("[1.2] no-cluster-for-moe\n") or "multi-gpu-nccl" in out.split("\n")[0]:
        bad.append(f"rules show by label: exit {rc}, {out[:80]!r} {err!r}")
    # rules test names what fired by label: a wrong example of 1.2's cluster rule
    table = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules",
                              "deepseek-v1-v2.yaml"), encoding="utf-8").read()
    wrong = table.replace("- {spec: {gpus: 2, gpu_mem: 39, nccl: true}, fires: false}",
                          "- {spec: {gpus: 2, gpu_mem: 39, nccl: true}, fires: true}")
    rc, out, err = run(["rules", "test", write("wrong.yaml", wrong)])
    if wrong == table or rc != 1 or "fired: 1.2 no-cluster-for-moe" not in out + err:
        bad.append(f"rules test with a wrong example: exit {rc}, {(out + err)[:300]!r}")
    return bad


def t_two_rules_of_one_ref_firing_together():
    """Both rules of one ref fire: each is named by its label, in TSV, JSON and text."""
    bad = []
    table = write("one-ref.yaml", """schema: 1
models: [{id: A}, {id: B}]
default: B
classes: [{id: taste, kind: soft}]
facts: [{key: mem, type: number, min: 0}]
rules:
  - {id: big, ref: "7", class: taste, effect: prefer, model: A, weight: 1, when: {fact: mem, ge: 10}, reason: big}
  - {id: huge, ref: "7", class: taste, effect: prefer, model: A, weight: 1, when: {fact: mem, ge: 20}, reason: huge}
""")
    rc, out, err = run(["--rules", table, "--mem", "30", "--format", "tsv", "--no-header"])
    if rc != 0 or out != "-\tA\trecommended\t7 big,7 huge\n":
        bad.append(f"tsv: exit {rc}, {out!r}, {err!r}")
    rc, out, err = run(["--rules", table, "--batch", "--format", "tsv", "--no-header"], '{"id": "r", "mem": 30}\n')
    if rc != 0 or out != "r\tA\trecommended\t7 big,7 huge\n":
        bad.append(f"batch tsv: exit {rc}, {out!r}, {err!r}")
    rc, d, err = doc(["--rules", table, "--mem", "30"])
    if [(r["source"], r["rule"]) for r in d["reasons"]] != [("7", "big"), ("7", "huge")]:
        bad.append(f"json reasons: {d['reasons']}")
    rc, out, err = run(["--rules", table, "--mem", "30"])
    if "[7 big] prefer A" not in out or "[7 huge] prefer A" not in out:
        bad.append(f"text:\n{out}")
    return bad


def t_a_group_contradiction_is_listed_once():
    """Three rules of one class that leave nothing only together are one contradiction, told once."""
    bad = []
    three = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules", "examples",
                         "three-models.yaml")
    args = ["--rules", three, "--avg-tokens", "100", "--p99-ms", "30", "--concurrency", "500"]
    rc, out, err = run(args)
    if rc != 1 or out.count("contradict each other") != 1 or \
            "3.1, ex.6, ex.7 contradict each other" not in out:
        bad.append(f"text: exit {rc}:\n{out}")
    rc, out, err = run(args + ["--lang", "zh"])
    if rc != 1 or out.count("3.1、ex.6、ex.7") != 1:
        bad.append(f"text (zh): exit {rc}:\n{out}")
    rc, d, err = doc(args)
    groups = [c for c in d["conflicts"] if c["type"] == "contradiction"]
    if len(groups) != 1 or sorted(groups[0]["rules"]) != ["3.1", "ex.6", "ex.7"]:
        bad.append(f"json conflicts: {d['conflicts']}")
    return bad


# ---- words ----

def t_2_3_names_v2_code_and_3_2_is_a_service_level():
    bad = []
    for lang, word in (("en", "V2-code"), ("zh", "V2-code")):
        rc, out, err = run(["--task", "openapi-generation", "--lang", lang])
        line = next((l for l in out.splitlines() if l.startswith("  [2.3]")), "")
        if word not in line:
            bad.append(f"{lang}: 2.3's reason does not name the V2-code variant: {line!r}")
    rc, out, err = run(["--concurrency", "300", "--input-tokens", "800"])
    if "[3.2] require V2 (service level)" not in out or "latency" in out.split("evidence")[0]:
        bad.append(f"3.2's class:\n{out}")
    return bad


run_tests(globals(), "t_")

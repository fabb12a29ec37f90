#!/usr/bin/env python3
"""Tests of the counterfactuals ("changes"), "stable" and --changes N, through the binary.

usage: python3 tests/cli/test_changes.py PATH/TO/dsselect
Every change printed is proved by running dsselect again with that one fact
changed and getting the claimed outcome. Prints each failure and ends with one
line 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
CJK = re.compile("[\u4e00-\u9fff]")

# Specs that cover every status, known and unknown facts of each type.
SPECS = [
    {"gpu_mem": 12, "task": "contract-extraction"},
    {"gpus": 4, "gpu_model": "a10g", "nccl": True, "task": "contract-extraction"},
    {"gpu_model": "t4", "task": "intent-classification", "p99_ms": 50},
    {"filing": True, "streaming": True},
    {"task": "general"},
    {},
    {"gpu_mem": 24, "concurrency": 300, "input_tokens": 800},
    {"gpu_mem": 80, "data": ["code"], "mlps_level": 2, "platform": "kubernetes"},
    {"corpus_size": 5000, "labeling_cost": "high", "avg_tokens": 300},
]


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, input=(stdin or "").encode(), capture_output=True, env=ENV, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def evaluate(spec, extra=()):
    rc, out, err = run(["--spec", "-", "--format", "json"] + list(extra), json.dumps(spec))
    if rc not in (0, 1):
        raise AssertionError(f"spec {spec}: exit {rc}: {err.strip()}")
    return json.loads(out)


def outcome(doc):
    return {"recommendation": doc["recommendation"], "status": doc["status"], "fallback": doc["fallback"]}


def size(c):
    """How big a change is: relative distance for numbers, 1 for anything else."""
    if isinstance(c["to"], (int, float)) and not isinstance(c["to"], bool) and c["from"] is not None:
        return abs(c["to"] - c["from"]) / max(abs(c["from"]), 1)
    return 1


def t_every_change_reruns_to_its_claimed_outcome():
    bad = []
    for spec in SPECS:
        doc = evaluate(spec)
        if "changes" not in doc or "stable" not in doc:
            bad.append(f"{spec}: no 'changes' or 'stable' key in a single result")
            continue
        facts = set()
        for c in doc["changes"]:
            if c["fact"] in facts:
                bad.append(f"{spec}: two changes of {c['fact']}")
            facts.add(c["fact"])
            for k in ("fact", "from", "to", "outcome", "rules", "fires", "stops"):
                if k not in c:
                    bad.append(f"{spec}: change {c} lacks {k!r}")
            if c["outcome"] == outcome(doc):
                bad.append(f"{spec}: change of {c['fact']} claims the current outcome")
            changed = dict(spec)
            changed[c["fact"]] = c["to"]
            got = evaluate(changed)
            if outcome(got) != c["outcome"]:
                bad.append(f"{spec} with {c['fact']}={c['to']!r}: outcome {outcome(got)}, change claims {c['outcome']}")
            fired = {r["source"] for r in got["reasons"]}
            for ref in c["fires"]:
                if ref not in fired:
                    bad.append(f"{spec} with {c['fact']}={c['to']!r}: {ref} claimed to fire, did not")
            for ref in c["stops"]:
                if ref in fired:
                    bad.append(f"{spec} with {c['fact']}={c['to']!r}: {ref} claimed to stop, still fires")
            if sorted(set(c["fires"]) | set(c["stops"])) != sorted(set(c["rules"])):
                bad.append(f"{spec}: change of {c['fact']}: rules {c['rules']} is not fires + stops")
            if c["from"] is None and c["fact"] not in spec and c["fact"] not in doc.get("facts", {}):
                pass  # an unknown fact being added
            elif c["from"] is None:
                bad.append(f"{spec}: change of known fact {c['fact']} has from null")
    return bad


def t_ranges_hold_at_their_edges():
    """A numeric change's range: at its edges the claimed outcome holds; just outside, it may not."""
    bad = []
    for spec in SPECS:
        doc = evaluate(spec)
        for c in doc["changes"]:
            rg = c.get("range")
            if not isinstance(c["to"], (int, float)) or isinstance(c["to"], bool):
                if rg is not None:
                    bad.append(f"{spec}: non-numeric change of {c['fact']} has a range")
                continue
            if not rg:
                bad.append(f"{spec}: numeric change of {c['fact']} without a range")
                continue
            pts = []
            for k, v in rg.items():
                if k in ("at_least", "at_most"):
                    pts.append(v)
                elif k == "above":
                    pts.append(v + 1e-6 if v else 1e-6)
                elif k == "below":
                    pts.append(v - 1e-6)
                else:
                    bad.append(f"{spec}: range key {k!r}")
            lo = rg.get("at_least", rg.get("above"))
            hi = rg.get("at_most", rg.get("below"))
            if lo is not None and c["to"] < lo or hi is not None and c["to"] > hi:
                bad.append(f"{spec}: {c['fact']} to {c['to']} lies outside its range {rg}")
            for x in pts:
                if isinstance(c["to"], int) and x != int(x):
                    continue
                changed = dict(spec)
                changed[c["fact"]] = x
                got = evaluate(changed)
                if outcome(got) != c["outcome"]:
                    bad.append(f"{spec} with {c['fact']}={x} (edge of {rg}): {outcome(got)}, not {c['outcome']}")
    return bad


def t_order_known_first_then_smallest():
    bad = []
    for spec in SPECS:
        cs = evaluate(spec)["changes"]
        known = [c["from"] is not None for c in cs]
        if known != sorted(known, reverse=True):
            bad.append(f"{spec}: an unknown fact's change comes before a known fact's: {[c['fact'] for c in cs]}")
        for a, b in zip(cs, cs[1:]):
            if (a["from"] is None) == (b["from"] is None) and size(a) > size(b) + 1e-12:
                bad.append(f"{spec}: {a['fact']} (size {size(a)}) before {b['fact']} (size {size(b)})")
    return bad


def t_stable_and_missing():
    bad = []
    doc = evaluate({"gpu_mem": 12, "task": "contract-extraction"})
    if doc["stable"] is not True or doc["missing"]:
        bad.append(f"12 GB + contract extraction: stable {doc['stable']}, missing {doc['missing']}: want true and []")
    doc = evaluate({"task": "general"})
    if doc["stable"] is not False or not doc["missing"]:
        bad.append(f"general task only: stable {doc['stable']}, missing {doc['missing']}: want false and a list")
    # every fact in missing can change the answer by itself or with the others: at least one can alone
    alone = {c["fact"] for c in doc["changes"] if c["from"] is None}
    if not alone & set(doc["missing"]):
        bad.append(f"general task: no missing fact {doc['missing']} has a change of its own {sorted(alone)}")
    for spec in SPECS:
        d = evaluate(spec)
        if d["stable"] and d["missing"]:
            bad.append(f"{spec}: stable but missing {d['missing']}")
        if d["stable"] is False and not d["missing"]:
            bad.append(f"{spec}: unstable with nothing missing")
        for c in d["changes"]:
            if c["from"] is None and d["stable"]:
                bad.append(f"{spec}: stable, yet adding {c['fact']} changes it")
    return bad


def t_changes_n_caps_the_list():
    bad = []
    spec = {"task": "general"}
    full = evaluate(spec)["changes"]
    if len(full) < 3:
        return [f"want at least 3 changes for {spec}, got {len(full)}"]
    d = evaluate(spec, ["--changes", "0"])
    if "changes" in d or d.get("stable") is not False:
        bad.append(f"--changes 0: want 'stable' and no 'changes' key, got {sorted(d)}")
    for n in (1, 2, len(full), len(full) + 5):
        d = evaluate(spec, ["--changes", str(n)])
        if d.get("changes") != full[:n]:
            bad.append(f"--changes {n}: {len(d['changes'])} changes, not the first {n} of the full list")
        if "stable" not in d:
            bad.append(f"--changes {n}: no 'stable'")
    rc, out, err = run(["--task", "general", "--changes", "0"])
    if "What would change it" in out:
        bad.append("--changes 0 still prints the section")
    rc, out, err = run(["--task", "general", "--changes=1"])
    sect = out.split("What would change it", 1)[-1].strip().splitlines()[1:]
    if rc != 0 or len([ln for ln in sect if ln.startswith("  ")]) != 1:
        bad.append(f"--changes=1: want one change line, got {sect}")
    return bad


def t_bad_changes_values_are_usage_errors():
    bad = []
    for v in ("-1", "abc", "1.5", "", "1000001", "99999999999999999999", " 3"):
        rc, out, err = run(["--task", "general", "--changes", v])
        if rc != 64 or out or len(err.splitlines()) != 1 or "--changes" not in err:
            bad.append(f"--changes {v!r}: exit {rc}, stdout {out[:40]!r}, stderr {err!r}")
    rc, out, err = run(["--task", "general", "--changes"])
    if rc != 64 or len(err.splitlines()) != 1 or "--changes" not in err:
        bad.append(f"--changes without a value: exit {rc}, stderr {err!r}")
    rc, out, err = run(["--task", "general", "--change", "2"])
    if rc != 64 or "--changes" not in err:
        bad.append(f"--change (a typo): exit {rc}, stderr {err!r} does not suggest --changes")
    return bad


def t_text_lines():
    bad = []
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction"])
    want = ["Stable: nothing still unknown can change the answer.",
            "What would change it (one fact at a time, smallest change first):",
            "  with --gpu-mem more than 12: V2 (",
            "1.1 no longer applies)"]
    for w in want:
        if w not in out:
            bad.append(f"12 GB contract extraction: text lacks {w!r}")
    if rc != 1:
        bad.append(f"exit {rc}, want 1")
    rc, out, err = run(["--task", "general"])
    for w in ("  if you add --gpu-mem 12 or less: V1, recommended rather than by default (1.1)", "  with --streaming: V2 (4.3)",
              "V1, recommended rather than by default"):
        if w not in out:
            bad.append(f"general task: text lacks {w!r}")
    if "Stable:" in out:
        bad.append("general task: claims to be stable")
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction", "--lang", "zh"])
    sect = out.split("什么会改变结论", 1)
    if len(sect) != 2 or not CJK.search(sect[1]) or "--gpu-mem" not in sect[1]:
        bad.append(f"zh: no Chinese 'what would change it' section with --gpu-mem: {out[-300:]!r}")
    if "What would change it" in out:
        bad.append("zh: the English heading is printed")
    return bad


def t_batch_opt_in():
    bad = []
    lines = "\n".join(json.dumps(s) for s in SPECS) + "\n"
    rc, out, err = run(["--batch", "-"], lines)
    docs = [json.loads(x) for x in out.splitlines()]
    if len(docs) != len(SPECS):
        bad.append(f"batch: {len(docs)} lines for {len(SPECS)} records")
    for d in docs:
        if "changes" in d or "stable" in d:
            bad.append("batch without --changes has 'changes' or 'stable'")
            break
    rc, out, err = run(["--batch", "-", "--changes", "1"], lines)
    docs = [json.loads(x) for x in out.splitlines()]
    if len(docs) != len(SPECS):
        bad.append(f"batch --changes 1: {len(docs)} lines for {len(SPECS)} records")
    for spec, d in zip(SPECS, docs):
        single = evaluate(spec, ["--changes", "1"])
        if d.get("changes") != single["changes"] or d.get("stable") != single["stable"]:
            bad.append(f"batch --changes 1 for {spec}: {d.get('changes')} / {d.get('stable')}, "
                       f"single: {single['changes']} / {single['stable']}")
    return bad


def t_help_shows_an_example():
    rc, out, err = run(["--help"])
    if rc != 0 or not re.search(r"^\s+dsselect .*--changes \d+", out, re.M) or "--changes N" not in out:
        return [f"--help has no '--changes N' option or example: exit {rc}"]
    return []


if __name__ == "__main__":
    run_tests(globals(), "t_")

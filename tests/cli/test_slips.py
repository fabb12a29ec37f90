#!/usr/bin/env python3
"""Issue 16's slips, each caught with one clear line on stderr and the contract's exit status; the
Chinese of every message a person reads; and the GitHub format checked with the runner's own rule.

Usage: test_slips.py BIN"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from runner import run_tests  # noqa: E402
from junit_schema import check_run  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ENV = {k: v for k, v in os.environ.items()
       if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS", "NO_COLOR", "TERM")}
TMP = tempfile.mkdtemp(prefix="dsselect-slips-")
HAN = re.compile(r"[\u4e00-\u9fff]")


def run(args, stdin=b"", env=None, stdout=subprocess.PIPE, cwd=None):
    e = dict(ENV)
    e.update(env or {})
    p = subprocess.run([BIN] + args, input=stdin if isinstance(stdin, bytes) else stdin.encode(),
                       stdout=stdout, stderr=subprocess.PIPE, env=e, timeout=60, cwd=cwd or TMP)
    check_run(args, p.stdout)  # a JUnit report valid against Jenkins' schema, whatever the test looks at
    out = p.stdout.decode("utf-8", "replace") if p.stdout is not None else ""
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def one_line(args, code, has, stdin=b"", env=None, lang=None):
    """args exit code with exactly one stderr line that contains has (and is Chinese for lang zh)."""
    rc, out, err = run(args, stdin, env)
    why = []
    if rc != code:
        why.append(f"{args}: exit {rc}, want {code}; stderr {err!r}")
    if err.count("\n") != 1:
        why.append(f"{args}: {err.count(chr(10))} stderr lines, want one: {err!r}")
    if has not in err:
        why.append(f"{args}: stderr {err!r} lacks {has!r}")
    if lang == "zh" and not HAN.search(err):
        why.append(f"{args}: stderr {err!r} is not Chinese")
    return why


# ---- slips ----

def t_no_workload_is_a_usage_error():
    why = one_line([], 64, "no workload given")
    why += one_line(["--format", "json"], 64, "--spec FILE")
    why += one_line(["--lang", "zh"], 64, "没有给出工作负载", lang="zh")
    why += one_line([], 64, "没有给出工作负载", env={"LANG": "zh_CN.UTF-8"}, lang="zh")
    rc, out, err = run(["--task", "general", "--format", "json"])  # one fact is a workload
    if rc != 0 or '"status": "default"' not in out:
        why.append(f"--task general: exit {rc}: {out[:80]!r}")
    return why


def t_a_spec_file_as_an_argument_suggests_spec():
    why = one_line(["workload.yaml"], 64, "--spec workload.yaml")
    open(os.path.join(TMP, "w1"), "w").write("{}\n")
    why += one_line(["w1"], 64, "--spec w1")
    why += one_line(["hello"], 64, "options start with '--'")
    return why


def t_mistyped_commands_get_did_you_mean():
    return (one_line(["rule", "list"], 64, "unknown command 'rule' (did you mean 'rules'?)")
            + one_line(["swep", "--vary", "gpu_mem=8:16:8"], 64, "(did you mean 'sweep'?)")
            + one_line(["rules", "lsit"], 64, "(did you mean 'list'?)")
            + one_line(["--lang", "zh", "swep"], 64, "是否想写“sweep”", lang="zh"))


def t_help_wins():
    why = []
    for args in (["--help", "--gpu-mem", "abc"], ["--gpu-mem", "abc", "--help"], ["-h", "--bogus"],
                 ["sweep", "--bogus", "--help"], ["rules", "check", "--bogus", "-h"]):
        rc, out, err = run(args)
        if rc != 0 or err or "Usage" not in out:
            why.append(f"{args}: exit {rc}, stderr {err!r}, stdout {out[:60]!r}")
    rc, out, err = run(["--help", "--lang", "zh", "--gpu-mem", "abc"])
    if rc != 0 or not out.startswith("根据工作负载"):
        why.append(f"--help --lang zh: exit {rc}: {out[:60]!r}")
    return why


def t_sweep_refuses_what_it_would_ignore():
    v = ["sweep", "--vary", "gpu_mem=8:16:8"]
    return (one_line(v + ["--explain"], 64, "sweep: option --explain is dsselect's; sweep writes one line per point")
            + one_line(v + ["--changes", "2"], 64, "option --changes is dsselect's; sweep writes one line per point")
            + one_line(v + ["--summary"], 64, "option --summary is dsselect's; sweep already writes every point")
            + one_line(v + ["--expect", "V1"], 64, "sweep has no single answer to check")
            + one_line(v + ["--gpu-mem", "24"], 64, "sweep: --gpu-mem: gpu_mem is the fact --vary sweeps")
            + one_line(v + ["--lang", "zh", "--explain"], 64, "sweep：选项 --explain 属于 dsselect 本身", lang="zh")
            + one_line(["rules", "list", "--summary"], 64, "this command takes --format --help --lang --rules"))


def t_sweep_usage_lists_every_format():
    rc, out, err = run(["sweep", "--help"])
    why = [] if rc == 0 and "--format text|csv|json|ndjson|svg" in out else [f"sweep --help: {out!r}"]
    rc, out, err = run(["--help"])
    if "sweep --vary FACT=START:STOP:STEP [--vary ...] [OPTION]... [--format text|csv|json|ndjson|svg]" not in out:
        why.append("dsselect --help's sweep line lacks its formats")
    return why


def t_batch_text_names_every_batch_format():
    return one_line(["--batch", "--format", "text"], 64, "use ndjson, tsv, value, junit or github")


def t_a_gate_never_passes_on_nothing():
    why = []
    for args in (["--batch", "--expect", "V2"], ["--batch", "--format", "junit"], ["--batch", "--format", "github"]):
        for stdin in ("", "\n\n"):
            rc, out, err = run(args, stdin)
            if rc != 66 or "no records to check" not in err:
                why.append(f"{args} on {stdin!r}: exit {rc}, stderr {err!r}")
    rc, out, err = run(["--batch"], "")
    if rc != 0 or out or err:
        why.append(f"--batch on nothing, no gate: exit {rc} {out!r} {err!r}")
    why += one_line(["--batch", "--expect", "V1", "--lang", "zh"], 66, "没有可检查的记录", lang="zh")
    rc, out, err = run(["--gpu-mem", "12", "--summary"])
    if "dsselect: 1 record: V1 1," not in err:
        why.append(f"--summary of one spec: {err!r}")
    return why


def t_help_to_a_full_disk_says_why():
    why = []
    if not os.path.exists("/dev/full"):
        return ["/dev/full is missing"]
    for args in (["--help"], ["sweep", "--help"], ["rules", "--help"], ["rules", "check", "--help"],
                 ["--help", "--lang", "zh"]):
        with open("/dev/full", "wb") as full:
            rc, out, err = run(args, stdout=full)
        want = "设备上没有剩余空间" if "zh" in args else "No space left on device"
        if rc != 74 or want not in err or err.count("\n") != 1:
            why.append(f"{args} > /dev/full: exit {rc}, stderr {err!r}")
    return why


def t_help_puts_a_facts_notes_in_one_parenthesis():
    why = []
    for lang, pair in (("en", ") ("), ("zh", "）（")):
        rc, out, err = run(["--help", "--lang", lang])
        for line in out.splitlines():
            if line.startswith("  --") and pair in line:
                why.append(f"{lang}: two parentheses side by side: {line!r}")
    rc, out, err = run(["--help", "--lang", "zh"])
    if "P99 延迟要求（毫秒；数值，> 0）" not in out:
        why.append("--p99-ms's Chinese help does not read '（毫秒；数值，> 0）'")
    return why


def t_a_fact_no_rule_reads_says_so_in_help():
    rc, out, err = run(["--help"])
    line = next((l for l in out.splitlines() if l.lstrip().startswith("--quant")), "")
    why = [] if "no rule reads it" in line else [f"--quant's help line: {line!r}"]
    line = next((l for l in out.splitlines() if l.lstrip().startswith("--gpu-mem")), "")
    if "no rule reads it" in line:
        why.append("--gpu-mem is read by rules, its line says otherwise")
    rc, out, err = run(["--help", "--lang", "zh"])
    line = next((l for l in out.splitlines() if l.lstrip().startswith("--quant")), "")
    if "没有规则读取它" not in line:
        why.append(f"--quant's Chinese help line: {line!r}")
    return why


# ---- Chinese ----

def t_option_errors_in_chinese():
    return (one_line(["--lang", "zh", "--gpu-mme", "2"], 64, "dsselect：未知选项“--gpu-mme”（是否想写“--gpu-mem”？）", lang="zh")
            + one_line(["--gpu-mme", "2", "--lang", "zh"], 64, "未知选项", lang="zh")
            + one_line(["--format", "jsn"], 64, "未知的值“jsn”", env={"LANG": "zh_CN.UTF-8"}, lang="zh")
            + one_line(["--changes", "x"], 64, "不是计数", env={"LC_ALL": "zh_CN.UTF-8"}, lang="zh")
            + one_line(["--expect", "V3", "--task", "general"], 64, "未知的模型“V3”", env={"LANG": "zh_CN.UTF-8"},
                       lang="zh")
            + one_line(["--lang", "zh", "rules", "frob"], 64, "dsselect：rules：未知的子命令“frob”", lang="zh")
            + one_line(["--lang", "zh", "--gpu-mem", "abc"], 64, "dsselect：选项 --gpu-mem：", lang="zh"))


def t_expect_mismatch_in_chinese():
    why = one_line(["--lang", "zh", "--gpu-mem", "12", "--task", "contract-extraction", "--expect", "V2"], 2,
                   "dsselect：期望 V2，得到 V1（冲突）", lang="zh")
    why += one_line(["--gpu-mem", "12", "--task", "contract-extraction", "--expect", "V2"], 2,
                    "dsselect: expected V2, got V1 (conflict)")
    return why


def t_sweep_words_in_chinese():
    rc, out, err = run(["sweep", "--lang", "zh", "--vary", "gpu_mem=8:16:8"])
    head = out.splitlines()[0] if out else ""
    why = [] if rc == 0 and "模型" in head and "状态" in head and "规则" in head else [f"heading {head!r}"]
    if "推荐" not in out or "recommended" in out:
        why.append(f"status column not Chinese: {out!r}")
    rc, out, err = run(["sweep", "--lang", "zh", "--vary", "gpu_mem=8:16:8", "--vary", "task"])
    if "图例：" not in out or "备选模型" not in out:
        why.append(f"legend: {out[-200:]!r}")
    return why


def t_rules_test_counts_in_chinese():
    rc, out, err = run(["rules", "test", "--lang", "zh"])
    last = out.splitlines()[-1] if out else ""
    return [] if rc == 0 and re.fullmatch(r"通过 \d+ 项，失败 0 项", last) else [f"last line {last!r}"]


def t_text_in_chinese_reads_as_chinese():
    """Whole text results in Chinese: no half-width punctuation beside Chinese words, no replaced term."""
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    why = []
    workloads = [["--gpu-mem", "12", "--task", "contract-extraction"], ["--task", "general"],
                 ["--gpus", "4", "--gpu-mem", "24", "--nccl", "--task", "intent-classification"],
                 ["--filing", "--streaming"], ["--gpu-mem", "16", "--platform", "kubernetes", "--credit-approval"],
                 ["--gpus", "7", "--gpu-mem", "8", "--nccl", "--quant", "int4", "--p99-ms", "30"],
                 ["--gpu-mem", "24", "--gpu-model", "a10g", "--mlps-level", "3", "--explain"]]
    for args in workloads:
        rc, out, err = run(args + ["--lang", "zh"])
        for line in out.splitlines():
            t = re.sub(r"%[sd]", "X", line)
            for i, c in enumerate(t):
                if c in ",;:()!?" and ((i and cjk.match(t[i - 1])) or (c == "(" and i + 1 < len(t) and cjk.match(t[i + 1]))):
                    why.append(f"{args}: half-width {c!r} in {line!r}")
                    break
            if "两害相权" in line or "fallback" in line:
                why.append(f"{args}: {line!r} does not use the term 备选")
        if "备选模型：" not in out and rc == 1:
            why.append(f"{args}: a conflict without '备选模型：': {out[:200]!r}")
    return why


def t_a_specs_id_heads_its_text():
    spec = '{"id": "contracts-eu", "gpu_mem": 40}'
    rc, out, err = run(["--spec", "-"], spec)
    why = [] if out.startswith("Workload: contracts-eu\nRecommendation: ") else [f"text: {out[:80]!r}"]
    rc, out, err = run(["--spec", "-", "--lang", "zh"], spec)
    if not out.startswith("工作负载：contracts-eu\n推荐："):
        why.append(f"zh text: {out[:80]!r}")
    rc, out, err = run(["--spec", "-"], '{"gpu_mem": 40}')
    if not out.startswith("Recommendation: "):
        why.append(f"no id: {out[:80]!r}")
    rc, out, err = run(["--spec", "-", "--format", "github"], '{"id": "x", "gpu_mem": 12, "task": "contract-extraction"}')
    if "Workload: " in out:
        why.append("the CI formats name the workload in their title, not again in the text")
    return why


def t_spec_dir_text_rows():
    d = os.path.join(TMP, "sd")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "a.json"), "w").write('{"gpu_mem": "x"}\n')
    open(os.path.join(d, "b.json"), "w").write('{"id": "bee", "gpu_mem": 40}\n')
    open(os.path.join(d, "c.json"), "w").write('{"gpu_mem": 40}\n')
    why = []
    rc, out, err = run(["--spec-dir", d, "--lang", "zh"])
    if "第 1 行第 2 列有误：键“gpu_mem”：应为数值，实际为字符串" not in out:
        why.append(f"zh error row: {out[:200]!r}")
    if "工作负载：bee\n推荐：" not in out:
        why.append("the id of b.json is not shown under its heading")
    if "工作负载：" + os.path.join(d, "c.json") in out:
        why.append("a file named by its path is named twice")
    rc, out, err = run(["--spec-dir", d])
    if "Error on line 1, column 2: key 'gpu_mem'" not in out or "Workload: bee\n" not in out:
        why.append(f"en rows: {out[:200]!r}")
    return why


def t_a_fact_no_rule_reads_gets_a_warning_when_given():
    why = []
    rc, out, err = run(["--task", "general", "--quant", "int4", "--format", "json"])
    if "quant is recorded, but no rule reads it: it does not change the answer" not in out:
        why.append(f"json: {out[:300]!r}")
    rc, out, err = run(["--task", "general", "--quant", "int4", "--lang", "zh"])
    if "quant 只作记录，没有规则读取它：它不会改变结论" not in out:
        why.append("zh text lacks the warning")
    rc, out, err = run(["--task", "general", "--format", "json"])
    if "no rule reads it" in out:
        why.append("the warning without --quant")
    rc, out, err = run(["--batch"], '{"quant": "int8", "gpu_mem": 40}\n')
    if "no rule reads it" not in out:
        why.append(f"batch: {out[:200]!r}")
    return why


def t_the_verdict_is_colored_on_a_terminal_only():
    why = []
    conflict = ["--gpu-mem", "12", "--task", "contract-extraction"]
    rc, out, err = run(conflict + ["--color", "always"])
    if not out.startswith("\033[1;31mConflict:") or "\033[36m[1.1]\033[0m" not in out or "\033[2m[2.2]" not in out:
        why.append(f"conflict, --color always: {out[:160]!r}")
    rc, out, err = run(["--gpu-mem", "40", "--color", "always"])
    if not out.startswith("\033[1;32mRecommendation: V1"):
        why.append(f"recommended: {out[:60]!r}")
    rc, out, err = run(["--task", "general", "--color", "always"])
    if not out.startswith("\033[1;33mRecommendation: V1"):
        why.append(f"default: {out[:60]!r}")
    for args, env in ((conflict, {}), (conflict + ["--color", "never"], {}), (conflict + ["--format", "json", "--color", "always"], {}),
                      (conflict + ["--format", "github", "--color", "always"], {}), (conflict + ["--format", "tsv", "--color", "always"], {})):
        rc, out, err = run(args, env=env)  # a pipe, or a format that is data
        if "\033[" in out:
            why.append(f"{args}: colors in {out[:80]!r}")
    # on a terminal (script gives one), colors unless NO_COLOR or TERM=dumb
    if subprocess.run(["sh", "-c", "command -v script"], capture_output=True).returncode == 0:
        cmd = " ".join([BIN] + conflict)
        for env, want in (({"TERM": "xterm"}, True), ({"TERM": "xterm", "NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)):
            e = dict(ENV)
            e.update(env)
            p = subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True, env=e, timeout=60)
            if ("\033[1;31m" in p.stdout.decode("utf-8", "replace")) != want:
                why.append(f"terminal with {env}: colors {'missing' if want else 'present'}")
    return why


def width(text):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def t_help_columns_line_up_by_display_width():
    why = []
    for lang in ("en", "zh"):
        rc, out, err = run(["--help", "--lang", lang])
        cols = set()
        for line in out.splitlines():
            m = re.match(r"^(  --\S+(?: \S+)?\s+)\S", line)
            if m and not line.startswith("  --" + "-"):
                cols.add(width(m.group(1)))
        if len(cols) != 1:
            why.append(f"{lang}: option descriptions start at columns {sorted(cols)}")
        lines = out.splitlines()
        first = next(i for i, l in enumerate(lines) if l.startswith(("Usage", "用法")))
        usage = [lines[first]]
        for l in lines[first + 1:]:
            if not l.lstrip().startswith("dsselect "):
                break
            usage.append(l)
        starts = {width(l[:l.index("dsselect")]) for l in usage}
        if len(starts) != 1 or len(usage) < 4:
            why.append(f"{lang}: usage lines start 'dsselect' at columns {sorted(starts)}")
    return why


# ---- GitHub: what the runner would obey ----

# .NET's char.IsWhiteSpace, which TrimStart() uses before the runner looks for "::"
DOTNET_BLANKS = set("\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)}


def commands(text):
    """The workflow commands the runner finds in text, line by line as it reads them: a line that starts with
    '::' after blanks is a command ('v2'); only one that is not may still hold the older '##[' form ('v1')."""
    found = []
    for line in text.split("\n"):
        t = line.lstrip("".join(DOTNET_BLANKS))
        if t.startswith("::"):
            found.append(("v2", line))
        elif "##[" in line:
            found.append(("v1", line))
    return found


def t_github_format_obeys_only_its_own_commands():
    why = []
    names = ["::stop-commands::tok.json", "::add-mask::secret.json", " ::error::x.json", "\u3000::warning::y.json",
             "##[group]z.json", "ok.json"]
    for n in names:
        with open(os.path.join(TMP, n), "w") as f:
            f.write('{"gpu_mem": 12, "task": "contract-extraction"}\n')
        rc, out, err = run(["--spec", n, "--expect", "V2", "--format", "github"])
        mine = [c for c in commands(out) if c[1].startswith(("::error ", "::warning "))]
        if rc != 2 or len(mine) != 1 or commands(out) != mine:
            why.append(f"--spec {n!r}: exit {rc}, stdout commands {commands(out)}")
        if commands(err):
            why.append(f"--spec {n!r}: stderr holds commands {commands(err)}")
    bname = "::warning::b.ndjson"
    with open(os.path.join(TMP, bname), "w") as f:
        f.write('{"gpu_mem": 12}\n{"gpu_mem": "x"}\n')
    rc, out, err = run(["--batch", bname, "--expect", "V2", "--format", "github"])
    if commands(err):
        why.append(f"--batch {bname!r}: stderr holds commands {commands(err)}")
    if len(commands(out)) != 2 or not all(c[1].startswith("::error ") for c in commands(out)):
        why.append(f"--batch {bname!r}: stdout commands {commands(out)}")
    # GITHUB_ACTIONS=true: the text for people is made safe too
    rc, out, err = run(["--spec", "::stop-commands::tok.json", "--expect", "V2"], env={"GITHUB_ACTIONS": "true"})
    if commands(err) or commands(out):
        why.append(f"GITHUB_ACTIONS=true: commands {commands(out) + commands(err)}")
    return why


if __name__ == "__main__":
    run_tests(globals(), "t_")

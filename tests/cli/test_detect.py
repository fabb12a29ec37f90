#!/usr/bin/env python3
"""Tests of dsselect --detect with a fake nvidia-smi on PATH (no GPU needed).

usage: python3 tests/cli/test_detect.py PATH/TO/dsselect
Prints each failure and ends with one line 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402
import tempfile

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="dsselect-detect-")


def fake(name, body):
    """A directory holding a fake nvidia-smi running body (sh)."""
    d = os.path.join(TMP, name)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "nvidia-smi")
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, 0o755)
    return d


def run(args, path_dir=None, env=None):
    e = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "KUBERNETES_SERVICE_HOST")}
    e["PATH"] = (path_dir + ":" if path_dir else "") + "/nonexistent-dsselect-test"
    e.update(env or {})
    p = subprocess.run([BIN] + args, capture_output=True, env=e, timeout=20)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


ONE = fake("one", 'echo "Tesla T4, 15360 MiB"')
FOUR = fake("four", 'for i in 1 2 3 4; do echo "NVIDIA A10G, 23028 MiB"; done')
ZERO = fake("zero", "exit 0")
GARBAGE = fake("garbage", 'echo "xyzzy: what is a GPU"')
FAILS = fake("fails", 'echo "NVIDIA-SMI has failed" >&2; exit 9')
MIXED = fake("mixed", 'echo "NVIDIA A100-SXM4-80GB, 81920 MiB"; echo "NVIDIA A100-SXM4-40GB, 40960 MiB"')


def doc(args, path_dir, env=None):
    rc, out, err = run(args + ["--format", "json"], path_dir, env)
    return rc, json.loads(out), err


def t_one_gpu():
    rc, d, err = doc(["--detect"], ONE)
    want = {"gpus": 1, "gpu_mem": 16, "gpu_model": "t4"}
    line = "dsselect: --detect: Tesla T4 (15360 MiB): gpu_mem 16, the catalog's size for t4\n"
    return [] if d.get("detected") == want and err == line else [f"detected {d.get('detected')} stderr {err!r}"]


def t_four_gpus_make_a_cluster():
    rc, d, err = doc(["--detect", "--nccl", "--task", "contract-extraction"], FOUR)
    bad = []
    if d.get("detected") != {"gpus": 4, "gpu_mem": 24, "gpu_model": "a10g"}:
        bad.append(f"detected {d.get('detected')}")
    if d["recommendation"] != "V2" or "multi-gpu-nccl" not in [r["rule"] for r in d["reasons"]]:
        bad.append(f"recommendation {d['recommendation']}")
    return bad


def t_zero_gpus_is_cpu_only():
    rc, d, err = doc(["--detect"], ZERO)
    return [] if d.get("detected") == {"gpus": 0, "gpu_mem": 0} and "single-small-gpu" in [
        r["rule"] for r in d["reasons"]] else [f"detected {d.get('detected')}"]


def t_no_nvidia_smi_is_cpu_only():
    rc, d, err = doc(["--detect"], None)
    return [] if d.get("detected") == {"gpus": 0, "gpu_mem": 0} and err == "" else [f"{d.get('detected')} {err!r}"]


def t_garbage_leaves_gpu_facts_unknown():
    rc, d, err = doc(["--detect"], GARBAGE)
    bad = []
    if "detected" in d or "gpu_mem" in d["facts"]:
        bad.append(f"facts {d['facts']}")
    if err.count("\n") != 1 or "unreadable" not in err:
        bad.append(f"stderr {err!r}")
    return bad


def t_failing_nvidia_smi_leaves_gpu_facts_unknown():
    rc, d, err = doc(["--detect"], FAILS)
    bad = []
    if "detected" in d or "gpus" in d["facts"]:
        bad.append(f"facts {d['facts']}")
    if err.count("\n") != 1 or "failed" not in err:
        bad.append(f"stderr {err!r}")
    return bad


def t_smallest_gpu_counts():
    rc, d, err = doc(["--detect"], MIXED)
    # a100-80gb and a100 are two models: no gpu_model
    bad = [] if d.get("detected") == {"gpus": 2, "gpu_mem": 40} else [f"{d.get('detected')}"]
    if err != ("dsselect: --detect: 2 GPUs, the smallest NVIDIA A100-SXM4-40GB (40960 MiB): "
               "gpu_mem 40, the catalog's size for a100\n"):
        bad.append(f"stderr {err!r}")
    return bad


def t_kubernetes_from_the_environment():
    rc, d, err = doc(["--detect"], ONE, {"KUBERNETES_SERVICE_HOST": "10.0.0.1"})
    return [] if d.get("detected", {}).get("platform") == "kubernetes" else [f"{d.get('detected')}"]


def t_flags_override():
    rc, d, err = doc(["--detect", "--gpu-mem", "80", "--gpus", "2"], ONE)
    bad = []
    if d["facts"].get("gpu_mem") != 80 or d["facts"].get("gpus") != 2:
        bad.append(f"facts {d['facts']}")
    if d.get("detected") != {"gpu_model": "t4"}:
        bad.append(f"detected {d.get('detected')} (overridden facts are not detected ones)")
    if err != "":
        bad.append(f"stderr {err!r} (no word on a detected size that --gpu-mem overrides)")
    return bad


def t_without_detect_nothing_is_detected():
    rc, d, err = doc(["--gpu-mem", "12"], FOUR)
    return [] if "detected" not in d and d["facts"].get("gpus") == 1 else [f"{d}"]


def t_text_says_what_was_detected():
    rc, out, err = run(["--detect"], FOUR)
    bad = [] if out.startswith("Detected on this machine: 4 GPUs (a10g, 24 GB each)") else [f"{out[:100]!r}"]
    rc, out, err = run(["--detect"], ONE, {"KUBERNETES_SERVICE_HOST": "k"})
    if not out.startswith("Detected on this machine: 1 GPU (t4, 16 GB each), platform kubernetes"):
        bad.append(f"{out[:100]!r}")
    rc, out, err = run(["--detect", "--lang", "zh"], ONE)
    if not out.startswith("在本机检测到：") or "1 块 GPU（t4，每块 16 GB）" not in out.splitlines()[0]:
        bad.append(f"zh {out[:100]!r}")
    return bad


HANGS = fake("hangs", 'echo "Tesla T4, 15360 MiB"; exec /bin/sleep 60')
NODEV = fake("nodev", 'echo "No devices were found"; exit 6')
MIXED_MODELS = fake("mixedmodels", 'echo "NVIDIA A100-SXM4-80GB, 81920 MiB"; echo "Tesla T4, 15360 MiB"')
LONG = fake("long", "printf 'Tesla T4, 81920 MiB %0500d, 16384 MiB\\n' 0")


def t_a_hanging_nvidia_smi_is_given_up():
    import time
    t0 = time.monotonic()
    rc, out, err = run(["--detect", "--format", "json"], HANGS)
    took = time.monotonic() - t0
    d = json.loads(out)
    bad = [] if took < 15 and "detected" not in d and "did not answer" in err else [f"{took:.1f} s, {err!r}"]
    return bad


def t_no_devices_found_is_cpu_only():
    rc, d, err = doc(["--detect"], NODEV)
    return [] if d.get("detected") == {"gpus": 0, "gpu_mem": 0} and err == "" else [f"{d.get('detected')} {err!r}"]


def t_mixed_models_name_none():
    rc, out, err = run(["--detect"], MIXED_MODELS)
    rc, d, err = doc(["--detect"], MIXED_MODELS)
    bad = [] if d.get("detected") == {"gpus": 2, "gpu_mem": 16} else [f"{d.get('detected')}"]
    rc, out, err = run(["--detect"], MIXED_MODELS)
    if "mixed models, 16 GB the smallest" not in out:
        bad.append(f"{out[:100]!r}")
    return bad


def t_a_long_line_is_one_gpu_or_unreadable():
    rc, d, err = doc(["--detect"], LONG)
    return [] if d.get("detected", {}).get("gpus") in (None, 1) else [f"{d.get('detected')}"]


def t_batch_defaults():
    e = {k: v for k, v in os.environ.items() if k != "KUBERNETES_SERVICE_HOST"}
    e["PATH"] = FOUR + ":/nonexistent-dsselect-test"
    p = subprocess.run([BIN, "--detect", "--batch"], input=b'{"id": 1, "nccl": true}\n{"id": 2, "gpus": 1}\n',
                       capture_output=True, env=e, timeout=20)
    lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
    bad = []
    if lines[0]["facts"].get("gpus") != 4 or lines[0]["recommendation"] != "V2":
        bad.append(f"record 1 {lines[0]['facts']}")
    if lines[1]["facts"].get("gpus") != 1 or lines[1].get("detected", {}).get("gpus") is not None:
        bad.append(f"record 2 {lines[1]['facts']} {lines[1].get('detected')}")
    return bad

# ---- nominal memory: what real boards report (nvidia-smi --query-gpu=name,memory.total --format=csv,noheader) ----

def smi(name, *lines):
    """A fake nvidia-smi printing these lines."""
    return fake(name, "".join("echo '%s'\n" % l for l in lines))


CATALOG = "the catalog's size for "
STATED = "the size its name states"
NO_SOURCE = "(no catalog size, no size in its name)"
# (the fake's lines, the detected facts, the warning after "dsselect: --detect: ")
BOARDS = [
    (["Tesla T4, 15360 MiB"], {"gpus": 1, "gpu_mem": 16, "gpu_model": "t4"},
     "Tesla T4 (15360 MiB): gpu_mem 16, " + CATALOG + "t4"),
    (["NVIDIA A10G, 23028 MiB"], {"gpus": 1, "gpu_mem": 24, "gpu_model": "a10g"},
     "NVIDIA A10G (23028 MiB): gpu_mem 24, " + CATALOG + "a10g"),
    (["NVIDIA A100-SXM4-40GB, 40960 MiB"], {"gpus": 1, "gpu_mem": 40, "gpu_model": "a100"},
     "NVIDIA A100-SXM4-40GB (40960 MiB): gpu_mem 40, " + CATALOG + "a100"),
    (["NVIDIA A100-SXM4-40GB, 40536 MiB"], {"gpus": 1, "gpu_mem": 40, "gpu_model": "a100"},
     "NVIDIA A100-SXM4-40GB (40536 MiB): gpu_mem 40, " + CATALOG + "a100"),
    (["NVIDIA A100-PCIE-40GB, 40536 MiB"], {"gpus": 1, "gpu_mem": 40, "gpu_model": "a100"},
     "NVIDIA A100-PCIE-40GB (40536 MiB): gpu_mem 40, " + CATALOG + "a100"),
    (["NVIDIA A100 80GB PCIe, 81920 MiB"], {"gpus": 1, "gpu_mem": 80, "gpu_model": "a100-80gb"},
     "NVIDIA A100 80GB PCIe (81920 MiB): gpu_mem 80, " + CATALOG + "a100-80gb"),
    (["NVIDIA A100-SXM4-80GB, 81920 MiB"], {"gpus": 1, "gpu_mem": 80, "gpu_model": "a100-80gb"},
     "NVIDIA A100-SXM4-80GB (81920 MiB): gpu_mem 80, " + CATALOG + "a100-80gb"),
    (["NVIDIA H100 80GB HBM3, 81559 MiB"], {"gpus": 1, "gpu_mem": 80, "gpu_model": "h100"},
     "NVIDIA H100 80GB HBM3 (81559 MiB): gpu_mem 80, " + CATALOG + "h100"),
    (["NVIDIA GeForce RTX 3060, 12288 MiB"], {"gpus": 1, "gpu_mem": 12, "gpu_model": "rtx3060"},
     "NVIDIA GeForce RTX 3060 (12288 MiB): gpu_mem 12, " + CATALOG + "rtx3060"),
    (["NVIDIA GeForce RTX 4070, 12282 MiB"], {"gpus": 1, "gpu_mem": 12, "gpu_model": "rtx4070"},
     "NVIDIA GeForce RTX 4070 (12282 MiB): gpu_mem 12, " + CATALOG + "rtx4070"),
    # a size in the name, a model the catalog does not know
    (["NVIDIA X200 48GB, 48000 MiB"], {"gpus": 1, "gpu_mem": 48},
     "NVIDIA X200 48GB (48000 MiB): gpu_mem 48, " + STATED),
    (["NVIDIA X200-24gb, 23000 MiB"], {"gpus": 1, "gpu_mem": 24},
     "NVIDIA X200-24gb (23000 MiB): gpu_mem 24, " + STATED),
    # neither: the MiB rounded
    (["NVIDIA L4, 23034 MiB"], {"gpus": 1, "gpu_mem": 22},
     "NVIDIA L4 (23034 MiB): gpu_mem 22, the reported 23034 MiB rounded to whole GB " + NO_SOURCE),
    (["NVIDIA Tiny, 300 MiB"], {"gpus": 1, "gpu_mem": 1},
     "NVIDIA Tiny (300 MiB): gpu_mem 1, the reported 300 MiB rounded up to 1 GB (a GPU counts at least 1; "
     "no catalog size, no size in its name)"),
    # a model's name inside another word is not that model: "T400" is no T4
    (["NVIDIA T400, 2048 MiB"], {"gpus": 1, "gpu_mem": 2},
     "NVIDIA T400 (2048 MiB): gpu_mem 2, the reported 2048 MiB rounded to whole GB " + NO_SOURCE),
    # a catalog name whose memory does not fit the catalog: not that model
    (["NVIDIA GeForce RTX 3060 Laptop GPU, 6144 MiB"], {"gpus": 1, "gpu_mem": 6},
     "NVIDIA GeForce RTX 3060 Laptop GPU (6144 MiB): gpu_mem 6, the reported 6144 MiB rounded to whole GB "
     "(the catalog's 12 GB for rtx3060 does not fit it, no size in its name)"),
    (["NVIDIA GeForce RTX 3060 Ti, 8192 MiB"], {"gpus": 1, "gpu_mem": 8},
     "NVIDIA GeForce RTX 3060 Ti (8192 MiB): gpu_mem 8, the reported 8192 MiB rounded to whole GB "
     "(the catalog's 12 GB for rtx3060 does not fit it, no size in its name)"),
    (["NVIDIA H100 NVL, 95830 MiB"], {"gpus": 1, "gpu_mem": 94},
     "NVIDIA H100 NVL (95830 MiB): gpu_mem 94, the reported 95830 MiB rounded to whole GB "
     "(the catalog's 80 GB for h100 does not fit it, no size in its name)"),
    (["NVIDIA H100 NVL 94GB, 95830 MiB"], {"gpus": 1, "gpu_mem": 94},
     "NVIDIA H100 NVL 94GB (95830 MiB): gpu_mem 94, " + STATED + " (the catalog's 80 GB for h100 does not fit it)"),
    # several boards
    (["NVIDIA A100-SXM4-40GB, 40536 MiB"] * 2, {"gpus": 2, "gpu_mem": 40, "gpu_model": "a100"},
     "2 × NVIDIA A100-SXM4-40GB (40536 MiB each): gpu_mem 40, " + CATALOG + "a100"),
    (["NVIDIA A100-SXM4-40GB, 40960 MiB", "NVIDIA A100-PCIE-40GB, 40536 MiB"],
     {"gpus": 2, "gpu_mem": 40, "gpu_model": "a100"},
     "2 GPUs, the smallest NVIDIA A100-PCIE-40GB (40536 MiB): gpu_mem 40, " + CATALOG + "a100"),
    (["NVIDIA H100 80GB HBM3, 81559 MiB", "NVIDIA L4, 23034 MiB", "NVIDIA X200 48GB, 48000 MiB"],
     {"gpus": 3, "gpu_mem": 22},
     "3 GPUs, the smallest NVIDIA L4 (23034 MiB): gpu_mem 22, the reported 23034 MiB rounded to whole GB "
     + NO_SOURCE),
    (["NVIDIA GeForce RTX 3060, 12288 MiB", "NVIDIA GeForce RTX 3060 Laptop GPU, 6144 MiB"],
     {"gpus": 2, "gpu_mem": 6},
     "2 GPUs, the smallest NVIDIA GeForce RTX 3060 Laptop GPU (6144 MiB): gpu_mem 6, the reported 6144 MiB "
     "rounded to whole GB (the catalog's 12 GB for rtx3060 does not fit it, no size in its name)"),
]


def t_real_boards_take_their_nominal_memory():
    bad = []
    for i, (lines, want, warning) in enumerate(BOARDS):
        rc, d, err = doc(["--detect"], smi("board%d" % i, *lines))
        if d.get("detected") != want:
            bad.append(f"{lines}: detected {d.get('detected')}, want {want}")
        if err != "dsselect: --detect: " + warning + "\n":
            bad.append(f"{lines}: stderr {err!r}")
    return bad


def t_two_a100_40gb_with_nccl_are_the_cluster():
    """The article's "2卡A100": 2 × 40 GB >= 80 GB, whichever MiB figure the boards report (1.2)."""
    bad = []
    for mib in (40960, 40536):
        board = smi("a100x2-%d" % mib, *["NVIDIA A100-SXM4-40GB, %d MiB" % mib] * 2)
        rc, d, err = doc(["--detect", "--nccl"], board)
        if d.get("detected") != {"gpus": 2, "gpu_mem": 40, "gpu_model": "a100"}:
            bad.append(f"{mib} MiB: detected {d.get('detected')}")
        if "multi-gpu-nccl" not in [r["rule"] for r in d["reasons"]]:
            bad.append(f"{mib} MiB: 1.2's cluster rule did not fire: {[r['rule'] for r in d['reasons']]}")
        if "the catalog's size for a100" not in err or err.count("\n") != 1:
            bad.append(f"{mib} MiB: stderr {err!r}")
        rc, out, err = run(["--detect", "--nccl"], board)
        if not out.startswith("Detected on this machine: 2 GPUs (a100, 40 GB each)"):
            bad.append(f"{mib} MiB: text {out[:80]!r}")
    return bad


def t_the_warning_in_chinese():
    want = {
        ("NVIDIA A100-SXM4-40GB, 40536 MiB",) * 2:
            "dsselect：--detect 检测到 2 块 NVIDIA A100-SXM4-40GB（每块 40536 MiB）：gpu_mem 取 40，即目录中 a100 的容量",
        ("NVIDIA X200 48GB, 48000 MiB",):
            "dsselect：--detect 检测到 NVIDIA X200 48GB（显存 48000 MiB）：gpu_mem 取 48，即名称中标明的容量",
        ("NVIDIA L4, 23034 MiB",):
            "dsselect：--detect 检测到 NVIDIA L4（显存 23034 MiB）：gpu_mem 取 22，即报告的 23034 MiB 四舍五入到整数 GB"
            "（目录中没有该型号的容量，名称中也未标明容量）",
        ("NVIDIA GeForce RTX 3060 Laptop GPU, 6144 MiB",):
            "dsselect：--detect 检测到 NVIDIA GeForce RTX 3060 Laptop GPU（显存 6144 MiB）：gpu_mem 取 6，即报告的 6144 MiB "
            "四舍五入到整数 GB（与目录中 12 GB 的 rtx3060 不符，名称中也未标明容量）",
        ("NVIDIA H100 80GB HBM3, 81559 MiB", "Tesla T4, 15360 MiB"):
            "dsselect：--detect 检测到 2 块 GPU，最小的一块 Tesla T4（15360 MiB）：gpu_mem 取 16，即目录中 t4 的容量",
    }
    bad = []
    for i, (lines, line) in enumerate(want.items()):
        rc, out, err = run(["--detect", "--lang", "zh"], smi("zh%d" % i, *lines))
        if err != line + "\n":
            bad.append(f"{lines}: stderr {err!r}")
    return bad


def t_the_warning_is_safe_for_github():
    board = smi("github", "NVIDIA ##[error]X 48GB, 48000 MiB")
    rc, out, err = run(["--detect", "--format", "github"], board)
    return [] if "##[" not in err and "48, the size its name states" in err else [f"stderr {err!r}"]


def t_the_layers_above_still_override():
    board = smi("layers", *["NVIDIA A100-SXM4-40GB, 40536 MiB"] * 2)
    bad = []
    # --gpu-mem overrides the nominal size, and there is nothing to say about it
    rc, d, err = doc(["--detect", "--gpu-mem", "24", "--nccl"], board)
    if d["facts"].get("gpu_mem") != 24 or d.get("detected") != {"gpus": 2, "gpu_model": "a100"} or err != "":
        bad.append(f"--gpu-mem 24: facts {d['facts']} detected {d.get('detected')} stderr {err!r}")
    if "multi-gpu-nccl" in [r["rule"] for r in d["reasons"]]:
        bad.append("--gpu-mem 24: 2 × 24 GB made the cluster")
    # --gpus leaves the detected size, and the warning
    rc, d, err = doc(["--detect", "--gpus", "1"], board)
    if d["facts"].get("gpu_mem") != 40 or d["facts"].get("gpus") != 1 or "the catalog's size for a100" not in err:
        bad.append(f"--gpus 1: facts {d['facts']} stderr {err!r}")
    # a spec file's gpu_mem overrides it too
    path = os.path.join(TMP, "spec.json")
    with open(path, "w") as f:
        f.write('{"gpu_mem": 16}\n')
    rc, d, err = doc(["--detect", "--spec", path], board)
    if d["facts"].get("gpu_mem") != 16 or d["facts"].get("gpus") != 2 or err != "":
        bad.append(f"--spec: facts {d['facts']} stderr {err!r}")
    return bad


def t_a_table_without_a_catalog():
    """A table whose gpu_model derives no gpu_mem: the name's size, else the MiB rounded; the model by name."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules", "deepseek-v1-v2.yaml")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    lines = [l for l in text.splitlines(True) if not ("fact: gpu_mem, value:" in l and "gpu_model" in l)]
    path = os.path.join(TMP, "no-catalog.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(lines))
    bad = []
    rc, d, err = doc(["--rules", path, "--detect"], smi("nocat-t4", "Tesla T4, 15360 MiB"))
    if d.get("detected") != {"gpus": 1, "gpu_mem": 15, "gpu_model": "t4"}:
        bad.append(f"T4: detected {d.get('detected')} ({err.strip()[:200]})")
    if "the reported 15360 MiB rounded to whole GB (no catalog size, no size in its name)" not in err:
        bad.append(f"T4: stderr {err!r}")
    rc, d, err = doc(["--rules", path, "--detect"], smi("nocat-a100", "NVIDIA A100-SXM4-40GB, 40536 MiB"))
    if d.get("detected") != {"gpus": 1, "gpu_mem": 40, "gpu_model": "a100"} or STATED not in err:
        bad.append(f"A100: detected {d.get('detected')} stderr {err!r}")
    return bad


def t_batch_warns_once():
    e = {k: v for k, v in os.environ.items() if k != "KUBERNETES_SERVICE_HOST"}
    e["PATH"] = smi("batch-a100", *["NVIDIA A100-SXM4-40GB, 40536 MiB"] * 2) + ":/nonexistent-dsselect-test"
    p = subprocess.run([BIN, "--detect", "--batch"], input=b'{"id": 1, "nccl": true}\n{"id": 2, "gpu_mem": 12}\n',
                       capture_output=True, env=e, timeout=20)
    lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
    bad = []
    if lines[0]["facts"].get("gpu_mem") != 40 or lines[0]["recommendation"] != "V2":
        bad.append(f"record 1 {lines[0]['facts']} {lines[0]['recommendation']}")
    if lines[1]["facts"].get("gpu_mem") != 12:
        bad.append(f"record 2 {lines[1]['facts']}")
    if p.stderr.decode().count("--detect: 2 × NVIDIA A100-SXM4-40GB") != 1 or p.stderr.decode().count("\n") != 1:
        bad.append(f"stderr {p.stderr.decode()!r}")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")

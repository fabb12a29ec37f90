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
    want = {"gpus": 1, "gpu_mem": 15, "gpu_model": "t4"}
    return [] if d.get("detected") == want and err == "" else [f"detected {d.get('detected')} stderr {err!r}"]


def t_four_gpus_make_a_cluster():
    rc, d, err = doc(["--detect", "--nccl", "--task", "contract-extraction"], FOUR)
    bad = []
    if d.get("detected") != {"gpus": 4, "gpu_mem": 22.49, "gpu_model": "a10g"}:
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
    return [] if d.get("detected") == {"gpus": 2, "gpu_mem": 40, "gpu_model": "a100"} else [f"{d.get('detected')}"]


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
    return bad


def t_without_detect_nothing_is_detected():
    rc, d, err = doc(["--gpu-mem", "12"], FOUR)
    return [] if "detected" not in d and d["facts"].get("gpus") == 1 else [f"{d}"]


def t_text_says_what_was_detected():
    rc, out, err = run(["--detect"], FOUR)
    bad = [] if out.startswith("Detected on this machine: 4 GPUs (a10g, 22.49 GB each)") else [f"{out[:100]!r}"]
    rc, out, err = run(["--detect"], ONE, {"KUBERNETES_SERVICE_HOST": "k"})
    if not out.startswith("Detected on this machine: 1 GPU (t4, 15 GB each), platform kubernetes"):
        bad.append(f"{out[:100]!r}")
    rc, out, err = run(["--detect", "--lang", "zh"], ONE)
    if not out.startswith("在本机检测到:1 块 GPU(t4,每块 15 GB)"):
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
    bad = [] if d.get("detected") == {"gpus": 2, "gpu_mem": 15} else [f"{d.get('detected')}"]
    rc, out, err = run(["--detect"], MIXED_MODELS)
    if "mixed models, 15 GB the smallest" not in out:
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


if __name__ == "__main__":
    run_tests(globals(), "t_")

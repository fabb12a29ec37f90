#!/usr/bin/env python3
"""Tests of dsselect --batch and the shell-friendly formats, through the built binary.

usage: python3 tests/cli/test_batch.py PATH/TO/dsselect

Each test is a function returning a list of problems. Prints each failure and
ends with one line 'N passed, M failed'; exits 1 on any failure.
"""
import re
import json
import os
import select
import signal
import socket
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402
from junit_schema import check_run  # noqa: E402
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="dsselect-batch-")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}


def run(args, stdin=b"", stdout=None):
    if isinstance(stdin, str):
        stdin = stdin.encode()
    if stdout is not None:
        p = subprocess.run([BIN] + args, input=stdin, stdout=stdout, stderr=subprocess.PIPE, env=ENV, timeout=60)
        return p.returncode, "", p.stderr.decode("utf-8", "replace")
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, env=ENV, timeout=60)
    check_run(args, p.stdout)  # a JUnit report valid against Jenkins' schema, whatever the test looks at
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def lines_of(out):
    return [json.loads(l) for l in out.splitlines()]


def tmpfile(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
    return path


GOOD_A = '{"id": "a", "gpu_mem": 12}'
GOOD_B = '{"id": "b", "streaming": true}'
CONFLICT = '{"id": "c", "filing": true, "streaming": true}'
BAD_KEY = '{"id": "bad", "gpu_mme": 12}'


def test_smoke_two_records():
    rc, out, err = run(["--batch"], GOOD_A + "\n" + GOOD_B + "\n")
    docs = lines_of(out)
    bad = []
    if rc != 0:
        bad.append(f"exit {rc}")
    if [(d["id"], d["recommendation"]) for d in docs] != [("a", "V1"), ("b", "V2")]:
        bad.append(f"results {out[:200]!r}")
    return bad


def test_errors_first_middle_last_in_place():
    bad = []
    for pos in range(3):
        recs = [GOOD_A, GOOD_B, CONFLICT]
        recs.insert(pos * 2 if pos < 2 else 4, BAD_KEY)  # first, middle, last
        rc, out, err = run(["--batch"], "\n".join(recs) + "\n")
        docs = lines_of(out)
        where = [i for i, d in enumerate(docs) if "error" in d]
        want = recs.index(BAD_KEY)
        if len(docs) != 4:
            bad.append(f"pos {pos}: {len(docs)} lines for 4 records")
            continue
        if where != [want]:
            bad.append(f"pos {pos}: error record at {where}, want [{want}]")
        e = docs[want]
        if e.get("line") != want + 1 or e.get("id") != "bad" or "gpu_mem" not in e.get("error", ""):
            bad.append(f"pos {pos}: error record {e}")
        if rc != 65:
            bad.append(f"pos {pos}: exit {rc}, want 65 (an error beats a conflict)")
        if err.count("\n") != 1 or f"<stdin>:{want + 1}:" not in err:
            bad.append(f"pos {pos}: stderr {err!r}")
    return bad


def test_crlf_blank_lines_no_final_newline():
    data = GOOD_A + "\r\n\r\n   \n\t\n \t \r\n" + CONFLICT + "\r\n\n" + GOOD_B  # no final newline
    rc, out, err = run(["--batch"], data)
    docs = lines_of(out)
    bad = []
    if [d.get("id") for d in docs] != ["a", "c", "b"]:
        bad.append(f"ids {[d.get('id') for d in docs]}")
    if rc != 1:
        bad.append(f"exit {rc}, want 1 (a conflict)")
    return bad


def test_line_numbers_count_blank_lines():
    rc, out, err = run(["--batch"], "\n\n" + BAD_KEY + "\n")
    docs = lines_of(out)
    return [] if len(docs) == 1 and docs[0].get("line") == 3 else [f"out {out!r}"]


def test_syntax_error_record_has_column():
    rc, out, err = run(["--batch"], '{"id": 1, "gpu_mem": 01}\n')
    d = lines_of(out)[0]
    bad = []
    if d.get("line") != 1 or d.get("column") != 22 or "leading zeros" not in d.get("error", ""):
        bad.append(f"record {d}")
    if "<stdin>:1:22:" not in err:
        bad.append(f"stderr {err!r}")
    return bad


def test_huge_line_is_a_per_line_error():
    big = '{"id": "big", "gpu_model": "' + "x" * (100 << 20) + '"}'
    path = tmpfile("huge.ndjson", GOOD_A + "\n" + big + "\n" + GOOD_B + "\n")
    p = subprocess.Popen([BIN, "--batch", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    out, err = p.communicate(timeout=60)
    docs = lines_of(out.decode())
    bad = []
    if [d.get("id") for d in docs] != ["a", None, "b"]:
        bad.append(f"ids {[d.get('id') for d in docs]}")
    elif "limit" not in docs[1].get("error", "") or docs[1].get("line") != 2:
        bad.append(f"error record {docs[1]}")
    if p.returncode != 65:
        bad.append(f"exit {p.returncode}")
    os.unlink(path)
    return bad


def test_huge_line_memory_stays_flat():
    """A 100 MB line is skipped, not stored: peak RSS stays far below its size."""
    path = tmpfile("huge2.ndjson", '{"gpu_model": "' + "y" * (100 << 20) + '"}\n')
    with open("/proc/self/status") as f:  # what the child inherits before exec counts in its peak too
        inherited = max([int(l.split()[1]) / 1024 for l in f if l.startswith("VmRSS:")] or [0])
    pid = os.fork()  # the parent holds no 100 MB string: a child's peak RSS counts what it inherits
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execve(BIN, [BIN, "--batch", path], ENV)
    _, status, usage = os.wait4(pid, 0)
    os.unlink(path)
    peak_mib = usage.ru_maxrss / 1024
    # under valgrind (DS_TEST_VALGRIND, set by the -DDSSELECT_VALGRIND=ON build) the peak is valgrind's
    # own, about 55 MiB: still far below the line's 100 MB, which storing it would pass
    # under ASan (DS_TEST_SANITIZE, the -DDSSELECT_SANITIZE=ON build) its shadow memory adds about 22 MiB
    limit = 80 if os.environ.get("DS_TEST_VALGRIND") else 48 if os.environ.get("DS_TEST_SANITIZE") else 16
    limit = max(limit, inherited + 2)  # this Python's own pages, whose size is no concern of dsselect
    return [] if peak_mib < limit else [f"peak RSS {peak_mib:.1f} MiB for a 100 MB line (limit {limit} MiB)"]


def test_flags_are_defaults_records_override():
    data = '{"id": 1}\n{"id": 2, "gpu_mem": 80, "gpus": 2}\n'
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction", "--batch"], data)
    docs = lines_of(out)
    bad = []
    if docs[0]["status"] != "conflict" or docs[0]["facts"].get("gpu_mem") != 12:
        bad.append(f"record 1 did not take the flags: {docs[0]['status']} {docs[0]['facts']}")
    if docs[1]["facts"].get("gpu_mem") != 80 or docs[1]["facts"].get("task") != "contract-extraction":
        bad.append(f"record 2: {docs[1]['facts']}")
    return bad


def test_expect_in_batch():
    rc, out, err = run(["--batch", "--expect", "V1"], GOOD_A + "\n" + GOOD_B + "\n")
    bad = []
    if rc != 2:
        bad.append(f"exit {rc}, want 2")
    if "<stdin>:2" not in err or "expected V1" not in err:
        bad.append(f"stderr {err!r}")
    if len(out.splitlines()) != 2:
        bad.append("both records must still be printed")
    rc, out, err = run(["--batch", "--expect", "V1"], GOOD_A + "\n" + BAD_KEY + "\n")
    if rc != 65:
        bad.append(f"error and match: exit {rc}, want 65")
    return bad


def test_severity_order():
    bad = []
    for recs, want in (([GOOD_A], 0), ([GOOD_A, CONFLICT], 1), ([CONFLICT, BAD_KEY, GOOD_A], 65)):
        rc, _, _ = run(["--batch"], "\n".join(recs) + "\n")
        if rc != want:
            bad.append(f"{len(recs)} records: exit {rc}, want {want}")
    return bad


def test_summary():
    rc, out, err = run(["--batch", "--summary"], "\n".join([GOOD_A, GOOD_B, CONFLICT, BAD_KEY]) + "\n")
    line = err.strip().splitlines()[-1]
    bad = []
    for part in ("4 records", "V1 1", "V2 1", "conflict 1", "default 0", "errors 1", "records/s"):
        if part not in line:
            bad.append(f"summary lacks {part!r}: {line!r}")
    # every mode ends with it: one spec from flags, a spec that cannot be read, and a CI format
    for args, want in ((["--gpu-mem", "12", "--task", "contract-extraction", "--format", "value"],
                        ("1 record:", "conflict 1", "errors 0")),
                       (["--gpus", "4", "--gpu-mem", "80", "--nccl"], ("1 record:", "V2 1", "conflict 0")),
                       (["--spec", "/nonexistent/w.yaml"], ("1 record:", "errors 1")),
                       (["--gpu-mem", "12", "--format", "junit"], ("1 record:", "V1 1"))):
        rc, out, err = run(args + ["--summary"])
        last = err.strip().splitlines()[-1] if err.strip() else ""
        if not last.startswith("dsselect: ") or not all(p in last for p in want) or len(re.findall(r"\brecords?:", err)) != 1:
            bad.append(f"{args} --summary: stderr {err!r}, want one summary with {want}")
    return bad


def test_tsv_and_value():
    data = "\n".join([GOOD_A, '{"id": "t\\tab", "gpu_mem": 8}', CONFLICT, BAD_KEY, '{"gpu_mem": 8}']) + "\n"
    rc, out, err = run(["--batch", "--format", "tsv"], data)
    rows = out.splitlines()
    bad = []
    want = ["id\tmodel\tstatus\trefs", "a\tV1\trecommended\t1.1", "t\\tab\tV1\trecommended\t1.1",
            "c\tV1\tconflict\t5.1,4.3", "bad\t-\terror\t-", "-\tV1\trecommended\t1.1"]
    if rows != want:
        bad.append(f"tsv {rows!r}")
    if any(len(r.split("\t")) != 4 for r in rows):
        bad.append("a row without exactly four fields")
    rc, out, err = run(["--batch", "--format", "tsv", "--no-header"], GOOD_A + "\n")
    if out != "a\tV1\trecommended\t1.1\n":
        bad.append(f"--no-header: {out!r}")
    rc, out, err = run(["--batch", "--format", "value"], data)
    if out.splitlines() != ["V1", "V1", "V1", "-", "V1"]:
        bad.append(f"value {out!r}")
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction", "--format", "value"])
    if out != "V1\n" or rc != 1:
        bad.append(f"single value: {out!r} exit {rc}")
    return bad


def test_batch_refuses_multiline_formats():
    bad = []
    for fmt in ("json", "text"):
        rc, out, err = run(["--batch", "--format", fmt], GOOD_A + "\n")
        if rc != 64 or out or err.count("\n") != 1:
            bad.append(f"--format {fmt}: exit {rc}")
    return bad


def test_batch_file_and_missing_file():
    path = tmpfile("two.ndjson", GOOD_A + "\n" + GOOD_B + "\n")
    bad = []
    rc, out, err = run(["--batch", path])
    if rc != 0 or len(out.splitlines()) != 2:
        bad.append(f"--batch FILE: exit {rc}")
    rc, out, err = run(["--batch=" + path, "--format", "value"])
    if out != "V1\nV2\n":
        bad.append(f"--batch=FILE: {out!r}")
    rc, out, err = run(["--batch", os.path.join(TMP, "nope.ndjson")])
    if rc != 66 or out:
        bad.append(f"missing file: exit {rc}")
    rc, out, err = run(["--batch", TMP])
    if rc != 66:
        bad.append(f"a directory: exit {rc}")
    for args in (["--spec", "-", "--batch"], ["--spec", "-", "--batch", "-"], ["--batch", "-", "--spec", "-"]):
        rc, out, err = run(args, "{}\n")
        if rc != 64 or out or "stdin" not in err:
            bad.append(f"{' '.join(args)} (both on stdin): exit {rc}, stderr {err!r}")
    return bad


def test_streams_before_end_of_input():
    """A result comes out while the input pipe is still open (flush before waiting)."""
    bad = []
    for extra in ([], ["--line-buffered"]):
        p = subprocess.Popen([BIN, "--batch"] + extra, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=ENV)
        p.stdin.write((GOOD_A + "\n").encode())
        p.stdin.flush()
        ready, _, _ = select.select([p.stdout], [], [], 5)
        if not ready:
            bad.append(f"{extra}: no result within 5 s while the input stays open")
        else:
            line = p.stdout.readline()
            if json.loads(line).get("id") != "a":
                bad.append(f"{extra}: first line {line!r}")
        p.stdin.write((GOOD_B + "\n").encode())
        p.stdin.flush()
        ready, _, _ = select.select([p.stdout], [], [], 5)
        if not ready:
            bad.append(f"{extra}: no second result while the input stays open")
        p.stdin.close()
        p.stdout.read()
        p.wait(timeout=10)
    return bad


def test_closed_pipe_ends_quietly_at_once():
    """dsselect --batch big | head -1: ends at once, by SIGPIPE, saying nothing."""
    path = tmpfile("big.ndjson", (GOOD_A + "\n" + CONFLICT + "\n") * 150000)
    t0 = time.monotonic()
    p = subprocess.Popen([BIN, "--batch", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    first = p.stdout.readline()
    p.stdout.close()  # like head -1 exiting
    err = p.stderr.read()
    p.wait(timeout=30)
    elapsed = time.monotonic() - t0
    bad = []
    if json.loads(first).get("id") != "a":
        bad.append(f"first line {first[:80]!r}")
    if p.returncode != -signal.SIGPIPE:
        bad.append(f"returncode {p.returncode}, want -{int(signal.SIGPIPE)} (SIGPIPE)")
    if err:
        bad.append(f"stderr {err[:200]!r}")
    if elapsed > 5:
        bad.append(f"took {elapsed:.1f} s")
    os.unlink(path)
    return bad


def test_dev_full_is_74_with_one_message():
    bad = []
    for args in (["--batch"], ["--batch", "--line-buffered"], ["--batch", "--format", "tsv"]):
        with open("/dev/full", "w") as full:
            rc, _, err = run(args, (GOOD_A + "\n") * 1000, stdout=full)
        if rc != 74 or err.count("\n") != 1 or "No space" not in err:
            bad.append(f"{args}: exit {rc}, stderr {err!r}")
    return bad


def test_lines_are_whole_in_large_output():
    """Blocks are written whole records at a time: every line parses."""
    rc, out, err = run(["--batch"], (GOOD_A + "\n" + CONFLICT + "\n" + BAD_KEY + "\n") * 20000)
    lines = out.splitlines()
    bad = [] if len(lines) == 60000 else [f"{len(lines)} lines for 60000 records"]
    try:
        ids = [json.loads(l).get("id") for l in lines]
        if ids[:3] != ["a", "c", "bad"] or ids[-3:] != ["a", "c", "bad"]:
            bad.append("records out of order")
    except ValueError as e:
        bad.append(f"a line does not parse: {e}")
    return bad


def test_crlf_line_of_exactly_the_limit():
    """The 1 MiB limit is on the content: a CRLF end does not push a line over it."""
    head = '{"id":"crm","gpu_mem":12'
    line = head + " " * ((1 << 20) - len(head) - 1) + "}"
    bad = []
    for end in ("\r\n", "\n", "\r"):
        rc, out, err = run(["--batch", "--format", "tsv", "--no-header"], line + end)
        if out != "crm\tV1\trecommended\t1.1\n":
            bad.append(f"end {end!r}: {out[:80]!r} {err[:80]!r}")
    rc, out, err = run(["--batch", "--format", "tsv", "--no-header"], line + " \r\n")
    if "error" not in out:
        bad.append("one byte over the limit is not an error")
    return bad


def test_error_record_keeps_long_ids():
    long_id = "q" * 200
    long_num = "1" * 130
    bad = []
    rc, out, err = run(["--batch"], '{"id":"%s","gpu_mme":1}\n{"id":%s,"gpu_mme":1}\n' % (long_id, long_num))
    docs = out.splitlines()
    if len(docs) != 2 or f'"id":"{long_id}"' not in docs[0] or f'"id":{long_num}' not in docs[1]:
        bad.append(f"error records {out[:120]!r}...")
    rc, out, err = run(["--batch", "--format", "tsv", "--no-header"], '{"gpu_mme":1,"id":"late"}\n')
    if out != "late\t-\terror\t-\n":
        bad.append(f"an id after the bad key: {out!r}")
    return bad


def test_spec_id_is_no_default():
    base = tmpfile("base.json", '{"id": "base", "gpu_mem": 24}')
    rc, out, err = run(["--spec", base, "--batch", "--format", "tsv", "--no-header"], '{"task": "general"}\n')
    return [] if out.startswith("-\tV1\t") else [f"tsv {out!r}"]


def test_read_error_keeps_what_was_done():
    """A read that fails mid-batch (a reset connection) still writes the results before it, then exits 66."""
    a, b = socket.socketpair()
    b.sendall(b"".join(b'{"id":%d}\n' % i for i in range(50)))
    a.sendall(b"junk")  # unread by b: closing b resets the connection
    b.close()
    p = subprocess.Popen([BIN, "--batch", "--format", "value"], stdin=a.fileno(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=ENV)
    a.close()
    out, err = p.communicate(timeout=20)
    bad = []
    if p.returncode != 66:
        bad.append(f"exit {p.returncode}")
    nlines = out.count(b"\n")
    if nlines != 50:
        bad.append(f"{nlines} result lines before the error, want 50")
    return bad


def test_blocked_sigpipe_still_quiet():
    """A parent that blocked SIGPIPE: dsselect unblocks it and still ends quietly on a closed pipe."""
    path = tmpfile("big2.ndjson", (GOOD_A + "\n") * 200000)
    old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGPIPE])
    try:
        p = subprocess.Popen([BIN, "--batch", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    p.wait(timeout=30)
    os.unlink(path)
    return [] if not err and p.returncode == -signal.SIGPIPE else [f"exit {p.returncode}, stderr {err[:100]!r}"]


def test_expect_message_starts_with_location():
    rc, out, err = run(["--batch", "--expect", "V2"], GOOD_A + "\n")
    return [] if err.startswith("<stdin>:1: expected V2") else [f"stderr {err!r}"]


def test_empty_batch_file_name():
    rc, out, err = run(["--batch="])
    return [] if rc == 64 and "--batch" in err else [f"exit {rc}, stderr {err!r}"]


def test_zh_error_records_stay_english_messages_are_chinese():
    rc, out, err = run(["--batch", "--lang", "zh"], GOOD_A + "\n" + BAD_KEY + "\n" + '{"gpus": 2' + "\n")
    docs = lines_of(out)
    bad = []
    if rc != 65 or len(docs) != 3:
        return [f"exit {rc}, {len(docs)} lines"]
    if docs[1].get("error") != "unknown key 'gpu_mme' (did you mean 'gpu_mem'?)" or docs[1].get("id") != "bad":
        bad.append(f"record 2 is not the English one: {docs[1]}")
    if docs[2].get("error") != "JSON syntax error: unexpected end of input":
        bad.append(f"record 3 is not the English one: {docs[2]}")
    want = ["<stdin>:2:15: 未知的键“gpu_mme”（是否想写“gpu_mem”？）", "<stdin>:3:11: JSON 语法错误：输入意外结束"]
    if err.splitlines() != want:
        bad.append(f"stderr {err!r}")
    # the same output bytes as in English: JSON never changes with the language
    rc2, out2, err2 = run(["--batch", "--lang", "en"], GOOD_A + "\n" + BAD_KEY + "\n" + '{"gpus": 2' + "\n")
    if out2 != out:
        bad.append("the NDJSON differs between en and zh")
    return bad


def test_zh_batch_line_too_long():
    huge = '{"id": "' + "x" * (1 << 20) + '"}'
    rc, out, err = run(["--batch", "--lang", "zh"], huge + "\n")
    docs = lines_of(out)
    bad = []
    if [d.get("error") for d in docs] != ["line is longer than the 1 MiB limit"]:
        bad.append(f"records {[d.get('error') for d in docs]}")
    if err != "<stdin>:1: 这一行超过了 1 MiB 的上限\n":
        bad.append(f"stderr {err!r}")
    return bad


def test_zh_spec_dir_text_rows_are_chinese_json_rows_english():
    d = os.path.join(TMP, "zhdir")
    os.makedirs(d, exist_ok=True)
    tmpfile("zhdir/a.json", '{"gpu_mem": "x"}')
    tmpfile("zhdir/b.yaml", "gpu_mem: 12\n")
    bad = []
    rc, out, err = run(["--spec-dir", d, "--lang", "zh"])
    if rc != 65 or "键“gpu_mem”：应为数值，实际为字符串" not in out:
        bad.append(f"text: exit {rc}, stdout {out[:300]!r}")
    if err.strip() != os.path.join(d, "a.json") + ":1:2: 键“gpu_mem”：应为数值，实际为字符串":
        bad.append(f"text: stderr {err!r}")
    rc, out, err = run(["--spec-dir", d, "--lang", "zh", "--format", "ndjson"])
    recs = lines_of(out)
    if rc != 65 or recs[0].get("error") != "key 'gpu_mem': expected a number, got a string":
        bad.append(f"ndjson: exit {rc}, {recs[:1]}")
    if "应为数值" not in err:
        bad.append(f"ndjson: stderr {err!r}")
    rc, out, err = run(["--spec-dir", os.path.join(TMP, "nodir"), "--lang", "zh"])
    if rc != 66 or "无法打开目录：文件或目录不存在" not in err:
        bad.append(f"no directory: exit {rc}, stderr {err!r}")
    return bad


def test_zh_summary():
    rc, out, err = run(["--batch", "--summary", "--lang", "zh"], "\n".join([GOOD_A, GOOD_B, CONFLICT, BAD_KEY]) + "\n")
    want = "dsselect：4 条记录：V1 1 条，V2 1 条，冲突 1 条，默认 0 条，错误 1 条；用时 "
    return [] if err.splitlines()[-1].startswith(want) else [f"stderr {err!r}"]


def test_zh_missing_batch_file():
    rc, out, err = run(["--batch", os.path.join(TMP, "none.ndjson"), "--lang", "zh"])
    return [] if rc == 66 and "无法打开：文件或目录不存在" in err and err.startswith("dsselect：") else \
        [f"exit {rc}, stderr {err!r}"]


def test_zh_expect_mismatch():
    rc, out, err = run(["--batch", "--expect", "V2", "--lang", "zh"], GOOD_A + "\n")
    return [] if err.startswith("<stdin>:1: 期望 V2，实际为 V1（推荐）") else [f"stderr {err!r}"]


def test_values_in_any_case_in_a_batch():
    rc, out, err = run(["--batch"], '{"id": 1, "platform": "Kubernetes", "quant": "INT4"}\n')
    docs = lines_of(out)
    return [] if rc == 0 and docs[0].get("facts") == {"platform": "kubernetes", "quant": "int4"} else \
        [f"exit {rc}, {out[:300]!r} {err!r}"]


def test_first_line_numbers_a_part_as_the_whole():
    """--first-line N: a part of a larger batch gives the whole's line numbers, on stdout and stderr."""
    part = GOOD_A + "\n\n" + BAD_KEY + "\n{broken\n" + GOOD_B + "\n"
    rc, out, err = run(["--batch", "--first-line", "10001", "--expect", "V1"], part)
    docs = lines_of(out)
    bad = []
    if [d.get("line") for d in docs] != [None, 10003, 10004, None]:
        bad.append(f"lines {[d.get('line') for d in docs]}")
    for want in ("<stdin>:10003:", "<stdin>:10004:", "<stdin>:10005: expected V1, got V2"):
        if want not in err:
            bad.append(f"no {want!r} in stderr {err!r}")
    if rc != 65:
        bad.append(f"exit {rc}, want 65")
    rc, out, err = run(["--batch", "--first-line", "1"], part)  # 1 is the default: the same bytes
    rc0, out0, err0 = run(["--batch"], part)
    if (rc, out, err) != (rc0, out0, err0):
        bad.append("--first-line 1 differs from no --first-line")
    rc, out, err = run(["--batch", "--first-line", "7", "--format", "junit"], BAD_KEY + "\n")
    if 'name="bad"' not in out or "<stdin>:7:" not in err:
        bad.append(f"junit: {out[:300]!r} {err!r}")
    return bad


def test_first_line_part_without_records_passes_the_gate():
    """The gate on nothing is the whole batch's: a part of blank lines passes --expect; a whole one does not."""
    bad = []
    for extra in (["--expect", "V2"], ["--format", "github"], ["--format", "junit"]):
        rc, out, err = run(["--batch", "--first-line", "5"] + extra, "\n \r\n\n")
        if rc != 0 or err:
            bad.append(f"{extra}: part: exit {rc}, stderr {err!r}")
        rc, out, err = run(["--batch"] + extra, "\n \r\n\n")
        if rc != 66:
            bad.append(f"{extra}: whole: exit {rc}, want 66")
    return bad


def test_first_line_refused():
    bad = []
    for args, want in ((["--first-line", "3", "--gpus", "1"], "--first-line numbers the lines of a --batch input"),
                       (["--batch", "--first-line", "0"], "'0' is not a line number (a whole number from 1 to"),
                       (["--batch", "--first-line", "-2"], "'-2' is not a line number"),
                       (["--batch", "--first-line"], "option --first-line needs a value (N)")):
        rc, out, err = run(args, GOOD_A + "\n")
        if rc != 64 or want not in err or out:
            bad.append(f"{args}: exit {rc}, stderr {err!r}")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "test_")

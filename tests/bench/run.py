#!/usr/bin/env python3
"""The dsselect batch benchmark driver (Python 3 standard library only).

    run.py --dsselect BIN --gen BIN --floor BIN --rusage BIN   (what the `bench` target runs)
    run.py --build-dir build                          (finds the four binaries in a build tree)

For each N (10^4, 10^5, 10^6 by default) it generates N NDJSON specs once into a temporary
directory, then times, best of 3 wall-clock runs each, with stdout to /dev/null:
    cat FILE                  the I/O floor
    bench_floor FILE          the parse+print floor (cJSON parse, free, print a constant line)
    dsselect --batch FILE     the real thing (exit 65 is expected: ~1% of the lines are bad)
It also times one single-spec call as a whole process (median of 200), checks dsselect's output
once (one line per input line, every rule of the table fires), and prints one table plus the check
against the targets. Every program is run through bench_rusage (fork, exec, wait4) so that its
peak RSS is its own, not the interpreter's (see rusage.c). Exit status: 0 (it is a report, not a test), 1 when something failed to run.
See docs/bench.md.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter

MIB = 1024.0  # ru_maxrss is in KiB on Linux

# Targets.
MAX_BATCH_RATIO = 2.0     # dsselect 10^6 time / floor 10^6 time
MAX_SINGLE_RATIO = 2.0    # dsselect single call / floor single call (medians)
MAX_RSS_MIB = 8.0         # dsselect peak RSS at the largest N
MAX_RSS_GROWTH_MIB = 1.0  # dsselect peak RSS, largest N minus smallest N

BATCH_OK = {0, 1, 2, 65}  # 65: the deliberately bad lines
SINGLE_OK = {0, 1}        # the single call is a conflict (1.1 against 2.2): exit 1


class RunError(Exception):
    pass


RUSAGE = None   # path of bench_rusage, when given
REPORT = None   # where bench_rusage writes its report line


def spawn(argv, stdout="/dev/null", stderr="/dev/null"):
    """Run argv as one process; return (wall seconds, exit code, peak RSS in KiB).

    Through bench_rusage when available: a child spawned straight from this interpreter inherits
    its ~15 MiB high-water RSS into ru_maxrss (see rusage.c), so os.wait4 alone overstates the
    peak RSS of anything smaller than the interpreter.
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    run = [RUSAGE, REPORT] + argv if RUSAGE else argv
    t0 = time.perf_counter()
    pid = os.posix_spawn(run[0], run, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if not RUSAGE:
        return elapsed, code, usage.ru_maxrss
    if code != 0:
        raise RunError(f"bench_rusage {' '.join(argv)}: exit {code}")
    with open(REPORT, encoding="ascii") as f:
        code, rss, elapsed = f.read().split()
    return float(elapsed), int(code), int(rss)


def checked(argv, ok, **kw):
    elapsed, code, rss = spawn(argv, **kw)
    if code not in ok:
        how = f"signal {-code}" if code < 0 else f"exit {code}"
        raise RunError(f"{' '.join(argv)}: {how} (expected {sorted(ok)})")
    return elapsed, rss


def best_of(argv, ok, runs):
    """Best wall time and the highest peak RSS over `runs` runs."""
    times, rss = [], 0
    for _ in range(runs):
        t, r = checked(argv, ok)
        times.append(t)
        rss = max(rss, r)
    return min(times), rss


def generate(gen, n, seed, path):
    checked([gen, str(n), str(seed)], {0}, stdout=path)


def sanity(dsselect, path, n, tmp):
    """One untimed batch run whose output is read back: line count, errors, statuses, rules fired."""
    out, err = os.path.join(tmp, "check.out"), os.path.join(tmp, "check.err")
    checked([dsselect, "--batch", path], BATCH_OK, stdout=out, stderr=err)
    fired, status, errors, lines = Counter(), Counter(), 0, 0
    with open(out, encoding="utf-8") as f:
        for line in f:
            lines += 1
            rec = json.loads(line)
            if "error" in rec:
                errors += 1
                continue
            status[rec.get("status")] += 1
            for r in {(x.get("source"), x.get("rule")) for x in rec.get("reasons", [])}:
                fired[r] += 1
    if lines != n:
        raise RunError(f"dsselect --batch wrote {lines} lines for {n} input lines")
    good = n - errors
    print(f"output check ({n:,} lines): {lines:,} result lines, {errors} error records "
          f"({100.0 * errors / n:.1f}%); status: " +
          ", ".join(f"{k} {100.0 * v / good:.0f}%" for k, v in sorted(status.items())))
    print("rules fired: " + ", ".join(
        f"{src} {rule} {100.0 * c / good:.0f}%" for (src, rule), c in
        sorted(fired.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))))
    return fired


def find_in_build(build, name):
    for sub in ("", "tests/bench", "tests", "bench"):
        p = os.path.join(build, sub, name)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    raise RunError(f"{name} not found in {build} (build the bench_gen and bench_floor targets)")


def fmt_n(n):
    e = len(str(n)) - 1
    return f"10^{e}" if n == 10 ** e else f"{n:,}"


def main():
    global RUSAGE, REPORT
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dsselect")
    ap.add_argument("--gen")
    ap.add_argument("--floor")
    ap.add_argument("--rusage", help="bench_rusage, for exact peak RSS (else os.wait4: inflated)")
    ap.add_argument("--build-dir", help="find dsselect, bench_gen and bench_floor here")
    ap.add_argument("--build-type", help="the CMake build type (a note is printed unless Release)")
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated record counts")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    ap.add_argument("--single-runs", type=int, default=200, help="runs for the single-call median")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    try:
        if args.build_dir:
            args.dsselect = args.dsselect or find_in_build(args.build_dir, "dsselect")
            args.gen = args.gen or find_in_build(args.build_dir, "bench_gen")
            args.floor = args.floor or find_in_build(args.build_dir, "bench_floor")
            args.rusage = args.rusage or find_in_build(args.build_dir, "bench_rusage")
        if not (args.dsselect and args.gen and args.floor):
            ap.error("give --dsselect, --gen and --floor, or --build-dir")
        cat = shutil.which("cat")
        if not cat:
            raise RunError("cat not found")
        progs = [os.path.abspath(p) for p in (args.dsselect, args.gen, args.floor)]
        for p in progs:
            if not (os.path.isfile(p) and os.access(p, os.X_OK)):
                raise RunError(f"{p}: not an executable file")
        dsselect, gen, floor = progs
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        with tempfile.TemporaryDirectory(prefix="dsselect-bench-") as tmp:
            if args.rusage:
                RUSAGE, REPORT = os.path.abspath(args.rusage), os.path.join(tmp, "rusage")
                if not os.access(RUSAGE, os.X_OK):
                    raise RunError(f"{RUSAGE}: not an executable file")
            return bench(dsselect, gen, floor, cat, sizes, args, tmp)
    except (RunError, OSError, ValueError) as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 1


def bench(dsselect, gen, floor, cat, sizes, args, tmp):
    print(f"dsselect: {dsselect}")
    if not RUSAGE:
        print("note: no --rusage: peak RSS from os.wait4 includes this interpreter's own "
              "(~15 MiB); build bench_rusage for exact numbers")
    if args.build_type and args.build_type != "Release":
        print(f"note: build type is {args.build_type!r}, not Release: "
              "configure with -DCMAKE_BUILD_TYPE=Release for comparable numbers")
    rows, res = [], {}
    for i, n in enumerate(sizes):
        path = os.path.join(tmp, f"specs-{n}.ndjson")
        t0 = time.perf_counter()
        generate(gen, n, args.seed, path)
        gen_s = time.perf_counter() - t0
        size_mib = os.path.getsize(path) / (1024.0 * 1024.0)
        print(f"generated {n:,} specs ({size_mib:.1f} MiB) in {gen_s:.2f} s", flush=True)
        if i == 0:
            sanity(dsselect, path, n, tmp)
        checked([cat, path], {0})  # warm the page cache
        for name, argv, ok in (("cat", [cat, path], {0}),
                               ("floor", [floor, path], {0}),
                               ("dsselect", [dsselect, "--batch", path], BATCH_OK)):
            t, rss = best_of(argv, ok, args.runs)
            res[(n, name)] = (t, rss)
        for name in ("cat", "floor", "dsselect"):
            t, rss = res[(n, name)]
            rows.append((fmt_n(n), name, f"{t:.3f}", f"{n / t:,.0f}", f"{1e6 * t / n:.2f}",
                         f"{rss / MIB:.1f}", f"{t / res[(n, 'floor')][0]:.2f}"))
        os.unlink(path)

    # The single call, as a whole process.
    one = os.path.join(tmp, "one.ndjson")
    with open(one, "w", encoding="utf-8") as f:
        f.write('{"id":1,"gpu_mem":12,"task":"contract-extraction"}\n')
    single_ds = [dsselect, "--gpu-mem", "12", "--task", "contract-extraction", "--format", "json"]
    single_fl = [floor, one]
    checked(single_ds, SINGLE_OK)  # warm-up
    checked(single_fl, {0})
    ds_t, fl_t, ds_rss = [], [], 0
    for _ in range(args.single_runs):  # interleaved, so drift hits both alike
        t, r = checked(single_ds, SINGLE_OK)
        ds_t.append(t)
        ds_rss = max(ds_rss, r)
        fl_t.append(checked(single_fl, {0})[0])

    head = ("N", "program", "best s", "records/s", "µs/record", "peak RSS MiB", "× floor")
    right = (True, False, True, True, True, True, True)
    widths = [max(len(r[c]) for r in rows + [head]) for c in range(len(head))]

    def line(r):
        return "  ".join(v.rjust(w) if ra else v.ljust(w) for v, w, ra in zip(r, widths, right))

    print()
    print(line(head))
    print("  ".join("-" * w for w in widths))
    prev = None
    for r in rows:
        if prev is not None and r[0] != prev:
            print()
        print(line(r))
        prev = r[0]

    ds_med, fl_med = statistics.median(ds_t) * 1e3, statistics.median(fl_t) * 1e3
    print()
    print(f"single call, median of {args.single_runs} whole-process runs:")
    print(f"  dsselect --gpu-mem 12 --task contract-extraction --format json  {ds_med:7.3f} ms"
          f"  (peak RSS {ds_rss / MIB:.1f} MiB)")
    print(f"  bench_floor on a one-line file                                   {fl_med:7.3f} ms")

    lo, hi = sizes[0], sizes[-1]
    batch_ratio = res[(hi, "dsselect")][0] / res[(hi, "floor")][0]
    rss_hi = res[(hi, "dsselect")][1] / MIB
    rss_lo = res[(lo, "dsselect")][1] / MIB
    checks = [
        (f"dsselect time at {fmt_n(hi)} <= {MAX_BATCH_RATIO:g}x floor",
         f"{batch_ratio:.2f}x", batch_ratio <= MAX_BATCH_RATIO),
        (f"single call <= {MAX_SINGLE_RATIO:g}x floor single call",
         f"{ds_med / fl_med:.2f}x", ds_med <= MAX_SINGLE_RATIO * fl_med),
        (f"dsselect peak RSS at {fmt_n(hi)} < {MAX_RSS_MIB:g} MiB",
         f"{rss_hi:.1f} MiB", rss_hi < MAX_RSS_MIB),
        (f"dsselect peak RSS {fmt_n(lo)} -> {fmt_n(hi)} within {MAX_RSS_GROWTH_MIB:g} MiB",
         f"{rss_lo:.1f} -> {rss_hi:.1f} MiB", abs(rss_hi - rss_lo) <= MAX_RSS_GROWTH_MIB),
    ]
    print()
    print("targets:")
    w = max(len(c[0]) for c in checks)
    for what, value, ok in checks:
        print(f"  {what.ljust(w)}  {value:>18}  {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

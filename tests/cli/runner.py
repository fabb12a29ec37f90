"""The CLI tests' runner: every function named with a prefix is a test returning a list of problems."""
import sys


def run_tests(namespace, prefix):
    """Runs the tests, prints each failure and 'N passed, M failed', exits 1 on any failure."""
    tests = [(n, f) for n, f in sorted(namespace.items()) if n.startswith(prefix) and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        try:
            problems = fn()
        except Exception as e:  # a test that crashes is a failure, not an abort
            problems = [f"raised {type(e).__name__}: {e}"]
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {name}: {p}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

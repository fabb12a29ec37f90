#!/bin/sh
# Replays the committed seeds through every fuzz target, then fuzzes each one.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS [TARGET...]]
# BUILD_DIR is a tree made by build.sh; SECONDS per target (default 60; 0:
# the seeds only). Corpora grow in BUILD_DIR/fuzz-work/TARGET; a crash leaves
# its input in BUILD_DIR/fuzz-work/crashes and the exit status is 1. Add such
# an input to tests/fuzz/corpus/TARGET once fixed: it becomes a seed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [SECONDS [TARGET...]]" >&2; exit 64; }
bdir=$(cd "$1" && pwd)
secs=${2:-60}
[ $# -ge 2 ] && shift 2 || shift $#
targets=${*:-spec_json spec_yaml rules batch options}
work=$bdir/fuzz-work
mkdir -p "$work/crashes"
status=0
for t in $targets; do
	case $t in
	spec_json | batch) dict=json ;;
	spec_yaml) dict=yaml ;;
	rules) dict=rules ;;
	options) dict=options ;;
	*) echo "$0: unknown target '$t' (spec_json, spec_yaml, rules, batch, options)" >&2; exit 64 ;;
	esac
	bin=$bdir/tests/fuzz/fuzz_$t
	mkdir -p "$work/$t"
	# -close_fd_mask=2: the targets' own messages are silenced; sanitizer reports are not
	set -- -dict="$here/$dict.dict" -timeout=30 -rss_limit_mb=2048 -close_fd_mask=2 \
		-artifact_prefix="$work/crashes/$t-"
	if ! "$bin" "$@" -runs=0 "$here/corpus/$t" > "$work/$t.seeds.log" 2>&1; then
		echo "fuzz_$t: a seed fails:"
		tail -n 40 "$work/$t.seeds.log"
		status=1
		continue
	fi
	echo "fuzz_$t: $(ls "$here/corpus/$t" | wc -l) seeds replayed"
	[ "$secs" -gt 0 ] || continue
	if "$bin" "$@" -max_total_time="$secs" -print_final_stats=1 "$work/$t" "$here/corpus/$t" \
		> "$work/$t.log" 2>&1; then
		echo "fuzz_$t: $(grep -a 'DONE' "$work/$t.log" | tail -n 1)"
		grep -a -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/$t.log" | tr '\n' ' '
		echo
	else
		echo "fuzz_$t: FAILED after fuzzing; the input is in $work/crashes:"
		grep -a -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ in ' "$work/$t.log" | head -n 40
		status=1
	fi
done
exit $status

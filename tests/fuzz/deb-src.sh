#!/bin/sh
# Writes the deb-src entries that match the machine's own apt sources (its
# `deb` entries), so that build.sh fetches Debian's sources from whatever
# mirror the machine is set up with: it names no host of its own.
#   usage: tests/fuzz/deb-src.sh OUT_DIR [FILE...]
# FILEs are sources files: one-line ones (sources.list, *.list) and deb822 ones
# (*.sources, told apart by that suffix). Without FILEs, apt's own: its
# Dir::Etc::SourceList and the *.list and *.sources of Dir::Etc::SourceParts.
# OUT_DIR receives deb-src.list (one-line entries) and deb-src.sources (deb822
# stanzas); point apt's Dir::Etc::SourceParts at it. Every option of an entry
# (signed-by, arch, trusted, ...) is kept; disabled stanzas (Enabled: no) and
# comments are left out. Exit status 1 when no deb entry was found.
set -eu
[ $# -ge 1 ] || { echo "usage: deb-src.sh OUT_DIR [FILE...]" >&2; exit 2; }
out=$1
shift
if [ $# -eq 0 ]; then
	list=/etc/apt/sources.list
	parts=/etc/apt/sources.list.d/
	if command -v apt-config > /dev/null; then
		eval "$(apt-config shell list Dir::Etc::SourceList/f parts Dir::Etc::SourceParts/d)"
	fi
	set -- "$list" "$parts"*.list "$parts"*.sources
fi
mkdir -p "$out"
: > "$out/deb-src.list"
: > "$out/deb-src.sources"
for f in "$@"; do
	[ -f "$f" ] || continue
	case $f in
	*.sources)
		# deb822: stanzas split by blank lines; a field's continuation lines start with a blank.
		awk '
			function flush(   i) {
				if (n && deb && !off) {
					if (printed++) print ""
					for (i = 1; i <= n; i++) print line[i]
				}
				n = 0; deb = 0; off = 0
			}
			/^#/ { next }
			/^[ \t]*$/ { flush(); next }
			/^[ \t]/ { if (n) line[++n] = $0; next }
			{
				name = tolower($0); sub(/:.*/, "", name)
				value = $0; sub(/^[^:]*:[ \t]*/, "", value)
				if (name == "types") {
					if ((" " value " ") ~ /[ \t]deb[ \t]/) deb = 1
					line[++n] = "Types: deb-src"
					next
				}
				if (name == "enabled" && tolower(value) ~ /^(no|false|0)[ \t]*$/) off = 1
				line[++n] = $0
			}
			END { flush() }
		' "$f" > "$out/stanzas"
		if [ -s "$out/stanzas" ]; then
			[ -s "$out/deb-src.sources" ] && echo >> "$out/deb-src.sources"
			cat "$out/stanzas" >> "$out/deb-src.sources"
		fi
		rm -f "$out/stanzas"
		;;
	*)
		# one line an entry: "deb [options] URI SUITE [COMPONENT...]"
		sed -n 's/^[ \t]*deb[ \t][ \t]*/deb-src /p' "$f" >> "$out/deb-src.list"
		;;
	esac
done
[ -s "$out/deb-src.list" ] || [ -s "$out/deb-src.sources" ] || {
	echo "deb-src.sh: no deb entry in $*" >&2
	exit 1
}

#!/bin/sh
# cmake --install into a temporary prefix, then a program of someone else's
# (advise.c) built against the installed library through pkg-config, shared
# and static, and run; the installed command and rule tables are there too.
#   usage: test_install.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" || fail "cmake --install failed"
pc=$(find "$tmp/prefix" -name dsselect.pc)
[ -n "$pc" ] || fail "no dsselect.pc installed"
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir dsselect)
[ -d "$libdir" ] || fail "pkg-config's libdir $libdir does not exist"
for f in bin/dsselect include/dsselect.h include/dsselect/version.h share/dsselect/rules/deepseek-v1-v2.yaml \
	share/man/man1/dsselect.1.gz share/doc/dsselect/copyright share/doc/dsselect/changelog.gz share/bash-completion/completions/dsselect share/zsh/site-functions/_dsselect \
	share/fish/vendor_completions.d/dsselect.fish; do
	[ -e "$tmp/prefix/$f" ] || fail "$f not installed"
done
# one documentation directory: the library packages' own are only in those packages
[ "$(ls "$tmp/prefix/share/doc")" = dsselect ] || fail "share/doc holds $(ls "$tmp/prefix/share/doc" | tr '\n' ' ')"
zcat "$tmp/prefix/share/man/man1/dsselect.1.gz" | head -1 | grep -q '^\.TH DSSELECT 1 ' || fail "dsselect.1.gz is not the man page"
# the JSON Schemas of docs/schema/, every one; the rule tables name the installed rule-table schema on their
# first line, relative to themselves (for editors: docs/rules.md), are the source's otherwise, and load
src=$(cd "$here/../.." && pwd)
for s in "$src"/docs/schema/*.schema.json; do
	cmp -s "$s" "$tmp/prefix/share/dsselect/schema/$(basename "$s")" || fail "$(basename "$s") not installed in share/dsselect/schema"
done
for t in rules/deepseek-v1-v2.yaml rules/examples/three-models.yaml; do
	f=$tmp/prefix/share/dsselect/rules/$(basename "$t")
	line=$(head -n 1 "$f")
	case $line in
	"# yaml-language-server: \$schema="?*) ;;
	*) fail "$f: the first line is not '# yaml-language-server: \$schema=...': $line" ;;
	esac
	cmp -s "$(dirname "$f")/${line#*\$schema=}" "$src/docs/schema/rules.schema.json" ||
		fail "$f names ${line#*\$schema=}, which is not the installed rules.schema.json"
	tail -n +2 "$f" > "$tmp/installed.yaml"
	tail -n +2 "$src/$t" > "$tmp/source.yaml"
	cmp -s "$tmp/installed.yaml" "$tmp/source.yaml" || fail "$f differs from $t after its first line"
	"$tmp/prefix/bin/dsselect" rules check --strict "$f" > /dev/null || fail "the installed $f does not check clean"
done
[ "$(pkg-config --modversion dsselect)" = "$("$tmp/prefix/bin/dsselect" --version | cut -d' ' -f2)" ] ||
	fail "dsselect.pc's version is not dsselect --version's"

# JSON specs are decoded by cJSON: the library and the command need it at run time, and a static
# link through pkg-config is told so
for f in "$tmp/prefix/bin/dsselect" "$libdir/libdsselect.so"; do
	readelf -d "$f" | grep -q 'NEEDED.*\[libcjson\.so\.' || fail "$f does not link libcjson"
done
pkg-config --static --libs dsselect | tr ' ' '\n' | grep -qx -- -lcjson ||
	fail "dsselect.pc: pkg-config --static --libs names no -lcjson: $(pkg-config --static --libs dsselect)"

# shared
# shellcheck disable=SC2046 # the flags are words
cc -Wall -Wextra -Werror -o "$tmp/advise" "$here/advise.c" $(pkg-config --cflags --libs dsselect)
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/advise")
[ "$out" = "V1 conflict $(pkg-config --modversion dsselect)" ] || fail "shared: got '$out'"
LD_LIBRARY_PATH="$libdir" ldd "$tmp/advise" | grep -q "$libdir/libdsselect.so" || fail "not linked to the installed libdsselect.so"
# only the API is exported
if nm -D --defined-only "$libdir/libdsselect.so" | awk '{print $3}' | grep -v '^ds_' | grep -q .; then
	fail "libdsselect.so exports more than ds_*: $(nm -D --defined-only "$libdir/libdsselect.so" | awk '{print $3}' | grep -v '^ds_' | head -3)"
fi

# static: the archive, and what pkg-config --static adds
# shellcheck disable=SC2046
cc -Wall -Wextra -Werror -o "$tmp/advise-static" "$here/advise.c" $(pkg-config --cflags dsselect) \
	"$libdir/libdsselect.a" $(pkg-config --static --libs dsselect | sed 's/-ldsselect//')
out=$("$tmp/advise-static" '{"gpus": 4, "gpu_mem": 24, "nccl": true, "task": "contract-extraction"}')
[ "$out" = "V2 recommended $(pkg-config --modversion dsselect)" ] || fail "static: got '$out'"
if ldd "$tmp/advise-static" | grep -q libdsselect; then fail "the static program needs libdsselect.so"; fi
# a prefix other than /usr (here as for /usr/local): zsh's file where Debian's zsh looks for local ones
if command -v zsh > /dev/null; then
	zsh -fc 'print -l $fpath' | grep -qx /usr/local/share/zsh/site-functions ||
		fail "zsh does not read /usr/local/share/zsh/site-functions here"
else
	fail "zsh is not installed (apt-get install zsh): its completion's directory cannot be checked"
fi
echo "test_install: installed, built with pkg-config (shared and static), ran: ok"

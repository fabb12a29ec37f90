#!/bin/sh
# The Debian packages as packaging/deb.sh builds them (prefix /usr, dpkg-buildflags' hardening flags),
# its build tree kept in BUILD_DIR/deb-package, the packages written under a temporary directory:
# dsselect (the program), libdsselect0 (the shared library) and libdsselect-dev (headers, .so link,
# static library, .pc). Their control fields (Depends filled in by dpkg-shlibdeps), control files (the
# ldconfig trigger, no maintainer script), files, the hardening of the binaries, lintian (no error, no
# warning, no hardening tag), and the program and a program built against the library, extracted and
# run. Nothing is installed on the system.
#   usage: test_deb.sh BUILD_DIR DSSELECT [CMAKE_ARGUMENTS...]   (CMAKE, CPACK: the cmake, cpack to use)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1
bin=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_deb: $*" >&2; exit 1; }

for tool in dpkg-deb dpkg-shlibdeps dpkg-buildflags dpkg-architecture dpkg-parsechangelog dpkg file readelf nm; do
	command -v "$tool" > /dev/null ||
		fail "$tool is missing: the packages need dpkg-dev and file (apt-get install dpkg-dev file)"
done
command -v lintian > /dev/null || fail "lintian is missing: the packages are checked with it (apt-get install lintian)"

"$here/../../packaging/deb.sh" "$build/deb-package" "$tmp/out" "$@" > "$tmp/deb.log" 2>&1 ||
	{ cat "$tmp/deb.log" >&2; fail "packaging/deb.sh failed"; }
version=$("$bin" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
libdir=lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)
prog=$tmp/out/dsselect_${version}_$arch.deb
lib=$tmp/out/libdsselect0_${version}_$arch.deb
dev=$tmp/out/libdsselect-dev_${version}_$arch.deb
for deb in "$prog" "$lib" "$dev"; do
	[ -f "$deb" ] || fail "no $(basename "$deb"); cpack wrote: $(ls "$tmp/out")"
done
[ "$(ls "$tmp/out"/*.deb | wc -l)" -eq 3 ] || fail "more than three packages: $(ls "$tmp/out")"

# control fields
field() { dpkg-deb -f "$1" "$2"; }
# has_dep DEB PACKAGE: Depends names PACKAGE (any version)
has_dep() { field "$1" Depends | tr ',' '\n' | grep -Eq "^ *$2( |\$)"; }
for pair in "$prog dsselect utils" "$lib libdsselect0 libs" "$dev libdsselect-dev libdevel"; do
	# shellcheck disable=SC2086 # the pair is words
	set -- $pair
	[ "$(field "$1" Package)" = "$2" ] || fail "$2: Package is '$(field "$1" Package)'"
	[ "$(field "$1" Version)" = "$version" ] || fail "$2: Version is '$(field "$1" Version)', dsselect --version says $version"
	[ "$(field "$1" Architecture)" = "$arch" ] || fail "$2: Architecture is '$(field "$1" Architecture)'"
	[ "$(field "$1" Source)" = dsselect ] || fail "$2: Source is '$(field "$1" Source)'"
	[ "$(field "$1" Section)" = "$3" ] || fail "$2: Section is '$(field "$1" Section)', want $3"
	[ -n "$(field "$1" Maintainer)" ] || fail "$2: no Maintainer"
	# control files: md5sums; no maintainer script (the library's ldconfig is a trigger)
	dpkg-deb --ctrl-tarfile "$1" | tar -tf - | sed 's|^\./||' | grep . > "$tmp/$2.ctrl"
	grep -qx md5sums "$tmp/$2.ctrl" || fail "$2: no md5sums in the control archive"
	if grep -Eq '^(pre|post)(inst|rm)$' "$tmp/$2.ctrl"; then
		fail "$2 has maintainer scripts: $(grep -E '^(pre|post)(inst|rm)$' "$tmp/$2.ctrl" | tr '\n' ' ')"
	fi
done
# the program's and the library's Depends from dpkg-shlibdeps
for deb in "$prog" "$lib"; do
	[ -n "$(field "$deb" Depends)" ] ||
		fail "$(field "$deb" Package): Depends is empty: dpkg-shlibdeps did not fill it in"
	for dep in libc6 libyaml-0-2 libcjson1 libutf8proc2; do
		has_dep "$deb" "$dep" || fail "$(field "$deb" Package): Depends ($(field "$deb" Depends)) does not name $dep"
	done
done
field "$dev" Depends | tr ',' '\n' | grep -qx " *libdsselect0 (= $version)" ||
	fail "libdsselect-dev: Depends ($(field "$dev" Depends)) has no libdsselect0 (= $version)"
mkdir "$tmp/ctrl"
dpkg-deb --ctrl-tarfile "$lib" | tar -xf - -C "$tmp/ctrl"
[ "$(cat "$tmp/ctrl/triggers" 2> /dev/null)" = "activate-noawait ldconfig" ] ||
	fail "libdsselect0: no triggers file 'activate-noawait ldconfig' (the ldconfig trigger)"
[ "$(cat "$tmp/ctrl/shlibs" 2> /dev/null)" = "libdsselect 0 libdsselect0 (>= $version)" ] ||
	fail "libdsselect0: shlibs is '$(cat "$tmp/ctrl/shlibs" 2> /dev/null)'"

# files: each package's exactly (directories aside), root's and not writable by others
for pkg in dsselect libdsselect0 libdsselect-dev; do
	deb=$tmp/out/${pkg}_${version}_$arch.deb
	dpkg-deb -c "$deb" > "$tmp/$pkg.list"
	if awk '$2 != "root/root"' "$tmp/$pkg.list" | grep -q .; then fail "$pkg: not root's: $(awk '$2 != "root/root"' "$tmp/$pkg.list")"; fi
	if awk '$1 ~ /^-....w|^-.......w/' "$tmp/$pkg.list" | grep -q .; then
		fail "$pkg: writable by group or others: $(awk '$1 ~ /^-....w|^-.......w/' "$tmp/$pkg.list")"
	fi
	grep -v '^d' "$tmp/$pkg.list" | sed 's/.* \.\//\//; s/ -> .*//' | sort > "$tmp/$pkg.paths"
done
sort > "$tmp/dsselect.want" <<EOF
/usr/bin/dsselect
/usr/share/bash-completion/completions/dsselect
/usr/share/doc/dsselect/changelog.gz
/usr/share/doc/dsselect/copyright
/usr/share/dsselect/rules/deepseek-v1-v2.yaml
/usr/share/dsselect/rules/three-models.yaml
/usr/share/dsselect/schema/batch-record.schema.json
/usr/share/dsselect/schema/error-record.schema.json
/usr/share/dsselect/schema/result.schema.json
/usr/share/dsselect/schema/rules.schema.json
/usr/share/dsselect/schema/spec.schema.json
/usr/share/fish/vendor_completions.d/dsselect.fish
/usr/share/man/man1/dsselect.1.gz
/usr/share/zsh/vendor-completions/_dsselect
EOF
sort > "$tmp/libdsselect0.want" <<EOF
/usr/$libdir/libdsselect.so.0
/usr/$libdir/libdsselect.so.$version
/usr/share/doc/libdsselect0/changelog.gz
/usr/share/doc/libdsselect0/copyright
EOF
sort > "$tmp/libdsselect-dev.want" <<EOF
/usr/include/dsselect.h
/usr/include/dsselect/eval.h
/usr/include/dsselect/report.h
/usr/include/dsselect/ruleset.h
/usr/include/dsselect/spec.h
/usr/include/dsselect/status.h
/usr/include/dsselect/text.h
/usr/include/dsselect/version.h
/usr/$libdir/libdsselect.a
/usr/$libdir/libdsselect.so
/usr/$libdir/pkgconfig/dsselect.pc
/usr/share/doc/libdsselect-dev/changelog.gz
/usr/share/doc/libdsselect-dev/copyright
EOF
for pkg in dsselect libdsselect0 libdsselect-dev; do
	diff -u "$tmp/$pkg.want" "$tmp/$pkg.paths" > "$tmp/$pkg.diff" ||
		fail "$pkg's files are not the expected ones (- missing, + not expected): $(grep '^[-+]/' "$tmp/$pkg.diff")"
done
grep -q '^-rwxr-xr-x .* \./usr/bin/dsselect$' "$tmp/dsselect.list" || fail "/usr/bin/dsselect is not 0755"
grep -q "^lrwxrwxrwx .* \./usr/$libdir/libdsselect\.so -> libdsselect\.so\.0\$" "$tmp/libdsselect-dev.list" ||
	fail "libdsselect-dev: libdsselect.so is not a link to libdsselect.so.0"

# everything extracted into one tree, as if the three were installed
for deb in "$prog" "$lib" "$dev"; do dpkg-deb -x "$deb" "$tmp/root"; done
r=$tmp/root
# compressed as Debian wants (gzip -9n: no file name, no time stamp), and readable
for gz in usr/share/man/man1/dsselect.1.gz usr/share/doc/dsselect/changelog.gz usr/share/doc/libdsselect0/changelog.gz \
	usr/share/doc/libdsselect-dev/changelog.gz; do
	gzip -t "$r/$gz" || fail "$gz is not gzip"
	[ "$(od -An -tx1 -j3 -N5 "$r/$gz" | tr -d ' ')" = 0000000000 ] || fail "$gz has a file name or a time stamp (gzip -9n)"
done
zcat "$r/usr/share/man/man1/dsselect.1.gz" | head -1 | grep -q "^\.TH DSSELECT 1 .*dsselect $version" ||
	fail "the packaged man page starts '$(zcat "$r/usr/share/man/man1/dsselect.1.gz" | head -1)'"
for pkg in dsselect libdsselect0 libdsselect-dev; do
	zcat "$r/usr/share/doc/$pkg/changelog.gz" > "$tmp/changelog"
	[ "$(dpkg-parsechangelog -l "$tmp/changelog" -S Version)" = "$version" ] ||
		fail "$pkg's changelog.gz: its latest version is not $version"
	cmp -s "$r/usr/share/doc/$pkg/copyright" "$here/../../LICENSE" || fail "$pkg's copyright is not LICENSE"
done

# hardening, as dpkg-buildflags asks (hardening=+all): PIE, relro, bindnow, stack protector, fortify
so=$r/usr/$libdir/libdsselect.so.$version
for f in "$r/usr/bin/dsselect" "$so"; do
	n=${f#"$r"}
	readelf -lW "$f" | grep -q ' GNU_RELRO ' || fail "$n: no GNU_RELRO segment (-Wl,-z,relro)"
	readelf -dW "$f" | grep -Eq '\(FLAGS\) +.*BIND_NOW|\(FLAGS_1\) +Flags:.* NOW' || fail "$n: no BIND_NOW (-Wl,-z,now)"
	readelf --dyn-syms -W "$f" | awk '{print $8}' | sed 's/@.*//' > "$tmp/syms"
	grep -qx __stack_chk_fail "$tmp/syms" || fail "$n: no __stack_chk_fail (-fstack-protector-strong)"
	grep -x '__.*_chk' "$tmp/syms" | grep -vqx __stack_chk_fail || fail "$n: no fortified function (-D_FORTIFY_SOURCE=2 -O2)"
done
readelf -dW "$r/usr/bin/dsselect" | grep -Eq '\(FLAGS_1\) +Flags:.* PIE' || fail "/usr/bin/dsselect is not PIE"
nm "$r/usr/$libdir/libdsselect.a" 2> /dev/null | grep -Eq ' U __[a-z0-9_]+_chk$' ||
	fail "libdsselect.a: no fortified function (-D_FORTIFY_SOURCE=2 -O2)"
file "$r/usr/bin/dsselect" | grep -q ', stripped' || fail "/usr/bin/dsselect is not stripped"
readelf -d "$so" | grep -q 'SONAME.*\[libdsselect\.so\.0\]' || fail "libdsselect.so.$version has no SONAME libdsselect.so.0"
# the program links its library statically: it needs no libdsselect0, and so does not depend on it
if readelf -d "$r/usr/bin/dsselect" | grep -q 'NEEDED.*libdsselect'; then
	has_dep "$prog" libdsselect0 || fail "/usr/bin/dsselect needs libdsselect.so but dsselect does not depend on libdsselect0"
elif has_dep "$prog" libdsselect0; then
	fail "dsselect depends on libdsselect0, which its program does not need"
fi

# lintian: no error, no warning, and no hardening tag (those are only informational); overrides ignored
rc=0
lintian --no-cfg --no-override --display-info --fail-on error,warning "$prog" "$lib" "$dev" > "$tmp/lintian" 2>&1 || rc=$?
tags=$(grep -E '^[EW]: |: hardening-' "$tmp/lintian" || true)
{ [ "$rc" -eq 0 ] && [ -z "$tags" ]; } || fail "lintian (exit $rc) reports: ${tags:-$(cat "$tmp/lintian")}"

# the program and the library as packaged
out=$("$r/usr/bin/dsselect" --version) || fail "the packaged dsselect --version failed"
[ "$out" = "dsselect $version" ] || fail "the packaged dsselect --version says '$out'"
rc=0
out=$("$r/usr/bin/dsselect" --gpus 4 --gpu-mem 80 --nccl --task contract-extraction --format value) || rc=$?
{ [ "$rc" -eq 0 ] && [ "$out" = V2 ]; } || fail "the packaged dsselect recommends '$out' (exit $rc), want V2 (exit 0)"
[ "$(PKG_CONFIG_PATH="$r/usr/$libdir/pkgconfig" pkg-config --modversion dsselect)" = "$version" ] ||
	fail "the packaged dsselect.pc does not give version $version"
# a program built against the packages through their dsselect.pc alone (PKG_CONFIG_LIBDIR: no other .pc
# is found, as on a machine with only the packages and no -dev packages of their dependencies)
flags=$(PKG_CONFIG_LIBDIR="$r/usr/$libdir/pkgconfig" pkg-config --cflags --libs dsselect) ||
	fail "pkg-config cannot use the packaged dsselect.pc on its own"
# shellcheck disable=SC2086 # the flags are words
cc -Wall -Wextra -Werror -o "$tmp/advise" "$here/advise.c" $flags || fail "cannot build against the packages"
LD_LIBRARY_PATH="$r/usr/$libdir" ldd "$tmp/advise" | grep -q "$r/usr/$libdir/libdsselect.so.0 " ||
	fail "the program built against the packages does not use their libdsselect.so.0"
out=$(LD_LIBRARY_PATH="$r/usr/$libdir" "$tmp/advise") || fail "the program built against the packages failed"
[ "$out" = "V1 conflict $version" ] || fail "the program built against the packages says '$out'"
# the completions are where each shell looks (the shells are installed by .ci/run and the README)
paths=$tmp/dsselect.paths
bashdir=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null || echo /usr/share/bash-completion/completions)
grep -qx "$bashdir/dsselect" "$paths" || fail "bash completion not in $bashdir"
command -v zsh > /dev/null || fail "zsh is not installed (apt-get install zsh): its completion cannot be checked"
command -v fish > /dev/null || fail "fish is not installed (apt-get install fish): its completion cannot be checked"
for d in $(zsh -fc 'print -l $fpath'); do
	grep -qx "$d/_dsselect" "$paths" && zshok=1
done
[ -n "${zshok-}" ] || fail "the zsh completion is in no directory of zsh's fpath: $(grep zsh "$paths")"
for d in $(env -u XDG_DATA_DIRS HOME="$tmp" fish -c 'string join \n $fish_complete_path'); do
	grep -qx "$d/dsselect.fish" "$paths" && fishok=1
done
[ -n "${fishok-}" ] || fail "the fish completion is in no directory of fish_complete_path: $(grep fish "$paths")"
echo "test_deb: $(cd "$tmp/out" && ls -- *.deb | tr '\n' ' ')lintian clean, hardened; dsselect Depends: $(field "$prog" Depends): ok"

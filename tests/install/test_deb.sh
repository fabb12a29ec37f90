#!/bin/sh
# The Debian package: cpack -G DEB on the build tree, the package written under a temporary
# directory; then its control fields (Depends filled in by dpkg-shlibdeps), its files, and the
# program extracted from it, run. Nothing is installed on the system.
#   usage: test_deb.sh CPACK BUILD_DIR DSSELECT LIBDIR
set -eu
cpack=$1
build=$2
bin=$3
libdir=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_deb: $*" >&2; exit 1; }

for tool in dpkg-deb dpkg-shlibdeps dpkg file readelf; do
	command -v "$tool" > /dev/null ||
		fail "$tool is missing: cpack -G DEB needs dpkg-dev and file (apt-get install dpkg-dev file)"
done

"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" > "$tmp/cpack.log" 2>&1 ||
	{ cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
version=$("$bin" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
deb=$tmp/out/dsselect_${version}_$arch.deb
[ -f "$deb" ] || fail "no $(basename "$deb"); cpack wrote: $(ls "$tmp/out")"

# control fields
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = dsselect ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', dsselect --version says $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Section)" ] || fail "no Section"
depends=$(field Depends)
[ -n "$depends" ] || fail "Depends is empty: dpkg-shlibdeps did not fill it in (CPACK_DEBIAN_PACKAGE_SHLIBDEPS)"
for dep in libc6 libyaml-0-2 libcjson1 libutf8proc2; do
	echo "$depends" | tr ',' '\n' | grep -Eq "^ *$dep( |\$)" || fail "Depends ($depends) does not name $dep"
done
dpkg-deb -I "$deb" > "$tmp/info"
grep -Eq '^ +[0-9]+ bytes, +[0-9]+ lines +md5sums' "$tmp/info" || fail "no md5sums in the control archive"
dpkg-deb --ctrl-tarfile "$deb" | tar -xf - -C "$tmp" ./shlibs 2> /dev/null || fail "no shlibs control file"
grep -q "^libdsselect 0 dsselect (>= $version)\$" "$tmp/shlibs" || fail "shlibs: $(cat "$tmp/shlibs")"

# files: what must be there, nothing of the tests, root's and not writable by others
dpkg-deb -c "$deb" > "$tmp/list"
sed 's/.* \.\//\//; s/ -> .*//' "$tmp/list" > "$tmp/paths"
for f in /usr/bin/dsselect /usr/share/man/man1/dsselect.1 /usr/share/bash-completion/completions/dsselect \
	/usr/share/zsh/vendor-completions/_dsselect /usr/share/fish/vendor_completions.d/dsselect.fish \
	/usr/share/dsselect/rules/deepseek-v1-v2.yaml /usr/share/dsselect/rules/three-models.yaml \
	/usr/share/dsselect/schema/rules.schema.json /usr/share/dsselect/schema/spec.schema.json \
	/usr/include/dsselect.h /usr/include/dsselect/eval.h /usr/include/dsselect/version.h \
	"/usr/$libdir/pkgconfig/dsselect.pc" "/usr/$libdir/libdsselect.so" "/usr/$libdir/libdsselect.so.0" \
	"/usr/$libdir/libdsselect.so.$version" "/usr/$libdir/libdsselect.a" /usr/share/doc/dsselect/copyright; do
	grep -qx "$f" "$tmp/paths" || fail "$f is not in the package"
done
if grep -v '^/usr/' "$tmp/paths" | grep -q .; then fail "files outside /usr: $(grep -v '^/usr/' "$tmp/paths")"; fi
if grep -Ei 'test|bench|fuzz' "$tmp/paths" | grep -q .; then fail "test files packaged: $(grep -Ei 'test|bench|fuzz' "$tmp/paths")"; fi
if grep '^/usr/bin/.' "$tmp/paths" | grep -vqx /usr/bin/dsselect; then fail "more than dsselect in /usr/bin"; fi
if awk '$2 != "root/root"' "$tmp/list" | grep -q .; then fail "not root's: $(awk '$2 != "root/root"' "$tmp/list")"; fi
if awk '$1 ~ /^-....w|^-.......w/' "$tmp/list" | grep -q .; then
	fail "writable by group or others: $(awk '$1 ~ /^-....w|^-.......w/' "$tmp/list")"
fi
grep -q '^-rwxr-xr-x .* \./usr/bin/dsselect$' "$tmp/list" || fail "/usr/bin/dsselect is not 0755"

# the program and the library as packaged
dpkg-deb -x "$deb" "$tmp/root"
file "$tmp/root/usr/bin/dsselect" | grep -q ', stripped' || fail "/usr/bin/dsselect is not stripped"
readelf -d "$tmp/root/usr/$libdir/libdsselect.so.$version" | grep -q 'SONAME.*\[libdsselect\.so\.0\]' ||
	fail "libdsselect.so.$version has no SONAME libdsselect.so.0"
out=$("$tmp/root/usr/bin/dsselect" --version) || fail "the packaged dsselect --version failed"
[ "$out" = "dsselect $version" ] || fail "the packaged dsselect --version says '$out'"
rc=0
out=$("$tmp/root/usr/bin/dsselect" --gpus 4 --gpu-mem 80 --nccl --task contract-extraction --format value) || rc=$?
{ [ "$rc" -eq 0 ] && [ "$out" = V2 ]; } || fail "the packaged dsselect recommends '$out' (exit $rc), want V2 (exit 0)"
[ "$(PKG_CONFIG_PATH="$tmp/root/usr/$libdir/pkgconfig" pkg-config --modversion dsselect)" = "$version" ] ||
	fail "the packaged dsselect.pc does not give version $version"
# a program built against the package through its dsselect.pc alone (PKG_CONFIG_LIBDIR: no other .pc is
# found, as on a machine with only the package and no -dev packages of its dependencies)
# shellcheck disable=SC2046 # the flags are words
flags=$(PKG_CONFIG_LIBDIR="$tmp/root/usr/$libdir/pkgconfig" pkg-config --cflags --libs dsselect) ||
	fail "pkg-config cannot use the packaged dsselect.pc on its own"
# shellcheck disable=SC2086
cc -Wall -Wextra -Werror -o "$tmp/advise" "$(dirname "$0")/advise.c" $flags || fail "cannot build against the package"
out=$(LD_LIBRARY_PATH="$tmp/root/usr/$libdir" "$tmp/advise") || fail "the program built against the package failed"
[ "$out" = "V1 conflict $version" ] || fail "the program built against the package says '$out'"
# the completions are where each shell looks (the shells are installed by .ci/run and the README)
bashdir=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null || echo /usr/share/bash-completion/completions)
grep -qx "$bashdir/dsselect" "$tmp/paths" || fail "bash completion not in $bashdir"
command -v zsh > /dev/null || fail "zsh is not installed (apt-get install zsh): its completion cannot be checked"
command -v fish > /dev/null || fail "fish is not installed (apt-get install fish): its completion cannot be checked"
for d in $(zsh -fc 'print -l $fpath'); do
	grep -qx "$d/_dsselect" "$tmp/paths" && zshok=1
done
[ -n "${zshok-}" ] || fail "the zsh completion is in no directory of zsh's fpath: $(grep zsh "$tmp/paths")"
for d in $(env -u XDG_DATA_DIRS HOME="$tmp" fish -c 'string join \n $fish_complete_path'); do
	grep -qx "$d/dsselect.fish" "$tmp/paths" && fishok=1
done
[ -n "${fishok-}" ] || fail "the fish completion is in no directory of fish_complete_path: $(grep fish "$tmp/paths")"
echo "test_deb: $(basename "$deb"), $(wc -c < "$deb") bytes, Depends: $depends: ok"

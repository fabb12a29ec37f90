#!/bin/sh
# The Debian packages (dsselect, libdsselect0, libdsselect-dev) built as Debian builds packages: under
# /usr (so the library goes to the multiarch directory, /usr/lib/x86_64-linux-gnu on amd64), with the
# compiler and linker flags of dpkg-buildflags, all of its hardening on (DEB_BUILD_MAINT_OPTIONS
# hardening=+all unless set: -D_FORTIFY_SOURCE=2 with -O2, -fstack-protector-strong, relro, bindnow;
# PIE is gcc's default on Debian), build type None so that those flags are the only ones.
# Needs dpkg-dev and file (apt-get install dpkg-dev file). docs/decisions.md, "Debian package".
#   usage: packaging/deb.sh BUILD_DIR OUT_DIR [CMAKE_ARGUMENTS...]   (CMAKE, CPACK: other cmake, cpack)
#   e.g.   packaging/deb.sh build-deb build-deb/out, then lintian build-deb/out/*.deb
set -eu
[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR OUT_DIR [CMAKE_ARGUMENTS...]" >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
build=$(abs "$1")
out=$(abs "$2")
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
for tool in dpkg-buildflags dpkg-shlibdeps file; do
	command -v "$tool" > /dev/null || { echo "$0: $tool is missing (apt-get install dpkg-dev file)" >&2; exit 1; }
done
DEB_BUILD_MAINT_OPTIONS=${DEB_BUILD_MAINT_OPTIONS-hardening=+all}
export DEB_BUILD_MAINT_OPTIONS
# from the top of the sources: dpkg-buildflags maps the current directory to . (-ffile-prefix-map), so
# that no build path is left in the binaries
cd "$src"
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
"${CMAKE:-cmake}" -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_INSTALL_PREFIX=/usr -DDSSELECT_BUILD_TESTS=OFF \
	-DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_SHARED_LINKER_FLAGS="$ldflags" "$@"
"${CMAKE:-cmake}" --build "$build" -j"$(nproc)"
"${CPACK:-cpack}" --config "$build/CPackConfig.cmake" -G DEB -B "$out"

#!/bin/sh
# Builds the fuzz targets with cJSON and libyaml compiled from Debian's own
# sources (the versions installed), so that they are instrumented too.
#   usage: tests/fuzz/build.sh [BUILD_DIR]        (default: build-fuzz)
# Needs clang, dpkg-dev (for dpkg-source) and network access to the Debian
# archive; apt's own configuration is left alone (a private sources list).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/deb-src
apt="$src/apt"
mkdir -p "$apt/lists/partial" "$apt/archives/partial"
cat > "$apt/sources.list" <<LIST
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
LIST
opts="-o Dir::Etc::SourceList=$apt/sources.list -o Dir::Etc::SourceParts=/dev/null"
opts="$opts -o Dir::State::Lists=$apt/lists -o Dir::Cache::Archives=$apt/archives"
yaml_v=$(dpkg-query -W -f='${source:Version}' libyaml-dev)
cjson_v=$(dpkg-query -W -f='${source:Version}' libcjson-dev)
yaml_dir=$src/libyaml-${yaml_v%%-*}
cjson_dir=$src/cjson-${cjson_v%%-*}
if [ ! -d "$yaml_dir" ] || [ ! -d "$cjson_dir" ]; then
	# shellcheck disable=SC2086 # opts is a list of options
	apt-get $opts update
	# shellcheck disable=SC2086
	(cd "$src" && apt-get $opts source "libyaml=$yaml_v" "cjson=$cjson_v")
fi
cmake -S "$root" -B "$out" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DDSSELECT_FUZZ=ON \
	-DDSSELECT_FUZZ_YAML_SRC="$yaml_dir" -DDSSELECT_FUZZ_CJSON_SRC="$cjson_dir"
cmake --build "$out" -j"$(nproc)"

#!/bin/sh
# Builds the fuzz targets with cJSON and libyaml compiled from Debian's own
# sources (the versions installed), so that they are instrumented too.
#   usage: tests/fuzz/build.sh [BUILD_DIR]        (default: build-fuzz)
# Needs clang, dpkg-dev (for dpkg-source) and access to the machine's Debian
# mirror: the deb-src entries are derived from its own apt sources (deb-src.sh),
# so whatever mirror it is set up with serves them. apt's own configuration is
# left alone (a private sources list, lists and archives under BUILD_DIR).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build-fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/deb-src
apt="$src/apt"
mkdir -p "$apt/lists/partial" "$apt/archives/partial"
rm -rf "$apt/sources.list.d"
sh "$root/tests/fuzz/deb-src.sh" "$apt/sources.list.d"
opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$apt/sources.list.d"
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

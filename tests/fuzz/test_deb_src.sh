#!/bin/sh
# deb-src.sh (what tests/fuzz/build.sh fetches Debian's sources with) on sample
# apt sources, one-line and deb822: the deb entries become deb-src ones on the
# same mirror with the same options, and nothing else comes through. When apt
# is there, it must read the result (apt-get --print-uris update: no network).
#   usage: test_deb_src.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_deb_src: $*" >&2; exit 1; }

printf '%s\n' '# a comment' \
	'deb http://mirror.example/debian bookworm main contrib' \
	'  deb	[signed-by=/usr/share/keyrings/k.gpg arch=amd64] http://mirror.example/debian-security bookworm-security main' \
	'#deb http://commented.example/debian bookworm main' \
	'deb-src http://already-src.example/debian bookworm main' \
	'debfoo http://not-an-entry.example/ x y' > "$tmp/sources.list"
cat > "$tmp/mirror.sources" <<'EOF'
# a comment before the first stanza
Types: deb
URIs: http://mirror.example/debian
# a comment inside a stanza
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

types: deb-src deb
uris: http://other.example/debian
suites: bookworm
components: main non-free
signed-by:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 AAAA
 -----END PGP PUBLIC KEY BLOCK-----


Types: deb
URIs: http://disabled.example/debian
Suites: bookworm
Components: main
Enabled: no

Types: deb-src
URIs: http://src-only.example/debian
Suites: bookworm
Components: main
EOF

sh "$here/deb-src.sh" "$tmp/out" "$tmp/sources.list" "$tmp/mirror.sources" "$tmp/absent.list" ||
	fail "deb-src.sh failed"
printf '%s\n' 'deb-src http://mirror.example/debian bookworm main contrib' \
	'deb-src [signed-by=/usr/share/keyrings/k.gpg arch=amd64] http://mirror.example/debian-security bookworm-security main' \
	> "$tmp/want.list"
cat > "$tmp/want.sources" <<'EOF'
Types: deb-src
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
uris: http://other.example/debian
suites: bookworm
components: main non-free
signed-by:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 AAAA
 -----END PGP PUBLIC KEY BLOCK-----
EOF
diff -u "$tmp/want.list" "$tmp/out/deb-src.list" || fail "one-line entries: got the lines above"
diff -u "$tmp/want.sources" "$tmp/out/deb-src.sources" || fail "deb822 stanzas: got the lines above"
[ "$(ls "$tmp/out")" = "$(printf 'deb-src.list\ndeb-src.sources')" ] || fail "more than two files: $(ls "$tmp/out")"

# nothing to derive from: an error, not an empty list
printf 'deb-src http://x.example/ a b\n' > "$tmp/src-only.list"
if sh "$here/deb-src.sh" "$tmp/none" "$tmp/src-only.list" 2> "$tmp/err"; then fail "no deb entry, yet exit 0"; fi
grep -q "no deb entry" "$tmp/err" || fail "no deb entry: said '$(cat "$tmp/err")'"

# apt reads what it wrote (no download: --print-uris), each mirror's Sources index
if command -v apt-get > /dev/null; then
	mkdir -p "$tmp/lists/partial"
	apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$tmp/out" \
		-o Dir::State::Lists="$tmp/lists" --print-uris update > "$tmp/uris" 2> "$tmp/apt.err" ||
		fail "apt-get cannot read them: $(cat "$tmp/apt.err")"
	for want in mirror.example/debian/dists/bookworm/main/source/Sources \
		mirror.example/debian/dists/bookworm-updates/main/source/Sources \
		mirror.example/debian-security/dists/bookworm-security/main/source/Sources \
		other.example/debian/dists/bookworm/non-free/source/Sources; do
		grep -q "$want" "$tmp/uris" || fail "apt-get would not fetch $want: $(cat "$tmp/uris")"
	done
	if grep -Eq 'disabled|already-src|src-only|commented' "$tmp/uris"; then fail "an entry came through that should not"; fi
fi

# the machine's own configuration, as build.sh uses it: deb-src entries, and no host of build.sh's own
if [ -d /etc/apt ] && sh "$here/deb-src.sh" "$tmp/machine" 2> /dev/null; then
	cat "$tmp/machine/deb-src.list" "$tmp/machine/deb-src.sources" | grep -Eq '^(deb-src |Types: deb-src$)' ||
		fail "the machine's apt sources gave no deb-src entry"
fi
if grep -Eq 'https?://' "$here/build.sh" "$here/deb-src.sh"; then
	fail "build.sh or deb-src.sh names a host: $(grep -Eh 'https?://' "$here/build.sh" "$here/deb-src.sh")"
fi
echo "test_deb_src: one-line and deb822 sources give their deb-src entries: ok"

#!/usr/bin/env bash
# Builds the release archives of sphere-faq from a clone, on a Debian machine:
#
#   dist/sphere-faq-<version>-x86_64-unknown-linux-gnu.tar.gz
#   dist/sphere-faq-<version>-x86_64-pc-windows-gnu.zip
#   dist/SHA256SUMS
#
# The Linux archive holds the program, README.md, docs/, QUICKSTART.txt (Japanese and
# English), the man page, the completion scripts and COMMIT, the commit it was built from;
# the Windows zip only sphere-faq.exe, QUICKSTART.txt and the PowerShell completion.
# It refuses a tree with changes not committed, data that `check` refuses and a failing
# test suite. The Linux program is the plain `cargo build --release` one. The Windows
# .exe is built with Debian's rustc-web / cargo-web and the standard library's source
# (rust-web-src), linked by mingw-w64; rustup cannot add Windows targets here. It is then checked under Wine:
# a code answered in Japanese, a Shift_JIS paste and a UTF-16 paste.
#
#     bash scripts/release.sh          # as root, or with the packages below installed
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/windows.sh
if [ -n "$(git status --porcelain)" ]; then
    echo "release refused: the work tree has changes not committed (git status):" >&2
    git status --short >&2
    exit 1
fi
commit=$(git rev-parse HEAD)
if command -v zip >/dev/null; then windows_install; else windows_install zip; fi

echo "== the data and the tests"
for f in data/faq.json data/catalog.json data/lexicon.json; do cargo run --quiet --locked -- check "$f"; done
cargo test --quiet --locked

version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
dist=dist
rm -rf "$dist"
mkdir -p "$dist"
linux_target=x86_64-unknown-linux-gnu
win_dir=target/release-windows

echo "== Linux x86_64"
cargo build --release --locked
linux_bin=target/release/sphere-faq

echo "== Windows x86_64 (Debian's rustc-web, -Zbuild-std, mingw-w64)"
CARGO_TARGET_DIR="$win_dir" windows_cargo build --release --locked
exe="$win_dir/$WIN_TARGET/release/sphere-faq.exe"

echo "== checking the .exe under Wine"
check=$(mktemp -d)
trap 'WINEPREFIX="$check/wine/prefix" /usr/lib/wine/wineserver -k 2>/dev/null; rm -rf "$check"' EXIT
windows_prefix "$check/wine"
# UTF-8 output whatever the console's code page (Shift_JIS into a pipe under a Japanese
# locale is tested in tests/it/windows.rs).
wine() { SPHERE_FAQ_ENCODING=utf-8 timeout 120 "$WINE" "$exe" "$@"; }
expect() { # what, wanted text, output
    if ! grep -q -- "$2" <<<"$3"; then
        echo "release check failed: $1 (no \"$2\" in:)"; echo "$3" | head -20; exit 1
    fi
    echo "ok: $1"
}
expect "code AADSTS50020 --lang ja" "Azure ADログイン時にエラーコード：AADSTS50020" "$(wine code AADSTS50020 --lang ja)"
paste="ログインすると AADSTS50020 と表示されます"
expect "a Shift_JIS paste" '"id": "Q13"' "$(printf '%s' "$paste" | iconv -f UTF-8 -t CP932 | wine --json)"
expect "a UTF-16 paste" '"lang": "ja"' "$(printf '%s' "$paste" | iconv -f UTF-8 -t UTF-16 | wine --json)"
expect "--version" "built-in FAQ of" "$(wine --version)"
echo "== checking the Linux program"
expect "Linux: code AADSTS50020 --lang ja" "Azure ADログイン時にエラーコード：AADSTS50020" "$("$linux_bin" code AADSTS50020 --lang ja)"
expect "Linux: a Shift_JIS paste" '"id": "Q13"' "$(printf '%s' "$paste" | iconv -f UTF-8 -t CP932 | "$linux_bin" --json)"

echo "== packing"
pack() { # target, archive kind, files… (a directory's contents keep their folder)
    local name="sphere-faq-$version-$1" kind=$2 dir f
    shift 2
    dir="$check/$name"
    mkdir -p "$dir"
    for f in "$@"; do cp -r "$f" "$dir/"; done
    (cd "$check" && case "$kind" in
        zip) zip -qr "$OLDPWD/$dist/$name.zip" "$name" ;;
        tar) tar -czf "$OLDPWD/$dist/$name.tar.gz" "$name" ;;
    esac)
}
extra="$check/extra"
mkdir -p "$extra"
echo "$commit" > "$extra/COMMIT"
"$linux_bin" manpage > "$extra/sphere-faq.1"
pack "$linux_target" tar "$linux_bin" README.md docs completions scripts/QUICKSTART.txt "$extra/COMMIT" "$extra/sphere-faq.1"
# The Windows zip holds what a Windows user can use: the program, QUICKSTART.txt (UTF-8
# with a BOM and CRLF, as in git, so that `type` and Notepad show it) and the PowerShell
# completion; no man page, no bash/zsh/fish scripts, no developer README.
pack "$WIN_TARGET" zip "$exe" scripts/QUICKSTART.txt completions/_sphere-faq.ps1
(cd "$dist" && sha256sum -- *.tar.gz *.zip > SHA256SUMS && cat SHA256SUMS)
ls -l "$dist"

#!/usr/bin/env bash
# Builds the release archives of sphere-faq from a clone, on a Debian machine:
#
#   dist/sphere-faq-<version>-x86_64-unknown-linux-gnu.tar.gz
#   dist/sphere-faq-<version>-x86_64-pc-windows-gnu.zip
#   dist/SHA256SUMS
#
# Each holds the program, README.md, QUICKSTART.txt (Japanese and English), the man page
# and the completion scripts (PowerShell among them). The Windows .exe is built with
# Debian's rustc-web / cargo-web and the standard library's source (rust-web-src), linked
# by mingw-w64; rustup cannot add Windows targets here. It is then checked under Wine:
# a code answered in Japanese, a Shift_JIS paste and a UTF-16 paste.
#
#     bash scripts/release.sh          # as root, or with the packages below installed
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/cargo ] && /usr/bin/rustc --version 2>/dev/null | grep -q . || need+=(rustc-web cargo-web)
[ -d /usr/lib/rustlib/src/rust/library ] || need+=(rust-web-src)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v zip >/dev/null || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
    echo "== apt-get install ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
dist=dist
rm -rf "$dist"
mkdir -p "$dist"
win_target=x86_64-pc-windows-gnu
linux_target=x86_64-unknown-linux-gnu
win_dir=target/release-windows

echo "== Linux x86_64"
cargo build --release --locked
linux_bin=target/release/sphere-faq

echo "== Windows x86_64 (Debian's rustc-web, -Zbuild-std, mingw-w64)"
PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_DIR="$win_dir" \
    /usr/bin/cargo build --release --locked -Zbuild-std=std,panic_abort --target "$win_target"
exe="$win_dir/$win_target/release/sphere-faq.exe"

echo "== checking the .exe under Wine"
# Wine 8.0 lacks ProcessPrng, which Rust's standard library calls at start; real Windows
# has it. A test-only DLL forwards it to RtlGenRandom. It is never packed.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
cat > "$check/shim.c" <<'C'
#include <windows.h>
BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$check/bcryptprimitives.dll" "$check/shim.c" -ladvapi32
cp "$exe" "$check/"
export WINEPREFIX="$check/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b"
wine() { timeout 120 /usr/lib/wine/wine64 "$check/sphere-faq.exe" "$@"; }
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

echo "== packing"
pack() { # target, program file, archive kind
    local name="sphere-faq-$version-$1" dir
    dir="$check/$name"
    mkdir -p "$dir/completions"
    cp "$2" "$dir/"
    cp README.md scripts/QUICKSTART.txt "$dir/"
    cp completions/* "$dir/completions/"
    "$linux_bin" manpage > "$dir/sphere-faq.1"
    (cd "$check" && case "$3" in
        zip) zip -qr "$OLDPWD/$dist/$name.zip" "$name" ;;
        tar) tar -czf "$OLDPWD/$dist/$name.tar.gz" "$name" ;;
    esac)
}
pack "$linux_target" "$linux_bin" tar
pack "$win_target" "$exe" zip
(cd "$dist" && sha256sum -- *.tar.gz *.zip > SHA256SUMS && cat SHA256SUMS)
ls -l "$dist"

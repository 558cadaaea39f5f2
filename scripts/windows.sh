# Building for Windows and running the result under Wine, on a Debian machine. Sourced by
# scripts/release.sh (the release .exe) and scripts/windows-test.sh (the test suite).
#
# rustup cannot add Windows targets here, so the build uses Debian's rustc-web/cargo-web
# with the standard library's source (rust-web-src), built for the target with
# -Zbuild-std (RUSTC_BOOTSTRAP=1 lets that stable toolchain take the flag) and linked by
# mingw-w64. Wine runs the result.

WIN_TARGET=x86_64-pc-windows-gnu
WINE=/usr/lib/wine/wine64

# Installs what is missing from Debian's packages (as root, as CI runs).
windows_install() { # extra packages…
    local need=("$@")
    { [ -x /usr/bin/cargo ] && /usr/bin/rustc --version >/dev/null 2>&1; } || need+=(rustc-web cargo-web)
    [ -d /usr/lib/rustlib/src/rust/library ] || need+=(rust-web-src)
    command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
    [ -x "$WINE" ] || need+=(wine64)
    if [ ${#need[@]} -gt 0 ]; then
        echo "== apt-get install ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
}

# Debian's cargo for the Windows target: `windows_cargo build --release …`.
windows_cargo() {
    PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        /usr/bin/cargo "$@" -Zbuild-std=std,panic_abort --target "$WIN_TARGET"
}

# A Wine prefix under $1 in which Rust programs start, exported for what runs next.
#
# Wine 8.0 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard library calls
# at start; real Windows has it. A test-only DLL forwarding it to RtlGenRandom goes into
# the prefix's system32, so every program of the prefix finds it. It is never packed.
windows_prefix() { # directory
    local dir=$1
    mkdir -p "$dir"
    cat > "$dir/shim.c" <<'C'
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
    x86_64-w64-mingw32-gcc -shared -O2 -o "$dir/bcryptprimitives.dll" "$dir/shim.c" -ladvapi32
    export WINEPREFIX="$dir/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
    "$WINE" wineboot -i >/dev/null 2>&1 || true
    cp "$dir/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

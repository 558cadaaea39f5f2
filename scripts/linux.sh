# Building the Linux release program, on a Debian machine. Sourced by scripts/release.sh
# (the release archive), scripts/linux-test.sh (the test suite against that build) and
# examples/bench.sh (which measures what is shipped).
#
# The release is one static executable: no dynamic loader, no shared libraries.
# - It starts sooner: the loader's work (loading libc, libm and libgcc_s, binding their
#   symbols, applying 7,000 relocations) was 0.22 M of the 0.74 M instructions of a whole
#   `code AADSTS50020`, more than the lookup itself (issue 12: 0.90x `grep -F` static,
#   1.24x dynamic; the dynamic `--version` alone was already 1.2x grep).
# - It runs on any x86_64 Linux, whatever its glibc: nothing to install.
#
# How, and why each flag:
# - `-C target-feature=+crt-static`: glibc linked statically, as a static PIE (the image
#   is still placed at a random address).
# - `-Z build-std` with no std features: the standard library built with the program, so
#   it leaves out its backtrace symbolizer (gimli, addr2line, miniz: 0.28 MB), which a
#   program that aborts on panic does not use. This needs the library's source, so the
#   build uses Debian's rustc-web / cargo-web and rust-web-src, as the Windows build does
#   (RUSTC_BOOTSTRAP=1 lets that stable toolchain take -Z flags).
# - `-C force-unwind-tables=no`: nothing unwinds (panic = "abort"): 0.15 MB.
# - `-z pack-relative-relocs`: the static PIE's 8,000 relocations packed (RELR, which
#   glibc's static start-up applies): 0.2 MB.
# - std's `optimize_for_size` feature: its smaller implementations (sorting, formatting),
#   0.09 MB; the 1 MiB pastes of codes take 1 to 3 ms longer, within their 50 ms
#   (examples/bench.sh). With it, and with src/main.rs keeping glibc's NSS out, the
#   program is under the 3 MiB issue 12 holds it to, which release.sh checks.
# The flags are given for the target only (`--target`), so build scripts and clap's
# derive macro are built as usual.

LINUX_TARGET=x86_64-unknown-linux-gnu

# Installs what is missing from Debian's packages (as root, as CI runs).
linux_install() {
    local need=()
    { [ -x /usr/bin/cargo ] && /usr/bin/rustc --version >/dev/null 2>&1; } || need+=(rustc-web cargo-web)
    [ -d /usr/lib/rustlib/src/rust/library ] || need+=(rust-web-src)
    if [ ${#need[@]} -gt 0 ]; then
        echo "== apt-get install ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
}

# Debian's cargo for the static Linux build: `linux_cargo build --release …`. Its own
# target directory (another compiler than the usual one): the program is
# $LINUX_BIN.
LINUX_DIR=target/static
LINUX_BIN=$LINUX_DIR/$LINUX_TARGET/release/sphere-faq
linux_cargo() {
    PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$LINUX_DIR \
        CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static -C force-unwind-tables=no -C link-arg=-Wl,-z,pack-relative-relocs" \
        /usr/bin/cargo "$@" -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --target "$LINUX_TARGET"
}

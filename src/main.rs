use std::process::ExitCode;

fn main() -> ExitCode {
    // A shell asking for completions (SPHERE_FAQ_COMPLETE=bash …) is answered here, before
    // any output.
    sphere_faq::completion::complete_if_asked();
    sphere_faq::app::run(sphere_faq::cli::parse())
}

/// In the static Linux release only: a password database that has no entries.
///
/// `std::env::home_dir`, which the completion engine calls to expand `~` in a path, falls
/// back to `getpwuid_r` when HOME is unset. In a statically linked glibc that function
/// loads NSS modules with `dlopen`, which glibc itself warns "requires at runtime the
/// shared libraries from the glibc version used for linking": it cannot be relied on in
/// the one file we ship, and it brought 98 KB of NSS, `dlopen` and character-set code
/// into a binary held to 3 MiB (issue 12). This definition takes the weak symbol's place:
/// no entry found (POSIX: return 0 with a null result), so `home_dir` gives `None` when
/// HOME is unset, and `~` is not expanded. Dynamic builds and Windows keep the real one.
#[cfg(all(target_os = "linux", target_env = "gnu", target_feature = "crt-static"))]
#[unsafe(no_mangle)]
extern "C" fn getpwuid_r(
    _uid: u32,
    _pwd: *mut std::ffi::c_void,
    _buf: *mut std::ffi::c_char,
    _buflen: usize,
    result: *mut *mut std::ffi::c_void,
) -> std::ffi::c_int {
    if !result.is_null() {
        // SAFETY: the caller passes where to store the entry found, or a null pointer
        // (checked above); storing null there is the documented "not found".
        unsafe { *result = std::ptr::null_mut() };
    }
    0
}

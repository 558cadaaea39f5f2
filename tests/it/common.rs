//! Drives the real binary with a clean environment: no locale, no SPHERE_FAQ_LANG, no
//! colour variables, so each test states exactly what it depends on.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_sphere-faq");

const CLEARED: &[&str] = &[
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "SPHERE_FAQ_LANG",
    "SPHERE_FAQ_DATA",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

/// A command for the binary with the environment cleared of what changes its output.
pub fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    for v in CLEARED {
        c.env_remove(v);
    }
    // The tests read stdout as UTF-8: on a Japanese Windows (and Wine) a pipe would get
    // Shift_JIS by itself (`--encoding auto`); tests of that say so.
    c.env("SPHERE_FAQ_ENCODING", "utf-8");
    c.args(args).stdin(Stdio::null());
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().expect("exited normally, not by a signal"),
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }

    /// Ids of `results` in a JSON answer.
    pub fn ids(&self) -> Vec<String> {
        self.json()["results"]
            .as_array()
            .expect("results is an array")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect()
    }
}

/// Runs with arguments only.
pub fn run(args: &[&str]) -> Run {
    run_with(args, &[], None)
}

/// Runs with extra environment variables and, optionally, bytes on standard input.
pub fn run_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Run {
    let mut c = cmd(args);
    for (k, v) in env {
        c.env(k, v);
    }
    if stdin.is_some() {
        c.stdin(Stdio::piped());
    }
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = spawn(&mut c);
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        // The program may stop reading early (and that is fine); ignore a closed pipe.
        let _ = pipe.write_all(bytes);
    }
    Run::from(child.wait_with_output().expect("binary runs"))
}

/// Starts the program. Under Wine, starting a process now and then fails with
/// ERROR_INTERNAL_ERROR (1359) when many start at once (seen once in CI, in a test that
/// starts 170): that is retried, on Windows only; any other failure is the test's.
fn spawn(c: &mut Command) -> std::process::Child {
    let mut tries = 0;
    loop {
        match c.spawn() {
            Ok(child) => return child,
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(1359) && tries < 3 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => panic!("binary starts: {e:?}"),
        }
    }
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Compares with a golden file; `UPDATE_GOLDEN=1 cargo test` rewrites it instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "output differs from {} (UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
}

/// Runs with stdout into a pipe whose reader goes away after `keep` bytes, as with
/// `| head -c N` in a shell or `| Select-Object -First 1` in PowerShell: the exit status
/// and what was said on stderr.
pub fn run_into_closed_pipe(args: &[&str], keep: usize) -> (i32, String) {
    use std::io::Read;
    let mut child = cmd(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = vec![0; keep];
    let _ = out.read_exact(&mut first);
    drop(out);
    let o = child.wait_with_output().expect("binary runs");
    (
        o.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A text the platform allows in an argument or a file name that is not valid Unicode: a
/// byte that is not UTF-8 on Unix, an unpaired surrogate on Windows.
pub fn not_unicode(before: &str, after: &str) -> std::ffi::OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let mut bytes = before.as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(after.as_bytes());
        std::ffi::OsString::from_vec(bytes)
    }
    #[cfg(windows)]
    {
        use std::os::windows::ffi::OsStringExt;
        let mut wide: Vec<u16> = before.encode_utf16().collect();
        wide.push(0xd800);
        wide.extend(after.encode_utf16());
        std::ffi::OsString::from_wide(&wide)
    }
}

/// The platform's own words for a path that is not there, as the program prints them
/// (without Rust's "(os error N)"): "No such file or directory" on Linux, "The system
/// cannot find the path specified." on Windows ("Path not found." under Wine).
pub fn not_found_text(path: &str) -> String {
    let e = std::fs::metadata(path).expect_err("the path does not exist");
    assert_eq!(e.kind(), std::io::ErrorKind::NotFound, "{e}");
    let text = e.to_string();
    let text = text
        .split(" (os error")
        .next()
        .unwrap_or_default()
        .to_string();
    #[cfg(unix)]
    assert_eq!(text, "No such file or directory");
    text
}

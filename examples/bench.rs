//! The speed guard (docs/performance.md): whole-process times of the release program,
//! and the worst inputs within the documented limits. Prints figures; asserts nothing.
//!
//!     cargo build --release && cargo run --release --example bench
//!     cargo run --release --example bench -- gen N > F    # an N-entry database for --data

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sphere_faq::Faq;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("gen") {
        let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
        print!("{}", generate(n));
        return;
    }
    let bin = std::env::current_exe()
        .ok()
        .and_then(|e| {
            Some(
                e.parent()?
                    .parent()?
                    .join(format!("sphere-faq{}", std::env::consts::EXE_SUFFIX)),
            )
        })
        .unwrap_or_default();
    if !bin.is_file() {
        eprintln!("bench: build the program first: cargo build --release");
        std::process::exit(2);
    }
    let tmp = std::env::temp_dir().join(format!("sphere-faq-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("a temporary directory");

    println!("| what | median | worst | peak memory | limit |");
    println!("|---|---:|---:|---:|---|");
    let floor = run(&bin, &["--version"], None);
    row("`--version` (the start-up floor)", floor, "");
    let limit = format!("2x the floor: {:.1} ms", ms(floor.0) * 2.0);
    let codes: String = (0..70_000).map(|i| format!("AADSTS9{i:06} ")).collect();
    for (what, args) in [
        ("`code AADSTS50020`", vec!["code", "AADSTS50020"]),
        (
            "`search` (English), colour off",
            vec![
                "search",
                "invitation email did not arrive",
                "--color",
                "never",
            ],
        ),
        (
            "`search` (English), colour on",
            vec![
                "search",
                "invitation email did not arrive",
                "--color",
                "always",
            ],
        ),
        (
            "`search` (Japanese)",
            vec!["search", "招待メールを削除してしまった"],
        ),
    ] {
        row(what, run(&bin, &args, None), &limit);
    }
    // 3,500 entries: near the largest data file read (8 MiB).
    for (n, limit) in [(1_000, "200 ms"), (3_500, "1 s")] {
        let file = tmp.join(format!("faq{n}.json"));
        std::fs::write(&file, generate(n)).expect("write");
        let f = file.to_str().expect("a UTF-8 path");
        row(
            &format!("`--data` of {n} entries, `search`"),
            run(&bin, &["--data", f, "search", "reset my password"], None),
            limit,
        );
        row(
            &format!("`--data` of {n} entries, `code`"),
            run(&bin, &["--data", f, "code", "AADSTS9000001"], None),
            limit,
        );
        row(
            &format!("`--data` of {n} entries, 70,000 codes on stdin"),
            run(&bin, &["--data", f, "code", "-"], Some(codes.as_bytes())),
            "1 s",
        );
    }
    // The documented cap of a paste is 1 MiB.
    let mib = 1024 * 1024;
    let pastes: [(&str, &[&str], String); 4] = [
        (
            "a 1 MiB error page, `code -`",
            &["code", "-"],
            repeat_to(PASTE, mib),
        ),
        (
            "1 MiB of bare `1014`s on one line, `code -`",
            &["code", "-"],
            repeat_to(" 1014", mib),
        ),
        (
            "1 MiB of Japanese, no command",
            &[],
            repeat_to("招待メールが届かないのでログインできません。", mib),
        ),
        (
            "16 words of 999 letters, `search`",
            &["search", "-"],
            vec!["a".repeat(999); 16].join(" "),
        ),
    ];
    for (what, args, input) in pastes {
        row(what, run(&bin, args, Some(input.as_bytes())), "1 s");
    }
    let size = std::fs::metadata(&bin).map_or(0, |m| m.len());
    println!(
        "| release binary | {:.2} MiB | | | 8 MiB |",
        size as f64 / mib as f64
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

const PASTE: &str = "Sorry, but we're having trouble signing you in.\nAADSTS50020: User account 'a@b.com' from identity provider 'live.com' does not exist in tenant 'Sony'.\nRequest Id: 2968003d-62e6-4308-af03-8b276c6e0600\nCorrelation Id: fcc0a98c-f61e-46c4-97e1-a51c69a1bb94\nTimestamp: 2022-11-02T06:39:14Z\n";

fn repeat_to(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len())
}

/// The median and the worst of 11 runs (after one not counted), and the peak memory of
/// one more under GNU time when it is installed.
fn run(bin: &Path, args: &[&str], stdin: Option<&[u8]>) -> (Duration, Duration, Option<u64>) {
    let mut samples: Vec<Duration> = (0..12)
        .map(|_| {
            let mut c = Command::new(bin);
            c.args(args)
                .env_remove("SPHERE_FAQ_DATA")
                .stdin(if stdin.is_some() {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let t = Instant::now();
            let mut child = c.spawn().expect("the program starts");
            if let Some(bytes) = stdin {
                let _ = child.stdin.take().expect("stdin").write_all(bytes);
            }
            child.wait().expect("the program ends");
            t.elapsed()
        })
        .skip(1)
        .collect();
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[samples.len() - 1],
        peak_kib(bin, args, stdin),
    )
}

/// The peak resident memory of one run, from `/usr/bin/time -f %M` (KiB).
fn peak_kib(bin: &Path, args: &[&str], stdin: Option<&[u8]>) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let out = std::env::temp_dir().join(format!("sphere-faq-bench-time-{}", std::process::id()));
    let mut c = Command::new(time);
    c.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&out)
        .arg(bin)
        .args(args);
    c.env_remove("SPHERE_FAQ_DATA")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = c.spawn().ok()?;
    if let Some(bytes) = stdin {
        let _ = child.stdin.take()?.write_all(bytes);
    }
    child.wait().ok()?;
    // GNU time writes "Command exited with non-zero status N" first for a status of 1.
    let kib = std::fs::read_to_string(&out)
        .ok()?
        .lines()
        .last()?
        .trim()
        .parse()
        .ok();
    let _ = std::fs::remove_file(&out);
    kib
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn row(what: &str, (median, worst, peak): (Duration, Duration, Option<u64>), limit: &str) {
    let peak = peak.map_or("–".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    });
    println!(
        "| {what} | {:.1} ms | {:.1} ms | {peak} | {limit} |",
        ms(median),
        ms(worst)
    );
}

/// A database of `n` entries in the embedded schema: the real entries over and over, with
/// their own ids, codes and a number in every question so that no two are the same.
pub fn generate(n: usize) -> String {
    let faq = Faq::embedded().expect("embedded data");
    let mut out = faq.clone();
    out.entries.clear();
    for i in 0..n {
        let mut e = faq.entries[i % faq.entries.len()].clone();
        e.id = format!("Q{}", i + 1);
        e.codes = e.codes.iter().map(|_| format!("AADSTS9{:06}", i)).collect();
        e.see_also = Vec::new();
        // The notes are this tool's commentary on the built-in FAQ, not a helpdesk's.
        e.notes = Vec::new();
        e.question.en = format!("{} (variant {i})", e.question.en);
        e.question.ja = format!("{}（{i}）", e.question.ja);
        out.entries.push(e);
    }
    serde_json::to_string_pretty(&out).expect("serializes")
}

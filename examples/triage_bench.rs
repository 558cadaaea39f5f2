//! The triage benchmark (issue 28): an mbox of 10,000 generated mails (Japanese in
//! ISO-2022-JP, English in quoted-printable UTF-8, with greetings, quoted history and
//! signatures, and one broken message in the middle) triaged by the release binary. Prints
//! the time and the peak memory (`/usr/bin/time -f %M` where it exists; the time alone
//! elsewhere), and the same for a quarter of the mails: memory that grows with the mbox
//! would show there. Asserts nothing but that the run went through.
//!
//!     cargo build --release && cargo run --release --example triage_bench [-- N]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
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
        eprintln!("triage_bench: build the program first: cargo build --release");
        std::process::exit(2);
    }
    let tmp = std::env::temp_dir().join(format!("sphere-faq-triage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("a temporary directory");
    let time = Path::new("/usr/bin/time").is_file();

    println!("| mails | mbox | output | wall time | peak memory |");
    println!("|---:|---:|---|---:|---:|");
    for count in [n / 4, n] {
        let mbox = tmp.join(format!("inbox-{count}.mbox"));
        let size = generate(&mbox, count);
        let drafts = tmp.join(format!("drafts-{count}"));
        let csv = tmp.join(format!("triage-{count}.csv"));
        let runs: [(&str, Vec<String>); 2] = [
            ("table", vec![]),
            (
                "table + CSV + drafts",
                vec![
                    "--csv".into(),
                    csv.display().to_string(),
                    "--drafts".into(),
                    drafts.display().to_string(),
                ],
            ),
        ];
        for (what, extra) in runs {
            let (secs, peak_kib, status) = run(&bin, &mbox, &extra, time);
            // The broken message makes the status 2; anything else is a failure.
            assert_eq!(status, Some(2), "triage exited with {status:?}");
            println!(
                "| {count} | {:.1} MB | {what} | {secs:.2} s | {} |",
                size as f64 / 1e6,
                peak_kib.map_or("-".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Runs `sphere-faq triage MBOX` with its output thrown away: seconds, peak resident
/// memory in KiB (when /usr/bin/time is there), exit status.
fn run(bin: &Path, mbox: &Path, extra: &[String], time: bool) -> (f64, Option<u64>, Option<i32>) {
    let mut cmd = if time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("triage").arg(mbox).args(extra);
    cmd.env("LANG", "C").env_remove("SPHERE_FAQ_DATA");
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output().expect("the program runs");
    let secs = start.elapsed().as_secs_f64();
    let peak = time
        .then(|| {
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
        })
        .flatten();
    (secs, peak, out.status.code())
}

/// Writes an mbox of `count` mails; returns its size in bytes.
fn generate(path: &Path, count: usize) -> u64 {
    let file = std::fs::File::create(path).expect("the mbox");
    let mut w = std::io::BufWriter::new(file);
    for i in 0..count {
        if i == count / 2 {
            // A transfer cut short: no header, only noise.
            w.write_all(
                b"From MAILER-DAEMON Mon Jun 10 11:00:00 2024\n\x00\x00 truncated \x00\n\n",
            )
            .unwrap();
            continue;
        }
        let mail = if i % 2 == 0 { japanese(i) } else { english(i) };
        writeln!(w, "From sender{i}@example.com Mon Jun 10 09:00:00 2024").unwrap();
        w.write_all(&mail).unwrap();
        w.write_all(b"\n\n").unwrap();
    }
    w.flush().unwrap();
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

const JA_PROBLEMS: [&str; 8] = [
    "先週GIDを申請しましたが、Microsoftからの招待メールがまだ届いていません。迷惑メールフォルダも確認しました。",
    "招待メールを誤って削除してしまいました。初期登録はどうすればよいでしょうか。",
    "招待メールのボタンを押すと「招待の利用に失敗しました」と表示されて先に進めません。",
    "SPHEREの画面にエラーコード：1014と表示されます。",
    "Azure ADのパスワードを忘れてしまいました。リセットの方法を教えてください。",
    "Microsoftのエラー画面に AADSTS50020 と表示されてログインできません。",
    "初期設定でエラーコード AADB2B_0001 が表示されました。",
    "来月から請求書の送付先住所が変わります。登録情報の変更をお願いします。",
];

const EN_PROBLEMS: [&str; 8] = [
    "I have not received the Microsoft invitation email for SPHERE, not even in my junk folder.",
    "The link in the invitation email cannot be clicked because our mail client shows plain text only.",
    "Which login ID should I use for Azure AD: my GID or my email address?",
    "After pressing the One Sony Concur button I get AADSTS50061.",
    "Our domain changed; how do I change the email address I use to log in to SPHERE?",
    "I clicked the invitation link and got AADB2B_0005.",
    "Signing in fails with AADSTS50126 although the password is right.",
    "Is there visitor parking at your Tokyo office for the supplier day?",
];

fn japanese(i: usize) -> Vec<u8> {
    let body = format!(
        "SPHEREヘルプデスク ご担当者様\n\nお世話になっております。株式会社サンプル{i}の山田です。\n\n{}\n\nよろしくお願いいたします。\n\n━━━━━━━━━━━━━━━━\n株式会社サンプル{i}\n山田 太郎\nTEL: 03-5555-{:04}\n━━━━━━━━━━━━━━━━\n\n2024年6月3日(月) 9:12 SPHERE Helpdesk <sphere-helpdesk@sony.com>:\n> 山田様\n> お問い合わせありがとうございます。\n",
        JA_PROBLEMS[i / 2 % JA_PROBLEMS.len()],
        i % 10_000
    );
    let (encoded, _, _) = encoding_rs::ISO_2022_JP.encode(&body);
    let subject = encoded_word(&format!("SPHEREについてのお問い合わせ {i}"));
    let name = encoded_word("山田 太郎");
    let mut mail = format!(
        "From: {name} <taro{i}@example.co.jp>\nTo: sphere-helpdesk@sony.com\nSubject: {subject}\nDate: Mon, 10 Jun 2024 09:{:02}:00 +0900\nMessage-ID: <bench.{i}@example.co.jp>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n",
        i % 60
    )
    .into_bytes();
    mail.extend_from_slice(&encoded);
    mail
}

fn english(i: usize) -> Vec<u8> {
    let body = format!(
        "Hi SPHERE Helpdesk,\n\nI hope this email finds you well.\n\n{}\n\nBest regards,\nJohn Smith {i}\nExample Logistics Ltd. – Procurement\nPhone: +44 20 7946 {:04}\n\nThis e-mail and any attachments are confidential. If you are not the intended recipient, please delete it.\n",
        EN_PROBLEMS[i / 2 % EN_PROBLEMS.len()],
        i % 10_000
    );
    format!(
        "From: \"Smith, John\" <john{i}@example.com>\nTo: sphere-helpdesk@sony.com\nSubject: SPHERE question {i}\nDate: Mon, 10 Jun 2024 10:{:02}:00 +0100\nMessage-ID: <bench.{i}@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n{}",
        i % 60,
        quoted_printable(&body)
    )
    .into_bytes()
}

/// An RFC 2047 encoded word in ISO-2022-JP, as Japanese mailers write headers.
fn encoded_word(text: &str) -> String {
    let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode(text);
    format!("=?ISO-2022-JP?B?{}?=", base64(&bytes))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Quoted-printable: bytes outside printable ASCII as =XX, lines as they are (none here
/// is longer than the limit once encoded, bar the disclaimer, which gets a soft break).
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let mut len = 0;
        for &b in line.as_bytes() {
            let piece = if (b == b' ' || b.is_ascii_graphic()) && b != b'=' {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if len + piece.len() > 75 {
                out.push_str("=\n");
                len = 0;
            }
            len += piece.len();
            out.push_str(&piece);
        }
        out.push('\n');
    }
    out
}

//! `sphere-faq triage` on the sample inbox (tests/fixtures/mail/): its expected triage
//! (expected.tsv), every encoding Japanese mail uses, the golden drafts, the CSV's
//! byte-order mark, and what cannot be read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{fixture, run};
use sphere_faq::mail::{Mail, Unread, parse};

fn inbox() -> PathBuf {
    fixture("mail")
}

fn inbox_arg() -> String {
    inbox().display().to_string()
}

/// A fixture mail, parsed by the library.
fn mail(name: &str) -> Mail {
    let bytes = std::fs::read(inbox().join(name)).expect("fixture");
    parse(&bytes, name.to_string(), name.to_string()).expect("a mail")
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sphere-faq-triage-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// The file name of a source (`…/mail/ja_01.eml` → `ja_01.eml`, `…/x.mbox#3` → `x.mbox#3`).
fn short(source: &str) -> String {
    Path::new(source)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

struct Expected {
    mail: String,
    lang: String,
    entry: String,
    decided_by: String,
    draft: String,
}

fn expected() -> Vec<Expected> {
    std::fs::read_to_string(inbox().join("expected.tsv"))
        .expect("expected.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 5, "expected.tsv: {l}");
            Expected {
                mail: f[0].to_string(),
                lang: f[1].to_string(),
                entry: f[2].to_string(),
                decided_by: f[3].to_string(),
                draft: f[4].to_string(),
            }
        })
        .collect()
}

#[test]
fn the_sample_inbox_triages_to_its_expected_entries() {
    let r = run(&["triage", &inbox_arg(), "--json"]);
    // Three files cannot be read: the status says so, and the rest went on.
    assert_eq!(r.code, 2, "{}", r.stderr);
    let j = r.json();
    let mails = j["mails"].as_array().expect("mails");
    let failed = j["failed"].as_array().expect("failed");
    let expected = expected();
    assert!(mails.len() >= 30, "at least 30 mails read");
    assert_eq!(
        mails.len() + failed.len(),
        expected.len(),
        "every mail listed"
    );
    let by_n = |n: u64| -> String {
        short(
            mails
                .iter()
                .find(|m| m["n"] == n)
                .and_then(|m| m["source"].as_str())
                .unwrap_or_default(),
        )
    };
    for e in &expected {
        if e.entry == "failed" {
            assert!(
                failed
                    .iter()
                    .any(|f| short(f["source"].as_str().unwrap()) == e.mail),
                "{} is listed as not read",
                e.mail
            );
            continue;
        }
        let m = mails
            .iter()
            .find(|m| short(m["source"].as_str().unwrap()) == e.mail)
            .unwrap_or_else(|| panic!("{} was not triaged", e.mail));
        let what = format!("{}: {m:#}", e.mail);
        assert_eq!(m["lang"], e.lang.as_str(), "{what}");
        let decided_by = by_n(m["decided_by"].as_u64().unwrap());
        let want_decider = if e.decided_by == "self" {
            &e.mail
        } else {
            &e.decided_by
        };
        assert_eq!(&decided_by, want_decider, "{what}");
        let confidence = m["confidence"].as_str().unwrap();
        let sure = confidence == "code" || confidence == "high";
        let answer = m["answer"]["id"].as_str();
        match e.draft.as_str() {
            // A sure answer is the right one: it goes into a draft as it is.
            "answer" => {
                assert!(sure, "{what}");
                assert_eq!(answer, Some(e.entry.as_str()), "{what}");
            }
            // Left for a person: the right entry is among the candidates shown, a code
            // not in the FAQ is named, an off-topic mail has no answer.
            "review" => {
                assert!(!sure, "{what}");
                if e.entry == "-" {
                    assert!(answer.is_none(), "{what}");
                } else if e.entry.starts_with('Q') {
                    let mut candidates: Vec<&str> = answer.into_iter().collect();
                    candidates.extend(
                        m["alternatives"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a.as_str().unwrap()),
                    );
                    assert!(candidates.contains(&e.entry.as_str()), "{what}");
                } else {
                    assert_eq!(m["related_code"], e.entry.as_str(), "{what}");
                }
            }
            "none" => assert_ne!(&decided_by, &e.mail, "{what}"),
            other => panic!("expected.tsv: unknown draft kind {other}"),
        }
    }
}

#[test]
fn drafts_match_their_golden_files() {
    let dir = scratch("drafts");
    let r = run(&[
        "triage",
        &inbox_arg(),
        "--drafts",
        &dir.display().to_string(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let golden_dir = inbox().join("drafts");
    let names = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .expect("a directory")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&golden_dir);
        std::fs::create_dir_all(&golden_dir).unwrap();
        for name in names(&dir) {
            std::fs::copy(dir.join(&name), golden_dir.join(&name)).unwrap();
        }
    }
    assert_eq!(names(&dir), names(&golden_dir), "the same drafts");
    for name in names(&golden_dir) {
        let got = std::fs::read_to_string(dir.join(&name)).unwrap();
        let want = std::fs::read_to_string(golden_dir.join(&name)).unwrap();
        assert_eq!(
            got, want,
            "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites them)"
        );
    }
    // One draft per thread, none for a mail that could not be read.
    let expected = expected();
    let drafted = expected.iter().filter(|e| e.draft != "none").count();
    assert_eq!(names(&dir).len(), drafted);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every line of every FAQ answer, in both languages.
fn answer_lines() -> Vec<String> {
    let faq = sphere_faq::Faq::embedded().unwrap();
    faq.entries
        .iter()
        .flat_map(|e| e.answer.ja.iter().chain(&e.answer.en).cloned())
        // Long enough to be the FAQ's own sentence; the helpdesk's address is in every
        // signature.
        .filter(|l| l.chars().count() > 12 && !l.contains('@'))
        .collect()
}

#[test]
fn a_draft_never_answers_what_is_not_sure() {
    let golden = inbox().join("drafts");
    let lines = answer_lines();
    let mut reviewed = 0;
    for entry in std::fs::read_dir(&golden).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let placeholder = text.contains("【要確認】") || text.contains("[TO REVIEW]");
        let sure = text.contains("(確度 code)")
            || text.contains("(確度 high)")
            || text.contains("(confidence code)")
            || text.contains("(confidence high)");
        assert_ne!(placeholder, sure, "{text}");
        if placeholder {
            reviewed += 1;
            for l in &lines {
                assert!(!text.contains(l.as_str()), "an answer line in\n{text}");
            }
        }
        // Nothing is sent: the file says so at its head, for the reviewer.
        assert!(text.contains("----------"), "{text}");
    }
    assert!(reviewed >= 2, "the inbox has mails to review");
}

#[test]
fn a_japanese_draft_is_in_the_helpdesks_register() {
    let text = std::fs::read_to_string(
        inbox()
            .join("drafts")
            .join("ja_01_invitation_not_arrived.txt"),
    )
    .unwrap();
    let faq = sphere_faq::Faq::embedded().unwrap();
    let q2 = faq.entry("Q2").unwrap();
    assert!(text.contains("\n山田 太郎様\n"), "{text}");
    assert!(text.contains("お世話になっております。SPHEREヘルプデスクです。"));
    assert!(
        text.contains(&q2.answer.ja.join("\n")),
        "the FAQ's own lines"
    );
    assert!(text.contains(&faq.contact.hours.ja));
    assert!(text.contains(&faq.contact.email));
    let text = std::fs::read_to_string(
        inbox()
            .join("drafts")
            .join("en_03_redemption_failed_multipart.txt"),
    )
    .unwrap();
    let q4 = faq.entry("Q4").unwrap();
    assert!(text.contains("\nDear Lukas Becker,\n"), "{text}");
    assert!(text.contains(&q4.answer.en.join("\n")));
    assert!(text.contains(&faq.contact.hours.en));
}

// ---- Each encoding, decoded --------------------------------------------------------------

#[test]
fn iso_2022_jp_decodes() {
    let m = mail("ja_01_invitation_not_arrived.eml");
    assert_eq!(m.subject, "SPHEREの招待メールが届きません");
    assert_eq!(m.from_name.as_deref(), Some("山田 太郎"));
    assert!(
        m.body.contains("招待メールがまだ届いておりません"),
        "{}",
        m.body
    );
    assert!(m.body.contains("〒105-0011"));
    // In a multipart/alternative mail too, where the text part is read.
    let m = mail("ja_14_concur_multipart.eml");
    assert!(!m.html_only);
    assert!(m.body.contains("「One Sony Concur」のボタンを押したところ"));
    assert!(!m.body.contains("<p>"));
}

#[test]
fn shift_jis_decodes() {
    let m = mail("ja_03_redemption_failed.eml");
    assert_eq!(m.subject, "「招待の利用に失敗しました」と表示されます");
    assert_eq!(m.from_name.as_deref(), Some("鈴木 一郎"));
    assert!(
        m.body
            .contains("「招待の利用に失敗しました」というエラー画面")
    );
    // Base64 over Shift_JIS.
    let m = mail("ja_09_change_email.eml");
    assert_eq!(m.subject, "SPHEREで使うメールアドレスの変更について");
    assert!(m.body.contains("4月の社名変更に伴い"));
}

#[test]
fn euc_jp_decodes() {
    let m = mail("ja_04_link_not_clickable.eml");
    assert_eq!(m.subject, "招待メールのリンクが押せない件");
    assert_eq!(m.from_name.as_deref(), Some("高橋 健"));
    assert!(m.body.contains("テキスト形式でしか表示できない"));
    // Quoted-printable over EUC-JP.
    let m = mail("ja_11_aadsts50020.eml");
    assert!(
        m.body
            .contains("社内のOffice 365には普段通りログインできています")
    );
}

#[test]
fn utf8_quoted_printable_decodes() {
    let m = mail("ja_05_login_id.eml");
    assert_eq!(m.subject, "Azure ADのログインIDについて");
    assert!(m.body.contains("GIDのEX番号を入れるのか"));
    let m = mail("en_01_invitation_missing.eml");
    assert_eq!(m.from_name.as_deref(), Some("Smith, John"));
    assert!(
        m.body
            .contains("I have not received the Microsoft invitation email yet")
    );
    assert!(!m.body.contains("=\r\n"), "soft line breaks undone");
}

#[test]
fn utf8_base64_decodes() {
    let m = mail("ja_06_password_unknown.eml");
    assert_eq!(m.subject, "サインイン時のパスワードがわかりません");
    assert!(m.body.contains("Azure ADのパスワードがわかりません"));
    let m = mail("en_06_password_unknown.eml");
    assert!(m.body.contains("I never created a password for Azure AD"));
}

#[test]
fn html_only_mail_is_read_as_text() {
    let m = mail("ja_13_own_idp_error_html_only.eml");
    assert!(m.html_only);
    assert!(
        m.body
            .contains("弊社の認証画面（社内のシングルサインオン画面）に移動し")
    );
    assert!(!m.body.contains("<div>") && !m.body.contains("font-family"));
    // One line per block, as the sender saw it.
    assert!(
        m.body.lines().any(|l| l == "よろしくお願いいたします。"),
        "{}",
        m.body
    );
    let m = mail("en_11_other_account_html_only.eml");
    assert!(
        m.body
            .contains("How do I log out and sign in with the right account?")
    );
}

#[test]
fn an_mbox_is_read_message_by_message() {
    let mut got: Vec<Result<Mail, sphere_faq::mail::Failed>> = Vec::new();
    sphere_faq::mail::read_paths(&[inbox().join("inbox_2024-06.mbox")], &mut |r| got.push(r));
    assert_eq!(got.len(), 5);
    // The broken third message is reported, and those after it are read.
    let third = got[2].as_ref().expect_err("the third is broken");
    assert!(third.source.ends_with("inbox_2024-06.mbox#3"));
    assert_eq!(third.reason, Unread::NotAMail);
    let first = got[0].as_ref().unwrap();
    assert_eq!(first.subject, "招待メールのリンクが無効と表示されます");
    assert_eq!(first.name, "inbox_2024-06-1");
    assert_eq!(
        got[4].as_ref().unwrap().subject,
        "AADSTS50126 when signing in"
    );
}

// ---- Outputs -------------------------------------------------------------------------------

#[test]
fn the_csv_starts_with_a_byte_order_mark_and_keeps_japanese() {
    let dir = scratch("csv");
    let csv = dir.join("triage.csv");
    let r = run(&["triage", &inbox_arg(), "--csv", &csv.display().to_string()]);
    assert_eq!(r.code, 2);
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text.starts_with("n,source,thread,decided_by,date,from_name,"));
    assert!(text.contains("山田 太郎"));
    assert!(text.contains("SPHEREの招待メールが届きません"));
    assert!(text.contains(",\"Smith, John\","), "a comma is quoted");
    assert!(text.contains("\r\n"), "spreadsheet line ends");
    // A header, then one record per mail (records may span lines inside quotes).
    let records = text.matches(",ja,").count() + text.matches(",en,").count();
    assert!(records >= 35, "{records}");
    assert!(text.contains("failed: not a mail"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_table_lists_every_mail_and_what_could_not_be_read() {
    let r = run(&["triage", &inbox_arg()]);
    assert_eq!(r.code, 2);
    for want in [
        "Answer",
        "山田 太郎",
        "Q13",
        "→#",
        "Not read:",
        "Outlook .msg files are not supported",
        "inbox_2024-06.mbox#3",
    ] {
        assert!(r.stdout.contains(want), "{want:?} in\n{}", r.stdout);
    }
    let r = run(&["triage", &inbox_arg(), "--lang", "ja"]);
    assert!(r.stdout.contains("読めなかったメール:"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Outlook の .msg ファイルには対応していません")
    );
}

#[test]
fn without_a_failure_the_status_is_zero() {
    let dir = scratch("ok");
    for name in ["en_05_login_id.eml", "ja_10_error_1014.eml"] {
        std::fs::copy(inbox().join(name), dir.join(name)).unwrap();
    }
    // Files that are no mail in a folder are passed over.
    std::fs::write(dir.join("notes.txt"), "not a mail").unwrap();
    let r = run(&["triage", &dir.display().to_string(), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["mails"].as_array().unwrap().len(), 2);
    assert_eq!(j["summary"]["failed"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_outlook_msg_and_a_missing_path_are_refused_each_with_a_reason() {
    let missing = inbox().join("no-such-file.eml").display().to_string();
    let msg = inbox().join("outlook_export.msg").display().to_string();
    let good = inbox()
        .join("en_02_deleted_invitation.eml")
        .display()
        .to_string();
    let r = run(&["triage", &missing, &msg, &good, "--json"]);
    assert_eq!(r.code, 2);
    let j = r.json();
    assert_eq!(j["mails"].as_array().unwrap().len(), 1);
    let reasons: Vec<&str> = j["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2);
    assert!(reasons[0].starts_with("cannot read: "), "{reasons:?}");
    assert!(reasons[1].contains(".msg"), "{reasons:?}");
}

#[test]
fn triage_needs_a_path() {
    let r = run(&["triage"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("PATH"), "{}", r.stderr);
}

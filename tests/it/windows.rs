//! What a Windows PC hands the program: CRLF line ends, UTF-16 and Shift_JIS text, `\`
//! paths, the display language. The input tests run everywhere (a file written on Windows
//! reaches Linux too); the `cfg(windows)` ones run in the Windows build under Wine
//! (scripts/windows-test.sh, run by .ci/run) and on a real Windows.

use crate::common::{run, run_with};

/// A Japanese e-mail as Outlook or Notepad saves it: CRLF line ends, on stdin.
#[test]
fn a_pasted_message_with_crlf_line_ends() {
    let mail = "お世話になっております。\r\n\r\nSPHEREにログインしようとすると\r\nAADSTS50020 と表示されます。\r\n\r\nよろしくお願いいたします。\r\n";
    let r = run_with(&["--json"], &[], Some(mail.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids()[0], "Q13");
    assert_eq!(r.json()["lang"], "ja");
    // Without a code, the symptom is read as well across CRLF lines.
    let mail = "Hello,\r\nI never received the invitation e-mail\r\nfrom SPHERE.\r\nThanks\r\n";
    let r = run_with(&["search", "--json"], &[], Some(mail.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids()[0], "Q2");
    // No carriage return reaches the human output (it would overwrite the line on a console).
    let r = run_with(&["search"], &[], Some(mail.as_bytes()));
    assert!(!r.stdout.contains('\r'), "{:?}", r.stdout);
}

/// PowerShell 5.1's `Out-File` and `>`: UTF-16LE with a byte order mark, CRLF.
#[test]
fn a_utf16_paste_with_crlf_line_ends() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "エラーコード\r\nAADB2B_0005\r\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let r = run_with(&["--json"], &[], Some(&bytes));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids()[0], "Q16");
}

/// A corrected FAQ edited in Notepad: CRLF line ends (and a BOM) load, and a mistake is
/// still reported at its line and column.
#[test]
fn a_data_file_with_crlf_line_ends() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let faq = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json"))
        .unwrap()
        .replace('\n', "\r\n");
    let good = dir.join("crlf.json");
    std::fs::write(&good, format!("\u{feff}{faq}")).unwrap();
    let good = good.to_str().unwrap();
    let r = run(&["--data", good, "show", "Q7", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids(), ["Q7"]);
    assert_eq!(run(&["check", good]).code, 0);
    let broken = dir.join("crlf-broken.json");
    std::fs::write(&broken, "{\r\n  \"title\": ,\r\n}\r\n").unwrap();
    let broken = broken.to_str().unwrap();
    let r = run(&["check", broken, "--lang", "en"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with(&format!("sphere-faq: error: {broken}:2:12: expected value")),
        "{}",
        r.stderr
    );
}

/// A path as Windows writes it, with `\` (and a drive letter), given on the command line
/// or in SPHERE_FAQ_DATA, and named as given when it is wrong.
#[cfg(windows)]
#[test]
fn backslash_paths() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("windows-path.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json"), &file).unwrap();
    let file = file.to_str().unwrap().replace('/', "\\");
    assert!(file.contains('\\'), "{file}");
    let r = run(&["--data", &file, "show", "Q1", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_with(
        &["show", "Q1", "--json"],
        &[("SPHERE_FAQ_DATA", &file)],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let missing = format!("{file}.missing");
    let r = run(&["--data", &missing, "list", "--lang", "en"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with(&format!("sphere-faq: error: {missing}: ")),
        "{}",
        r.stderr
    );
}

/// Windows sets no LANG: without language variables, the display language decides (a
/// Japanese Windows answers in Japanese). scripts/windows-test.sh runs the suite under an
/// English display language, then this file again under a Japanese one, saying so in
/// SPHERE_FAQ_TEST_DISPLAY_LANG; a real Windows is checked against its own setting.
#[cfg(windows)]
#[test]
fn the_display_language_decides_without_language_variables() {
    use sphere_faq::Lang;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    // SAFETY: takes no arguments and only returns a value.
    let display = Lang::from_langid(unsafe { GetUserDefaultUILanguage() });
    assert_eq!(Lang::from_system(), display);
    if let Ok(want) = std::env::var("SPHERE_FAQ_TEST_DISPLAY_LANG") {
        assert_eq!(display, Lang::parse_loose(&want), "the display language");
    }
    // No variable at all: the display language.
    assert_eq!(
        Lang::from_env_with(|_| None).or_else(Lang::from_system),
        display
    );
    // A variable still wins over it (Git Bash and MSYS2 set LANG).
    assert_eq!(
        Lang::from_env_with(|k| (k == "LANG").then(|| "en_US.UTF-8".to_string())),
        Some(Lang::En)
    );
}

//! Whole outputs of the program, frozen: every command in text and JSON, English and
//! Japanese, a paste, a vague query, an off-topic one, an unknown code, a `--data` file.
//! A change to what a user sees shows here as a diff; `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test it snapshots::`) accepts it.

use crate::common::{fixture, run_with};

/// One run: its status, stdout and stderr, as one text.
fn shot(args: &[&str], stdin: Option<&str>) -> String {
    let input = stdin.map(|name| std::fs::read(fixture(name)).expect("fixture"));
    let r = run_with(args, &[], input.as_deref());
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        r.code, r.stdout, r.stderr
    )
}

/// What changes when the helpdesk adds an entry or the search is learned again: the
/// number of entries and codes, the last id, and scores. Snapshots freeze the outputs'
/// form and answers, so that a new entry (docs/maintaining.md) changes none of them.
const GROWS: [(&str, &str); 5] = [
    (r#""entries": \d+"#, r#""entries": [count]"#),
    (r#""score": [0-9.]+"#, r#""score": [score]"#),
    (r"Q1 to Q\d+", "Q1 to Q[last]"),
    (r"\d+ entries, \d+ codes", "[count] entries, [count] codes"),
    (r"catalog of \d+ codes", "catalog of [count] codes"),
];

macro_rules! snapshots {
    ($($name:ident: [$($arg:expr),*] $(< $stdin:expr)?;)*) => {$(
        #[test]
        fn $name() {
            // Help on Windows names PowerShell's commands instead of pbpaste and the locale
            // variables (src/cli.rs tests both); these freeze the other systems' help.
            if cfg!(windows) && stringify!($name).starts_with("help") {
                return;
            }
            #[allow(unused_mut, unused_assignments)]
            let mut stdin = None;
            $(stdin = Some($stdin);)?
            insta::with_settings!({filters => GROWS.to_vec()}, {
                insta::assert_snapshot!(stringify!($name), shot(&[$($arg),*], stdin));
            });
        }
    )*};
}

snapshots! {
    code_en: ["code", "AADSTS50020"];
    code_ja: ["code", "1014", "--lang", "ja"];
    code_json: ["code", "AADB2B_0005", "--json"];
    code_catalog: ["code", "AADSTS50126"];
    code_catalog_ja_json: ["code", "AADSTS50053", "--lang", "ja", "--json"];
    code_unknown: ["code", "AADSTS99999"];
    code_near_miss: ["code", "AADSTS5002"];
    code_paste_ja: ["code", "-"] < "pastes/japanese_aadsts50020.txt";
    code_paste_json: ["code", "-", "--json"] < "pastes/token_error_aadsts50126.json";
    paste_no_command: [] < "pastes/browser_aadsts50020.txt";
    search_en: ["search", "invitation", "email", "did", "not", "arrive"];
    search_ja: ["search", "パスワード", "--lang", "ja"];
    search_ja_auto: ["search", "招待メールを捨ててしまった"];
    search_json: ["search", "I forgot my Azure AD password", "--json"];
    search_vague_ja: ["search", "ログインできない"];
    search_vague_json: ["search", "I can't log in", "--json"];
    search_offtopic: ["search", "Gmailのパスワードを忘れました"];
    search_offtopic_json: ["search", "how do I reset my Netflix password", "--json"];
    search_limit: ["search", "招待メールが届かない", "--limit", "1"];
    show_en: ["show", "Q13"];
    show_ja: ["show", "Q2", "--lang", "ja"];
    show_json: ["show", "7", "--json"];
    show_unknown: ["show", "Q99"];
    // The built-in list grows with every entry: its form is frozen on a small file, and
    // cli.rs checks that the built-in list names every entry of data/faq.json.
    list_en: ["--data", "tests/fixtures/data/small.json", "list"];
    list_ja: ["--data", "tests/fixtures/data/small.json", "list", "--lang", "ja"];
    check_faq: ["check", "data/faq.json"];
    check_catalog: ["check", "data/catalog.json"];
    data_search: ["--data", "tests/fixtures/data/small.json", "search", "invitation email did not arrive"];
    data_list_json: ["--data", "tests/fixtures/data/small.json", "list", "--json"];
    data_code_missing: ["--data", "tests/fixtures/data/small.json", "code", "AADSTS50020"];
    bare_code: ["AADSTS50061"];
    bare_id: ["Q7", "--lang", "ja"];
    bare_query: ["the", "invitation", "link", "cannot", "be", "clicked"];
    no_input: [];
    bad_flag: ["search", "--limit", "zero", "x"];
    misspelt_command: ["shwo", "Q13"];
    help: ["--help"];
    help_ja: ["--help", "--lang", "ja"];
    version: ["--version"];
}

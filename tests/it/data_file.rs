//! `--data FILE`, `SPHERE_FAQ_DATA` and `sphere-faq check FILE`: another database in the
//! embedded schema, validated with every problem listed, and never trusted with the terminal.

use crate::common::{run, run_with};

use serde_json::Value;

fn embedded() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json")).unwrap(),
    )
    .unwrap()
}

fn write(name: &str, v: &Value) -> String {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path.display().to_string()
}

#[test]
fn a_corrected_faq_replaces_the_built_in_one() {
    let mut v = embedded();
    v["entries"][12]["answer"]["en"] = serde_json::json!(["Corrected answer for AADSTS50020."]);
    let file = write("corrected.json", &v);
    let r = run(&["--data", &file, "code", "AADSTS50020"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Corrected answer for AADSTS50020."));
    let r = run_with(&["show", "Q13"], &[("SPHERE_FAQ_DATA", &file)], None);
    assert!(
        r.stdout.contains("Corrected answer"),
        "the environment variable works too"
    );
    let r = run(&["--data", &file, "search", "InPrivate", "--json"]);
    assert_eq!(r.ids()[0], "Q13");
    assert_eq!(
        run(&["check", &file]).stdout,
        format!("{file}: ok: {}\n", builtin_summary())
    );
}

#[test]
fn the_built_in_database_checks_clean() {
    let r = run(&[
        "check",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json"),
    ]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .ends_with(&format!(": ok: {}\n", builtin_summary()))
    );
}

#[test]
fn a_broken_file_gets_file_line_column() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("broken.json");
    std::fs::write(&path, "{\n  \"title\": {\"ja\": \"x\", \"en\": \"y\"},\n  \"updated\": \"2023\",\n  \"contact\": ,\n}\n").unwrap();
    let file = path.display().to_string();
    for args in [vec!["check", &file], vec!["--data", &file, "list"]] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr
                .starts_with(&format!("sphere-faq: error: {file}:4:14: expected value")),
            "{}",
            r.stderr
        );
    }
    let r = run(&["--data", "/no/such/file.json", "list"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!(
            "sphere-faq: error: /no/such/file.json: {}\n",
            crate::common::not_found_text("/no/such/file.json")
        )
    );
}

#[test]
fn every_schema_problem_is_listed() {
    let mut v = embedded();
    v["entries"][1]["id"] = "Q1".into();
    v["entries"][2]["question"]
        .as_object_mut()
        .unwrap()
        .remove("en");
    v["entries"][3]["codes"] = serde_json::json!(["AADSTS50020"]);
    v["entries"][4]["see_also"] = serde_json::json!(["Q99"]);
    v["entries"][6]["answer"]
        .as_object_mut()
        .unwrap()
        .remove("ja");
    let file = write("problems.json", &v);
    let r = run(&["check", &file]);
    assert_eq!(r.code, 2);
    for want in [
        ": Q1: duplicate id",
        ": Q3: question is empty in en",
        ": Q13: code AADSTS50020 is claimed by both Q4 and Q13",
        ": Q5: refers to Q99, which does not exist",
        ": Q7: answer is empty in ja",
    ] {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with(&file) && l.contains(want)),
            "missing {want:?} in\n{}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with(&format!("{file}:")) && l.contains(": Q5: refers")),
        "with a line number"
    );
    assert_eq!(
        r.stderr.lines().last().unwrap(),
        format!("sphere-faq: error: {file}: the database is not valid")
    );
    // `check --json` lists the same problems (at least the five made here; an entry that
    // refers to one of the broken ones adds its own).
    let j = run(&["check", &file, "--json"]).json();
    assert_eq!(j["ok"], false);
    let n = j["problems"].as_array().unwrap().len();
    assert!(n >= 5, "{j}");
    // Used with --data, the same file is one line naming the first problem and the count.
    let r = run(&["--data", &file, "list"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(
        r.stderr
            .contains(&format!("and {} more; run `sphere-faq check", n - 1)),
        "{}",
        r.stderr
    );
}

#[test]
fn text_from_a_data_file_never_drives_the_terminal() {
    let mut v = embedded();
    v["entries"][5]["question"]["en"] = "Login ID \u{1b}[2J\u{1b}]0;title\u{7} question".into();
    v["entries"][5]["answer"]["en"] =
        serde_json::json!(["line \u{1b}[31mred\u{1b}[0m", "\u{9b}31m C1 CSI"]);
    v["contact"]["email"] = "help\u{1b}[5m@example.com".into();
    let file = write("escapes.json", &v);
    for args in [
        vec!["show", "Q6"],
        vec!["list"],
        vec!["show", "Q6", "--color", "always"],
        vec!["search", "login", "id"],
    ] {
        let mut a = vec!["--data", file.as_str()];
        a.extend(args.iter().copied());
        let r = run(&a);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        for raw in ["\u{1b}[2J", "\u{1b}]0;", "\u{7}", "\u{1b}[31mred", "\u{9b}"] {
            assert!(!r.stdout.contains(raw), "{args:?}: raw {raw:?} in output");
        }
        if args.contains(&"show") {
            assert!(r.stdout.contains("\\u{1b}[2J"), "shown escaped");
        }
    }
    // JSON carries the text as data, escaped by JSON itself.
    let r = run(&["--data", &file, "show", "Q6", "--json"]);
    assert!(r.stdout.contains("\\u001b[2J"));
}

/// What `check` says of the built-in FAQ, from the data: "17 entries, 5 codes" today.
fn builtin_summary() -> String {
    let faq = sphere_faq::Faq::embedded().unwrap();
    format!(
        "{} entries, {} codes",
        faq.entries.len(),
        faq.codes().count()
    )
}

#[test]
fn check_reads_the_catalog_and_the_lexicon_too() {
    let root = env!("CARGO_MANIFEST_DIR");
    let r = run(&["check", &format!("{root}/data/catalog.json")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(": ok: catalog of "), "{}", r.stdout);
    let r = run(&["check", &format!("{root}/data/lexicon.json"), "--json"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json()["kind"], "lexicon");
    // An FAQ's JSON keeps its counts as numbers, as scripts read them.
    let j = run(&["check", &format!("{root}/data/faq.json"), "--json"]).json();
    let faq = sphere_faq::Faq::embedded().unwrap();
    assert_eq!(j["entries"], faq.entries.len());
    assert_eq!(j["codes"], faq.codes().count());
    // A stop word listed twice and a term in two concepts are found.
    let mut lexicon: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/data/lexicon.json")).unwrap(),
    )
    .unwrap();
    lexicon["stopwords"]
        .as_array_mut()
        .unwrap()
        .push("the".into());
    let first_term = lexicon["concepts"][0]["terms"][0].clone();
    lexicon["concepts"][1]["terms"]
        .as_array_mut()
        .unwrap()
        .push(first_term);
    let file = write("lexicon_twice.json", &lexicon);
    let r = run(&["check", &file]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("stop word \"the\" is listed twice"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("is listed twice (also in"),
        "{}",
        r.stderr
    );
    // A catalog code the FAQ answers is refused.
    let mut catalog: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/data/catalog.json")).unwrap(),
    )
    .unwrap();
    catalog["codes"][0]["code"] = "AADSTS50020".into();
    let file = write("catalog_faq_code.json", &catalog);
    let r = run(&["check", &file]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("AADSTS50020 is answered by the FAQ (Q13 in data/faq.json): delete it from data/catalog.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_output_says_which_faq_answers() {
    let v = run(&["--version"]);
    assert!(
        v.stdout.contains("built-in FAQ of 2023-10-03"),
        "{}",
        v.stdout
    );
    let j = run(&["list", "--json"]).json();
    assert_eq!(j["faq"]["source"], "built-in");
    assert_eq!(j["faq"]["updated"], "2023-10-03");
    let file = write("which.json", &embedded());
    for args in [
        vec!["--data", &file, "show", "Q2", "--json"],
        vec!["--data", &file, "search", "password", "--json"],
        vec!["--data", &file, "code", "1014", "--json"],
    ] {
        let j = run(&args).json();
        assert_eq!(j["faq"]["source"], file.as_str(), "{args:?}");
    }
}

#[test]
fn a_data_file_with_a_bom_loads_and_another_encoding_is_named() {
    let faq = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json")).unwrap();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let bom = dir.join("bom.json");
    std::fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], &faq].concat()).unwrap();
    let bom = bom.to_str().unwrap();
    assert_eq!(run(&["check", bom]).code, 0);
    assert_eq!(run(&["--data", bom, "show", "Q2"]).code, 0);
    let text = String::from_utf8(faq).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let path = dir.join("utf16.json");
    std::fs::write(&path, utf16).unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("UTF-16 (little-endian), not UTF-8"),
        "{}",
        r.stderr
    );
    let path = dir.join("sjis.json");
    std::fs::write(&path, encoding_rs::SHIFT_JIS.encode(&text).0).unwrap();
    let r = run(&["--data", path.to_str().unwrap(), "list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Shift_JIS"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);
}

#[test]
fn data_files_that_are_no_database_get_one_clear_line() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    // A directory, a device and a FIFO: refused at once, never read.
    let fifo = dir.join("faq.fifo");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    // The platform's endless device: /dev/zero, or NUL on Windows.
    let device = if cfg!(windows) { "NUL" } else { "/dev/zero" };
    let mut paths = vec![dir.to_str().unwrap().to_string(), device.to_string()];
    if made.is_ok_and(|s| s.success()) {
        paths.push(fifo.to_str().unwrap().to_string());
    }
    for p in &paths {
        for args in [
            vec!["check", p.as_str()],
            vec!["--data", p.as_str(), "list"],
        ] {
            let started = std::time::Instant::now();
            let r = run(&args);
            assert_eq!(r.code, 2, "{args:?}");
            assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains(p.as_str()), "{}", r.stderr);
            // Not read: no waiting on a FIFO, no reading /dev/zero.
            assert!(started.elapsed() < std::time::Duration::from_secs(5));
        }
    }
    // A JSON array is no database, even of the right fields.
    let file = write("array.json", &serde_json::json!([{"id": "Q1"}]));
    let r = run(&["check", &file]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("expected a JSON object"), "{}", r.stderr);
}

#[test]
fn sphere_faq_data_empty_is_unset_and_named_when_it_fails() {
    let r = run_with(&["show", "Q7", "--json"], &[("SPHERE_FAQ_DATA", "")], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["faq"]["source"], "built-in");
    let r = run_with(&["list"], &[("SPHERE_FAQ_DATA", "/no/such/faq.json")], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("SPHERE_FAQ_DATA=/no/such/faq.json"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_gives_every_problem_its_own_line() {
    let mut v = embedded();
    // A duplicate id at the second copy, an overlong number, invisible-only text, and a
    // contact problem: each with the line where it is.
    v["entries"][5]["id"] = "Q1".into();
    v["entries"][8]["id"] = "Q4294967296".into();
    v["entries"][10]["id"] = "Q01".into();
    v["entries"][11]["id"] = "Q0".into();
    v["entries"][9]["question"]["en"] = "\u{200b}\u{200b}".into();
    v["contact"]["email"] = "nobody".into();
    let file = write("lines.json", &v);
    let text = std::fs::read_to_string(&file).unwrap();
    let line_of = |needle: &str, nth: usize| {
        text.match_indices(needle)
            .nth(nth)
            .map(|(i, _)| text[..i].matches('\n').count() + 1)
            .unwrap()
    };
    let r = run(&["check", &file]);
    assert_eq!(r.code, 2);
    let want = [
        format!("{file}:{}: Q1: duplicate id", line_of("\"id\": \"Q1\"", 1)),
        format!(
            "{file}:{}: Q4294967296: id",
            line_of("\"id\": \"Q4294967296\"", 0)
        ),
        format!(
            "{file}:{}: Q10: question is empty in en",
            line_of("\"id\": \"Q10\"", 0)
        ),
        format!("{file}:{}: contact: e-mail", line_of("\"contact\"", 0)),
        format!("{file}:{}: Q01: id", line_of("\"id\": \"Q01\"", 0)),
        format!("{file}:{}: Q0: id", line_of("\"id\": \"Q0\"", 0)),
    ];
    for w in &want {
        assert!(
            r.stderr.lines().any(|l| l.starts_with(w.as_str())),
            "{w} not in\n{}",
            r.stderr
        );
    }
}

/// Characters the output policy never writes as they are (src/text.rs, is_unsafe).
const HOSTILE: [&str; 12] = [
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{85}",
    "\u{7f}",
    "\u{7}",
    "\u{202e}",
    "\u{2066}",
    "\u{61c}",
    "\u{200b}",
    "\u{feff}",
    "\u{e0041}",
    "\u{2028}",
];

#[test]
fn no_output_path_writes_a_hostile_character() {
    let mut v = embedded();
    let evil: String = HOSTILE.concat();
    for e in v["entries"].as_array_mut().unwrap() {
        for lang in ["ja", "en"] {
            let q = e["question"][lang].as_str().unwrap().to_string();
            e["question"][lang] = format!("{q} {evil}").into();
            e["answer"][lang]
                .as_array_mut()
                .unwrap()
                .push(format!("line {evil} end").into());
        }
        e["notes"] = serde_json::json!([{"ja": format!("注{evil}"), "en": format!("note{evil}"), "source": format!("src{evil}")}]);
    }
    v["contact"]["name"]["en"] = format!("Desk{evil}").into();
    v["contact"]["hours"]["ja"] = format!("時間{evil}").into();
    let file = write("hostile.json", &v);
    let mut ran = 0;
    for lang in ["ja", "en"] {
        for json in [false, true] {
            for cmd in [
                vec!["show", "Q13"],
                vec!["show", "Q99"],
                vec!["list"],
                vec!["search", "invitation", "not", "received"],
                vec!["search", "ログインできない"],
                vec!["search", "lunch menu"],
                vec!["code", "AADSTS50020"],
                vec!["code", "AADSTS50126"],
                vec!["code", "AADSTS99999"],
                vec!["code", "no code here, just words"],
                vec!["Q7"],
                vec!["check", file.as_str()],
            ] {
                let mut args = vec!["--data", file.as_str(), "--lang", lang];
                if json {
                    args.push("--json");
                }
                args.extend(cmd.iter().copied());
                let r = run(&args);
                for h in HOSTILE {
                    assert!(!r.stdout.contains(h), "{args:?}: {h:?} in stdout");
                    assert!(!r.stderr.contains(h), "{args:?}: {h:?} in stderr");
                }
                if json && r.code != 2 {
                    // The JSON still parses, and carries the same strings.
                    let j = r.json();
                    if cmd[0] == "show" && cmd[1] == "Q13" {
                        let q = j["results"][0]["question"].as_str().unwrap();
                        assert!(q.ends_with(&evil), "{q:?}");
                    }
                }
                ran += 1;
            }
        }
    }
    assert_eq!(ran, 48);
    // What a query echoes back and a usage error repeats, too.
    let r = run(&["search", &format!("lunch {evil}")]);
    let r2 = run(&["show", &format!("Q{evil}")]);
    let r3 = run(&[&format!("--x{evil}")]);
    for r in [r, r2, r3] {
        for h in HOSTILE {
            assert!(!r.stdout.contains(h) && !r.stderr.contains(h), "{h:?}");
        }
    }
}

/// `check` advises, apart from errors, what an entry lacks that search would use.
#[test]
fn check_advises_on_keywords_in_one_language_only() {
    let mut faq = embedded();
    faq["entries"][0]["keywords"]["en"] = serde_json::json!([]);
    let path = write("advice.json", &faq);
    let r = run(&["check", &path]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("advice: Q1: keywords in Japanese only"),
        "{}",
        r.stdout
    );
}

//! The maintainer's path (issue 26): a new entry is data only. The real FAQ with one more
//! entry, the next free id and a code no one uses, given as a data file: `check` takes
//! it, and the program shows it, answers its code, and finds it by search for its own
//! words and for plain paraphrases of its question, in both languages, with no lexicon,
//! topic or model edit. (The learned model knows only the entries it was learned with,
//! so such a file is searched by the ranking alone until `cargo run --release --example
//! train` is run.) Nothing here counts on today's entries.

use crate::common::run;
use serde_json::{Value, json};

/// The built-in FAQ with a new entry appended, as a maintainer would write it.
fn with_new_entry() -> (String, String, String) {
    let mut faq: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/faq.json")).unwrap(),
    )
    .unwrap();
    let entries = faq["entries"].as_array_mut().unwrap();
    let next = entries
        .iter()
        .filter_map(|e| e["id"].as_str()?.strip_prefix('Q')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let id = format!("Q{next}");
    // A code no entry answers: AADSTS9 and six digits is not Microsoft's numbering.
    let code = format!("AADSTS9{next:06}");
    entries.push(json!({
        "id": id,
        "codes": [code],
        "question": {
            "ja": "招待メールの配信を停止してしまった場合",
            "en": "When you blocked future invitation emails"
        },
        "answer": {
            "ja": ["招待メールの「今後の招待をブロック」を押した場合は、ブロックを解除してからSPHEREヘルプデスクにご連絡ください。"],
            "en": ["If you clicked “Block future invitations”, undo the block, then contact the SPHERE helpdesk."]
        },
        "see_also": ["Q2"],
        "contact_helpdesk": true,
        "keywords": {
            "ja": ["今後の招待をブロック", "配信停止", "ブロック解除"],
            "en": ["block future invitations", "unsubscribe", "unblock invitations"]
        },
        "notes": []
    }));
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("maintainer");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("faq.json");
    std::fs::write(&path, serde_json::to_string_pretty(&faq).unwrap()).unwrap();
    (path.to_str().unwrap().to_string(), id, code)
}

#[test]
fn a_new_entry_is_data_only() {
    let (file, id, code) = with_new_entry();
    let r = run(&["check", &file]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let r = run(&["--data", &file, "show", &id]);
    assert!(
        r.stdout
            .contains("When you blocked future invitation emails")
    );
    let r = run(&["--data", &file, "code", &code, "--json"]);
    assert_eq!(r.ids().first(), Some(&id), "{}", r.stdout);

    for q in [
        // Its own question and keywords, both languages.
        "When you blocked future invitation emails",
        "招待メールの配信を停止してしまった場合",
        "block future invitations",
        "今後の招待をブロック",
        // Plain paraphrases.
        "I pressed block future invitations by mistake",
        "招待メールを配信停止にしてしまいました",
    ] {
        let r = run(&["--data", &file, "search", q, "--json"]);
        assert_eq!(r.ids().first(), Some(&id), "{q}: {}", r.stdout);
    }
    // The other entries still answer as before.
    let r = run(&["--data", &file, "code", "AADSTS50020", "--json"]);
    assert_eq!(r.ids().first().map(String::as_str), Some("Q13"));
}

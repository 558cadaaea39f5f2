//! The maintainer's path, done the README's way: a copy of the project gets a new entry,
//! Q18 with a new code, in data/faq.json; `cargo run --example regenerate` and `cargo test`
//! then pass, and the copy's binary shows Q18, answers its code, finds it by search and
//! completes its id. Nothing in the test suite may count on 17 entries.
//!
//! It builds the copy in its own target directory (kept between runs, so only the first
//! run compiles the dependencies), and the copy's own run of this test stops at once.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set in the copy's `cargo test`, so that the copy does not copy itself again.
const NESTED: &str = "SPHERE_FAQ_MAINTAINER_TEST";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let (src, dst) = (e.path(), to.join(&name));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The new entry, as a maintainer would write it.
fn q18() -> serde_json::Value {
    serde_json::json!({
        "id": "Q18",
        "codes": ["AADB2B_0002"],
        "question": {
            "ja": "招待メールをブロックしてしまった場合",
            "en": "When you blocked invitation emails"
        },
        "answer": {
            "ja": ["招待メールの「今後の招待をブロック」を押した場合は、ブロックを解除してからSPHEREヘルプデスクにご連絡ください。"],
            "en": ["If you clicked “Block future invitations”, undo the block, then contact the SPHERE helpdesk."]
        },
        "see_also": ["Q2"],
        "contact_helpdesk": true,
        "keywords": {
            "ja": ["今後の招待をブロック", "ブロック解除"],
            "en": ["block future invitations", "unblock invitations"]
        },
        "notes": []
    })
}

fn cargo(project: &Path, target: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .env(NESTED, "1")
        .output()
        .expect("cargo runs")
}

#[test]
#[cfg_attr(
    windows,
    ignore = "runs cargo, which a Windows build under Wine does not have (the Linux run covers it)"
)]
fn a_maintainer_adds_q18_and_everything_passes() {
    if std::env::var_os(NESTED).is_some() {
        return;
    }
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("maintainer");
    let project = work.join("project");
    let target = work.join("target");
    let _ = std::fs::remove_dir_all(&project);
    copy_tree(Path::new(env!("CARGO_MANIFEST_DIR")), &project);

    let faq_path = project.join("data").join("faq.json");
    let mut faq: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&faq_path).unwrap()).unwrap();
    faq["entries"].as_array_mut().unwrap().push(q18());
    std::fs::write(
        &faq_path,
        serde_json::to_string_pretty(&faq).unwrap() + "\n",
    )
    .unwrap();

    let regen = cargo(
        &project,
        &target,
        &["run", "--quiet", "--example", "regenerate"],
    );
    assert!(
        regen.status.success(),
        "regenerate failed:\n{}",
        String::from_utf8_lossy(&regen.stderr)
    );
    let test = cargo(&project, &target, &["test", "--quiet"]);
    assert!(
        test.status.success(),
        "cargo test fails after adding Q18:\n{}\n{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );

    let bin = target.join("debug").join("sphere-faq");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = Command::new(&bin);
        c.args(args).env_remove("LANG").env_remove("LC_ALL");
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (code, out) = run(&["show", "Q18", "--lang", "en"], &[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("When you blocked invitation emails"), "{out}");
    let (code, out) = run(&["code", "AADB2B-0002", "--json"], &[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"id\": \"Q18\""), "{out}");
    let (code, out) = run(&["search", "I blocked future invitations", "--json"], &[]);
    assert_eq!(code, Some(0));
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["results"][0]["id"], "Q18", "{out}");
    let (_, out) = run(
        &["--", "sphere-faq", "show", "Q1"],
        &[
            ("SPHERE_FAQ_COMPLETE", "bash"),
            ("_CLAP_COMPLETE_INDEX", "2"),
        ],
    );
    assert!(out.lines().any(|l| l.starts_with("Q18")), "{out}");
}

//! Guided mode (issue 27): its questions as data and their rules, the tree in JSON, the
//! loop driven through a pipe and on a real terminal under tmux, and the programs that
//! must never ask or wait.

use std::collections::{HashMap, VecDeque};
use std::process::Stdio;
use std::time::{Duration, Instant};

use sphere_faq::Faq;
use sphere_faq::data::guide::{Guide, Target};

use crate::common::{cmd, run, run_with};

fn guide() -> Guide {
    Guide::embedded().expect("the built-in guide loads")
}

/// How many answers each entry takes from the start, walked here apart from the rules.
fn answers_to_entries(g: &Guide) -> HashMap<String, usize> {
    let mut entries = HashMap::new();
    let mut seen = vec![g.start.clone()];
    let mut queue = VecDeque::from([(g.start.clone(), 0)]);
    while let Some((id, depth)) = queue.pop_front() {
        for c in &g.node(&id).expect("a node").choices {
            match c.target() {
                Some(Target::Next(n)) if !seen.iter().any(|s| s == n) => {
                    seen.push(n.to_string());
                    queue.push_back((n.to_string(), depth + 1));
                }
                Some(Target::Entry(e)) => {
                    entries.entry(e.to_string()).or_insert(depth + 1);
                }
                _ => {}
            }
        }
    }
    entries
}

#[test]
fn every_entry_of_the_faq_is_reachable_within_three_answers() {
    let reached = answers_to_entries(&guide());
    for e in &Faq::embedded().unwrap().entries {
        let n = reached.get(&e.id).copied();
        assert!(n.is_some_and(|n| n <= 3), "{}: {n:?} answers", e.id);
    }
}

#[test]
fn the_rules_reject_dead_ends_unknown_targets_and_unreachable_entries() {
    let faq = Faq::embedded().unwrap();
    let mut g = guide();
    assert_eq!(
        sphere_faq::data::rules::guide(&g, &faq),
        Vec::<(Option<usize>, String)>::new()
    );
    // A choice that leads nowhere, one to a question that does not exist, one to an entry
    // that does not exist; the invitation question gone, and with it Q3 (only there).
    let start = g.nodes.iter().position(|n| n.id == g.start).unwrap();
    g.nodes[start].choices[0].next = None;
    g.nodes[start].choices[2].next = Some("nowhere".into());
    g.nodes[start].choices[3].entry = Some("Q99".into());
    g.nodes.retain(|n| n.id != "invitation");
    let problems: Vec<String> = sphere_faq::data::rules::guide(&g, &faq)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    for want in [
        "node start: choice 1: needs exactly one of next, entry and ask (a dead end otherwise)",
        "node start: choice 3: next \"nowhere\" is not a node",
        "node start: choice 4: entry \"Q99\" is not in the FAQ",
        "node start: choice 2: next \"invitation\" is not a node",
        "Q3 cannot be reached",
    ] {
        assert!(
            problems.iter().any(|p| p == want),
            "missing {want:?} in {problems:#?}"
        );
    }
    // A question without choices is a dead end too.
    let mut g = guide();
    g.nodes[start].choices.clear();
    let problems = sphere_faq::data::rules::guide(&g, &faq);
    assert!(
        problems
            .iter()
            .any(|(_, p)| p == "node start: has no choices: a dead end"),
        "{problems:#?}"
    );
}

/// `check` names each problem of a guide file at the line of its question.
#[test]
fn check_gives_a_broken_guide_file_and_line() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/guide.json");
    let text = std::fs::read_to_string(&data).unwrap();
    let broken = text.replacen("\"entry\": \"Q10\"", "\"entry\": \"Q99\"", 1);
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("guide_broken.json");
    std::fs::write(&path, broken).unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let line = format!(
        "{}:5: node start: choice 4: entry \"Q99\" is not in the FAQ",
        path.display()
    );
    assert!(r.stderr.contains(&line), "{}", r.stderr);
    let ok = run(&["check", data.to_str().unwrap()]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}

/// Any front end can show the same choices: the tree in JSON, in the language asked.
#[test]
fn guide_json_is_the_tree() {
    let g = guide();
    let j = run(&["guide", "--json", "--lang", "ja"]).json();
    assert_eq!(j["start"], g.start.as_str());
    let nodes = j["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), g.nodes.len());
    for (n, data) in nodes.iter().zip(&g.nodes) {
        assert_eq!(n["question"], data.question.ja.as_str());
        for (c, d) in n["choices"].as_array().unwrap().iter().zip(&data.choices) {
            assert_eq!(c["label"], d.label.ja.as_str());
            if let Some(id) = &d.entry {
                assert_eq!(c["command"], format!("sphere-faq show {id}"));
            }
        }
    }
}

/// Piped, each line is an answer: the loop runs without a terminal.
#[test]
fn guide_reads_answers_from_a_pipe() {
    let r = run_with(&["guide", "--lang", "ja"], &[], Some("2\n1\n".as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("招待メールについて"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Q2  Microsoftから招待メールが届かない場合"),
        "{}",
        r.stdout
    );
    // A code typed at a question is answered as a code, even a bare number.
    let r = run_with(&["guide", "--lang", "en"], &[], Some("1014\n".as_bytes()));
    assert!(r.stdout.contains("Q12  Error Code:1014"), "{}", r.stdout);
    // The last choice of the first question switches the language.
    let r = run_with(
        &["guide", "--lang", "ja"],
        &[],
        Some("10\n3\n3\n".as_bytes()),
    );
    assert!(
        r.stdout.contains("Q8  When you are not able"),
        "{}",
        r.stdout
    );
    let r = run_with(&["guide", "--lang", "en"], &[], Some("q\n".as_bytes()));
    assert_eq!(r.code, 1);
}

/// With nothing on standard input, the program answers as before at once: it never asks.
#[test]
fn no_input_from_dev_null_never_prompts() {
    let started = Instant::now();
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "", "no question asked");
    assert!(r.stderr.contains("the input is empty"), "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// Started by a shell or a harness, the program never waits for Enter before it exits
/// (only a console of its own does, on Windows): standard input left open and silent.
#[test]
fn started_from_a_harness_it_never_waits_to_close() {
    let mut child = cmd(&["code", "AADSTS50020"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("still waiting for input");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}

/// Runs `sphere-faq ARGS` on a terminal under tmux, sends each step's keys (or pastes a
/// file, for a step whose keys are `["paste", path]`) and waits for its text; returns
/// the whole screen with its history and the exit status line.
#[cfg(unix)]
fn on_terminal(name: &str, env: &str, args: &str, steps: &[(&[&str], &str)]) -> String {
    let bin = crate::common::BIN;
    let tmux = |a: &[&str]| {
        std::process::Command::new("tmux")
            .args(["-L", name])
            .args(a)
            .output()
            .unwrap()
    };
    let _ = tmux(&["kill-server"]);
    let command = format!(
        "env -u LANG -u LC_ALL -u LC_MESSAGES -u SPHERE_FAQ_LANG NO_COLOR=1 {env} sh -c '{bin} {args}; echo EXIT=$?; sleep 30'"
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]);
    assert!(started.status.success(), "tmux: {started:?}");
    let mut screen = String::new();
    for (keys, until) in steps {
        match *keys {
            [] => {}
            ["paste", file] => {
                tmux(&["load-buffer", "-b", "page", file]);
                tmux(&["paste-buffer", "-b", "page", "-t", name]);
            }
            _ => {
                let mut a = vec!["send-keys", "-t", name];
                a.extend_from_slice(keys);
                tmux(&a);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let out = tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", name]);
            screen = String::from_utf8_lossy(&out.stdout).into_owned();
            if screen.contains(until) || Instant::now() > deadline {
                break;
            }
        }
    }
    let _ = tmux(&["kill-server"]);
    screen
}

#[cfg(unix)]
fn tmux_here() -> bool {
    crate::completion::available("tmux")
}

#[cfg(unix)]
#[test]
fn on_a_terminal_numbers_reach_q2_and_q8_in_both_languages() {
    if !tmux_here() {
        return;
    }
    // The language from --lang or from the environment.
    for (name, env, args, keys, asked, entry) in [
        (
            "guide-q2-ja",
            "",
            "--lang ja",
            "2",
            "招待メールについて",
            "Q2  Microsoftから招待メールが届かない場合",
        ),
        (
            "guide-q2-en",
            "SPHERE_FAQ_LANG=en",
            "",
            "2",
            "What about the invitation",
            "Q2  When the invitation email does not arrive.",
        ),
        (
            "guide-q8-ja",
            "SPHERE_FAQ_LANG=ja",
            "",
            "3",
            "ログインIDやパスワードについて",
            "Q8  GIDのパスワードを入力してもログインができない",
        ),
        (
            "guide-q8-en",
            "",
            "--lang en",
            "3",
            "What about the login ID",
            "Q8  When you are not able to login to SPHERE by GID.",
        ),
    ] {
        let last = if entry.starts_with("Q2") { "1" } else { "3" };
        let s = on_terminal(
            name,
            env,
            args,
            &[
                (&[], "1."),
                (&[keys, "Enter"], asked),
                (&[last, "Enter"], "EXIT="),
            ],
        );
        assert!(s.contains(entry), "{name}: {s}");
        assert!(
            s.contains("sphere-helpdesk@sony.com") && s.contains("EXIT=0"),
            "{name}: {s}"
        );
    }
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_pasted_japanese_page_reaches_q13_and_the_helpdesk_block() {
    if !tmux_here() {
        return;
    }
    let page = crate::common::fixture("pastes/japanese_aadsts50020.txt");
    let page = page.to_str().unwrap();
    for (name, args, asked, head) in [
        (
            "guide-q13-ja",
            "--lang ja",
            "画面に何が",
            "ヘルプデスクへの連絡用",
        ),
        (
            "guide-q13-en",
            "--lang en",
            "What does the screen show?",
            "For the helpdesk",
        ),
    ] {
        let s = on_terminal(
            name,
            "",
            args,
            &[
                (&[], "1."),
                (&["1", "Enter"], asked),
                (&["1", "Enter"], "> "),
                (&["paste", page], "タイムスタンプ"),
                (&["Enter"], "EXIT="),
            ],
        );
        assert!(s.contains("Q13 "), "{name}: {s}");
        assert!(s.contains(head), "{name}: {s}");
        assert!(
            s.contains("2968003d-62e6-4308-af03-8b276c6e0600")
                && s.contains("fcc0a98c-f61e-46c4-97e1-a51c69a1bb94"),
            "{name}: {s}"
        );
        assert!(
            s.contains("Enable flagging") && s.contains("EXIT=0"),
            "{name}: {s}"
        );
    }
}

#[cfg(unix)]
#[test]
fn on_a_terminal_i_cannot_sign_in_gets_one_question_then_one_entry() {
    if !tmux_here() {
        return;
    }
    let s = on_terminal(
        "guide-vague-ja",
        "",
        "--lang ja",
        &[
            (&[], "どれに当てはまりますか"),
            (&["-l", "ログインできない"], "ログインできない"),
            (&["Enter"], "どの画面で止まりますか"),
            (&["4", "Enter"], "EXIT="),
        ],
    );
    assert!(
        s.contains("Q11  Azure ADでログインしようとするとエラーになる"),
        "{s}"
    );
    assert!(s.contains("EXIT=0"), "{s}");
    let s = on_terminal(
        "guide-vague-en",
        "",
        "--lang en",
        &[
            (&[], "What is it about?"),
            (&["-l", "I can't sign in"], "sign in"),
            (&["Enter"], "Where does it stop?"),
            (&["5", "Enter"], "EXIT="),
        ],
    );
    assert!(
        s.contains("Q17  Error screen used by your organization was displayed."),
        "{s}"
    );
    assert!(s.contains("EXIT=0"), "{s}");
}

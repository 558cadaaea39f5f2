//! Shell completion and the man page, checked in real shells: the checked-in scripts are
//! what the binary generates, and in bash, zsh and fish `code AAD<TAB>` offers the codes
//! and `show Q1<TAB>` the ids. bash is always here; zsh, fish and man are installed by
//! .ci/run. Where one is missing a test says so on the terminal, and fails under CI.
//! Built for Windows (run under Wine by .ci/run), the shell tests are left out: what every
//! shell's script asks the program is checked without a shell.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

use sphere_faq::candidates::CompletionShell;

const SHELLS: [CompletionShell; 5] = [
    CompletionShell::Bash,
    CompletionShell::Zsh,
    CompletionShell::Fish,
    CompletionShell::Powershell,
    CompletionShell::Elvish,
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[cfg(unix)]
/// A directory holding the binary as `sphere-faq`, to put first on PATH as an installed
/// binary would be.
fn bin_dir() -> PathBuf {
    // Made once: the shell tests run in parallel, and a link removed and made again by
    // one of them is missing for a moment under another's shell (a flaky "no candidates").
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion-bin");
        std::fs::create_dir_all(&dir).unwrap();
        let link = dir.join("sphere-faq");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(crate::common::BIN, &link).unwrap();
        dir
    })
    .clone()
}

#[cfg(unix)]
fn path_with_bin() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// True if `tool` can run. Otherwise says so on the real terminal (test output capture
/// does not hide it), and fails when running under CI, which must have every tool.
pub(crate) fn available(tool: &str) -> bool {
    // bash, zsh, fish and man are Unix tools. On Windows the PowerShell script is checked
    // against the generated one, and the program's own completion answers are checked.
    if cfg!(not(unix)) {
        return false;
    }
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let msg = format!(
            "NOTE: {tool} is not installed: its completion/man test did not run (.ci/run installs it)\n"
        );
        let _ = std::io::stderr().write_all(msg.as_bytes());
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is missing under CI"
        );
    }
    found
}

fn script(shell: CompletionShell) -> PathBuf {
    root().join("completions").join(shell.file_name())
}

#[test]
fn checked_in_scripts_equal_the_generated_ones() {
    for shell in SHELLS {
        let generated = crate::common::run(&["completions", shell.name()]);
        assert_eq!(generated.code, 0);
        let path = script(shell);
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated.stdout,
            "{} differs from `sphere-faq completions {}`; regenerate with\n    cargo run --example regenerate",
            path.display(),
            shell.name()
        );
    }
}

#[cfg(unix)]
/// Candidates bash offers for the words of a command line (the last one being completed).
fn bash_complete(words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cur = words.last().unwrap();
    let prev = words[words.len() - 2];
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_clap_complete_sphere_faq sphere-faq '{cur}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script(CompletionShell::Bash).display(),
        quoted.join(" "),
        words.len() - 1
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &program])
        .env("PATH", path_with_bin())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(unix)]
/// Candidates zsh's completion function produces: `_describe` is replaced by a function
/// that prints what it would offer, `value:description` per line.
fn zsh_complete(words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "compdef() {{ : }}\n_describe() {{ local name=${{@[-1]}}; print -rl -- ${{(P)name}} }}\nsource '{}'\nwords=({})\nCURRENT={}\n_clap_dynamic_completer_sphere_faq",
        script(CompletionShell::Zsh).display(),
        quoted.join(" "),
        words.len()
    );
    let out = Command::new("zsh")
        .args(["-f", "-c", &program])
        .env("PATH", path_with_bin())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zsh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect()
}

#[cfg(unix)]
/// Candidates fish offers (`complete -C`), without their descriptions.
fn fish_complete(line: &str) -> Vec<String> {
    let program = format!(
        "source '{}'; complete -C '{line}'",
        script(CompletionShell::Fish).display()
    );
    let out = Command::new("fish")
        .args(["--no-config", "-c", &program])
        .env("PATH", path_with_bin())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fish: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[cfg(unix)]
fn assert_offers<W: AsRef<str>>(shell: &str, got: &[String], want: &[W]) {
    for w in want {
        let w = w.as_ref();
        assert!(
            got.iter().any(|g| g == w),
            "{shell}: {w} not offered; got {got:?}"
        );
    }
}

/// The ids a `Q1` prefix completes to, from the data: Q1 and Q10 … (however many there are).
fn ids_q1() -> Vec<String> {
    let faq = sphere_faq::Faq::embedded().unwrap();
    let mut ids: Vec<String> = faq
        .entries
        .iter()
        .map(|e| e.id.to_string())
        .filter(|id| id.starts_with("Q1"))
        .collect();
    ids.sort();
    ids
}

#[cfg(unix)]
#[test]
fn bash_completes_codes_ids_languages_and_shells() {
    let codes = bash_complete(&["sphere-faq", "code", "AAD"]);
    assert_offers(
        "bash",
        &codes,
        &["AADSTS50020", "AADSTS50061", "AADB2B_0001"],
    );
    assert!(codes.iter().all(|c| c.starts_with("AAD")), "{codes:?}");
    let ids = bash_complete(&["sphere-faq", "show", "Q1"]);
    assert_eq!(ids, ids_q1());
    assert_eq!(bash_complete(&["sphere-faq", "--lang", ""]), ["ja", "en"]);
    assert_offers(
        "bash",
        &bash_complete(&["sphere-faq", "completions", ""]),
        &["bash", "zsh", "fish", "powershell", "elvish"],
    );
    assert_offers("bash", &bash_complete(&["sphere-faq", "se"]), &["search"]);
}

#[cfg(unix)]
#[test]
fn zsh_completes_codes_and_ids() {
    if !available("zsh") {
        return;
    }
    assert_offers(
        "zsh",
        &zsh_complete(&["sphere-faq", "code", "AAD"]),
        &["AADSTS50020", "AADSTS50061"],
    );
    assert_eq!(zsh_complete(&["sphere-faq", "show", "Q1"]), ids_q1());
}

#[cfg(unix)]
#[test]
fn fish_completes_codes_and_ids() {
    if !available("fish") {
        return;
    }
    assert_offers(
        "fish",
        &fish_complete("sphere-faq code AAD"),
        &["AADSTS50020", "AADSTS50061"],
    );
    let ids = fish_complete("sphere-faq show Q1");
    assert_offers("fish", &ids, &ids_q1());
}

#[test]
fn completion_never_restricts_what_code_accepts() {
    let r = crate::common::run(&["code", "AADSTS99999"]);
    assert_eq!(
        r.code, 1,
        "an unknown code is a normal lookup, not a usage error"
    );
    assert!(r.stderr.is_empty());
}

#[test]
fn man_page_renders() {
    let page = crate::common::run(&["manpage"]);
    assert_eq!(page.code, 0);
    assert!(page.stdout.starts_with(".ie \\n(.g .ds Aq"), "roff source");
    if !available("man") {
        return;
    }
    let mut child = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.stdout.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "man -l failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for want in [
        "NAME",
        "SYNOPSIS",
        "EXAMPLES",
        "sphere-faq AADSTS50020",
        "EXIT STATUS",
        "nothing found",
        "ENVIRONMENT",
        "NO_COLOR",
        "SPHERE_FAQ_DATA",
        "SPHERE_FAQ_LANG",
        "STANDARD INPUT",
        "ERROR CODES",
        "aadsts 50020",
        "COMMANDS",
    ] {
        assert!(
            text.contains(want),
            "the rendered page lacks {want:?}:\n{text}"
        );
    }
    // Every option of every command is documented.
    let cmd = sphere_faq::cli::command();
    for c in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
        for a in c.get_arguments() {
            if let Some(long) = a.get_long() {
                assert!(text.contains(&format!("--{long}")), "--{long} undocumented");
            }
        }
    }
    // No page is named that does not exist (sphere-faq-code(1) …).
    assert!(!text.contains("sphere-faq-"), "{text}");
}

/// Candidates the program itself gives for a command line (what every shell script asks).
fn engine_complete(words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let mut c = crate::common::cmd(&["--"]);
    c.args(words)
        .env("SPHERE_FAQ_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_matches_the_command_it_completes() {
    // Any case.
    let codes = engine_complete(&["sphere-faq", "code", "aad"], &[]);
    assert!(codes.contains(&"AADSTS50020".to_string()), "{codes:?}");
    assert_eq!(
        engine_complete(&["sphere-faq", "show", "q1"], &[]),
        ids_q1()
    );
    // The commands by their names, not their short aliases.
    let top = engine_complete(&["sphere-faq", ""], &[]);
    for name in ["code", "search", "show", "list"] {
        assert!(top.contains(&name.to_string()), "{top:?}");
    }
    for alias in ["c", "s", "ls"] {
        assert!(
            !top.contains(&alias.to_string()),
            "{alias} offered: {top:?}"
        );
    }
    // The database of the line: a --data file with a new entry, or SPHERE_FAQ_DATA.
    let mut faq: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/faq.json")).unwrap())
            .unwrap();
    // The next id and a code nobody answers, whatever the data holds already.
    let n = faq["entries"].as_array().unwrap().len() + 1;
    let (id, code) = (format!("Q{n}"), format!("AADB2B_9{n:03}"));
    let mut added = faq["entries"][0].clone();
    added["id"] = id.clone().into();
    added["codes"] = serde_json::json!([code]);
    faq["entries"].as_array_mut().unwrap().push(added);
    let file = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion_q18.json");
    std::fs::write(&file, faq.to_string()).unwrap();
    let file = file.to_str().unwrap();
    let ids = engine_complete(&["sphere-faq", "--data", file, "show", "Q"], &[]);
    assert!(ids.contains(&id), "{ids:?}");
    let ids = engine_complete(&["sphere-faq", "show", "Q"], &[("SPHERE_FAQ_DATA", file)]);
    assert!(ids.contains(&id), "{ids:?}");
    let codes = engine_complete(&["sphere-faq", "--data", file, "code", "aadb2b"], &[]);
    assert!(codes.contains(&code), "{codes:?}");
}

#[test]
fn descriptions_follow_the_lang_of_the_line() {
    let zsh_words = |words: &[&str]| {
        let mut c = crate::common::cmd(&["--"]);
        c.args(words)
            .env("SPHERE_FAQ_COMPLETE", "zsh")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string());
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let ja = zsh_words(&["sphere-faq", "--lang", "ja", "show", "Q13"]);
    assert!(ja.contains("Q13:Azure ADログイン時"), "{ja}");
    let en = zsh_words(&["sphere-faq", "--lang", "en", "show", "Q13"]);
    assert!(en.contains("Q13:Error Code:AADSTS50020"), "{en}");
}

#[cfg(unix)]
#[test]
fn the_documented_zsh_line_works_without_compinit() {
    if !available("zsh") {
        return;
    }
    let doc = std::fs::read_to_string(root().join("docs/development.md")).unwrap();
    let line = doc
        .lines()
        .find(|l| l.contains("completions zsh)"))
        .expect("docs/development.md has a zsh line");
    let setup = line
        .split('\'')
        .nth(1)
        .expect("the line quotes what it adds");
    let home = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("zsh-home");
    std::fs::create_dir_all(&home).unwrap();
    let out = Command::new("zsh")
        .args([
            "-f",
            "-c",
            &format!("{setup}\nwhence -w _clap_dynamic_completer_sphere_faq"),
        ])
        .env("PATH", path_with_bin())
        .env("HOME", &home)
        .env("ZDOTDIR", &home)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("function"));
}

#[cfg(unix)]
/// Runs `keys` in an interactive shell under tmux and returns the screen once `until`
/// shows (or after a few seconds).
fn tmux_session(name: &str, shell: &str, steps: &[(&[&str], &str)]) -> String {
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", name])
            .args(args)
            .output()
            .unwrap()
    };
    let _ = tmux(&["kill-server"]);
    // The program on PATH, set in the shell's own command line: tmux's server keeps the
    // environment it started with.
    let command = format!("env PATH='{}' {shell}", path_with_bin());
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "160",
        "-y",
        "30",
        &command,
    ]);
    assert!(
        started.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let mut screen = String::new();
    for (keys, until) in steps {
        let mut args = vec!["send-keys", "-t", name];
        args.extend_from_slice(keys);
        tmux(&args);
        for _ in 0..50 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-t", name, "-p"]).stdout)
                .into_owned();
            if screen.contains(until) {
                break;
            }
        }
    }
    let _ = tmux(&["kill-server"]);
    screen
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_is_completed_quoted_and_never_run() {
    if !available("tmux") {
        return;
    }
    for (shell, start, setup) in [
        (
            CompletionShell::Bash,
            "PS1='$ ' bash --norc --noprofile -i",
            format!("source '{}'", script(CompletionShell::Bash).display()),
        ),
        (
            CompletionShell::Zsh,
            "PS1='$ ' zsh -f -i",
            format!(
                "autoload -Uz compinit && compinit -i; source '{}'",
                script(CompletionShell::Zsh).display()
            ),
        ),
        (
            CompletionShell::Fish,
            "fish --no-config -i",
            format!("source '{}'", script(CompletionShell::Fish).display()),
        ),
    ] {
        if !available(shell.name()) {
            continue;
        }
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("hostile-{}", shell.name()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let evil = "faq$(touch PWNED)(touch PWNED2).json";
        std::fs::write(dir.join(evil), "[]").unwrap();
        let name = format!("sphere-faq-test-{}", shell.name());
        let cd = format!("{setup}; cd '{}'", dir.display());
        let screen = tmux_session(
            &name,
            start,
            &[
                (&[cd.as_str(), "Enter"], "hostile"),
                (&["sphere-faq check f", "Tab"], "PWNED"),
                (&["Enter"], "sphere-faq: error"),
            ],
        );
        let entries: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            entries,
            vec![evil.to_string()],
            "{}: ran something\n{screen}",
            shell.name()
        );
        // The name arrived as it is: the program read that very file.
        assert!(
            screen.contains(&format!("sphere-faq: error: {evil}:")),
            "{}:\n{screen}",
            shell.name()
        );
    }
}

/// Descriptions from a `--data` file reach the shell escaped as `show` escapes the same
/// text, in every shell that shows descriptions (issue 29, D8): a question with a one-byte
/// CSI, a right-to-left override, a zero-width space, a tag character, U+0085, U+2028, a
/// soft hyphen and a Hangul filler.
#[test]
fn descriptions_from_a_data_file_are_escaped_like_show() {
    let hostile = "Hostile \u{9b}31m \u{202E}evil\u{200B} \u{E0041}tag\u{85}next\u{2028}sep\u{AD}soft\u{3164}fill\nline";
    let mut faq: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/faq.json")).unwrap())
            .unwrap();
    faq["entries"][0]["question"]["en"] = hostile.into();
    let code = faq["entries"][0]["codes"][0].as_str().map(str::to_string);
    let file =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion_hostile.json");
    std::fs::write(&file, faq.to_string()).unwrap();
    let file = file.to_str().unwrap();
    let escaped = sphere_faq::text::clean_line(hostile).into_owned();
    let shown = crate::common::run(&["--data", file, "show", "Q1", "--width", "0"]);
    assert!(shown.stdout.contains(&escaped), "{}", shown.stdout);
    let raw = |s: &str| {
        s.chars()
            .find(|&c| sphere_faq::text::is_unsafe(c) && c != '\n')
    };
    let mut lines = vec![("show", "Q1")];
    if let Some(code) = &code {
        lines.push(("code", code.as_str()));
    }
    for shell in ["zsh", "fish", "powershell", "bash", "elvish"] {
        for (command, word) in &lines {
            let words = ["sphere-faq", "--data", file, command, word];
            let mut c = crate::common::cmd(&["--"]);
            c.args(words)
                .env("SPHERE_FAQ_COMPLETE", shell)
                .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
                .env("_CLAP_COMPLETE_COMP_TYPE", "9")
                .env("_CLAP_IFS", "\n");
            let out = String::from_utf8(c.output().unwrap().stdout).unwrap();
            assert!(out.lines().count() >= 1, "{shell} {command}: {out:?}");
            assert_eq!(raw(&out), None, "{shell} {command}: {out:?}");
            // Each shell quotes a backslash its own way (zsh doubles it).
            if matches!(shell, "zsh" | "fish" | "powershell") {
                for part in ["u{9b}31m", "u{202e}evil", "u{e0041}tag", "u{3164}fill line"] {
                    assert!(out.contains(part), "{shell} {command}: {part} in {out:?}");
                }
            }
        }
    }
}

/// `sphere-faq code -` on a terminal says what to paste and how to end, in the user's
/// language, rather than waiting in silence; then answers what was pasted (issue #27).
#[cfg(unix)]
#[test]
fn reading_a_paste_from_a_terminal_prompts_for_it() {
    if !available("tmux") {
        return;
    }
    for (lang, prompt, answer) in [
        ("en", "then press Enter and Ctrl+D", "Q13"),
        ("ja", "Enter のあと Ctrl+D", "Q13"),
    ] {
        let name = format!("sphere-faq-prompt-{lang}-{}", std::process::id());
        let start = "env -u LANG -u LC_ALL -u SPHERE_FAQ_LANG PS1='$ ' bash --norc --noprofile -i";
        let line = format!("sphere-faq code - --lang {lang}");
        let screen = tmux_session(
            &name,
            start,
            &[
                (&[line.as_str(), "Enter"], prompt),
                (&["AADSTS50020", "Enter", "C-d"], answer),
            ],
        );
        assert!(screen.contains(prompt), "{lang}:\n{screen}");
        assert!(screen.contains(answer), "{lang}:\n{screen}");
    }
}

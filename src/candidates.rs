//! Completion candidates, from the FAQ the command line would use: codes after `code`,
//! entry ids after `show`, and the shells `completions` knows. The command line's
//! definition names them; the scripts and the man page are [`crate::completion`]'s.

use std::ffi::OsStr;

use clap::ValueEnum;
use clap_complete::engine::CompletionCandidate;

use crate::data::catalog::Catalog;
use crate::data::faq::Faq;
use crate::lang::Lang;
use crate::text::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl CompletionShell {
    pub fn name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "bash",
            CompletionShell::Zsh => "zsh",
            CompletionShell::Fish => "fish",
            CompletionShell::Powershell => "powershell",
            CompletionShell::Elvish => "elvish",
        }
    }

    /// The file name under `completions/`, as each shell expects it.
    pub fn file_name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "sphere-faq.bash",
            CompletionShell::Zsh => "_sphere-faq",
            CompletionShell::Fish => "sphere-faq.fish",
            CompletionShell::Powershell => "_sphere-faq.ps1",
            CompletionShell::Elvish => "sphere-faq.elv",
        }
    }
}

/// What the command line being completed says about the candidates: the language of
/// their descriptions (`--lang` on the line, else the environment's) and the database they
/// come from (`--data` on the line, else `SPHERE_FAQ_DATA`, else the built-in FAQ), so that
/// completion offers what the command would answer.
struct Line {
    lang: Lang,
    faq: Option<Faq>,
}

static LINE: std::sync::OnceLock<Line> = std::sync::OnceLock::new();

/// Reads `--lang` and `--data` from the words being completed (the shell passes them after
/// `--`).
fn line() -> &'static Line {
    LINE.get_or_init(|| {
        let words: Vec<String> = std::env::args_os()
            .skip_while(|a| a != "--")
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let value = |long: &str, short: Option<&str>| crate::args::value(&words, long, short);
        let lang =
            Lang::given_or_env(value("--lang", Some("-l")).and_then(|v| Lang::parse_loose(&v)));
        let data = value("--data", None).or_else(|| {
            std::env::var("SPHERE_FAQ_DATA")
                .ok()
                .filter(|v| !v.is_empty())
        });
        let faq = match data {
            Some(path) => Faq::from_file(std::path::Path::new(&path)).ok(),
            None => crate::Faq::embedded().ok(),
        };
        Line { lang, faq }
    })
}

/// Whether a candidate completes what was typed, whatever its case (`aad`, `q1`).
fn starts(candidate: &str, typed: &OsStr) -> bool {
    let typed = typed.to_string_lossy().to_lowercase();
    candidate.to_lowercase().starts_with(&typed)
}

/// A candidate's description as zsh, fish and PowerShell show it beside the candidate:
/// escaped as `show` escapes the same text ([`clean_line`]: a `--data` file's question can
/// carry a CSI, a bidirectional override or an invisible character), on one line.
fn described(text: &str) -> clap::builder::StyledStr {
    clean_line(text).into_owned().into()
}

/// Candidates after `code`: every code the FAQ answers (described by its question) and
/// every related code (described by its meaning). Completion suggests; `code` still
/// accepts anything.
pub fn codes(typed: &OsStr) -> Vec<CompletionCandidate> {
    let Line { lang, faq } = line();
    let mut out = Vec::new();
    if let Some(faq) = faq {
        for (code, e) in faq.codes() {
            if starts(code, typed) {
                out.push(
                    CompletionCandidate::new(code).help(Some(described(e.question.get(*lang)))),
                );
            }
        }
    }
    if let Ok(catalog) = Catalog::embedded() {
        for c in catalog.codes.iter().filter(|c| starts(&c.code, typed)) {
            out.push(CompletionCandidate::new(&c.code).help(Some(described(c.meaning.get(*lang)))));
        }
    }
    out
}

/// Candidates after `show`: every entry id, described by its question.
pub fn ids(typed: &OsStr) -> Vec<CompletionCandidate> {
    let Line { lang, faq } = line();
    faq.iter()
        .flat_map(|faq| faq.entries.iter())
        .filter(|e| starts(&e.id, typed))
        .map(|e| {
            CompletionCandidate::new(e.id.as_str()).help(Some(described(e.question.get(*lang))))
        })
        .collect()
}

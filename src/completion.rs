//! Shell integration generated from the CLI definition: completion scripts for five
//! shells, completion candidates from the embedded FAQ, and the man page.
//!
//! The scripts use clap_complete's environment-driven engine (`COMPLETE=<shell>
//! sphere-faq …`): at each TAB the shell asks the installed binary for candidates. That
//! is what completes codes and entry ids; clap's static scripts cannot, because fish's
//! static generator emits no values for positional arguments and bash's completes nothing
//! after a subcommand for a hyphenated binary name (clap-rs/clap#6421, #6529). The engine
//! is behind clap_complete's `unstable-dynamic` feature, so Cargo.toml pins its version.

use std::io::{self, Write};

use clap::ValueEnum;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::catalog::Catalog;
use crate::cli;
use crate::db::Faq;
use crate::lang::Lang;

/// The environment variable that switches the binary into completion mode.
pub const COMPLETE_VAR: &str = "COMPLETE";
/// The binary the scripts call: the installed `sphere-faq` on PATH.
pub const BIN: &str = "sphere-faq";

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

/// Writes the completion script for a shell.
pub fn write_script(shell: CompletionShell, out: &mut dyn Write) -> io::Result<()> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell.name())
        .ok_or_else(|| io::Error::other(format!("no completion support for {}", shell.name())))?;
    completer.write_registration(COMPLETE_VAR, BIN, BIN, BIN, out)
}

/// Answers a completion request when the shell asked for one (`COMPLETE` is set), and
/// exits; otherwise returns and the program runs normally.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(cli::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// Language of candidate descriptions: the environment's.
fn lang() -> Lang {
    Lang::from_env().unwrap_or(Lang::En)
}

/// Candidates after `code`: every code the FAQ answers (described by its question) and
/// every related code (described by its meaning). Completion suggests; `code` still
/// accepts anything.
pub fn codes() -> Vec<CompletionCandidate> {
    let lang = lang();
    let mut out = Vec::new();
    if let Ok(faq) = Faq::embedded() {
        for (code, e) in faq.codes() {
            out.push(
                CompletionCandidate::new(code).help(Some(e.question.get(lang).clone().into())),
            );
        }
    }
    if let Ok(catalog) = Catalog::embedded() {
        for c in &catalog.codes {
            out.push(
                CompletionCandidate::new(&c.code).help(Some(c.meaning.get(lang).clone().into())),
            );
        }
    }
    out
}

/// Candidates after `show`: every entry id, described by its question.
pub fn ids() -> Vec<CompletionCandidate> {
    let lang = lang();
    Faq::embedded()
        .map(|faq| {
            faq.entries
                .iter()
                .map(|e| {
                    CompletionCandidate::new(&e.id).help(Some(e.question.get(lang).clone().into()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The man page: clap_mangen's sections from the CLI definition, then examples, exit
/// status and environment from the same tables `--help` uses.
pub fn write_manpage(out: &mut dyn Write) -> io::Result<()> {
    use roff::{Roff, bold, roman};
    // Without the after-help text: its examples and statuses get sections of their own.
    let cmd = <cli::Cli as clap::CommandFactory>::command();
    let man = clap_mangen::Man::new(cmd);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in cli::EXAMPLES {
        roff.control("TP", [])
            .text([bold(*command)])
            .text([roman(*what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in cli::EXIT_STATUS {
        roff.control("TP", [])
            .text([bold(code.to_string())])
            .text([roman(*what)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (var, what) in cli::ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(*var)])
            .text([roman(*what)]);
    }
    roff.to_writer(out)?;
    man.render_version_section(out)
}

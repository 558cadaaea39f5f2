//! Shell integration generated from the CLI definition: completion scripts for five
//! shells, answering the shell's request for candidates ([`crate::candidates`]), and the
//! man page.
//!
//! The scripts use clap_complete's environment-driven engine (`SPHERE_FAQ_COMPLETE=<shell>
//! sphere-faq …`): at each TAB the shell asks the installed binary for candidates. That
//! is what completes codes and entry ids; clap's static scripts cannot, because fish's
//! static generator emits no values for positional arguments and bash's completes nothing
//! after a subcommand for a hyphenated binary name (clap-rs/clap#6421, #6529). The engine
//! is behind clap_complete's `unstable-dynamic` feature, so Cargo.toml pins its version.

use std::io::{self, Write};

use clap_complete::env::Shells;

use crate::candidates::CompletionShell;
use crate::cli;
use crate::lang::Lang;

/// The environment variable that switches the binary into completion mode.
/// In a variable of the program's own name: any `COMPLETE` left in a user's environment by
/// another tool would otherwise take the program over (`COMPLETE=bash sphere-faq list`
/// printed a script).
pub const COMPLETE_VAR: &str = "SPHERE_FAQ_COMPLETE";
/// The binary the scripts call: the installed `sphere-faq` on PATH.
pub const BIN: &str = "sphere-faq";

/// Writes the completion script for a shell.
pub fn write_script(shell: CompletionShell, out: &mut dyn Write) -> io::Result<()> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell.name())
        .ok_or_else(|| io::Error::other(format!("no completion support for {}", shell.name())))?;
    if shell != CompletionShell::Bash {
        return completer.write_registration(COMPLETE_VAR, BIN, BIN, BIN, out);
    }
    // bash inserts a candidate as it is unless told it is a file name: a file called
    // `faq$(touch x).json` completed after `check` would run `touch` on Enter. With
    // `-o filenames`, readline quotes what it inserts (codes and ids have nothing to quote).
    let mut script = Vec::new();
    completer.write_registration(COMPLETE_VAR, BIN, BIN, BIN, &mut script)?;
    let script = String::from_utf8_lossy(&script).replace(
        "complete -o nospace -o bashdefault",
        "complete -o nospace -o bashdefault -o filenames",
    );
    out.write_all(script.as_bytes())
}

/// Answers a completion request when the shell asked for one (`SPHERE_FAQ_COMPLETE` is set), and
/// exits; otherwise returns and the program runs normally.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(cli::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// The man page: clap_mangen's sections from the CLI definition, each command described
/// here rather than sent to pages that do not exist, then standard input, the spellings of
/// codes, examples, exit status and environment from the same tables `--help` uses.
pub fn write_manpage(out: &mut dyn Write) -> io::Result<()> {
    use roff::{Roff, bold, italic, roman};
    // Without the after-help text: its examples and statuses get sections of their own.
    let cmd = <cli::Cli as clap::CommandFactory>::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands() {
        let mut usage = format!("sphere-faq {}", sub.get_name());
        for arg in sub.get_positionals() {
            let name = arg
                .get_value_names()
                .and_then(|v| v.first().map(|n| n.to_string()))
                .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
            usage.push_str(&format!(" [{name}]"));
        }
        for arg in sub.get_opts() {
            if let Some(long) = arg.get_long() {
                usage.push_str(&format!(" [--{long}]"));
            }
        }
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        roff.control("TP", [])
            .text([bold(usage)])
            .text([roman(about)]);
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && a.get_id() != "help")
        {
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                let name = arg
                    .get_long()
                    .map(|l| format!("--{l}"))
                    .or_else(|| {
                        arg.get_value_names()
                            .and_then(|v| v.first().map(|n| n.to_string()))
                    })
                    .unwrap_or_default();
                roff.control("RS", [])
                    .control("TP", [])
                    .text([italic(name)])
                    .text([roman(help.to_string())])
                    .control("RE", []);
            }
        }
    }
    roff.control("SH", ["STANDARD INPUT"]);
    roff.text([roman(
        "With no text on the command line and input from a pipe or a file, sphere-faq, \
         sphere-faq code and sphere-faq search read standard input, as they do for `-`: \
         a whole pasted error page or e-mail. It may be UTF-8 (with or without a byte order \
         mark), UTF-16 with a byte order mark (PowerShell 5.1's >) or Shift_JIS (a Japanese \
         Notepad's ANSI); what cannot be decoded still yields its error codes. At most 1 MiB, \
         counted in the bytes read. Input that is not text (a NUL byte, or many control \
         characters or bytes that cannot be decoded: an image, a program, an archive) is \
         refused with status 2.",
    )]);
    roff.control("SH", ["ERROR CODES"]);
    roff.text([roman(
        "Codes are read in any case, width or spacing: AADSTS50020, aadsts 50020, \
         ＡＡＤＳＴＳ５００２０, AADSTS-50020, AAD STS50020; AADB2B_0001, AADB2B-0001, \
         aadb2b0001; SSPR_0011; SPHERE's own 1014. OCR's O, I and L for digits are read \
         (AADSTS5OO2O, 1O14), as are Microsoft's error page address \
         (login.microsoftonline.com/error?code=50020), a percent-encoded error_description \
         and a number after \"Error Code:\". A bare number alone is a code (50020 is \
         AADSTS50020); in text, only after such a label or when it is 1014. GUIDs, \
         timestamps, e-mail addresses and other URLs are never read as codes.",
    )]);
    roff.control("SH", ["EXAMPLES"]);
    for (command, what, _) in cli::EXAMPLES {
        roff.control("TP", [])
            .text([bold(*command)])
            .text([roman(*what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for exit in crate::exit::Exit::ALL {
        roff.control("TP", [])
            .text([bold(exit.code().to_string())])
            .text([roman(exit.meaning(Lang::En))]);
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

//! The command-line interface, as clap definitions only. Help text, the man page and the
//! shell completions are all generated from these definitions.

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::completion;

use crate::lang::Lang;

/// Examples shown by `--help` and the man page: (command, what it does).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("sphere-faq code AADSTS50020", "Answer for an error code"),
    (
        "sphere-faq code 'aadsts 50061'",
        "Any case, width or spacing",
    ),
    (
        "pbpaste | sphere-faq code",
        "Every code in a pasted error page",
    ),
    (
        "sphere-faq search invitation not received",
        "Search by symptom",
    ),
    (
        "sphere-faq search パスワード --lang ja",
        "日本語で検索・表示",
    ),
    ("sphere-faq show Q7 --lang ja", "質問7を日本語で表示"),
    ("sphere-faq list --json", "Every entry, for other programs"),
];

/// Exit statuses: the contract scripts rely on (see `app::exit`).
pub const EXIT_STATUS: &[(u8, &str)] = &[
    (0, "an answer was printed"),
    (1, "nothing found (unknown code or id, no matching entry)"),
    (2, "usage error, unreadable input or invalid data file"),
];

/// Environment variables the program reads.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SPHERE_FAQ_LANG",
        "Language of the answers (ja or en) when --lang is not given",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "Locale, after SPHERE_FAQ_LANG: ja* means Japanese, else English",
    ),
    (
        "SPHERE_FAQ_DATA",
        "An FAQ database file to use instead of the built-in one, as --data does (--data wins)",
    ),
    (
        "NO_COLOR",
        "Any non-empty value turns colour off (unless --color always)",
    ),
    (
        "CLICOLOR_FORCE",
        "A non-zero value turns colour on even in a pipe (unless --color never)",
    ),
];

/// The text after the options in `--help`, built from the tables above.
pub fn after_help() -> String {
    let mut s = String::from("Examples:\n");
    // Kana and kanji take two columns on a terminal.
    let cols = |s: &str| {
        s.chars()
            .map(|c| {
                if crate::lang::is_japanese_char(c) {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>()
    };
    let width = EXAMPLES.iter().map(|(c, _)| cols(c)).max().unwrap_or(0);
    for (cmd, what) in EXAMPLES {
        let pad = width - cols(cmd);
        s.push_str(&format!("  {cmd}{}  {what}\n", " ".repeat(pad)));
    }
    s.push_str(
        "\nLanguage: --lang, else SPHERE_FAQ_LANG, else LC_ALL / LC_MESSAGES / LANG (ja* is\n\
         Japanese), else English. A search written in Japanese is answered in Japanese.\n\
         \nExit status:\n",
    );
    for (code, what) in EXIT_STATUS {
        s.push_str(&format!("  {code}  {what}\n"));
    }
    s.trim_end().to_string()
}

/// The version, and which FAQ is built in (a file given with --data says its own date in
/// `list` and in JSON).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (built-in FAQ of ",
    env!("SPHERE_FAQ_DATE"),
    ")"
);

/// Answers from the SPHERE Azure AD / Microsoft Entra ID guest sign-in FAQ, offline.
///
/// Maps an error code, a pasted error page or a description of the problem, in Japanese or
/// English, to the FAQ entry that answers it, and prints the answer in the chosen language.
#[derive(Debug, Parser)]
#[command(name = "sphere-faq", version = VERSION, about, long_about)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    /// With no command: an error code, a pasted error message, an entry id (Q7) or a
    /// description of the problem; `-` or a pipe reads standard input
    #[arg(value_name = "TEXT")]
    pub text: Vec<OsString>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of the answers [default: from SPHERE_FAQ_LANG, LC_ALL, LC_MESSAGES, LANG; else en]
    #[arg(long, short = 'l', global = true, value_enum, ignore_case = true)]
    pub lang: Option<Lang>,

    /// When to use colour: auto uses it only on a terminal and without NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print JSON for other programs instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Wrap answers at N columns [default: the terminal's width, 80 when unknown; not
    /// wrapped in a pipe]; 0 never wraps
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<u16>,

    /// Use this FAQ database (JSON, the schema of data/faq.json) instead of the built-in one
    #[arg(long, global = true, env = "SPHERE_FAQ_DATA", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub data: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer for an error code, or for every code in pasted text
    ///
    /// Accepts AADSTS50020, aadsts 50020, ＡＡＤＳＴＳ５００２０, 50020, AADB2B-0001, 1014 …,
    /// or a whole pasted error page. With `-`, or with no argument and a piped standard
    /// input, reads the text from standard input.
    #[command(alias = "c")]
    Code {
        /// The code, or text containing codes (`-` reads standard input)
        #[arg(value_name = "CODE|TEXT", add = ArgValueCompleter::new(completion::codes))]
        text: Vec<OsString>,
    },

    /// Search the FAQ for a symptom, in Japanese or English
    #[command(alias = "s")]
    Search {
        /// What you see or what you want to do, in your own words (`-` or a pipe reads
        /// standard input)
        #[arg(value_name = "QUERY")]
        query: Vec<OsString>,

        /// How many entries to answer with: the best in full, the others one line each
        #[arg(long, short = 'n', default_value_t = 4, value_name = "N",
              value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
    },

    /// Show one entry by its id (Q7, q7 or 7)
    Show {
        /// The entry id
        #[arg(value_name = "ID", add = ArgValueCompleter::new(completion::ids))]
        id: OsString,
    },

    /// List every entry: id, codes, question
    #[command(alias = "ls")]
    List,

    /// Print the shell completion script for SHELL
    ///
    /// The script asks sphere-faq itself for candidates, so codes and entry ids complete
    /// from the FAQ the command would use (the built-in one, or --data / SPHERE_FAQ_DATA on
    /// the line), in any case. Enable it with, for example, `source <(sphere-faq completions bash)`.
    Completions {
        #[arg(value_enum)]
        shell: completion::CompletionShell,
    },

    /// Validate a data file (an FAQ database, the catalog or the lexicon): every problem, or a summary
    Check {
        /// The file: JSON in the schema of data/faq.json, data/catalog.json or data/lexicon.json
        #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        file: std::path::PathBuf,
    },

    /// Print the manual page (roff), e.g. `sphere-faq manpage | man -l -`
    Manpage,
}

/// The clap command, with the help text that is built at run time.
pub fn command() -> clap::Command {
    Cli::command().after_help(after_help())
}

/// Parses the command line (exits with status 2 and clap's message on a usage error).
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

//! The command-line interface, as clap definitions only. Help text, the man page and the
//! shell completions are all generated from these definitions.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;

pub const AFTER_HELP: &str = "\
Examples:
  sphere-faq code AADSTS50020              Answer for an error code
  sphere-faq code 'aadsts 50061'           Any case, width or spacing
  pbpaste | sphere-faq code                Codes in a pasted error page
  sphere-faq search invitation not received
  sphere-faq search パスワード --lang ja     日本語で検索・表示
  sphere-faq show Q7 --lang ja             質問7を日本語で表示
  sphere-faq list --json

Language: --lang, else SPHERE_FAQ_LANG, else LC_ALL / LC_MESSAGES / LANG (ja* is
Japanese), else English. A search written in Japanese is answered in Japanese.

Exit status:
  0  an answer was printed
  1  nothing found (unknown code, no matching entry)
  2  usage error, unreadable input or invalid data file";

/// Answers from the SPHERE Azure AD / Microsoft Entra ID guest sign-in FAQ, offline.
///
/// Maps an error code, a pasted error page or a description of the problem, in Japanese or
/// English, to the FAQ entry that answers it, and prints the answer in the chosen language.
#[derive(Debug, Parser)]
#[command(name = "sphere-faq", version, about, long_about, after_help = AFTER_HELP)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of the answers [default: from SPHERE_FAQ_LANG, LC_ALL, LC_MESSAGES, LANG; else en]
    #[arg(long, short = 'l', global = true, value_enum)]
    pub lang: Option<Lang>,

    /// When to use colour: auto uses it only on a terminal and without NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print JSON for other programs instead of text
    #[arg(long, global = true)]
    pub json: bool,
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
    #[command(visible_alias = "c")]
    Code {
        /// The code, or text containing codes (`-` reads standard input)
        #[arg(value_name = "CODE|TEXT")]
        text: Vec<String>,
    },

    /// Search the FAQ for a symptom, in Japanese or English
    #[command(visible_alias = "s")]
    Search {
        /// What you see or what you want to do, in your own words
        #[arg(value_name = "QUERY", required = true)]
        query: Vec<String>,

        /// How many entries to answer with: the best in full, the others one line each
        #[arg(long, short = 'n', default_value_t = 4, value_name = "N",
              value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
    },

    /// Show one entry by its id (Q7, q7 or 7)
    Show {
        /// The entry id
        #[arg(value_name = "ID")]
        id: String,
    },

    /// List every entry: id, codes, question
    #[command(visible_alias = "ls")]
    List,
}

/// Parses the command line (exits with status 2 and clap's message on a usage error).
pub fn parse() -> Cli {
    Cli::parse()
}

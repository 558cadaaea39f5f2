//! The command-line interface, as clap definitions only. Help text, the man page and the
//! shell completions are all generated from these definitions.

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use crate::candidates;

use crate::exit::Exit;
use crate::lang::Lang;
pub use crate::lang::{Platform, early_lang};

/// Examples shown by `--help` and the man page: (command, what it does, in English and
/// in Japanese).
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "sphere-faq AADSTS50020",
        "Answer for an error code",
        "エラーコードの回答",
    ),
    (
        "sphere-faq パスワードを忘れた",
        "Answer a question, in its language",
        "質問に回答（日本語で）",
    ),
    (
        "sphere-faq code 'aadsts 50061'",
        "Any case, width or spacing",
        "大文字・小文字・全角・空白はどれでも",
    ),
    (
        "pbpaste | sphere-faq code",
        "Every code in a pasted error page",
        "貼り付けたエラー画面のすべてのコード",
    ),
    (
        "sphere-faq search invitation not received",
        "Search by symptom",
        "症状で検索",
    ),
    (
        "sphere-faq show Q7 --lang ja",
        "Entry Q7 in Japanese",
        "質問7を日本語で表示",
    ),
    (
        "sphere-faq list --json",
        "Every entry, for other programs",
        "全項目をJSONで",
    ),
    (
        "sphere-faq",
        "On a console: numbered questions to the answer",
        "端末では: 番号付きの質問から回答へ",
    ),
];

/// The examples of `--help` on a platform: on Windows, the clipboard and a saved file
/// through PowerShell instead of `pbpaste`.
pub fn examples(platform: Platform) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut list = EXAMPLES.to_vec();
    if platform == Platform::Windows
        && let Some(at) = list.iter().position(|(c, _, _)| c.starts_with("pbpaste"))
    {
        list.splice(
            at..=at,
            [
                (
                    "Get-Clipboard | sphere-faq",
                    "Every code in a copied error page",
                    "コピーしたエラー画面のすべてのコード",
                ),
                (
                    "Get-Content error.txt | sphere-faq",
                    "The same from a saved file",
                    "保存したファイルから同じように",
                ),
            ],
        );
    }
    list
}

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
        "SPHERE_FAQ_ENCODING",
        "What output is written in (auto, utf-8 or cp932), as --encoding does (--encoding wins)",
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
pub fn after_help(lang: Lang, platform: Platform) -> String {
    let ja = lang == Lang::Ja;
    let windows = platform == Platform::Windows;
    let mut s = String::from(if ja { "例:\n" } else { "Examples:\n" });
    let examples = examples(platform);
    let width = examples
        .iter()
        .map(|(c, _, _)| columns(c))
        .max()
        .unwrap_or(0);
    for (cmd, en, ja_what) in &examples {
        let pad = width - columns(cmd);
        let what = if ja { ja_what } else { en };
        s.push_str(&format!("  {cmd}{}  {what}\n", " ".repeat(pad)));
    }
    s.push_str(match (ja, windows) {
        // One line each: fit_help wraps them to the width.
        (true, false) => {
            "\n言語: --lang、なければ SPHERE_FAQ_LANG、LC_ALL / LC_MESSAGES / LANG（ja で始まれば日本語）、Windows では表示言語、どれもなければ英語。主に日本語で書かれた質問には日本語で答えます。\n"
        }
        (true, true) => {
            "\n言語: --lang、なければ SPHERE_FAQ_LANG（setx SPHERE_FAQ_LANG ja）、なければ Windows の表示言語。主に日本語で書かれた質問には日本語で答えます。\n"
        }
        (false, false) => {
            "\nLanguage: --lang, else SPHERE_FAQ_LANG, else LC_ALL / LC_MESSAGES / LANG (ja* is Japanese), else the Windows display language, else English. A question written mostly in Japanese is answered in Japanese.\n"
        }
        (false, true) => {
            "\nLanguage: --lang, else SPHERE_FAQ_LANG (setx SPHERE_FAQ_LANG en), else the Windows display language. A question written mostly in Japanese is answered in Japanese.\n"
        }
    });
    s.push_str(if ja {
        "\n終了ステータス:\n"
    } else {
        "\nExit status:\n"
    });
    for exit in Exit::ALL {
        s.push_str(&format!("  {}  {}\n", exit.code(), exit.meaning(lang)));
    }
    s.trim_end().to_string()
}

/// Columns a text takes on a terminal: kana and kanji take two.
fn columns(s: &str) -> usize {
    textwrap::core::display_width(s)
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
#[command(name = "sphere-faq", bin_name = "sphere-faq", version = VERSION, about, long_about)]
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

    /// Show the notes on what changed since the FAQ was written whole, with their sources
    /// (without it, one line each)
    #[arg(long, global = true)]
    pub notes: bool,

    /// What output is written in [default: auto, or SPHERE_FAQ_ENCODING]: auto is UTF-8,
    /// except on Windows into a pipe or a file when the console's code page is 932
    /// (Japanese), where it is Shift_JIS, as Windows PowerShell 5.1 and cmd read it
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "ENCODING",
        ignore_case = true
    )]
    pub encoding: Option<crate::encoding::OutputChoice>,

    /// Wrap answers at N columns [default: the terminal's width, 80 when unknown; not
    /// wrapped in a pipe]; 0 never wraps
    // A negative number is read as the value it is, and refused as one, rather than as an
    // unknown flag with clap's tip to write `-- -1`, which would pass -1 as the text.
    #[arg(long, global = true, value_name = "N", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u16).range(0..))]
    pub width: Option<u16>,

    /// Use this FAQ database (JSON, the schema of data/faq.json) instead of the built-in one
    /// [env: SPHERE_FAQ_DATA]
    #[arg(long, global = true, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub data: Option<std::path::PathBuf>,

    /// Whether `data` came from SPHERE_FAQ_DATA rather than --data (errors name it).
    #[arg(skip)]
    pub data_from_env: bool,
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
        #[arg(value_name = "CODE|TEXT", add = ArgValueCompleter::new(candidates::codes))]
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
              allow_negative_numbers = true, value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
    },

    /// Show one entry by its id (Q7, q7 or 7)
    Show {
        /// The entry id
        #[arg(value_name = "ID", add = ArgValueCompleter::new(candidates::ids))]
        id: OsString,
    },

    /// List every entry: id, codes, question
    #[command(alias = "ls")]
    List,

    /// Read a helpdesk inbox (.eml files, folders, mbox) and draft each reply from the FAQ
    ///
    /// For each mail: sender, date, subject, the problem (greetings, quoted history,
    /// signature and disclaimer set aside), the FAQ entry that answers it, how sure, up to
    /// two other entries and the codes found. Mails of one thread (same subject, or
    /// References / In-Reply-To) are grouped and the latest decides. A mail that cannot be
    /// read is listed with its reason and the others go on; the exit status is then 2.
    /// Nothing is ever sent.
    Triage {
        /// .eml files, folders of them (with their subfolders), mbox files
        #[arg(value_name = "PATH", required = true, value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<std::path::PathBuf>,

        /// Also write the table to FILE as CSV (UTF-8 with a byte-order mark, for Excel)
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        csv: Option<std::path::PathBuf>,

        /// Write a reply draft for each thread into DIR, in the sender's language: the FAQ's
        /// answer when it is sure (code or high), else a marked placeholder to fill in
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        drafts: Option<std::path::PathBuf>,
    },

    /// Print the shell completion script for SHELL
    ///
    /// The script asks sphere-faq itself for candidates, so codes and entry ids complete
    /// from the FAQ the command would use (the built-in one, or --data / SPHERE_FAQ_DATA on
    /// the line), in any case. Enable it with, for example, `source <(sphere-faq completions bash)`.
    Completions {
        #[arg(value_enum)]
        shell: candidates::CompletionShell,
    },

    /// Validate a data file (an FAQ database, the catalog or the lexicon): every problem, or a summary
    Check {
        /// The file: JSON in the schema of data/faq.json, data/catalog.json, data/lexicon.json
        /// or data/guide.json
        #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        file: std::path::PathBuf,
    },

    /// Ask numbered questions that lead to the FAQ entry for your problem
    ///
    /// What `sphere-faq` does on a console with nothing after it. Answer with a number or
    /// your own words and Enter; a pasted error page ends with an empty line; q quits.
    /// Piped, each line is one answer. With --json, prints the questions and where each
    /// choice leads, for other front ends.
    Guide,

    /// Print the manual page (roff), e.g. `sphere-faq manpage | man -l -`
    Manpage,
}

/// The clap command, with the help text that is built at run time (in English: the man
/// page and the completion scripts are made from it).
pub fn command() -> clap::Command {
    Cli::command().after_help(after_help(Lang::En, Platform::Unix))
}

/// The clap command in a language, for this system: in Japanese, every help text,
/// heading and the `-h` / `-V` flags are Japanese (clap has no translations of its own).
/// clap does not wrap its help ([`fit_help`] does, by display width).
pub fn command_for(lang: Lang) -> clap::Command {
    command_on(lang, Platform::current())
}

/// [`command_for`] on a given platform.
pub fn command_on(lang: Lang, platform: Platform) -> clap::Command {
    let cmd = match lang {
        Lang::En => Cli::command(),
        Lang::Ja => japanese(Cli::command()),
    };
    for_platform(cmd, lang, platform)
        .after_help(after_help(lang, platform))
        .term_width(0)
}

/// The help texts that name a Unix tool or variable, for Windows.
fn for_platform(cmd: clap::Command, lang: Lang, platform: Platform) -> clap::Command {
    if platform != Platform::Windows {
        return cmd;
    }
    let ja = lang == Lang::Ja;
    cmd.mut_arg("lang", |a| {
        a.help(if ja {
            "回答の言語: ja（日本語）または en（英語）[省略時: SPHERE_FAQ_LANG、なければ Windows の表示言語]"
        } else {
            "Language of the answers [default: from SPHERE_FAQ_LANG, else the Windows display language]"
        })
        .long_help(None::<&str>)
    })
    .mut_subcommand("manpage", |sc| {
        sc.about(if ja {
            "マニュアルページ（roff）を表示する"
        } else {
            "Print the manual page (roff)"
        })
    })
    .mut_subcommand("completions", |sc| {
        sc.long_about(if ja {
            "スクリプトは候補を sphere-faq 自身に問い合わせるため、コードと項目の番号は使っている FAQ から補完されます。PowerShell では $PROFILE に次の1行を書きます: sphere-faq completions powershell | Out-String | Invoke-Expression"
        } else {
            "The script asks sphere-faq itself for candidates, so codes and entry ids complete from the FAQ the command would use. In PowerShell, put this line in $PROFILE: sphere-faq completions powershell | Out-String | Invoke-Expression"
        })
    })
}

/// The width help is wrapped to, as clap finds it: the terminal's, else `COLUMNS`, else
/// 100, and never more than 100.
pub fn help_width() -> usize {
    let width = terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(100);
    width.clamp(20, 100)
}

/// Help wrapped to `width` columns by display width (a kana or kanji takes two), where
/// Unicode's line-breaking rules allow: clap counts every character as one column and
/// breaks only at spaces, so a Japanese line ran to twice the width. A continuation hangs
/// under the text after a flag, a command or an example (the column after a gap of two
/// spaces), or, when that leaves fewer than 20 columns, four columns in.
pub fn fit_help(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        let line = line.trim_end();
        if columns(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent_len = line.len() - line.trim_start_matches(' ').len();
        let (indent, rest) = line.split_at(indent_len);
        let plain = crate::text::strip_ansi(line);
        // Where a gap of two spaces ends after the first words: a flag's, a command's or
        // an example's text.
        let gap = plain[indent_len..].find("  ").map(|i| {
            let at = indent_len + i;
            (at, plain.len() - plain[at..].trim_start().len())
        });
        let mut push = |lines: Vec<String>| {
            for l in lines {
                out.push_str(l.trim_end());
                out.push('\n');
            }
        };
        match gap {
            Some((_, text)) if columns(&plain[..text]) + 20 <= width => {
                let hang = " ".repeat(columns(&plain[..text]));
                push(crate::text::wrap(rest, width, indent, &hang));
            }
            // Too little room beside it: the text goes under it, four columns in.
            Some((at, text)) if plain.len() == line.len() => {
                let under = format!("{indent}    ");
                push(vec![line[..at].to_string()]);
                push(crate::text::wrap(&line[text..], width, &under, &under));
            }
            _ => push(crate::text::wrap(rest, width, indent, indent)),
        }
    }
    out
}

/// `help COMMAND` (and `ヘルプ`) as `COMMAND --help`, and `help` alone as `--help`, in
/// Japanese, whose command line has no `help` command (clap's cannot be translated), and
/// `ヘルプ` in English: it was searched for.
pub fn help_word(mut args: Vec<OsString>, cmd: &clap::Command, lang: Lang) -> Vec<OsString> {
    let valued: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional() && a.get_action().takes_values())
        .flat_map(|a| {
            let long = a.get_long().map(|l| format!("--{l}"));
            let short = a.get_short().map(|s| format!("-{s}"));
            long.into_iter().chain(short)
        })
        .collect();
    let mut words = Vec::new();
    let mut i = 1;
    while let Some(a) = args.get(i) {
        let a = a.to_string_lossy();
        if a == "--" {
            return args;
        }
        if a.starts_with('-') && a != "-" {
            i += if valued.iter().any(|v| *v == a) { 2 } else { 1 };
            continue;
        }
        words.push(i);
        i += 1;
    }
    let word = |i: usize| args[i].to_string_lossy().into_owned();
    let Some(&first) = words.first() else {
        return args;
    };
    let asks = match word(first).as_str() {
        "ヘルプ" => true,
        "help" => lang == Lang::Ja,
        _ => false,
    };
    match words[1..] {
        [] if asks => args[first] = "--help".into(),
        [sub] if asks && cmd.find_subcommand(word(sub)).is_some() => {
            args.remove(first);
            args.push("--help".into());
        }
        // `help sarch`: no such command, so the help that lists them rather than a search.
        [sub] if asks => {
            args[first] = "--help".into();
            args.remove(sub);
        }
        _ => {}
    }
    args
}

/// The help texts of the command line in Japanese, by argument id and command name.
const JA_ARGS: &[(&str, &str)] = &[
    (
        "lang",
        "回答の言語: ja（日本語）または en（英語）[省略時: SPHERE_FAQ_LANG、LC_ALL、LC_MESSAGES、LANG、Windows の表示言語、なければ en]",
    ),
    (
        "color",
        "色を付けるとき: auto は端末に表示するときだけ（NO_COLOR がないとき）、always、never [省略時: auto]",
    ),
    ("json", "ほかのプログラム向けに JSON で出力する"),
    (
        "encoding",
        "出力の文字コード: auto、utf-8、cp932 [省略時: auto。Windows でパイプやファイルに出力し、コンソールのコードページが 932 のときは Shift_JIS、それ以外は UTF-8。環境変数 SPHERE_FAQ_ENCODING]",
    ),
    (
        "notes",
        "FAQ が書かれた後の変更についての補足を、出典とともに全文表示する（省略時は1行ずつ）",
    ),
    (
        "width",
        "回答を N 桁で折り返す [省略時: 端末の幅、不明なら 80。パイプでは折り返さない]。0 は折り返さない",
    ),
    (
        "data",
        "組み込みの FAQ の代わりにこのデータベース（data/faq.json の形式の JSON）を使う [環境変数 SPHERE_FAQ_DATA]",
    ),
    (
        "text",
        "コマンドなしのとき: エラーコード、貼り付けたエラーメッセージ、項目の番号（Q7）、または困っていることの説明。`-` またはパイプで標準入力を読む",
    ),
    (
        "query",
        "表示された内容や、したいことを自分の言葉で（`-` またはパイプで標準入力を読む）",
    ),
    (
        "limit",
        "回答する項目の数: 最もよく当てはまる項目は全文、ほかは1行ずつ [省略時: 4]",
    ),
    ("id", "項目の番号"),
    ("shell", "シェル: bash、zsh、fish、powershell、elvish"),
    (
        "paths",
        ".eml ファイル、それを含むフォルダ（サブフォルダも読む）、mbox ファイル",
    ),
    (
        "csv",
        "一覧を CSV でも FILE に書き出す（Excel で開けるよう BOM 付き UTF-8）",
    ),
    (
        "drafts",
        "スレッドごとの返信の下書きを DIR に書き出す。差出人の言語で、確度が code か high のときは FAQ の回答、それ以外は記入すべき箇所を示す【要確認】",
    ),
    (
        "file",
        "ファイル: data/faq.json、data/catalog.json、data/lexicon.json、data/guide.json の形式の JSON",
    ),
];

/// The help texts in Japanese of a command's arguments whose id the top-level command's
/// arguments have too: (command, argument id, help).
const JA_COMMAND_ARGS: &[(&str, &str, &str)] = &[(
    "code",
    "text",
    "コード、またはコードを含む文章（`-` で標準入力を読む）",
)];

const JA_COMMANDS: &[(&str, &str, &str)] = &[
    (
        "code",
        "エラーコード、または貼り付けた文章の中のすべてのコードに回答する",
        "AADSTS50020、aadsts 50020、ＡＡＤＳＴＳ５００２０、50020、AADB2B-0001、1014 など、またはエラー画面の文章をそのまま受け付けます。`-` のとき、または引数がなくパイプから入力されたときは標準入力を読みます。",
    ),
    ("search", "症状で FAQ を検索する（日本語・英語）", ""),
    ("show", "番号で項目を1つ表示する（Q7、q7、7）", ""),
    ("list", "すべての項目の番号・コード・質問を一覧表示する", ""),
    (
        "triage",
        "問い合わせメール（.eml、フォルダ、mbox）を読み、FAQ をもとに返信の下書きを作る",
        "メールごとに差出人・日時・件名、問い合わせの内容（挨拶・引用・署名・免責事項を除いたもの）、回答になる FAQ の項目と確度、ほかの候補2件まで、見つかったコードを表示します。同じスレッド（同じ件名、または References / In-Reply-To）のメールはまとめ、最新のメールで判断します。読めないメールは理由を示して残りを続け、終了ステータスは 2 になります。メールを送信することはありません。",
    ),
    (
        "completions",
        "SHELL のシェル補完スクリプトを表示する",
        "スクリプトは候補を sphere-faq 自身に問い合わせるため、コードと項目の番号は使っている FAQ から補完されます。例: `source <(sphere-faq completions bash)`",
    ),
    (
        "check",
        "データファイル（FAQ データベース、カタログ、レキシコン）を検査する",
        "",
    ),
    (
        "guide",
        "番号付きの質問に答えて、回答になる FAQ の項目を表示する",
        "端末で sphere-faq だけを実行したときと同じです。番号か言葉を入力して Enter を押します。貼り付けたエラー画面は空の行で終わります。q で終了します。パイプからは1行が1つの答えです。--json のときは、ほかの画面のために質問と選択肢の行き先を表示します。",
    ),
    (
        "manpage",
        "マニュアルページ（roff）を表示する。例: `sphere-faq manpage | man -l -`",
        "",
    ),
];

/// The help template in Japanese (clap's headings are English).
const JA_TEMPLATE: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

fn ja_help(a: clap::Arg) -> clap::Arg {
    let id = a.get_id().to_string();
    let a = match JA_ARGS.iter().find(|(k, _)| *k == id) {
        Some((_, help)) => a.help(*help).long_help(None::<&str>),
        None => a,
    };
    let heading = if a.is_positional() {
        "引数"
    } else {
        "オプション"
    };
    // Defaults, choices and variables are written into the Japanese help texts above:
    // clap would print them in English.
    let a = a.help_heading(heading);
    if a.get_action().takes_values() {
        a.hide_possible_values(true)
            .hide_default_value(true)
            .hide_env(true)
    } else {
        a
    }
}

fn japanese(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd
        .about(
            "SPHERE の Azure AD（Microsoft Entra ID）ゲストサインイン FAQ に、オフラインで答えます",
        )
        .long_about(
            "エラーコード、貼り付けたエラー画面、または困っていることの説明（日本語・英語）から、答えになる FAQ の項目を探し、選んだ言語で回答を表示します。",
        )
        .help_template(JA_TEMPLATE)
        .override_usage("sphere-faq [オプション] [テキスト]... [コマンド]")
        .subcommand_help_heading("コマンド")
        .disable_help_subcommand(true);
    cmd = localize_flags(cmd);
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, ja_help);
    }
    for (name, about, long) in JA_COMMANDS {
        let own = JA_COMMAND_ARGS
            .iter()
            .filter(|(c, _, _)| c == name)
            .map(|(_, id, help)| (*id, *help))
            .collect::<Vec<_>>();
        cmd = cmd.mut_subcommand(*name, |sc| {
            let usage = format!("sphere-faq {name} [オプション] {}", ja_usage_args(&sc));
            let mut sc = sc
                .about(*about)
                .long_about(if long.is_empty() { None } else { Some(*long) })
                .help_template(JA_TEMPLATE)
                .override_usage(usage);
            sc = localize_flags(sc);
            let ids: Vec<String> = sc
                .get_arguments()
                .filter(|a| !a.is_global_set())
                .map(|a| a.get_id().to_string())
                .collect();
            for id in ids {
                sc = sc.mut_arg(id, ja_help);
            }
            // An argument whose id another command's argument has too, in its own words.
            for (id, help) in &own {
                sc = sc.mut_arg(*id, |a| a.help(*help));
            }
            sc
        });
    }
    cmd
}

/// A command's positional arguments for its Japanese usage line.
fn ja_usage_args(sc: &clap::Command) -> String {
    sc.get_positionals()
        .map(|a| {
            let name = a
                .get_value_names()
                .and_then(|v| v.first().map(|n| n.to_string()))
                .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
            let many = if matches!(a.get_action(), clap::ArgAction::Append) {
                "..."
            } else {
                ""
            };
            if a.is_required_set() {
                format!("<{name}>{many}")
            } else {
                format!("[{name}]{many}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `-h` and `-V` with Japanese help (clap's own flags cannot be reworded).
fn localize_flags(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("ヘルプを表示する")
            .help_heading("オプション"),
    );
    if cmd.get_version().is_some() {
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("バージョンを表示する")
                .help_heading("オプション"),
        )
    } else {
        cmd
    }
}

/// `--encoding` on the command line, else SPHERE_FAQ_ENCODING, for help, which is printed
/// before the command line is parsed.
fn early_encoding() -> crate::encoding::OutputChoice {
    crate::args::value(&crate::args::raw(), "--encoding", None)
        .and_then(|v| ValueEnum::from_str(&v, true).ok())
        .or_else(crate::encoding::env_choice)
        .unwrap_or(crate::encoding::OutputChoice::Auto)
}

/// Parses the command line. Help and version are printed (status 0); a usage error is
/// reported in the user's language, with every control character escaped (an argument
/// can carry escape sequences): the status to exit with.
pub fn parse() -> Result<Cli, Exit> {
    let lang = early_lang();
    let command = command_for(lang);
    let args = lowercase_command(std::env::args_os().collect(), &command);
    let args = help_word(args, &command, lang);
    let matches = command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (m, cli)));
    match matches {
        Ok((m, mut cli)) => {
            // SPHERE_FAQ_DATA is read here rather than by clap: set but empty means no
            // file, as an unset variable does.
            if m.value_source("data") != Some(clap::parser::ValueSource::CommandLine) {
                cli.global.data = std::env::var_os("SPHERE_FAQ_DATA")
                    .filter(|v| !v.is_empty())
                    .map(std::path::PathBuf::from);
                cli.global.data_from_env = cli.global.data.is_some();
            }
            Ok(cli)
        }
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                // Help and version are output like any other: a failed write (a full
                // disk) is an error, a closed pipe is not.
                use std::io::{IsTerminal, Write};
                let help = e.render();
                let help = if std::io::stdout().is_terminal() {
                    help.ansi().to_string()
                } else {
                    help.to_string()
                };
                let encoding = crate::encoding::output_encoding(
                    Platform::current(),
                    std::io::stdout().is_terminal(),
                    crate::encoding::console_code_page(),
                    early_encoding(),
                );
                let mut stdout = crate::encoding::Encoded::new(std::io::stdout().lock(), encoding);
                let written = stdout
                    .write_all(fit_help(&help, help_width()).as_bytes())
                    .and_then(|()| stdout.flush());
                return Err(match written {
                    Err(w) => crate::error::report(&crate::error::Error::Io(w), lang),
                    Ok(()) => Exit::Answered,
                });
            }
            // Every error of the program starts with its name, clap's English ones too.
            let text = match lang {
                Lang::Ja => usage_error_ja(&e),
                Lang::En => {
                    let text = e.render().to_string();
                    match text.strip_prefix("error: ") {
                        Some(rest) => format!("sphere-faq: error: {rest}"),
                        None => text,
                    }
                }
            };
            let mut err = std::io::stderr().lock();
            let _ = std::io::Write::write_all(&mut err, crate::text::clean(&text).as_bytes());
            Err(Exit::Error)
        }
    }
}

/// A command typed in capitals (`Show Q7`, `LIST`, as a phone keyboard or a habit from
/// Windows writes it) in lower case, so that it runs as the command, when the words after
/// it fit the command ([`crate::input::fits`]): clap's command names are case-sensitive,
/// and the capitalised word was searched for. A description that starts with such a word
/// (`List of codes`) is left as it is.
pub fn lowercase_command(mut args: Vec<OsString>, cmd: &clap::Command) -> Vec<OsString> {
    // The options that take a value, as typed alone (`--lang ja`, `-l ja`): their value is
    // no command.
    let with_value = |cmd: &clap::Command| -> Vec<String> {
        cmd.get_arguments()
            .filter(|a| !a.is_positional() && a.get_action().takes_values())
            .flat_map(|a| {
                let long = a.get_long().map(|l| format!("--{l}"));
                let short = a.get_short().map(|s| format!("-{s}"));
                long.into_iter().chain(short)
            })
            .collect()
    };
    // The words that are neither options nor their values, from `from` on, with where.
    let words = |args: &[OsString], from: usize, valued: &[String]| -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut i = from;
        while let Some(a) = args.get(i) {
            let a = a.to_string_lossy();
            if a == "--" {
                break;
            }
            if a.starts_with('-') && a != "-" {
                i += if valued.iter().any(|v| *v == a) { 2 } else { 1 };
                continue;
            }
            out.push((i, a.into_owned()));
            i += 1;
        }
        out
    };
    let global = with_value(cmd);
    let Some((at, word)) = words(&args, 1, &global).into_iter().next() else {
        return args;
    };
    let lower = word.to_lowercase();
    if lower == word {
        return args;
    }
    let Some(sub) = cmd.find_subcommand(&lower) else {
        return args;
    };
    let mut valued = global;
    valued.extend(with_value(sub));
    let rest: Vec<String> = words(&args, at + 1, &valued)
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    if crate::input::fits(sub.get_name(), &rest) {
        args[at] = lower.into();
    }
    args
}

/// A usage error in Japanese, from what clap knows of it.
fn usage_error_ja(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("{arg} というオプションはありません。"),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("{arg} に値を指定してください。")
            } else if valid.is_empty() {
                format!("{arg} に「{value}」は指定できません。")
            } else {
                format!("{arg} に「{value}」は指定できません。指定できる値: {valid}")
            }
        }
        ErrorKind::ValueValidation => format!("{arg} の値「{value}」が正しくありません。"),
        ErrorKind::MissingRequiredArgument => format!("{arg} を指定してください。"),
        ErrorKind::InvalidSubcommand => format!(
            "{} というコマンドはありません。",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} に指定する値の数が正しくありません。")
        }
        ErrorKind::ArgumentConflict => format!("{arg} はほかの指定と一緒には使えません。"),
        ErrorKind::NoEquals => format!("{arg} の値は = でつないで指定してください。"),
        ErrorKind::InvalidUtf8 => "引数が正しい Unicode ではありません。".to_string(),
        _ => "コマンドラインの指定が正しくありません。".to_string(),
    };
    let suggested = get(ContextKind::SuggestedArg);
    if !suggested.is_empty() {
        msg.push_str(&format!("もしかして: {suggested}"));
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("sphere-faq: エラー: {msg}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n使い方: {usage}\n"));
    }
    out.push_str("\n詳しくは sphere-faq --help をご覧ください。\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_command_lines_are_well_formed() {
        command_for(Lang::En).debug_assert();
        command_for(Lang::Ja).debug_assert();
    }

    /// Every help text of the command line on a platform, long and short.
    fn all_help(lang: Lang, platform: Platform) -> String {
        let mut cmd = command_on(lang, platform);
        cmd.build();
        let mut all = format!("{}{}", cmd.render_long_help(), cmd.render_help());
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in names {
            let sc = cmd.find_subcommand_mut(&name).unwrap();
            all.push_str(&format!("{}{}", sc.render_long_help(), sc.render_help()));
        }
        all
    }

    /// On Windows, the help shows PowerShell's commands, not `pbpaste`, `man -l` or
    /// locale variables (issue #27); elsewhere as before.
    #[test]
    fn help_examples_for_each_platform() {
        for lang in [Lang::En, Lang::Ja] {
            let windows = all_help(lang, Platform::Windows);
            for s in [
                "Get-Clipboard | sphere-faq",
                "Get-Content error.txt | sphere-faq",
            ] {
                assert!(windows.contains(s), "{lang:?}: no {s}");
            }
            for s in ["pbpaste", "man -l", "LC_ALL", "LC_MESSAGES"] {
                assert!(!windows.contains(s), "{lang:?}: {s} on Windows");
            }
            let unix = all_help(lang, Platform::Unix);
            for s in ["pbpaste | sphere-faq code", "man -l", "LC_ALL"] {
                assert!(unix.contains(s), "{lang:?}: no {s}");
            }
            assert!(!unix.contains("Get-Clipboard"), "{lang:?}");
        }
    }

    #[test]
    fn help_is_wrapped_by_display_width() {
        let text = "  -l, --lang <LANG>   回答の言語: ja（日本語）または en（英語）[省略時: SPHERE_FAQ_LANG、なければ Windows の表示言語]\n";
        let fitted = fit_help(text, 50);
        assert!(fitted.lines().count() > 2, "{fitted}");
        for line in fitted.lines() {
            assert!(columns(line) <= 50, "{line}");
            assert!(
                line.starts_with("  -l") || line.starts_with(&" ".repeat(22)),
                "{line}"
            );
        }
    }
}

//! What each command does. `run` returns the process exit status; "nothing found" is a
//! normal outcome (status 1), not an error.

use std::io::{self, IsTerminal, Write};

use crate::cli::{Cli, ColorChoice, Command};
use crate::data::catalog::Catalog;
use crate::data::faq::Faq;
use crate::data::guide::Guide;
use crate::data::lexicon::LexiconFile;
use crate::data::load::LoadError;
use crate::data::rules;
use crate::engine::{CodeAnswer, Engine};
use crate::error::{self, Error};
use crate::exit::Exit;
use crate::input::{self, check_query, parse_id, utf8_args};
use crate::json;
use crate::lang::{Lang, script_of};
use crate::messages::{self, Problem};
use crate::render::Printer;
use crate::text::{clean_line, truncate};

pub use crate::input::{MAX_PASTE_BYTES, MAX_QUERY_BYTES};

/// Parses the command line, runs it and returns the exit status.
pub fn run() -> Exit {
    let cli = match crate::cli::parse() {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let color =
        use_color(cli.global.color) && (!io::stdout().is_terminal() || console_takes_color());
    colored::control::set_override(color);
    crate::render::set_width(output_width(cli.global.width));
    crate::render::set_whole_notes(cli.global.notes);
    let encoding = crate::encoding::output_encoding(
        crate::lang::Platform::current(),
        io::stdout().is_terminal(),
        crate::encoding::console_code_page(),
        cli.global
            .encoding
            .or_else(crate::encoding::env_choice)
            .unwrap_or(crate::encoding::OutputChoice::Auto),
    );
    let stdout = crate::encoding::Encoded::new(io::stdout().lock(), encoding);
    // 64 KiB rather than the default 8: a paste of many codes writes a lot at once.
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout);
    let result = dispatch(&cli, &mut out).and_then(|exit| {
        out.flush()?;
        Ok(exit)
    });
    let lang = Lang::given_or_env(cli.global.lang);
    let exit = result.unwrap_or_else(|e| error::report(&e, lang));
    crate::console::pause_if_alone(lang);
    exit
}

/// The width to wrap human output to: `--width` (0: never), else the terminal's width (80
/// when it cannot be told), and nothing for a pipe or a file, whose reader wraps as it
/// likes.
fn output_width(asked: Option<u16>) -> Option<usize> {
    match asked {
        Some(0) => None,
        Some(n) => Some(usize::from(n)),
        None if io::stdout().is_terminal() => Some(
            terminal_size::terminal_size()
                .map_or(80, |(w, _)| usize::from(w.0))
                .max(20),
        ),
        None => None,
    }
}

/// The classic Windows console shows ANSI colour only once virtual-terminal processing
/// is turned on, as ripgrep and fd do at start; where that fails (an old console), no
/// colour rather than escape codes on the screen. Other systems' terminals take colour as
/// they are.
fn console_takes_color() -> bool {
    #[cfg(windows)]
    {
        colored::control::set_virtual_terminal(true).is_ok()
    }
    #[cfg(not(windows))]
    {
        true
    }
}

/// `--color`, with the conventions of NO_COLOR (no-color.org: any non-empty value turns
/// colour off) and CLICOLOR_FORCE (bixense.com/clicolors: non-zero forces it on). An
/// explicit `--color always|never` wins over both.
pub fn use_color(choice: ColorChoice) -> bool {
    color_decision(choice, io::stdout().is_terminal(), |k| {
        std::env::var(k).ok()
    })
}

pub fn color_decision(
    choice: ColorChoice,
    terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                terminal && env("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// Guided mode on this console. Its notes are shown whole: someone who double-clicked
/// cannot add `--notes`, and a note can be the part that helps (the invitation's new
/// sender).
fn guided(engine: &Engine, lang: Lang, color: bool, out: &mut impl Write) -> Result<Exit, Error> {
    crate::render::set_whole_notes(true);
    crate::guide::run(engine, lang, color, crate::guide::Input::stdin(), out)
}

fn dispatch(cli: &Cli, out: &mut impl Write) -> Result<Exit, Error> {
    let g = &cli.global;
    let color = colored::control::SHOULD_COLORIZE.should_colorize();
    let env_lang = || Lang::given_or_env(g.lang);
    // A question written mostly in Japanese is answered in Japanese unless --lang says
    // otherwise; anything else in the user's language (one Japanese name in an English
    // page does not switch it, and an English page on a Japanese PC is answered in
    // Japanese).
    let lang_for = |text: &str| match (g.lang, script_of(text)) {
        (Some(lang), _) => lang,
        (None, Some(Lang::Ja)) => Lang::Ja,
        (None, _) => env_lang(),
    };
    // A file chosen by the environment is named with the variable that chose it: the
    // user may not know it is set.
    let data_error = |e: LoadError| {
        let e = match &g.data {
            Some(path) if g.data_from_env => e.named(format!("SPHERE_FAQ_DATA={}", path.display())),
            _ => e,
        };
        Error::Data(e.summary())
    };
    // The FAQ: a file given with --data / SPHERE_FAQ_DATA, else the embedded one.
    let load_faq = || -> Result<Faq, Error> {
        match &g.data {
            Some(path) => Faq::from_file(path).map_err(data_error),
            None => Ok(crate::Faq::embedded()?),
        }
    };
    // The embedded FAQ goes with its stored index (data/index.bin); a file given with
    // --data is indexed in memory when a search needs it.
    let load_engine = || -> Result<Engine, Error> {
        match &g.data {
            Some(path) => Engine::open(path).map_err(data_error),
            None => Ok(Engine::load()?),
        }
    };
    let Some(command) = &cli.command else {
        return answer(cli, &load_engine, &lang_for, color, out);
    };
    match command {
        Command::Code { text } => {
            let given = input::text(
                &utf8_args(text)?,
                Problem::CodeNeedsText,
                Problem::CodeEmpty,
            )?;
            given.check_paste()?;
            let engine = load_engine()?;
            if input::looks_mangled(&given.text) && engine.code_items(&given.text).is_empty() {
                return Err(Error::Input(Problem::Mangled));
            }
            let lang = lang_for(&given.text);
            let answer = engine.code(&given.text);
            // No code: the search reads the first part only.
            if answer.fallback.is_some() && given.text.len() > MAX_QUERY_BYTES {
                let text_lang = g.lang.or_else(|| script_of(&given.text)).unwrap_or(lang);
                eprintln!("{}", messages::read_first_part(text_lang, MAX_QUERY_BYTES));
            }
            code(&engine, &answer, lang, g.json, color, out)
        }
        Command::Search { query, limit } => {
            let q = input::text(
                &utf8_args(query)?,
                Problem::SearchNeedsText,
                Problem::SearchEmpty,
            )?
            .text;
            let (q, cut) = check_query(&q)?;
            if input::looks_mangled(q) {
                return Err(Error::Input(Problem::Mangled));
            }
            let engine = load_engine()?;
            let lang = lang_for(q);
            if cut {
                // In the text's language, as the user wrote it.
                let text_lang = g.lang.or_else(|| script_of(q)).unwrap_or(lang);
                eprintln!("{}", messages::read_first_part(text_lang, MAX_QUERY_BYTES));
            }
            search(&engine, q, usize::from(*limit), lang, g.json, color, out)
        }
        Command::Show { id } => {
            let faq = load_faq()?;
            let id = utf8_args(std::slice::from_ref(id))?.remove(0);
            show(&faq, &id, env_lang(), g.json, color, out)
        }
        Command::List => {
            let faq = load_faq()?;
            list(&faq, env_lang(), g.json, color, out)
        }
        Command::Triage { paths, csv, drafts } => {
            let engine = load_engine()?;
            triage(
                &engine,
                paths,
                csv.as_deref(),
                drafts.as_deref(),
                env_lang(),
                g.json,
                out,
            )
        }
        Command::Completions { shell } => {
            crate::completion::write_script(*shell, out)?;
            Ok(Exit::Answered)
        }
        Command::Check { file } => check(file, g.json, out),
        Command::Guide => {
            let engine = load_engine()?;
            if g.json {
                json::write(out, &json::guide(engine.guide()?, env_lang()))?;
                return Ok(Exit::Answered);
            }
            guided(&engine, env_lang(), color, out)
        }
        Command::Manpage => {
            crate::completion::write_manpage(out)?;
            Ok(Exit::Answered)
        }
    }
}

/// `sphere-faq check FILE`: every problem of a database file, or a summary when it is sound.
/// `sphere-faq check FILE`: an FAQ database, the catalog or the lexicon, told apart by
/// their shape and held to the rules of src/rules.rs (a catalog against the built-in FAQ,
/// an FAQ's topics against the built-in lexicon).
fn check(path: &std::path::Path, as_json: bool, out: &mut impl Write) -> Result<Exit, Error> {
    match checked(path) {
        Ok((kind, summary, counts)) => {
            if as_json {
                let mut j = serde_json::json!({"file": path.to_string_lossy(), "kind": kind, "ok": true, "summary": summary, "problems": []});
                // The counts as numbers too (`entries` and `codes` for an FAQ, as before).
                if let (Some(obj), serde_json::Value::Object(counts)) = (j.as_object_mut(), counts)
                {
                    obj.extend(counts);
                }
                json::write(out, &j)?;
            } else {
                let name = clean_line(&path.display().to_string()).into_owned();
                writeln!(out, "{name}: ok: {summary}")?;
                for a in counts["advice"].as_array().into_iter().flatten() {
                    writeln!(
                        out,
                        "{name}: advice: {}",
                        clean_line(a.as_str().unwrap_or_default())
                    )?;
                }
            }
            Ok(Exit::Answered)
        }
        Err(e) => {
            if as_json {
                json::write(
                    out,
                    &serde_json::json!({"file": path.to_string_lossy(), "ok": false, "problems": e.lines()}),
                )?;
                out.flush()?;
            }
            Err(match e {
                LoadError::Invalid { .. } => Error::Invalid(e),
                other => Error::Data(other),
            })
        }
    }
}

/// Reads a data file, tells which kind it is, and checks it: its kind, a one-line summary
/// and its counts, or every problem.
fn checked(path: &std::path::Path) -> Result<(&'static str, String, serde_json::Value), LoadError> {
    // The steps of --data's loading (Faq::from_file), so both give the same first error.
    let file = crate::data::load::DataFile::read(path)?;
    let (name, text) = (&file.name, file.text());
    let invalid = |problems: Vec<String>| LoadError::Invalid {
        path: name.clone(),
        problems: problems.iter().map(|p| format!(" {p}")).collect(),
    };
    match file.kind()? {
        rules::Kind::Faq => {
            let faq = Faq::from_json(name, text)?;
            let (entries, codes) = (faq.entries.len(), faq.codes().count());
            Ok((
                "faq",
                format!("{entries} entries, {codes} codes"),
                serde_json::json!({"entries": entries, "codes": codes, "advice": rules::advice(&faq)}),
            ))
        }
        rules::Kind::Catalog => {
            let catalog: Catalog = file.parse()?;
            let problems = rules::catalog(&catalog, &crate::Faq::embedded()?);
            if !problems.is_empty() {
                return Err(invalid(problems));
            }
            Ok((
                "catalog",
                format!("catalog of {} codes", catalog.codes.len()),
                serde_json::json!({"codes": catalog.codes.len()}),
            ))
        }
        rules::Kind::Lexicon => {
            let lexicon: LexiconFile = file.parse()?;
            let problems = rules::lexicon(&lexicon);
            if !problems.is_empty() {
                return Err(invalid(problems));
            }
            Ok((
                "lexicon",
                format!(
                    "lexicon of {} concepts, {} stop words, {} stop phrases",
                    lexicon.concepts.len(),
                    lexicon.stopwords.len(),
                    lexicon.stopphrases.len()
                ),
                serde_json::json!({"concepts": lexicon.concepts.len()}),
            ))
        }
        rules::Kind::Guide => {
            let guide = Guide::from_json(name, text, &crate::Faq::embedded()?)?;
            Ok((
                "guide",
                format!("guide of {} questions", guide.nodes.len()),
                serde_json::json!({"nodes": guide.nodes.len()}),
            ))
        }
    }
}

/// `sphere-faq TEXT…` with no command: an entry id shows the entry, text with a code is
/// answered as `code`, anything else is searched; no text and a pipe reads standard input.
/// A misspelled command is named rather than searched for.
fn answer(
    cli: &Cli,
    load_engine: &dyn Fn() -> Result<Engine, Error>,
    lang_for: &dyn Fn(&str) -> Lang,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let g = &cli.global;
    let args = utf8_args(&cli.text)?;
    if let Some(meant) = input::mistyped_command(&args) {
        return Err(Error::Input(Problem::NotACommand {
            word: args[0].clone(),
            meant,
        }));
    }
    // Nothing to answer, on a console: ask (never for a pipe or a file, nor for --json).
    if args.is_empty() && !g.json && io::stdin().is_terminal() && io::stdout().is_terminal() {
        let engine = load_engine()?;
        let lang = Lang::given_or_env(g.lang);
        return guided(&engine, lang, color, out);
    }
    let given = input::text(&args, Problem::NeedsText, Problem::Empty)?;
    let text = &given.text;
    let engine = load_engine()?;
    if input::is_id(text) {
        return show(&engine.faq, text, lang_for(""), g.json, color, out);
    }
    let lang = lang_for(text);
    // The codes are found once: they decide, and they are the answer.
    let items = engine.code_items(text);
    if !items.is_empty() {
        given.check_paste()?;
        let answer = engine.answer_codes(items, text);
        code(&engine, &answer, lang, g.json, color, out)
    } else {
        let (text, cut) = check_query(text)?;
        if input::looks_mangled(text) {
            return Err(Error::Input(Problem::Mangled));
        }
        if cut {
            let text_lang = g.lang.or_else(|| script_of(text)).unwrap_or(lang);
            eprintln!("{}", messages::read_first_part(text_lang, MAX_QUERY_BYTES));
        }
        search(&engine, text, 4, lang, g.json, color, out)
    }
}

fn show(
    faq: &Faq,
    id: &str,
    lang: Lang,
    as_json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let wanted = parse_id(id);
    let entry = wanted.as_deref().and_then(|w| faq.entry(w));
    if as_json {
        json::write(out, &json::show(faq, entry, lang, id))?;
    } else if let Some(e) = entry {
        Printer::new(&mut *out, lang, color).entry(faq, e, &[])?;
    } else {
        let first = faq
            .entries
            .iter()
            .map(|e| e.id.as_ref())
            .next()
            .unwrap_or("Q1");
        let last = faq
            .entries
            .iter()
            .map(|e| e.id.as_ref())
            .next_back()
            .unwrap_or("Q1");
        let msg = messages::no_entry(lang, &truncate(&clean_line(id), 40), first, last);
        writeln!(out, "{msg}")?;
    }
    Ok(Exit::found(entry.is_some()))
}

fn list(
    faq: &Faq,
    lang: Lang,
    as_json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    if as_json {
        json::write(out, &json::list(faq, lang))?;
    } else {
        // On a terminal, which FAQ this is; a pipe gets exactly one line per entry.
        if std::io::stdout().is_terminal() {
            writeln!(out, "{}\n", faq.describe(lang))?;
        }
        let mut p = Printer::new(&mut *out, lang, color);
        for e in faq.entries.iter() {
            p.list_line(e)?;
        }
    }
    Ok(Exit::Answered)
}

fn search(
    engine: &Engine,
    q: &str,
    limit: usize,
    lang: Lang,
    as_json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let searched = engine.search(q, limit);
    let details = crate::helpdesk::details(q, None);
    if as_json {
        let mut j = json::search(&searched, lang);
        j.helpdesk = details.map(|d| helpdesk_json(engine, &d, lang));
        json::write(out, &j)?;
    } else {
        let mut p = Printer::new(&mut *out, lang, color);
        p.searched(&searched)?;
        helpdesk_block(engine, details, &mut p)?;
    }
    Ok(Exit::found(!searched.entries.is_empty()))
}

fn code(
    engine: &Engine,
    answer: &CodeAnswer,
    lang: Lang,
    as_json: bool,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let view = engine.view(answer);
    let first = answer.items.first().map(|i| i.code.as_str());
    let details = crate::helpdesk::details(&answer.text, first);
    if as_json {
        let mut j = json::code(&view, lang);
        j.helpdesk = details.map(|d| helpdesk_json(engine, &d, lang));
        json::write(out, &j)?;
    } else {
        let mut p = Printer::new(&mut *out, lang, color);
        p.code_answer(&view)?;
        helpdesk_block(engine, details, &mut p)?;
    }
    Ok(Exit::found(view.found))
}

/// The block for the helpdesk, after an answer to a pasted error page that holds its ids.
fn helpdesk_block<W: Write>(
    engine: &Engine,
    details: Option<crate::helpdesk::Details>,
    p: &mut Printer<W>,
) -> io::Result<()> {
    let Some(d) = details else { return Ok(()) };
    writeln!(p.out)?;
    p.helpdesk(&d, &engine.faq.contact.email, &engine.outside().helpdesk)
}

fn helpdesk_json(engine: &Engine, d: &crate::helpdesk::Details, lang: Lang) -> json::JsonHelpdesk {
    json::helpdesk(
        d,
        &engine.faq.contact.email,
        &engine.outside().helpdesk,
        lang,
    )
}

/// Whether two paths name one file (both must exist to be compared).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `sphere-faq triage PATH…`: the table (or JSON), and the CSV and drafts when asked;
/// status 2 when any mail could not be read, else 0.
fn triage(
    engine: &Engine,
    paths: &[std::path::PathBuf],
    csv: Option<&std::path::Path>,
    drafts: Option<&std::path::Path>,
    lang: Lang,
    as_json: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    use crate::triage::{draft, report};
    let cannot_write = |path: &std::path::Path, e: io::Error| {
        Error::Input(Problem::CannotWriteFile {
            path: path.display().to_string(),
            reason: crate::data::load::io_reason(&e),
        })
    };
    // The CSV must not overwrite a mail it reads.
    if let Some(path) = csv
        && paths.iter().any(|p| same_file(p, path))
    {
        return Err(cannot_write(
            path,
            io::Error::new(io::ErrorKind::AlreadyExists, "it is one of the mails read"),
        ));
    }
    let inbox = crate::triage::triage(engine, paths);
    let written: Vec<(usize, String)> = match drafts {
        Some(dir) => draft::write_all(&engine.faq, &inbox, dir)
            .map_err(|e| cannot_write(dir, e))?
            .into_iter()
            .map(|(n, p)| (n, p.display().to_string()))
            .collect(),
        None => Vec::new(),
    };
    if let Some(path) = csv {
        let file = std::fs::File::create(path).map_err(|e| cannot_write(path, e))?;
        let mut w = io::BufWriter::new(file);
        report::csv(&mut w, &engine.faq, &inbox, lang, &written)
            .and_then(|()| w.flush())
            .map_err(|e| cannot_write(path, e))?;
    }
    if as_json {
        json::write(out, &report::json(&engine.faq, &inbox, lang, &written))?;
    } else {
        report::table(out, &engine.faq, &inbox, lang)?;
        if let Some(dir) = drafts {
            let dir = dir.display().to_string();
            writeln!(
                out,
                "{}",
                messages::drafts_written(lang, written.len(), &clean_line(&dir))
            )?;
        }
        if let Some(path) = csv {
            let path = path.display().to_string();
            writeln!(out, "{}", messages::csv_written(lang, &clean_line(&path)))?;
        }
    }
    Ok(if !inbox.failed.is_empty() {
        Exit::Error
    } else {
        Exit::found(!inbox.mails.is_empty())
    })
}

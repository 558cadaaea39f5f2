//! Guided mode: the questions of `data/guide.json`, asked one at a time on a console,
//! answered with a number or the user's own words and Enter. Lines are read as the
//! console gives them (its own line editing, so a Japanese IME works). It only routes:
//! every answer is an FAQ entry, the code lookup's or the search's.

use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::data::guide::{Ask, Target};
use crate::engine::Engine;
use crate::error::Error;
use crate::exit::Exit;
use crate::lang::Lang;
use crate::messages;
use crate::render::Printer;

/// How soon a line must follow the one before to belong to the same paste: a paste
/// arrives at once, a person types slower.
const PASTE_GAP: Duration = Duration::from_millis(250);

/// Lines of standard input, read by a thread of their own so that the loop can tell a
/// paste (many lines at once) from typing.
pub struct Input {
    lines: Mutex<Receiver<String>>,
    /// On a console, how soon the next line of a paste comes; none for a pipe or a file,
    /// where every line is an answer of its own.
    gap: Option<Duration>,
}

impl Input {
    /// Standard input's lines, for the whole program: guided mode and the wait for Enter
    /// before a console closes (`console.rs`) read them from one thread, which holds
    /// standard input while it waits.
    pub fn stdin() -> &'static Input {
        static STDIN: OnceLock<Input> = OnceLock::new();
        STDIN.get_or_init(Input::read_stdin)
    }

    fn read_stdin() -> Input {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdin = io::stdin().lock();
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match stdin.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buf);
                        let line = line.trim_end_matches(['\n', '\r']).to_string();
                        if tx.send(line).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let gap = io::stdin().is_terminal().then_some(PASTE_GAP);
        Input {
            lines: Mutex::new(rx),
            gap,
        }
    }

    /// Lines given in advance, as from a pipe (for tests).
    pub fn from_lines(lines: &[&str]) -> Input {
        let (tx, rx) = mpsc::channel();
        for l in lines {
            let _ = tx.send(l.to_string());
        }
        Input {
            lines: Mutex::new(rx),
            gap: None,
        }
    }

    /// The next line; `None` at the end of input.
    pub fn line(&self) -> Option<String> {
        self.lines.lock().ok()?.recv().ok()
    }

    /// The next line if it follows at once (a paste goes on).
    fn more(&self) -> Option<String> {
        let gap = self.gap?;
        self.lines.lock().ok()?.recv_timeout(gap).ok()
    }

    /// The rest of a paste after `lines`: it ends at an empty line that nothing follows at
    /// once (the paste's own empty lines are followed by more), or at the end of input.
    fn paste(&self, mut lines: Vec<String>) -> String {
        loop {
            let next = if ended(&lines) {
                self.more()
            } else {
                self.line()
            };
            match next {
                Some(l) => lines.push(l),
                None => return lines.join("\n"),
            }
        }
    }
}

/// Whether a paste has text and ends with an empty line.
fn ended(lines: &[String]) -> bool {
    lines.last().is_some_and(|l| l.trim().is_empty()) && lines.iter().any(|l| !l.trim().is_empty())
}

/// What one answer leads to.
enum Step {
    /// The guide's question with this id.
    Ask(String),
    /// Nothing found: the questions again from the start.
    Again,
    Done(Exit),
}

/// Words that leave guided mode, as typed (`q`, `ｑ` and `Q` alike after NFKC and lower
/// case).
fn is_quit(t: &str) -> bool {
    matches!(
        t,
        "q" | "quit" | "exit" | "終了" | "終わり" | "おわり" | "やめる" | "止める"
    )
}

/// Leaves without an answer (status 1), the helpdesk's contact the last thing shown.
fn leave(engine: &Engine, lang: Lang, color: bool, out: &mut impl Write) -> Result<Exit, Error> {
    writeln!(out)?;
    Printer::new(&mut *out, lang, color).contact(&engine.faq.contact)?;
    Ok(Exit::NotFound)
}

/// Asks the guide's questions from its start until an answer is printed (status 0, or 1
/// when the search found nothing), `q` is typed or input ends (status 1: no answer).
pub fn run(
    engine: &Engine,
    mut lang: Lang,
    color: bool,
    input: &Input,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let guide = engine.guide()?;
    let Some(mut node) = guide.node(&guide.start) else {
        return Err(Error::Data(crate::data::load::LoadError::Invalid {
            path: "<embedded>/guide.json".into(),
            problems: vec![format!(" start {:?} is not a node", guide.start)],
        }));
    };
    writeln!(out, "{}", messages::GUIDE_INTRO.get(lang))?;
    loop {
        writeln!(out)?;
        Printer::new(&mut *out, lang, color).question(node)?;
        let Some((text, pasted)) = read_answer(input, lang, out)? else {
            return leave(engine, lang, color, out);
        };
        let t = crate::normalize::nfkc(text.trim()).to_lowercase();
        if is_quit(&t) {
            return leave(engine, lang, color, out);
        }
        // A number of three digits or more is a code (1014, 50020), not a choice.
        let number = t.trim_end_matches('.');
        let chosen = match number.parse::<usize>() {
            Ok(n) if !pasted && number.len() < 3 => {
                match n.checked_sub(1).and_then(|i| node.choices.get(i)) {
                    Some(c) => c.target(),
                    None => {
                        let msg = messages::guide_no_choice(lang, node.choices.len());
                        writeln!(out, "{msg}")?;
                        continue;
                    }
                }
            }
            _ if t.is_empty() => continue,
            _ => None,
        };
        let text = match chosen {
            Some(Target::Next(id)) => {
                node = guide.node(id).unwrap_or(node);
                continue;
            }
            Some(Target::Entry(id)) => return entry(engine, id, lang, color, out),
            Some(Target::Ask(Ask::Language)) => {
                lang = match lang {
                    Lang::Ja => Lang::En,
                    Lang::En => Lang::Ja,
                };
                continue;
            }
            Some(Target::Ask(Ask::Paste)) => {
                writeln!(out, "{}", messages::GUIDE_PASTE.get(lang))?;
                prompt(out)?;
                input.paste(Vec::new())
            }
            Some(Target::Ask(Ask::Text)) => {
                writeln!(out, "{}", messages::GUIDE_TYPE.get(lang))?;
                match read_answer(input, lang, out)? {
                    Some((text, _)) => text,
                    None => return leave(engine, lang, color, out),
                }
            }
            None => text,
        };
        // Nothing typed goes back to the question; `q` leaves from here too.
        if text.trim().is_empty() {
            continue;
        }
        if is_quit(&crate::normalize::nfkc(text.trim()).to_lowercase()) {
            return leave(engine, lang, color, out);
        }
        match answer(engine, &text, lang, color, out)? {
            Step::Ask(id) => node = guide.node(&id).unwrap_or(node),
            // Nothing found is no place to end for someone who double-clicked: the
            // questions start again.
            Step::Again => {
                writeln!(out)?;
                writeln!(out, "{}", messages::GUIDE_AGAIN.get(lang))?;
                node = guide.node(&guide.start).unwrap_or(node);
            }
            Step::Done(exit) => return Ok(exit),
        }
    }
}

fn prompt(out: &mut impl Write) -> io::Result<()> {
    write!(out, "> ")?;
    out.flush()
}

/// One answer: a line, or a whole paste when more lines follow at once. `None` at the
/// end of input.
fn read_answer(
    input: &Input,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<Option<(String, bool)>> {
    prompt(out)?;
    let Some(first) = input.line() else {
        return Ok(None);
    };
    let mut lines = vec![first];
    while let Some(l) = input.more() {
        lines.push(l);
    }
    // A paste has two lines of text or more; `3` and a quick second Enter is a choice.
    if lines.iter().filter(|l| !l.trim().is_empty()).count() < 2 {
        let typed = lines.into_iter().find(|l| !l.trim().is_empty());
        return Ok(Some((typed.unwrap_or_default(), false)));
    }
    if !ended(&lines) {
        writeln!(out, "{}", messages::GUIDE_PASTED.get(lang))?;
        out.flush()?;
    }
    Ok(Some((input.paste(lines), true)))
}

/// An entry chosen, as `show` prints it, and the helpdesk.
fn entry(
    engine: &Engine,
    id: &str,
    lang: Lang,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit, Error> {
    let Some(e) = engine.faq.entry(id) else {
        // A --data FAQ without the entry the guide names.
        let (first, last) = match (engine.faq.entries.first(), engine.faq.entries.last()) {
            (Some(f), Some(l)) => (f.id.as_str(), l.id.as_str()),
            _ => ("Q1", "Q1"),
        };
        writeln!(out, "{}", messages::no_entry(lang, id, first, last))?;
        return Ok(Exit::NotFound);
    };
    with_contact(engine, lang, color, out, |p| p.entry(&engine.faq, e, &[]))?;
    Ok(Exit::Answered)
}

/// Text typed or pasted: a code answered as `code` answers it, with the block for the
/// helpdesk when it is an error page; words searched, and a vague search asks the
/// guide's question for it.
fn answer(
    engine: &Engine,
    text: &str,
    lang: Lang,
    color: bool,
    out: &mut impl Write,
) -> Result<Step, Error> {
    if text.len() > crate::input::MAX_PASTE_BYTES {
        return Err(Error::Input(messages::Problem::InputTooLong(
            crate::input::MAX_PASTE_BYTES,
        )));
    }
    let items = engine.code_items(text);
    let details = crate::helpdesk::details(text, items.first().map(|i| i.code.as_str()));
    let exit = if items.is_empty() {
        // An over-long paste is searched by its first part, as `search` does.
        let (query, cut) = crate::input::check_query(text)?;
        if cut {
            let max = crate::input::MAX_QUERY_BYTES;
            writeln!(out, "{}", messages::read_first_part(lang, max))?;
        }
        let searched = engine.search(query, 4);
        if let Some(n) = searched.clarify {
            return Ok(Step::Ask(n.id.clone()));
        }
        with_contact(engine, lang, color, out, |p| p.searched(&searched))?;
        if searched.entries.is_empty() {
            return Ok(Step::Again);
        }
        Exit::Answered
    } else {
        let answer = engine.answer_codes(items, text);
        let view = engine.view(&answer);
        with_contact(engine, lang, color, out, |p| p.code_answer(&view))?;
        // A mistyped code is no place to end either.
        if !view.found && details.is_none() {
            return Ok(Step::Again);
        }
        Exit::found(view.found)
    };
    if let Some(d) = details {
        writeln!(out)?;
        let note = &engine.outside().helpdesk;
        Printer::new(&mut *out, lang, color).helpdesk(&d, &engine.faq.contact.email, note)?;
    }
    Ok(Step::Done(exit))
}

/// Prints an answer, then the helpdesk's contact unless the answer gave it.
fn with_contact(
    engine: &Engine,
    lang: Lang,
    color: bool,
    out: &mut impl Write,
    print: impl FnOnce(&mut Printer<&mut Vec<u8>>) -> io::Result<()>,
) -> io::Result<()> {
    let mut shown = Vec::new();
    print(&mut Printer::new(&mut shown, lang, color))?;
    writeln!(out)?;
    out.write_all(&shown)?;
    let email = engine.faq.contact.email.as_bytes();
    if !shown.windows(email.len()).any(|w| w == email) {
        writeln!(out)?;
        Printer::new(&mut *out, lang, color).contact(&engine.faq.contact)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guided(lines: &[&str], lang: Lang) -> (Exit, String) {
        let engine = Engine::load().unwrap();
        let mut out = Vec::new();
        let exit = run(&engine, lang, false, &Input::from_lines(lines), &mut out).unwrap();
        (exit, String::from_utf8(out).unwrap())
    }

    #[test]
    fn numbers_lead_to_an_entry_and_the_helpdesk() {
        let (exit, out) = guided(&["3", "3"], Lang::Ja);
        assert_eq!(exit, Exit::Answered);
        assert!(out.contains("Q8  GIDのパスワード"), "{out}");
        assert!(out.contains("sphere-helpdesk@sony.com"), "{out}");
    }

    #[test]
    fn a_vague_answer_gets_the_question_for_it() {
        let (exit, out) = guided(&["I can't sign in", "4"], Lang::En);
        assert_eq!(exit, Exit::Answered);
        assert!(out.contains("Where does it stop?"), "{out}");
        assert!(out.contains("Q11  Error when trying to log in"), "{out}");
    }

    #[test]
    fn q_a_wrong_number_and_the_end_of_input() {
        let (exit, out) = guided(&["99", "q"], Lang::En);
        assert_eq!(exit, Exit::NotFound);
        assert!(out.contains("Type a number from 1 to"), "{out}");
        let last: Vec<&str> = out.lines().rev().take(3).collect();
        assert!(
            last.iter().any(|l| l.contains("sphere-helpdesk@sony.com")),
            "{out}"
        );
        for quit in ["Q", "ｑ", "終了", "quit"] {
            assert_eq!(guided(&[quit], Lang::Ja).0, Exit::NotFound, "{quit}");
        }
        let (exit, out) = guided(&[], Lang::Ja);
        assert_eq!(exit, Exit::NotFound);
        assert!(out.contains("sphere-helpdesk@sony.com"), "{out}");
    }

    #[test]
    fn words_that_find_nothing_ask_again() {
        let (exit, out) = guided(&["what time is lunch", "3", "3"], Lang::En);
        assert_eq!(exit, Exit::Answered);
        assert!(
            out.contains("Q8  When you are not able to login to SPHERE by GID"),
            "{out}"
        );
    }
}

//! What the user gives the program: arguments and standard input, decoded from the
//! encodings people's tools write (a Notepad "ANSI" file is Shift_JIS on a Japanese PC;
//! PowerShell 5.1's `>` writes UTF-16 with a byte order mark), held to size limits, and
//! told apart (an entry id, text with a code, a description of a problem).

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read};

use crate::error::Error as Failure;
use crate::messages::Problem;

/// Longest search query read, in bytes; of a longer one, the first part is read.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;
/// Longest text read from standard input or the arguments (a pasted page or a log
/// excerpt), in bytes.
pub const MAX_PASTE_BYTES: usize = 1024 * 1024;

pub use crate::encoding::{Encoding, decode, sniff};

/// Arguments as text. They arrive as OS strings so that an argument that is not valid
/// Unicode gets our one-line message rather than clap's usage block.
pub fn utf8_args(args: &[OsString]) -> Result<Vec<String>, Failure> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            a.to_str().map(str::to_string).ok_or_else(|| {
                Failure::Input(Problem::ArgNotUnicode {
                    n: i + 1,
                    shown: crate::text::truncate(&a.to_string_lossy(), 40).into_owned(),
                })
            })
        })
        .collect()
}

/// Standard input, decoded; refused when it is over [`MAX_PASTE_BYTES`], unreadable, or
/// not text at all ([`is_binary`]).
pub fn read_stdin() -> Result<String, Failure> {
    let mut buf = Vec::new();
    io::stdin()
        .take(MAX_PASTE_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Failure::Input(Problem::StdinUnreadable(crate::data::load::io_reason(&e))))?;
    if buf.len() > MAX_PASTE_BYTES {
        return Err(Failure::Input(Problem::StdinTooLong(MAX_PASTE_BYTES)));
    }
    let text = decode(&buf).0;
    if is_binary(&text) {
        return Err(Failure::Input(Problem::StdinNotText));
    }
    Ok(text)
}

/// Whether decoded input is no text at all (an image, a program, an archive, random
/// bytes), as tools that read text tell (git, grep): it holds a NUL, or more than one
/// character in eight (and at least four) is a control character or U+FFFD, what bytes
/// that could not be decoded became. Line breaks, tabs, form feeds and ESC (a copied
/// terminal's colours) are text. Random bytes are about one in five such characters, a
/// Latin-1 text read as Shift_JIS one in ten at its worst, a real paste none.
pub fn is_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        chars += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\u{0C}' | '\u{1B}' => {}
            '\u{FFFD}' => odd += 1,
            c if c.is_control() => odd += 1,
            _ => {}
        }
    }
    odd >= 4 && odd * 8 > chars
}

/// The text a command works on, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub text: String,
    /// Read from standard input, whose limit was held to the bytes read, before they
    /// were decoded ([`read_stdin`]).
    pub from_stdin: bool,
}

impl Given {
    /// Text for `code`: not over [`MAX_PASTE_BYTES`]. Standard input was capped as it was
    /// read, on its bytes as they came: decoded from UTF-16 or Shift_JIS, a 720 KB paste
    /// of Japanese is about 1.1 MB of UTF-8, and that is no reason to refuse it. Arguments
    /// are checked here.
    pub fn check_paste(&self) -> Result<(), Failure> {
        if !self.from_stdin && self.text.len() > MAX_PASTE_BYTES {
            return Err(Failure::Input(Problem::InputTooLong(MAX_PASTE_BYTES)));
        }
        Ok(())
    }
}

/// The text a command works on: its arguments joined, or standard input for `-` or when
/// no argument is given and input is piped. `hint` is what to say when there is neither,
/// `empty` when the text is blank. The caller checks the length its command allows.
pub fn text(args: &[String], hint: Problem, empty: Problem) -> Result<Given, Failure> {
    let from_stdin = match args {
        [] => {
            if io::stdin().is_terminal() {
                return Err(Failure::Input(hint));
            }
            true
        }
        [dash] if dash == "-" => true,
        _ => false,
    };
    let text = if from_stdin {
        let prompt = waiting_prompt(
            io::stdin().is_terminal(),
            crate::lang::early_lang(),
            crate::lang::Platform::current(),
        );
        if let Some(prompt) = prompt {
            eprintln!("{prompt}");
        }
        read_stdin()?
    } else {
        args.join(" ")
    };
    if text.trim().is_empty() {
        return Err(Failure::Input(empty));
    }
    Ok(Given { text, from_stdin })
}

/// A search query: not empty, and the sender's own words (a pasted thread's quoted
/// history, signature and disclaimer set aside, as the search reads it) not over
/// [`MAX_QUERY_BYTES`]. Longer, its first part is read ([`first_part`]): the text to
/// search, and whether it was cut (the user is told).
pub fn check_query(q: &str) -> Result<(&str, bool), Failure> {
    if q.trim().is_empty() {
        return Err(Failure::Input(Problem::SearchEmpty));
    }
    if q.len() > MAX_QUERY_BYTES && crate::message::problem(q).len() > MAX_QUERY_BYTES {
        return Ok((first_part(q, MAX_QUERY_BYTES), true));
    }
    Ok((q, false))
}

/// At most `max` bytes of a text: up to its last line break when one is in the second
/// half, else on a character boundary. A pasted thread starts with the newest message.
pub fn first_part(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let head = crate::text::head(text, max);
    match head.rfind('\n') {
        Some(i) if i > max / 2 => &head[..i],
        _ => head,
    }
}

/// Whether a text is what Windows PowerShell 5.1 makes of Japanese sent into a pipe with
/// its default `$OutputEncoding` (ASCII): every character it cannot encode becomes `?`. A
/// word becomes a run of them: mangled when such runs of three or more are a quarter of
/// the text (no space counted), or most of it is `?`. "Why can't I log in???" is not.
pub fn looks_mangled(text: &str) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let marks = text.chars().filter(|&c| c == '?').count();
    let mut in_runs = 0;
    let mut run = 0;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c == '?' {
            run += 1;
        } else {
            if run >= 3 {
                in_runs += run;
            }
            run = 0;
        }
    }
    in_runs > 0 && (in_runs * 4 >= chars || marks * 2 > chars)
}

/// The prompt to print on stderr while standard input is read from a terminal (`-`):
/// without it the program waits in silence. None for a pipe or a file.
pub fn waiting_prompt(
    stdin_terminal: bool,
    lang: crate::lang::Lang,
    platform: crate::lang::Platform,
) -> Option<&'static str> {
    stdin_terminal.then(|| crate::messages::paste_prompt(lang, platform))
}

/// An entry id as people type it (`Q7`, `q7`, `Ｑ７`, `7`), as `Q7`.
pub fn parse_id(t: &str) -> Option<String> {
    let t = crate::normalize::nfkc(t.trim()).to_uppercase();
    let n = t.strip_prefix('Q').unwrap_or(&t).trim();
    let n: u32 = n.parse().ok()?;
    Some(format!("Q{n}"))
}

/// Whether a whole text is an entry id written as one (`Q7`, `q7`, `Ｑ７`; a bare number
/// is a code, not an id, when no command says otherwise).
pub fn is_id(t: &str) -> bool {
    let t = crate::normalize::nfkc(t.trim()).to_uppercase();
    t.strip_prefix('Q')
        .is_some_and(|n| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the words after a command's name fit that command, so that the name typed
/// otherwise (misspelt, capitalised) can be taken for it: only commands whose arguments
/// can be told apart from a description (`lost my password` is not `list`).
pub fn fits(command: &str, rest: &[String]) -> bool {
    match command {
        "show" => rest.len() == 1 && is_id(&rest[0]),
        "list" | "manpage" | "guide" => rest.is_empty(),
        "code" => {
            !rest.is_empty()
                && rest.iter().all(|r| {
                    crate::codes::canonical(r).is_some()
                        && r.bytes().any(|b| b.is_ascii_alphabetic())
                })
        }
        "check" => rest.len() == 1 && std::path::Path::new(&rest[0]).is_file(),
        "search" => !rest.is_empty(),
        "triage" => !rest.is_empty() && rest.iter().all(|r| std::path::Path::new(r).exists()),
        "completions" => {
            rest.len() == 1
                && ["bash", "zsh", "fish", "powershell", "elvish"].contains(&rest[0].as_str())
        }
        _ => false,
    }
}

/// A first word that is a command misspelled (`shwo Q13`): the command meant, when the
/// rest [fits](fits) it. Only words that are no real query word.
pub fn mistyped_command(args: &[String]) -> Option<String> {
    let (first, rest) = args.split_first()?;
    let word = first.to_ascii_lowercase();
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let command = [
        "code",
        "search",
        "show",
        "list",
        "triage",
        "completions",
        "check",
        "guide",
        "manpage",
    ]
    .into_iter()
    .find(|c| {
        *c != word
            && strsim::damerau_levenshtein(&word, c) <= 1 + usize::from(c.len() > 6)
            // A short word near `search` is more often a query word than a slip.
            && (*c != "search" || word.len() >= 5)
            && fits(c, rest)
    })?;
    let mut line = vec!["sphere-faq".to_string(), command.to_string()];
    line.extend(rest.iter().cloned());
    Some(line.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_windows_writes() {
        let sjis = encoding_rs::SHIFT_JIS.encode("エラー AADSTS50020 です").0;
        assert_eq!(
            decode(&sjis),
            ("エラー AADSTS50020 です".to_string(), Encoding::ShiftJis)
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "招待 AADB2B_0005".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).0, "招待 AADB2B_0005");
        let mut be = vec![0xFE, 0xFF];
        for u in "Q13".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&be), ("Q13".to_string(), Encoding::Utf16Be));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").0, "abc");
        // Damaged bytes: the code survives.
        let (t, _) = decode(b"\xFF\x81 AADSTS50020 \x80");
        assert!(t.contains("AADSTS50020"));
    }

    #[test]
    fn a_prompt_only_for_a_terminal_in_the_users_language() {
        use crate::lang::Lang;
        use crate::lang::Platform;
        assert_eq!(waiting_prompt(false, Lang::Ja, Platform::Windows), None);
        assert_eq!(waiting_prompt(false, Lang::En, Platform::Unix), None);
        let p = |l, p| waiting_prompt(true, l, p).unwrap();
        assert!(p(Lang::Ja, Platform::Windows).contains("Ctrl+Z"));
        assert!(p(Lang::Ja, Platform::Windows).contains("貼り付け"));
        assert!(p(Lang::En, Platform::Windows).contains("Ctrl+Z"));
        assert!(p(Lang::En, Platform::Unix).contains("Ctrl+D"));
        assert!(p(Lang::Ja, Platform::Unix).contains("Ctrl+D"));
        for l in [Lang::Ja, Lang::En] {
            for pl in [Platform::Windows, Platform::Unix] {
                assert_eq!(p(l, pl).lines().count(), 1);
            }
        }
    }

    #[test]
    fn question_marks_of_a_lost_encoding() {
        assert!(looks_mangled("?????????"));
        assert!(looks_mangled("SPHERE ? ??????? ?????"));
        assert!(!looks_mangled("Why can't I log in???"));
        assert!(!looks_mangled("what? why?"));
        assert!(!looks_mangled("パスワード"));
    }

    #[test]
    fn the_first_part_of_a_long_text() {
        assert_eq!(first_part("abc", 10), "abc");
        assert_eq!(first_part("line one\nline two", 12), "line one");
        assert_eq!(first_part("日本語", 4), "日");
    }

    #[test]
    fn ids_and_mistyped_commands() {
        assert!(is_id("Q7") && is_id("q13") && is_id("Ｑ７"));
        assert!(!is_id("7") && !is_id("Q") && !is_id("QA"));
        let a = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            mistyped_command(&a("shwo Q13")).as_deref(),
            Some("sphere-faq show Q13")
        );
        assert_eq!(
            mistyped_command(&a("lsit")).as_deref(),
            Some("sphere-faq list")
        );
        assert_eq!(
            mistyped_command(&a("serch password")).as_deref(),
            Some("sphere-faq search password")
        );
        assert_eq!(mistyped_command(&a("lost my password")), None);
        assert_eq!(mistyped_command(&a("show Q13")), None);
        assert_eq!(mistyped_command(&a("invitation not received")), None);
    }
}

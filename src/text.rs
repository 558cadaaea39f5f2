//! Small text helpers for output: making untrusted text safe for a terminal, and finding
//! normalized terms inside original text (for highlighting what matched).

use std::borrow::Cow;
use std::ops::Range;

use crate::normalize::normalize_char;

/// Replaces the characters [`is_unsafe`] names (ESC, NUL, C1 controls, DEL, bidirectional
/// controls, invisible characters …) by their visible escape (`\u{1b}`), so text from a
/// query or a data file can never drive the terminal or hide what it says. Line breaks
/// and tabs are kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], for text that must stay on one line: each run of line breaks and tabs
/// (CRLF, a Windows paste's, among them) becomes one space, before the rest is cleaned, so
/// a carriage return is never echoed, not even as its escape `\u{d}`.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    let breaks = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    if !s.contains(breaks) {
        return clean(s);
    }
    let mut one = String::with_capacity(s.len());
    for c in s.chars() {
        if !breaks(c) {
            one.push(c);
        } else if !one.ends_with(' ') {
            one.push(' ');
        }
    }
    Cow::Owned(clean(&one).into_owned())
}

/// The one policy for every output, human and JSON, stdout and stderr: characters that
/// can drive a terminal or hide or reorder text are never written as they are. Decided
/// by Unicode's properties (icu_properties, the Unicode Consortium's data), not by a
/// list of examples:
/// - general category Cc (control) but line feed and tab: C0 controls, DEL, C1 controls
///   (U+009B is a one-byte CSI, U+0085 a line break);
/// - general categories Zl and Zp, the line and paragraph separators U+2028 and U+2029;
/// - every [invisible](is_invisible) character: bidirectional controls, which can make
///   text read backwards, and characters with no glyph, which hide text.
///
/// Human output shows them escaped (`\u{1b}`); JSON writes them as `\uXXXX` escapes, so
/// a program reading the JSON gets the same strings.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n' && c != '\t';
    }
    use icu_properties::props::GeneralCategory as Gc;
    matches!(
        icu_properties::CodePointMapData::<Gc>::new().get(c),
        Gc::Control | Gc::LineSeparator | Gc::ParagraphSeparator
    ) || is_invisible(c)
}

/// Characters that show nothing where they stand: Default_Ignorable_Code_Point (zero-width
/// spaces and joiners, the soft hyphen, U+034F, the Hangul fillers U+115F, U+1160, U+3164
/// and U+FFA0, U+180E, variation selectors, U+206A to U+206F, tag characters …), general
/// category Cf (format: U+FFF9 to U+FFFB, U+1D173 …) and the bidirectional controls
/// (Bidi_Control). Output escapes them ([`is_unsafe`]); a code pasted with one inside is
/// read without it (`codes::extract`).
pub fn is_invisible(c: char) -> bool {
    use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint, GeneralCategory as Gc};
    use icu_properties::{CodePointMapData, CodePointSetData};
    !c.is_ascii()
        && (CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
            || CodePointMapData::<Gc>::new().get(c) == Gc::Format
            || CodePointSetData::new::<BidiControl>().contains(c))
}

/// At most `max` bytes of `text`, cut on a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Shortens text for a one-line message, on a character boundary.
pub fn truncate(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

/// Shortens text to `columns` display columns (a kana or kanji takes two), ending with
/// `…` when it was cut.
pub fn truncate_columns(s: &str, columns: usize) -> Cow<'_, str> {
    use textwrap::core::display_width;
    if display_width(s) <= columns {
        return Cow::Borrowed(s);
    }
    let mut used = 1; // the ellipsis
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > columns {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    // At the end of a word when one ends close before.
    if let Some(space) = s[..end].rfind(' ').filter(|&sp| sp + 16 > end) {
        end = space;
    }
    Cow::Owned(format!("{}…", s[..end].trim_end()))
}

/// Byte ranges of `haystack` whose normalized form equals one of `needles` (already
/// normalized), overlapping ranges merged.
pub fn find_normalized(haystack: &str, needles: &[String]) -> Vec<Range<usize>> {
    Normalized::new(haystack).find(&Needles::new(needles))
}

/// Normalized terms to find, by their first character: each position of a text is
/// compared only with the terms that start with its character. Made once for all the
/// lines of an answer.
pub struct Needles {
    by_first: std::collections::HashMap<char, Vec<(usize, Vec<char>)>>,
}

impl Needles {
    pub fn new(terms: &[String]) -> Needles {
        let mut by_first: std::collections::HashMap<char, Vec<(usize, Vec<char>)>> =
            std::collections::HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            let chars: Vec<char> = t.chars().collect();
            if let Some(&first) = chars.first() {
                by_first.entry(first).or_default().push((i, chars));
            }
        }
        Needles { by_first }
    }
}

/// A text normalized character by character, so that each normalized character knows
/// where it came from: normalized once, searched for any number of terms.
pub struct Normalized {
    chars: Vec<(char, Range<usize>)>,
}

impl Normalized {
    pub fn new(haystack: &str) -> Normalized {
        let mut chars: Vec<(char, Range<usize>)> = Vec::with_capacity(haystack.len());
        let mut n = String::new();
        for (i, c) in haystack.char_indices() {
            let src = i..i + c.len_utf8();
            n.clear();
            normalize_char(c, &mut n);
            if n.is_empty() {
                if matches!(c, 'ー' | 'ｰ' | '〜' | '～' | '\'' | '’' | '‘' | '`') {
                    // A dropped mark stays part of the character before it.
                    if let Some(last) = chars.last_mut() {
                        last.1.end = src.end;
                    }
                } else if chars.last().is_some_and(|(p, _)| *p != ' ') {
                    chars.push((' ', src));
                }
                continue;
            }
            for nc in n.chars() {
                chars.push((nc, src.clone()));
            }
        }
        Normalized { chars }
    }

    /// Every occurrence of every needle: its byte range in the text and which needle
    /// (position in the terms), in order of position.
    pub fn matches(&self, needles: &Needles) -> Vec<(Range<usize>, usize)> {
        let chars = &self.chars;
        let mut out = Vec::new();
        for start in 0..chars.len() {
            let Some(candidates) = needles.by_first.get(&chars[start].0) else {
                continue;
            };
            for (which, nd) in candidates {
                let end = start + nd.len();
                if end > chars.len() || (1..nd.len()).any(|k| chars[start + k].0 != nd[k]) {
                    continue;
                }
                let before_ok = start == 0
                    || !chars[start - 1].0.is_ascii_alphanumeric()
                    || !nd[0].is_ascii_alphanumeric();
                let after_ok = end == chars.len()
                    || !chars[end].0.is_ascii_alphanumeric()
                    || !nd[nd.len() - 1].is_ascii_alphanumeric();
                // English words match whole words only; so do prefixes of a stem (invit → invitation).
                if before_ok && (after_ok || nd.len() >= 4) {
                    out.push((chars[start].1.start..chars[end - 1].1.end, *which));
                }
            }
        }
        out
    }

    /// The byte ranges of every needle, overlapping ranges merged.
    pub fn find(&self, needles: &Needles) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> =
            self.matches(needles).into_iter().map(|(r, _)| r).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// The error codes as printed in a line: a line is never broken inside one.
fn unbroken_codes(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    static CODES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:AADSTS|AADB2B|SSPR)[_\-]?[0-9]+").expect("a valid pattern")
    });
    CODES.find_iter(line).map(|m| m.range())
}

/// The dates of a line with the word before them (`page dated 2025-12-05`): a note's
/// date stays with what it dates.
fn dates(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    static DATES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[^\s(（]+ [0-9]{4}-[0-9]{2}-[0-9]{2}[^\s]*").expect("a valid pattern")
    });
    DATES.find_iter(line).map(|m| m.range())
}

/// The URLs and e-mail addresses of a line, where they are: a line is never broken
/// inside one.
pub fn links(line: &str) -> Vec<Range<usize>> {
    static LINKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            // With a scheme, an address, or a host and path as a note's source writes it
            // (`learn.microsoft.com/entra/...`).
            r"https?://[^ \t\r\n<>）」]+|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+|(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}/[^ \t\r\n<>）」);,]*",
        )
        .expect("a valid pattern")
    });
    LINKS.find_iter(line).map(|m| m.range()).collect()
}

/// Wraps one line of text to `width` columns (East Asian wide characters count two):
/// the first line after `indent`, the others after `hang`. Lines break where Unicode's
/// line-breaking rules allow (so no line starts with 、。）」, kinsoku), never inside a URL,
/// an e-mail address or an error code, and a word longer than the line is left whole.
pub fn wrap(line: &str, width: usize, indent: &str, hang: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(hang)
        .word_separator(textwrap::WordSeparator::Custom(unbroken_words))
        // Never at a hyphen: `sphere-helpdesk@sony.com` stays whole.
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(line, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// The hanging indent for a line of output: a list item (`- `, `→`, `※`, `1. `) hangs
/// under its text, an entry's heading under its question, anything else under its first
/// character.
pub fn hang_for(indent: &str, line: &str) -> String {
    // An entry's heading (`Q13  question`) hangs under its question.
    let id = line
        .strip_prefix('Q')
        .map(|rest| rest.bytes().take_while(u8::is_ascii_digit).count())
        .filter(|&n| n > 0 && line[1 + n..].starts_with("  "));
    if let Some(n) = id {
        return format!("{indent}{}", " ".repeat(n + 3));
    }
    // A numbered item (`1. `, `10. `) hangs under its text too.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (digits > 0 && line[digits..].starts_with(". ")).then(|| &line[..digits + 2]);
    let marker = ["- ", "・", "→", "※ ", "※", "-"]
        .into_iter()
        .find(|m| line.starts_with(m))
        .or(numbered);
    let extra = marker.map_or(0, textwrap::core::display_width);
    format!("{indent}{}", " ".repeat(extra))
}

/// The words of a line as Unicode's line-breaking rules find them, with those that split
/// a URL, an e-mail address or a code joined again.
fn unbroken_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut keep = links(line);
    keep.extend(unbroken_codes(line));
    keep.extend(dates(line));
    let base = line.as_ptr() as usize;
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for w in textwrap::WordSeparator::UnicodeBreakProperties.find_words(line) {
        let start = w.word.as_ptr() as usize - base;
        let end = start + w.word.len() + w.whitespace.len();
        current = match current {
            Some(c) if keep.iter().any(|k| k.start < start && start < k.end) => Some(c.start..end),
            Some(c) => {
                out.push(textwrap::core::Word::from(&line[c]));
                Some(start..end)
            }
            None => Some(start..end),
        };
    }
    if let Some(c) = current {
        out.push(textwrap::core::Word::from(&line[c]));
    }
    Box::new(out.into_iter())
}

/// Text without its ANSI colour sequences (`ESC [ … m`), to measure or inspect it.
pub fn strip_ansi(s: &str) -> Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("line\nnext"), "line\nnext");
        assert_eq!(clean_line("a\nb\u{0}"), "a b\\u{0}");
        assert_eq!(clean_line("a\r\nb\r\n"), "a b ");
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate_columns("abc", 3), "abc");
        assert_eq!(truncate_columns("abcdef", 4), "abc…");
        assert_eq!(truncate_columns("日本語です", 6), "日本…");
        assert_eq!(truncate_columns("one two three", 10), "one two…");
    }

    #[test]
    fn finds_terms_across_scripts_and_widths() {
        let s = "Azure ADのパスワードがわからない";
        let r = find_normalized(s, &["ぱすわど".to_string()]);
        assert_eq!(&s[r[0].clone()], "パスワード");
        let s = "Reset your PASSWORD, please";
        let r = find_normalized(s, &["password".to_string()]);
        assert_eq!(&s[r[0].clone()], "PASSWORD");
        assert!(find_normalized("passwords", &["word".to_string()]).is_empty());
    }
}

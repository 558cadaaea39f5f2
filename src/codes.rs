//! Error codes: their canonical spelling, finding them in pasted text, and the nearest
//! known codes for a near miss.
//!
//! Families: Microsoft's `AADSTS<digits>`, the B2B invitation codes `AADB2B_<digits>`,
//! self-service password reset `SSPR_<digits>`, and SPHERE's own numeric codes (`1014`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::is_invisible;

/// NFKC (full-width `ＡＡＤＳＴＳ５００２０` becomes ASCII) and upper case.
pub fn fold(text: &str) -> String {
    crate::normalize::nfkc(text).to_uppercase()
}

/// The canonical spelling of something typed as a code, whatever its case, width, spaces,
/// hyphens or underscores: `aadsts 50020` → `AADSTS50020`, `AADB2B-0001` and `aadb2b0001`
/// → `AADB2B_0001`. A bare number is returned as digits (`50020`, `1014`); what it stands
/// for depends on the known codes ([`resolve_bare`]). `None` when it is not code-shaped.
pub fn canonical(input: &str) -> Option<String> {
    let folded = fold(input);
    let s = folded.trim();
    // Separators may stand between the family and the number (`AADSTS 50020`,
    // `AADB2B-0001`), never inside the number: `AADSTS50020\n0` is a code and a stray digit.
    let (prefix, digits) = split_code(s)?;
    let digits = digits.trim_start_matches([' ', '\t', '-', '_', '‐', '−']);
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(spelled(prefix, digits.chars()))
}

/// A code's canonical spelling from its family (`AADSTS`, `AADB2B`, `SSPR`, or empty for
/// a bare number) and its digits: `AADSTS50020`, `AADB2B_0001`, `SSPR_0011`, `1014`.
fn spelled(family: &str, digits: impl Iterator<Item = char>) -> String {
    let mut code = String::with_capacity(family.len() + 9);
    code.push_str(family);
    if matches!(family, "AADB2B" | "SSPR") {
        code.push('_');
    }
    code.extend(digits);
    code
}

fn split_code(s: &str) -> Option<(&str, &str)> {
    for (prefix, spellings) in [
        ("AADSTS", ["AADSTS", "AAD STS"]),
        ("AADB2B", ["AADB2B", "AAD B2B"]),
        ("SSPR", ["SSPR", "SSPR"]),
    ] {
        for spelling in spellings {
            if let Some(rest) = s.strip_prefix(spelling) {
                return Some((prefix, rest));
            }
        }
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        Some(("", s))
    } else {
        None
    }
}

/// The digits of a canonical code: `AADSTS50020` → `50020`, `AADB2B_0001` → `0001`.
pub fn number(code: &str) -> &str {
    // The digits at the end: a character boundary whatever came before (`é1` → `1`).
    let digits = code.bytes().rev().take_while(u8::is_ascii_digit).count();
    &code[code.len() - digits..]
}

/// True for canonical codes of Microsoft's AADSTS family, which Microsoft's error page explains.
pub fn is_aadsts(code: &str) -> bool {
    code.starts_with("AADSTS")
}

/// Microsoft's page for an AADSTS number: this, then the number.
const MICROSOFT_PAGE: &str = "https://login.microsoftonline.com/error?code=";

/// Microsoft's own explanation page for an AADSTS code.
pub fn microsoft_url(code: &str) -> Option<String> {
    microsoft_url_of(code).map(|u| u.to_string())
}

/// [`microsoft_url`] not yet written out: JSON writes it straight into its output.
pub fn microsoft_url_of(code: &str) -> Option<MicrosoftUrl<'_>> {
    is_aadsts(code).then(|| MicrosoftUrl(number(code)))
}

/// Microsoft's error page of an AADSTS number.
#[derive(Debug, Clone, Copy)]
pub struct MicrosoftUrl<'a>(&'a str);

impl std::fmt::Display for MicrosoftUrl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(MICROSOFT_PAGE)?;
        f.write_str(self.0)
    }
}

impl serde::Serialize for MicrosoftUrl<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a bare number typed alone means: a known code whose digits are exactly that
/// number (`50020` → `AADSTS50020`, `1014` → `1014`, `0001` → `AADB2B_0001`), else a
/// 5 to 7 digit number read as an AADSTS code, else the number itself.
pub fn resolve_bare<'a>(digits: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let mut found: Option<&str> = None;
    for code in known {
        if code == digits {
            return code.to_string();
        }
        if number(code) == digits && found.is_none() {
            found = Some(code);
        }
    }
    match found {
        Some(code) => code.to_string(),
        None if (5..=7).contains(&digits.len()) => format!("AADSTS{digits}"),
        None => digits.to_string(),
    }
}

/// A pattern compiled once, on first use.
macro_rules! regex {
    ($re:expr) => {{
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("a valid pattern"));
        &*RE
    }};
}

// The text searched is already folded to upper case, so the patterns need no
// case-insensitive mode, and they spell out ASCII classes.

/// Pieces of pasted text that hold digits but are never error codes: URLs, e-mail
/// addresses, GUIDs (request and correlation ids), dates, times and timestamps.
fn not_a_code() -> &'static Regex {
    regex!(concat!(
        // An address is printable ASCII: Japanese after it (`…/でAADSTS50020が`) is not.
        r"(?:HTTPS?|FTP)://[!-~&&[^<>]]+",
        r"|WWW\.[!-~&&[^<>]]+",
        r"|[A-Z0-9._%+\-]+@[A-Z0-9\-]+(?:\.[A-Z0-9\-]+)+",
        r"|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?",
        r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?",
    ))
}

/// A code with an explicit family prefix; spacing and separators as people type them
/// (`AAD B2B_0005`, `AADSTS 50020`), and the letters O, I and L that OCR and hurried typing
/// put for 0 and 1 (`AADSTS5OO2O`, `AADB2B_OOO1`). Group 1 is the family, group 2 the number.
pub const PREFIXED_PATTERN: &str =
    r"(AAD[ \t]?STS|AAD[ \t]?B2B|SSPR)[ \t]?[_\-‐−]?[ \t]?([0-9OIL]{1,8})";

/// A free-standing number, possibly with OCR's O, I or L for a digit (`1O14`).
pub const NUMBER_PATTERN: &str = r"[0-9OIL]+";

/// A number right after a label that says it is an error code ("Error Code: 50020",
/// "エラー コード: 53003", "error code 1014"): the group.
fn labelled() -> &'static Regex {
    regex!(
        r"(?:ERROR[ \t]*CODE|ERR(?:OR)?[ \t]*NO\.?|エラー[ \t]*コード|エラー[ \t]*番号)[ \t]*[:=#]?[ \t]*([0-9]{4,8})"
    )
}

/// Microsoft's own error page address (`login.microsoftonline.com/error?code=50020`): the
/// AADSTS number is the group.
fn error_url() -> &'static Regex {
    regex!(r"MICROSOFT[A-Z.]*/(?:[^ \t\r\n?]*/)?ERROR\?(?:[^ \t\r\n]*&)?CODE=([0-9]{4,8})")
}

/// The error code of a Microsoft error page address in `text`, when it holds one.
pub fn error_url_code(text: &str) -> Option<&str> {
    Some(error_url().captures(text)?.get(1)?.as_str())
}

/// The numbers that labels call error codes in `text`, where each is.
pub fn labelled_numbers(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    labelled()
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.range()))
}

/// The pieces of `text` that are never error codes (URLs, addresses, ids, dates, times).
pub fn not_codes(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    not_a_code().find_iter(text).map(|m| m.range())
}

/// The pieces of a folded `text` ([`fold`]) that are never words: URLs, addresses, ids,
/// dates and times, and prefixed codes, each replaced by a space.
pub fn mask_non_words(folded: &str) -> String {
    // fast track for plain words: each piece needs a digit, `@`, `://`, `WWW.` or a
    // code's prefix (but a GUID of the letters A-F alone, which no real id is), and
    // compiling the patterns was a sixth of a search's start-up.
    let maybe = |s: &str| folded.contains(s);
    if !folded.bytes().any(|b| b.is_ascii_digit() || b == b'@')
        && !["://", "WWW.", "AAD", "SSPR"].into_iter().any(maybe)
    {
        return folded.to_string();
    }
    let masked = not_a_code().replace_all(folded, " ");
    regex!(PREFIXED_PATTERN)
        .replace_all(&masked, " ")
        .into_owned()
}

/// The runs of digits (and OCR's O, I, L) in `text`.
pub fn number_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    regex!(NUMBER_PATTERN).find_iter(text).map(|m| m.range())
}

/// Replaces `%XX` escapes (and `+` for a space) as a URL's query string has them, so a
/// code inside `error_description=AADSTS50020%3a+User+account` is seen.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The digits of an OCR'd number: O → 0, I and L → 1. `None` unless it has at least two
/// real digits (so that a word such as `OIL` is never a number).
fn ocr_digits(s: &str) -> Option<String> {
    (s.bytes().filter(u8::is_ascii_digit).count() >= 2).then(|| ocr_map(s))
}

/// O → 0, I and L → 1, everything else as it is.
fn ocr_map(s: &str) -> String {
    s.chars().map(ocr_char).collect()
}

fn ocr_char(c: char) -> char {
    match c {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    }
}

/// Every code in a piece of text, canonical, duplicates folded, in order of appearance.
///
/// Prefixed codes are found anywhere outside URLs, e-mail addresses and GUIDs, also with
/// OCR's letters for digits, a space inside the prefix or an invisible character pasted
/// in; inside a URL, only Microsoft's error page (`error?code=N`) and codes of a
/// percent-encoded `error_description` count. A bare number counts when the whole text is
/// that number (see [`canonical`]), when a label says it is an error code ("Error Code:
/// 50020"), or when it stands alone and is one of `numeric_codes` (SPHERE's own codes
/// such as `1014`).
pub fn extract<'a>(text: &str, numeric_codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // A code typed alone (the common case) needs no scan, and no regex compiled.
    if let Some(code) = canonical(text) {
        return vec![code];
    }
    // Every code has digits: text without any holds none (and needs no regex compiled).
    if !text.chars().any(|c| c.is_numeric()) {
        return Vec::new();
    }
    // An invisible character pasted inside a code (a zero-width space, a soft hyphen, a
    // bidirectional mark …) splits it: read without them, by the one definition output
    // escapes by.
    let visible: String;
    let text = if text.chars().any(is_invisible) {
        visible = text.chars().filter(|&c| !is_invisible(c)).collect();
        &visible
    } else {
        text
    };
    let folded = fold(text);
    let numeric: Vec<&str> = numeric_codes.into_iter().collect();
    let mut found: Vec<(usize, String)> = Vec::new();
    // Blank out what can never be a code, keeping byte offsets (and so order) intact; a
    // URL is first read for Microsoft's error code and encoded codes.
    let mut masked = folded.clone().into_bytes();
    for m in not_codes(&folded) {
        let part = &folded[m.clone()];
        if part.contains("://") || part.starts_with("WWW.") {
            if let Some(code) = error_url_code(part) {
                found.push((m.start, format!("AADSTS{code}")));
            }
            if part.contains('%') {
                for code in prefixed(&percent_decode(part)) {
                    found.push((m.start, code.1));
                }
            }
        }
        for b in &mut masked[m] {
            *b = b' ';
        }
    }
    // Whole matches were blanked, so the bytes are still UTF-8.
    let masked = String::from_utf8(masked)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());

    found.extend(prefixed(&masked));
    for digits in labelled_numbers(&masked) {
        let after = masked[digits.end..].chars().next();
        if after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let d = &masked[digits.clone()];
        let code = if numeric.contains(&d) || !(5..=7).contains(&d.len()) {
            d.to_string()
        } else {
            format!("AADSTS{d}")
        };
        found.push((digits.start, code));
    }
    for m in number_runs(&masked) {
        let before = masked[..m.start].chars().next_back();
        let after = masked[m.end..].chars().next();
        let standalone = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !standalone {
            continue;
        }
        // Only a number as long as one of the numeric codes can be one (most numbers of
        // a long paste are not: no allocation for them).
        if numeric.iter().any(|n| n.len() == m.len())
            && let Some(d) = ocr_digits(&masked[m.clone()])
            && numeric.contains(&d.as_str())
            && !part_of_something_else(&masked, m.start, m.end)
        {
            found.push((m.start, d));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    first_of_each(found, |(_, code)| code)
        .into_iter()
        .map(|(_, code)| code)
        .collect()
}

/// The items whose key comes first in order, the rest dropped: de-duplicating in order
/// without copying a key.
pub fn first_of_each<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    let keep: Vec<bool> = items.iter().map(|item| seen.insert(key(item))).collect();
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(item, keep)| keep.then_some(item))
        .collect()
}

/// Whether a bare number at `start..end` of a folded text is plainly part of something
/// other than an error code: a phone number or version (`03-5555-1014`, `v1.0.1014`), a
/// count or a room (`1014件`, `1014号室`, `room 1014`, `No. 1014`). Only the number's own
/// line is read.
fn part_of_something_else(text: &str, start: usize, end: usize) -> bool {
    // The context is the number's own line (on a line of its own it is a code), and of
    // that only the words next to it: a line of thousands of numbers is read once.
    let before = &text[floor_char(text, start.saturating_sub(CONTEXT))..start];
    let before = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let after = &text[end..ceil_char(text, end + CONTEXT)];
    let after = &after[..after.find('\n').unwrap_or(after.len())];
    // Joined to other digits by a separator, on either side.
    let mut b = before.chars().rev();
    if let (Some(sep), Some(prev)) = (b.next(), b.next())
        && matches!(sep, '-' | '‐' | '−' | '.' | '/' | ':' | '_')
        && prev.is_ascii_alphanumeric()
    {
        return true;
    }
    let mut a = after.chars();
    if let (Some(sep), Some(next)) = (a.next(), a.next())
        && matches!(sep, '-' | '‐' | '−' | '.' | '/' | ':' | '_')
        && next.is_ascii_digit()
    {
        return true;
    }
    // Followed by a counter or a unit.
    let next = after.trim_start();
    const COUNTERS: &str = "件号円個人名枚回年月日時分秒番室階台本冊社点%％";
    if next.chars().next().is_some_and(|c| COUNTERS.contains(c))
        || ["YEN", "ITEMS", "PEOPLE", "PCS", "TIMES", "ROOM", "USERS"]
            .iter()
            .any(|w| next.starts_with(w))
    {
        return true;
    }
    // After a word that names what the number is.
    let word: String = before
        .trim_end()
        .trim_end_matches(['.', '#', ':'])
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "ROOM",
        "RM",
        "NO",
        "#",
        "TEL",
        "PHONE",
        "FAX",
        "EXT",
        "VERSION",
        "VER",
        "V",
        "ORDER",
        "INVOICE",
        "PO",
        "内線",
        "電話",
        "〒",
        "¥",
        "$",
        "第",
        "部屋",
        "会議室",
    ]
    .iter()
    .any(|w| word.ends_with(w) || before.trim_end().ends_with('#'))
}

/// How many bytes on each side of a bare number tell what it is.
const CONTEXT: usize = 64;

/// The character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character boundary at or after `i`, at most the end.
fn ceil_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The prefixed codes of a (folded, masked) text, with their byte offsets.
fn prefixed(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for c in regex!(PREFIXED_PATTERN).captures_iter(text) {
        let (whole, family, digits) = (&c[0], &c[1], &c[2]);
        let end = c.get(0).map_or(0, |m| m.end());
        // A code must not run on into more digits or letters (`AADSTS50020X9` is not one).
        if text[end..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphanumeric())
        {
            continue;
        }
        // After a family prefix one real digit is enough (`AADB2B_OOO1`): the prefix
        // leaves no doubt that a number follows.
        if !digits.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let family = if family.ends_with("STS") {
            "AADSTS"
        } else if family.ends_with("B2B") {
            "AADB2B"
        } else {
            "SSPR"
        };
        let start = end - whole.len();
        out.push((start, spelled(family, digits.chars().map(ocr_char))));
    }
    out
}

/// Up to `limit` known codes one edit from `code` (a digit typed wrong, left out, added,
/// or two swapped), in the order of `known`. Only one: a code two or three digits off is
/// another code (AADSTS99999 is not AADSTS90094), and a suggestion must not invite a wrong
/// answer.
pub fn nearest<'a>(
    code: &str,
    known: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    // Codes are ASCII: lengths tell what cannot be one edit away, and the optimal string
    // alignment distance (adjacent swaps count one) needs no per-call table, where the
    // unrestricted Damerau-Levenshtein builds a hash map each time (a paste of 70,000
    // unknown codes spent seconds there).
    let mut near: Vec<&str> = known
        .into_iter()
        .filter(|k| *k != code && k.len().abs_diff(code.len()) <= 1)
        .filter(|k| strsim::osa_distance(code, k) <= 1)
        .collect();
    // Among the FAQ's codes and the catalog's, each once, in the order given (the FAQ's
    // first).
    let mut seen = std::collections::HashSet::new();
    near.retain(|k| seen.insert(*k));
    near.into_iter().take(limit).map(str::to_string).collect()
}

/// Whether a code is one Microsoft may define though neither the FAQ nor the catalog
/// knows it: AADSTS and five to seven digits, as all of Microsoft's are. Such a code is
/// more likely real than mistyped: Microsoft's page is its answer, and a near miss is
/// offered only as a possible slip, never as the command to run.
pub fn is_microsoft_shaped(code: &str) -> bool {
    code.strip_prefix("AADSTS")
        .is_some_and(|n| (5..=7).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_spellings() {
        for (input, want) in [
            ("AADSTS50020", "AADSTS50020"),
            ("aadsts50020", "AADSTS50020"),
            ("AADSTS 50020", "AADSTS50020"),
            ("aadsts-50020", "AADSTS50020"),
            ("ＡＡＤＳＴＳ５００２０", "AADSTS50020"),
            ("AADB2B-0001", "AADB2B_0001"),
            ("aadb2b0001", "AADB2B_0001"),
            ("AADB2B_0005", "AADB2B_0005"),
            ("sspr_0011", "SSPR_0011"),
            ("50020", "50020"),
            ("１０１４", "1014"),
        ] {
            assert_eq!(canonical(input).as_deref(), Some(want), "{input}");
        }
        for bad in [
            "",
            "AADSTS",
            "hello",
            "AADSTSX1",
            "12a",
            "AADSTS50020\n0",
            "500 20",
        ] {
            assert_eq!(canonical(bad), None, "{bad}");
        }
    }

    #[test]
    fn bare_numbers_resolve_against_known_codes() {
        let known = ["1014", "AADSTS50020", "AADB2B_0001"];
        assert_eq!(resolve_bare("50020", known), "AADSTS50020");
        assert_eq!(resolve_bare("1014", known), "1014");
        assert_eq!(resolve_bare("0001", known), "AADB2B_0001");
        assert_eq!(resolve_bare("50126", known), "AADSTS50126");
        assert_eq!(resolve_bare("42", known), "42");
    }

    #[test]
    fn an_address_ends_where_japanese_begins() {
        assert_eq!(
            extract("https://login.microsoftonline.com/でAADSTS50020が出た", []),
            ["AADSTS50020"]
        );
        // Inside the address itself, a code is still not one.
        assert!(extract("https://example.com/AADSTS50020/で止まる", []).is_empty());
    }

    #[test]
    fn finds_codes_in_a_paste_but_not_in_ids() {
        let paste = "Request Id: 2968003d-62e6-4308-af03-8b276c6e0600\n\
            Correlation Id: fcc0a98c-1014-46c4-97e1-a51c69a1bb94\n\
            Timestamp: 2022-11-02T06:39:14Z\n\
            Message: AADSTS50020: User account 'a1014@example.com' ... AADSTS50020";
        assert_eq!(extract(paste, ["1014"]), vec!["AADSTS50020"]);
        assert_eq!(
            extract("first aadsts 50061 then AADB2B-0005, then 1014.", ["1014"]),
            vec!["AADSTS50061", "AADB2B_0005", "1014"]
        );
        assert!(extract("2968003d-62e6-4308-af03-8b276c6e0600", ["1014"]).is_empty());
        assert!(extract("2022-11-02T06:39:14Z", ["1014"]).is_empty());
        assert!(extract("see https://x.example/error?code=1014", ["1014"]).is_empty());
        assert_eq!(extract(" 50020 ", ["1014"]), vec!["50020"]);
    }

    #[test]
    fn finds_codes_written_the_ways_people_paste_them() {
        let n = ["1014"];
        assert_eq!(extract("screen shows AADSTS5OO2O", n), vec!["AADSTS50020"]);
        assert_eq!(
            extract("Error code AADB2B_OOO1 (photo)", n),
            vec!["AADB2B_0001"]
        );
        assert_eq!(extract("Error Code : 1O14 ログイン", n), vec!["1014"]);
        assert_eq!(extract("AADSTS\u{200B}50020 again", n), vec!["AADSTS50020"]);
        assert_eq!(extract("got AAD B2B_0005 today", n), vec!["AADB2B_0005"]);
        assert_eq!(extract("got AADSTS-50020 today", n), vec!["AADSTS50020"]);
        assert_eq!(
            extract(
                "https://login.microsoftonline.com/error?code=50020 opened",
                n
            ),
            vec!["AADSTS50020"]
        );
        assert_eq!(
            extract(
                "https://sphere.example/cb?error=access_denied&error_description=AADSTS50020%3a+User+account",
                n
            ),
            vec!["AADSTS50020"]
        );
        assert_eq!(extract("Error Code: 50020", n), vec!["AADSTS50020"]);
        assert_eq!(extract("エラー コード: 53003", n), vec!["AADSTS53003"]);
        assert_eq!(extract("エラーコード：1014が出ます", n), vec!["1014"]);
        // Not codes: a word of O, I and L; another product's code after the label.
        assert!(extract("OIL 12 LOL", n).is_empty());
        assert!(extract("error code WS-116522-7 on my PS5", n).is_empty());
    }

    /// Issue 29, D4: a line of many bare 1014s is read once (each number's context is the
    /// words next to it), and gives the one code.
    #[test]
    fn a_line_of_many_1014s_gives_one_code() {
        let line = " 1014".repeat(50_000);
        assert_eq!(extract(&line, ["1014"]), vec!["1014"]);
        let counted = format!("{} 1014件", "x".repeat(100));
        assert!(extract(&counted, ["1014"]).is_empty());
    }

    #[test]
    fn sphere_1014_only_where_it_is_a_code() {
        let n = ["1014"];
        for text in [
            "call 03-5555-1014",
            "version v1.0.1014",
            "1014件のデータ",
            "1014号室にいます",
            "meeting in room 1014",
            "order No. 1014",
            "内線1014",
            "1014-5555",
        ] {
            assert!(extract(text, n).is_empty(), "{text}");
        }
        for text in [
            "エラー 1014 が出ます",
            "1014が表示されました",
            "the sphere page shows err 1014",
            "Error Code: 1014",
            "what does 1014 mean",
            "¥\n1014\n",
        ] {
            assert_eq!(extract(text, n), vec!["1014"], "{text}");
        }
    }

    #[test]
    fn number_of_any_text_is_its_trailing_digits() {
        assert_eq!(number("AADSTS50020"), "50020");
        assert_eq!(number("é1"), "1");
        assert_eq!(number("ＡＡ１"), "");
        assert_eq!(number(""), "");
    }

    #[test]
    fn near_misses() {
        let known = [
            "AADSTS50020",
            "AADSTS50061",
            "AADB2B_0001",
            "AADB2B_0005",
            "1014",
        ];
        assert_eq!(nearest("AADSTS5002", known, 3)[0], "AADSTS50020");
        assert_eq!(nearest("AADSTS500200", known, 3)[0], "AADSTS50020");
        assert_eq!(nearest("AADB2B_001", known, 3)[0], "AADB2B_0001");
        assert_eq!(nearest("AADSTS50002", known, 3)[0], "AADSTS50020");
        // Two or three digits off is another code.
        assert!(nearest("AADSTS50165", known, 3).is_empty());
        assert!(nearest("AADSTS99999", known, 3).is_empty());
    }

    #[test]
    fn a_microsoft_url_reads_the_same_written_out_or_not() {
        for code in ["AADSTS50020", "AADSTS7000218", "AADB2B_0001", "1014"] {
            let shown = microsoft_url_of(code).map(|u| u.to_string());
            assert_eq!(shown, microsoft_url(code), "{code}");
        }
        assert_eq!(
            microsoft_url("AADSTS50020").as_deref(),
            Some("https://login.microsoftonline.com/error?code=50020")
        );
    }

    #[test]
    fn microsoft_page_only_for_aadsts() {
        assert_eq!(
            microsoft_url("AADSTS50020").as_deref(),
            Some("https://login.microsoftonline.com/error?code=50020")
        );
        assert_eq!(microsoft_url("AADB2B_0001"), None);
    }
}

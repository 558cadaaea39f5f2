//! Error codes: their canonical spelling, finding them in pasted text, and the nearest
//! known codes for a near miss.
//!
//! Families: Microsoft's `AADSTS<digits>`, the B2B invitation codes `AADB2B_<digits>`,
//! self-service password reset `SSPR_<digits>`, and SPHERE's own numeric codes (`1014`).

use std::sync::LazyLock;

use regex::Regex;

/// NFKC (full-width `ＡＡＤＳＴＳ５００２０` becomes ASCII) and upper case.
pub fn fold(text: &str) -> String {
    crate::normalize::nfkc(text).to_uppercase()
}

/// The canonical spelling of something typed as a code, whatever its case, width, spaces,
/// hyphens or underscores: `aadsts 50020` → `AADSTS50020`, `AADB2B-0001` and `aadb2b0001`
/// → `AADB2B_0001`. A bare number is returned as digits (`50020`, `1014`); what it stands
/// for depends on the known codes ([`resolve_bare`]). `None` when it is not code-shaped.
pub fn canonical(input: &str) -> Option<String> {
    let s: String = fold(input)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '‐' | '−'))
        .collect();
    let (prefix, digits) = split_code(&s)?;
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match prefix {
        "AADSTS" => format!("AADSTS{digits}"),
        "AADB2B" => format!("AADB2B_{digits}"),
        "SSPR" => format!("SSPR_{digits}"),
        _ => digits.to_string(),
    })
}

fn split_code(s: &str) -> Option<(&str, &str)> {
    for prefix in ["AADSTS", "AADB2B", "SSPR"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return Some((prefix, rest));
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
    let start = code
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    &code[start..]
}

/// True for canonical codes of Microsoft's AADSTS family, which Microsoft's error page explains.
pub fn is_aadsts(code: &str) -> bool {
    code.starts_with("AADSTS")
}

/// Microsoft's own explanation page for an AADSTS code.
pub fn microsoft_url(code: &str) -> Option<String> {
    is_aadsts(code).then(|| {
        format!(
            "https://login.microsoftonline.com/error?code={}",
            number(code)
        )
    })
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

/// Pieces of pasted text that hold digits but are never error codes: URLs, e-mail
/// addresses, GUIDs (request and correlation ids), dates, times and timestamps.
///
/// The text is already folded to upper case, so the patterns need no case-insensitive
/// mode, and they spell out ASCII classes: Unicode `\d` and `(?i)` made compiling these
/// patterns the largest cost of a whole run.
static NOT_A_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:HTTPS?|FTP)://[^ \t\r\n<>]+",
        r"|WWW\.[^ \t\r\n<>]+",
        r"|[A-Z0-9._%+\-]+@[A-Z0-9\-]+(?:\.[A-Z0-9\-]+)+",
        r"|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?",
        r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?",
    ))
    .expect("static regex")
});

/// A code with an explicit family prefix; spacing and separators as people type them.
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(AADSTS|AADB2B|SSPR)[ \t]?[_\-]?[ \t]?([0-9]{1,8})").expect("static regex")
});

/// A free-standing number, checked against SPHERE's own numeric codes.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+").expect("static regex"));

/// Every code in a piece of text, canonical, duplicates folded, in order of appearance.
///
/// Prefixed codes are found anywhere outside URLs, e-mail addresses and GUIDs. A bare
/// number counts only when the whole text is that number (see [`canonical`]) or when it
/// stands alone and is one of `numeric_codes` (SPHERE's own codes such as `1014`).
pub fn extract<'a>(text: &str, numeric_codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // A code typed alone (the common case) needs no scan, and no regex compiled.
    if let Some(code) = canonical(text) {
        return vec![code];
    }
    // Every code has digits: text without any holds none (and needs no regex compiled).
    if !text.chars().any(|c| c.is_numeric()) {
        return Vec::new();
    }
    let folded = fold(text);
    // Blank out what can never be a code, keeping byte offsets (and so order) intact.
    let mut masked = folded.clone().into_bytes();
    for m in NOT_A_CODE.find_iter(&folded) {
        for b in &mut masked[m.range()] {
            *b = b' ';
        }
    }
    let masked = String::from_utf8_lossy(&masked).into_owned();

    let numeric: Vec<&str> = numeric_codes.into_iter().collect();
    let mut found: Vec<(usize, String)> = Vec::new();
    for caps in PREFIXED.captures_iter(&masked) {
        let whole = caps.get(0).expect("match");
        // A code must not run on into more digits or letters (`AADSTS50020X9` is not one).
        if masked[whole.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        if let Some(code) = canonical(&format!("{}{}", &caps[1], &caps[2])) {
            found.push((whole.start(), code));
        }
    }
    for m in NUMBER.find_iter(&masked) {
        let before = masked[..m.start()].chars().next_back();
        let after = masked[m.end()..].chars().next();
        let standalone = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if standalone && numeric.contains(&m.as_str()) {
            found.push((m.start(), m.as_str().to_string()));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    let mut out: Vec<String> = Vec::new();
    for (_, code) in found {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// Up to `limit` known codes nearest to `code` by edit distance (at most 3 edits),
/// nearest first.
pub fn nearest<'a>(
    code: &str,
    known: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != code)
        .map(|k| (strsim::damerau_levenshtein(code, k), k))
        .filter(|(d, _)| *d <= 3)
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, k)| k.to_string())
        .collect()
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
        for bad in ["", "AADSTS", "hello", "AADSTSX1", "12a"] {
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

//! Property tests: no panic on any string, normalization idempotent and equal to its long
//! way, fast NFKC equal to NFKC, the lexicon's Japanese patterns found wherever they
//! start, a known code anywhere in random text found, a GUID never taken for a code.

use std::sync::LazyLock;

use proptest::prelude::*;
use sphere_faq::Engine;
use sphere_faq::codes;
use sphere_faq::normalize::{nfkc, normalize};
use unicode_normalization::UnicodeNormalization;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::load().expect("engine"));

const KNOWN: &[&str] = &[
    "AADSTS50020",
    "AADSTS50061",
    "AADB2B_0001",
    "AADB2B_0005",
    "1014",
    "AADSTS50126",
    "SSPR_0011",
];

/// Pieces of text around URLs and e-mail addresses, and the characters that end them.
fn link_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "http://", "https://", "http", "a", "Z", "0", "x.jp", ".", "..", "@", "-", "_", "%", "+",
        " ", "\t", "\n", "<", ">", "）", "」", ")", "日", ":", "/", "é",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// The built-in lexicon, whose Japanese patterns are matched over normalized text.
static LEXICON: LazyLock<sphere_faq::lexicon::Lexicon> =
    LazyLock::new(|| sphere_faq::lexicon::Lexicon::embedded().expect("lexicon"));

/// Normalized text made of the lexicon's Japanese patterns, their first characters and
/// the rest of them (so that a pattern is often begun and not finished), and what stands
/// between them (spaces, letters, particles).
fn pattern_text() -> impl Strategy<Value = String> {
    let mut pieces: Vec<String> = ["", " ", "a", "id", "の", "し", "て", "何", "ー", "ス"]
        .map(String::from)
        .to_vec();
    for term in LEXICON.ja_terms.iter() {
        let cut = term.char_indices().nth(1).map_or(term.len(), |(i, _)| i);
        pieces.extend([
            term.to_string(),
            term[..cut].to_string(),
            term[cut..].to_string(),
        ]);
    }
    prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
}

/// Pieces of Japanese and English text: kana of both widths, marks, long vowels, full-width
/// forms, spaces and what normalization treats apart.
fn japanese_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "ログイン",
        "ｶﾞ",
        "ｰ",
        "ー",
        "\u{3099}",
        "\u{309A}",
        "か",
        "ッ",
        "（",
        "）",
        "：",
        "Ａ",
        "５",
        "\u{301}",
        "\u{3000}",
        "…",
        "～",
        "〜",
        "’",
        "'",
        "`",
        "e\u{301}",
        "É",
        "İ",
        "ß",
        "Ⅻ",
        "①",
        "A",
        "z",
        "9",
        " ",
        "-",
        "「",
        "」",
        "、",
        "日本",
        "\u{FF9E}",
        "ﾊ",
        "\n",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// Pieces of prefixed codes (families, blanks, separators, digits and OCR letters) and
/// what breaks them.
fn prefixed_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "AAD", "STS", "B2B", "SSPR", "A", "S", "B", "AADSTS", "AADB2B", " ", "\t", "_", "-", "‐",
        "−", "0", "5", "12345", "O", "I", "L", "X", "é", "日", "\n",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

/// Text of `pieces` (and what breaks them), up to 24 of them.
fn text_of(pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
}

/// Pieces of URLs, addresses, GUIDs, dates and times, folded to upper case as the text
/// searched for codes is.
fn not_a_code_text() -> impl Strategy<Value = String> {
    text_of(vec![
        "HTTP", "HTTPS://", "FTP://", "://", "WWW.", "A", "F", "Z", "0", "9", "12", "2024", "@",
        ".", "-", "/", ":", "T", "+", "_", "%", " ", "\t", "\n", "<", ">", "日", "é",
    ])
}

/// Pieces of error-code labels and Microsoft's error page address.
fn labelled_text() -> impl Strategy<Value = String> {
    text_of(vec![
        "ERROR",
        "ERR",
        "OR",
        "CODE",
        "NO",
        ".",
        " ",
        "\t",
        ":",
        "=",
        "#",
        "エラー",
        "コード",
        "番号",
        "1234",
        "5",
        "50020",
        "123456789",
        "X",
        "日",
        "MICROSOFT",
        "ONLINE.COM",
        "/",
        "?",
        "CODE=",
        "&",
        "X=1",
    ])
}

/// A pattern as the regex crate compiles it: what the scanners are held to.
fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// The compiled tables find exactly what the patterns find with the regex crate.
    #[test]
    fn not_codes_equal_their_regex(s in not_a_code_text()) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex(sphere_faq::patterns::NOT_A_CODE_PATTERN));
        let want: Vec<_> = RE.find_iter(&s).map(|m| m.range()).collect();
        prop_assert_eq!(codes::not_codes(&s).collect::<Vec<_>>(), want);
    }

    /// A labelled number is the regex's group, and so is the code of an error page.
    #[test]
    fn labelled_numbers_equal_their_regex(s in labelled_text()) {
        static LABELLED: LazyLock<regex::Regex> =
            LazyLock::new(|| regex(sphere_faq::patterns::LABELLED_PATTERN));
        static URL: LazyLock<regex::Regex> =
            LazyLock::new(|| regex(sphere_faq::patterns::ERROR_URL_PATTERN));
        let want: Vec<_> = LABELLED.captures_iter(&s).map(|c| c.get(1).unwrap().range()).collect();
        prop_assert_eq!(codes::labelled_numbers(&s).collect::<Vec<_>>(), want);
        let want = URL.captures(&s).map(|c| c.get(1).unwrap().as_str());
        prop_assert_eq!(codes::error_url_code(&s), want);
    }

    #[test]
    fn unbroken_codes_equal_their_regex(s in prefixed_text()) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex(sphere_faq::patterns::UNBROKEN_CODES_PATTERN));
        let want: Vec<_> = RE.find_iter(&s).map(|m| m.range()).collect();
        prop_assert_eq!(codes::unbroken_codes(&s).collect::<Vec<_>>(), want);
    }

    /// The runs of digits and OCR letters are exactly the regex's matches.
    #[test]
    fn number_runs_equal_their_regex(s in prefixed_text()) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex(codes::NUMBER_PATTERN));
        let want: Vec<_> = RE.find_iter(&s).map(|m| m.range()).collect();
        prop_assert_eq!(codes::number_runs(&s).collect::<Vec<_>>(), want);
    }

    /// The hand-written scanner of prefixed codes finds exactly what its regex finds, and
    /// splits each match where the regex's groups do.
    #[test]
    fn prefixed_codes_equal_their_regex(s in prefixed_text()) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(codes::PREFIXED_PATTERN).unwrap());
        let want: Vec<_> = RE
            .captures_iter(&s)
            .map(|c| (c.get(0).unwrap().range(), c.get(2).unwrap().start(), c[1].replace([' ', '\t'], "")))
            .collect();
        let got: Vec<_> = codes::prefixed_spans(&s)
            .map(|p| (p.range, p.digits, p.family.to_string()))
            .collect();
        prop_assert_eq!(got, want);
    }

    /// The hand-written link scanner finds exactly what its regex finds.
    #[test]
    fn links_equal_their_regex(s in link_text()) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(sphere_faq::text::LINKS_PATTERN).unwrap());
        let want: Vec<_> = RE.find_iter(&s).map(|m| m.range()).collect();
        prop_assert_eq!(sphere_faq::text::links(&s), want);
    }

    #[test]
    fn normalize_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_its_long_way(s in japanese_text()) {
        let mut long = String::new();
        sphere_faq::normalize::normalize_by_nfkc(&s, &mut long);
        prop_assert_eq!(normalize(&s), long);
    }

    /// The lexicon finds, at every character of a text, every pattern that starts there:
    /// what comparing each pattern at each character finds.
    #[test]
    fn ja_matches_are_every_pattern_at_every_character(s in pattern_text()) {
        let mut want = Vec::new();
        for (at, _) in s.char_indices() {
            for (pi, pattern) in LEXICON.ja_terms.iter().enumerate() {
                if s[at..].starts_with(pattern) {
                    want.push((at..at + pattern.len(), pi));
                }
            }
        }
        want.sort_by_key(|(r, pi)| (r.start, std::cmp::Reverse(r.end), *pi));
        prop_assert_eq!(LEXICON.ja_matches(&s), want);
    }

    #[test]
    fn normalize_handles_any_unicode(s in any::<String>()) {
        let _ = normalize(&s);
    }

    #[test]
    fn fast_nfkc_equals_nfkc(s in any::<String>()) {
        prop_assert_eq!(nfkc(&s).into_owned(), s.nfkc().collect::<String>());
    }

    #[test]
    fn fast_nfkc_equals_nfkc_on_japanese(s in "[ぁ-んァ-ヶｦ-ﾟー一-龯０-９Ａ-Ｚ\u{3099}\u{309a}a-z0-9 、。（）「」『』【】・〜]{0,30}") {
        prop_assert_eq!(nfkc(&s).into_owned(), s.nfkc().collect::<String>());
    }

    #[test]
    fn extraction_never_panics(s in any::<String>()) {
        let _ = codes::extract(&s, ["1014"]);
        let _ = codes::canonical(&s);
    }

    #[test]
    fn a_known_code_anywhere_in_text_is_found(before in "\\PC{0,60}", after in "\\PC{0,60}", i in 0..KNOWN.len(), style in 0..4usize) {
        let code = KNOWN[i];
        let typed = match style {
            0 => code.to_string(),
            1 => code.to_lowercase(),
            2 => code.replace('_', "-"),
            _ => code.chars().map(|c| match c {
                'A'..='Z' | '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                c => c,
            }).collect(),
        };
        let text = format!("{before}\n{typed}\n{after}");
        let found = codes::extract(&text, ["1014"]);
        prop_assert!(found.iter().any(|f| f == code), "{:?} not found in {:?}: {:?}", code, text, found);
    }

    #[test]
    fn a_guid_is_never_a_code(g in "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", upper in any::<bool>()) {
        let g = if upper { g.to_uppercase() } else { g };
        prop_assert_eq!(codes::extract(&g, ["1014"]), Vec::<String>::new());
        let line = format!("Correlation Id: {g}");
        prop_assert_eq!(codes::extract(&line, ["1014"]), Vec::<String>::new());
    }

    #[test]
    fn search_and_code_never_panic(s in any::<String>()) {
        let _ = ENGINE.index().search(&s, 4);
        let _ = ENGINE.code(&s);
    }

    #[test]
    fn search_never_panics_on_japanese_and_mixed(s in "[ぁ-んァ-ヶｦ-ﾟー一-龯a-zA-Z0-9 _\\-]{0,40}") {
        let _ = ENGINE.index().search(&s, 4);
    }
}

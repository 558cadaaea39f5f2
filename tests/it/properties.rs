//! Property tests: no panic on any string, normalization idempotent, a known code
//! anywhere in random text found (and canonical), a GUID never taken for a code.

use std::sync::LazyLock;

use proptest::prelude::*;
use sphere_faq::Engine;
use sphere_faq::codes;
use sphere_faq::normalize::normalize;

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

proptest! {
    #[test]
    fn normalize_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_japanese(s in "[ぁ-んァ-ヶｦ-ﾟー一-龯０-９Ａ-Ｚ\u{3099}\u{309a}a-z0-9 、。（）「」『』【】・〜'’]{0,30}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_handles_any_unicode(s in any::<String>()) {
        let _ = normalize(&s);
    }

    #[test]
    fn codes_found_are_canonical(s in any::<String>()) {
        for code in codes::extract(&s, ["1014"]) {
            prop_assert_eq!(codes::canonical(&code), Some(code.clone()), "{:?} from {:?}", code, s);
        }
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

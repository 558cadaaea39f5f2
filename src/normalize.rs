//! Text normalization shared by the search index and the queries, so that both sides
//! of a comparison are spelled the same way.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::lang::is_japanese_char;

/// Folds the ways the same text is written into one:
/// - NFKC: full-width ASCII → ASCII, half-width katakana → katakana, ideographic space → space;
/// - lower case;
/// - katakana → hiragana (`ログイン` and `ろぐいん` match), small kana → large (`ッ` → `つ`);
/// - the wave dash dropped, and the long-vowel mark where it ends a word (`サーバー` and
///   `サーバ` match); inside a word it is kept, so `メール` (`めーる`) is not found inside
///   `始める`;
/// - apostrophes dropped inside words (`don't` → `dont`);
/// - every other punctuation or symbol → one space; runs of spaces collapsed; trimmed.
///
/// The result is idempotent: normalizing it again changes nothing.
pub fn normalize(text: &str) -> String {
    // Char by char: `str::to_lowercase` writes a final sigma otherwise. Lower case can
    // undo NFKC only where it changed a character beyond ASCII; elsewhere the second
    // check is skipped (an index normalizes all of a data file's text).
    let mut changed = false;
    let composed = nfkc(text);
    let mut lower = String::with_capacity(composed.len());
    for c in composed.chars() {
        if c.is_ascii() {
            // fast track for ascii: a third of normalizing a data file's text.
            lower.push(c.to_ascii_lowercase());
        } else if is_plain(c) {
            lower.push(c);
        } else {
            let l = c.to_lowercase();
            changed |= l.clone().ne([c]);
            lower.extend(l);
        }
    }
    let lowered = if changed {
        nfkc(&lower)
    } else {
        Cow::Borrowed(lower.as_str())
    };
    let mut out = String::with_capacity(lowered.len());
    // A dropped mark or apostrophe can leave a combining mark after a new base
    // (`ｶｰﾞ` → `か` + U+3099): compose once more, so that normalizing again changes
    // nothing. Only then: the rest of what `fold` does keeps NFKC.
    if fold(&lowered, &mut out) {
        nfkc(&out).into_owned()
    } else {
        out
    }
}

/// NFKC: full-width ASCII → ASCII, half-width katakana → katakana, and so on.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    // fast track: most text is already NFKC, which the crate's quick check tells at a
    // fraction of the cost of normalizing (an index build normalizes every answer), and
    // text of ASCII and common kana and kanji at a fraction of the quick check's.
    if text.chars().all(is_plain) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// A character that NFKC and lower case leave as it is, and that composes with nothing
/// before it: ASCII, hiragana, katakana (not the half-width forms), the common kanji, and
/// Japanese punctuation (、。「」【】〜・ー …). What the fast tracks above skip.
fn is_plain(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FC}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{3001}'..='\u{3005}' | '\u{3008}'..='\u{3011}' | '〜')
}

/// Normalization after NFKC and lower case: kana folded, long-vowel marks, wave dashes
/// and apostrophes dropped as [`normalize`] says, every other punctuation or symbol a
/// space, appended to `out`: whether the result may need composing again (something
/// dropped, or a voicing mark kept apart).
fn fold(text: &str, out: &mut String) -> bool {
    let mut dropped = false;
    let mut pending_space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = fold_kana(c);
        if c == 'ー' {
            // A run of long-vowel marks is one mark, kept only inside a word of kana
            // (between two kana letters), so that normalizing again changes nothing.
            let mut run = 1;
            while chars.next_if(|&n| fold_kana(n) == 'ー').is_some() {
                run += 1;
            }
            let after_kana = !pending_space && out.chars().next_back().is_some_and(is_kana);
            if after_kana && chars.peek().is_some_and(|&n| is_kana(fold_kana(n))) {
                out.push('ー');
                dropped |= run > 1;
            } else {
                dropped = true;
            }
        } else if matches!(c, '〜' | '～' | '’' | '‘' | '\'' | '`') {
            dropped = true;
        } else if c.is_ascii_alphanumeric() || is_japanese_char(c) || c.is_alphanumeric() {
            if std::mem::take(&mut pending_space) && !out.is_empty() {
                out.push(' ');
            }
            // A voicing mark left apart may compose with a kana folded before it (`っ` +
            // U+3099 → `づ`).
            dropped |= matches!(c, '\u{3099}' | '\u{309A}');
            out.push(c.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    dropped
}

/// [`normalize`] of one character, appended to `out`: what highlighting maps each
/// character of an answer to.
pub fn normalize_char(c: char, out: &mut String) {
    if c.is_ascii() {
        // fast track for ascii: what `normalize` makes of one ASCII character.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    } else {
        out.push_str(&normalize(c.encode_utf8(&mut [0; 4])));
    }
}

/// Katakana to hiragana, small kana to their full-size forms.
pub fn fold_kana(c: char) -> char {
    let c = match c {
        // ァ..ヶ map onto ぁ..ゖ at a fixed distance.
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    };
    match c {
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        _ => c,
    }
}

/// Light English stemming: plurals, `-ing`, `-ed`, and a final `e`, so that `invite`,
/// `invites`, `invited` and `inviting` meet at `invit`. Words of four letters or fewer
/// are left alone; doubled final consonants are undoubled (`logging` → `log`).
pub fn stem(word: &str) -> String {
    stem_of(word).into_owned()
}

/// [`stem`], borrowing: a stem is the word cut short, or (`-ies` → `-y`) a new string.
pub fn stem_of(w: &str) -> Cow<'_, str> {
    if w.len() <= 3 || !w.is_ascii() {
        return Cow::Borrowed(w);
    }
    let mut s: Cow<'_, str> = if let Some(b) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        Cow::Owned(format!("{b}y"))
    } else if w.ends_with("sses") {
        Cow::Borrowed(&w[..w.len() - 2])
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        Cow::Borrowed(&w[..w.len() - 1])
    } else {
        Cow::Borrowed(w)
    };
    let cut = |s: &mut Cow<'_, str>, n: usize| match s {
        Cow::Borrowed(b) => *b = &b[..n],
        Cow::Owned(o) => o.truncate(n),
    };
    for suffix in ["ing", "ed"] {
        if s.len() > suffix.len() + 2
            && s.ends_with(suffix)
            && s[..s.len() - suffix.len()].bytes().any(is_vowel)
        {
            let n = s.len() - suffix.len();
            cut(&mut s, n);
            let b = s.as_bytes();
            if n >= 2
                && b[n - 1] == b[n - 2]
                && !is_vowel(b[n - 1])
                && !matches!(b[n - 1], b'l' | b's' | b'z')
            {
                cut(&mut s, n - 1);
            }
            break;
        }
    }
    if s.len() > 3 && s.ends_with('e') && !s.ends_with("ee") {
        let n = s.len() - 1;
        cut(&mut s, n);
    }
    s
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A kana letter (hiragana, or katakana that has no hiragana form).
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_left_alone_by_nfkc_and_lower_case() {
        let plain: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .collect();
        assert!(plain.len() > 20_000);
        for c in plain {
            let one = c.to_string();
            assert_eq!(one.nfkc().collect::<String>(), one, "{c:?}");
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                one.to_lowercase(),
                "{c:?}"
            );
            assert!(c.is_ascii() || c.to_lowercase().eq([c]), "{c:?}");
            // Nothing composes with it as a second character.
            assert_eq!(
                format!("か{c}").nfkc().collect::<String>(),
                format!("か{c}")
            );
        }
    }

    #[test]
    fn folds_widths_kana_and_punctuation() {
        assert_eq!(normalize("ﾛｸﾞｲﾝできない"), normalize("ログインできない"));
        assert_eq!(normalize("ログイン"), "ろぐいん");
        assert_eq!(normalize("ＰＡＳＳＷＯＲＤ！"), "password");
        assert_eq!(normalize("サーバー"), normalize("サーバ"));
        assert_eq!(normalize("メール"), "めーる");
        assert!(!normalize("始める").contains(&normalize("メール")));
        // Runs of marks, marks at a word's edge: normalizing twice changes nothing.
        for s in [
            "aーー",
            "ーーa",
            "ーーー",
            "アーーイ",
            "ーー\u{3099}",
            "サーバーの",
            "ｶｰﾞ",
            "ｶ'\u{3099}",
        ] {
            assert_eq!(normalize(&normalize(s)), normalize(s), "{s:?}");
        }
        assert_eq!(normalize("アーーイ"), "あーい");
        assert_eq!(
            normalize("「招待の利用に失敗しました」"),
            "招待の利用に失敗しました"
        );
        assert_eq!(normalize("don't  work\u{3000}at-all"), "dont work at all");
        assert_eq!(normalize("キャッシュ"), normalize("キヤツシユ"));
    }

    #[test]
    fn normalization_is_idempotent_on_samples() {
        for s in [
            "ＡＡＤＳＴＳ５００２０",
            "ﾊﾟｽﾜｰﾄﾞ",
            "İstanbul ß",
            "招待メール、ゴミ箱",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }

    #[test]
    fn stems_plural_ing_ed() {
        for (w, s) in [
            ("invite", "invit"),
            ("invited", "invit"),
            ("invites", "invit"),
            ("inviting", "invit"),
            ("passwords", "password"),
            ("logging", "log"),
            ("received", "receiv"),
            ("receive", "receiv"),
            ("address", "address"),
            ("emails", "email"),
            ("deleted", "delet"),
            ("settings", "set"),
            ("id", "id"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }
}

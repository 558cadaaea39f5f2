//! Text normalization shared by the search index and the queries, so that both sides
//! of a comparison are spelled the same way.

use unicode_normalization::UnicodeNormalization;

use crate::lang::is_japanese_char;

/// Folds the ways the same text is written into one:
/// - NFKC: full-width ASCII → ASCII, half-width katakana → katakana, ideographic space → space;
/// - lower case;
/// - katakana → hiragana (`ログイン` and `ろぐいん` match), small kana → large (`ッ` → `つ`);
/// - the long-vowel mark and wave dash dropped (`サーバー` and `サーバ` match);
/// - apostrophes dropped inside words (`don't` → `dont`);
/// - every other punctuation or symbol → one space; runs of spaces collapsed; trimmed.
///
/// The result is idempotent: normalizing it again changes nothing.
pub fn normalize(text: &str) -> String {
    let lowered: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lowered.len());
    let mut pending_space = false;
    for c in lowered.nfkc() {
        let c = fold_kana(c);
        if matches!(c, 'ー' | '〜' | '～' | '\'' | '’' | '‘' | '`') {
            continue;
        }
        if c.is_alphanumeric() || is_japanese_char(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
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
    let w = word;
    if w.len() <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    let mut s = if let Some(b) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        format!("{b}y")
    } else if w.ends_with("sses") {
        w[..w.len() - 2].to_string()
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    };
    for suffix in ["ing", "ed"] {
        if s.len() > suffix.len() + 2
            && s.ends_with(suffix)
            && s[..s.len() - suffix.len()].bytes().any(is_vowel)
        {
            s.truncate(s.len() - suffix.len());
            let b = s.as_bytes();
            let n = b.len();
            if n >= 2
                && b[n - 1] == b[n - 2]
                && !is_vowel(b[n - 1])
                && !matches!(b[n - 1], b'l' | b's' | b'z')
            {
                s.truncate(n - 1);
            }
            break;
        }
    }
    if s.len() > 3 && s.ends_with('e') && !s.ends_with("ee") {
        s.truncate(s.len() - 1);
    }
    s
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_widths_kana_and_punctuation() {
        assert_eq!(normalize("ﾛｸﾞｲﾝできない"), normalize("ログインできない"));
        assert_eq!(normalize("ログイン"), "ろぐいん");
        assert_eq!(normalize("ＰＡＳＳＷＯＲＤ！"), "password");
        assert_eq!(normalize("サーバー"), normalize("サーバ"));
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

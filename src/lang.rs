//! Output language: the `--lang` flag, the environment, and the script of a query.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// One of the two languages the FAQ is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Reads a locale-like value: `ja`, `ja_JP.UTF-8`, `JA` mean Japanese, `en*` English.
    /// Anything else (`C`, `POSIX`, `fr_FR`, empty) says nothing.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let v = value.trim().to_ascii_lowercase();
        if v.starts_with("ja") {
            Some(Lang::Ja)
        } else if v.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: `SPHERE_FAQ_LANG` first, then the POSIX
    /// locale variables in their order of precedence (`LC_ALL` overrides `LC_MESSAGES`,
    /// which overrides `LANG`). Only a Japanese locale selects Japanese; a set but
    /// non-Japanese locale (`C.UTF-8`, `de_DE`) means English.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        if let Some(lang) = get("SPHERE_FAQ_LANG").and_then(|v| Lang::from_locale(&v)) {
            return Some(lang);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            match get(var) {
                Some(v) if !v.trim().is_empty() => {
                    return Some(Lang::from_locale(&v).unwrap_or(Lang::En));
                }
                _ => {}
            }
        }
        None
    }

    pub fn from_env() -> Option<Lang> {
        Lang::from_env_with(|k| std::env::var(k).ok())
    }
}

/// Whether a character belongs to the Japanese writing system (kana, CJK ideographs,
/// the iteration mark and the prolonged sound mark, half-width katakana).
pub fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}'   // hiragana
        | '\u{30A0}'..='\u{30FF}' // katakana
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
        | '々' | '〆')
}

/// True when the text contains Japanese script: such a query is answered in Japanese
/// unless `--lang` says otherwise.
pub fn has_japanese(text: &str) -> bool {
    text.chars().any(is_japanese_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn precedence_of_environment() {
        assert_eq!(Lang::from_env_with(env(&[])), None);
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "ja_JP.UTF-8")])),
            Some(Lang::Ja)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LC_ALL", "ja_JP"), ("SPHERE_FAQ_LANG", "en")])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LC_MESSAGES", "ja_JP"), ("LANG", "en_US")])),
            Some(Lang::Ja)
        );
        // An unusable SPHERE_FAQ_LANG falls through to the locale.
        assert_eq!(
            Lang::from_env_with(env(&[("SPHERE_FAQ_LANG", "fr"), ("LANG", "ja_JP")])),
            Some(Lang::Ja)
        );
    }

    #[test]
    fn detects_japanese_script() {
        assert!(has_japanese("パスワード"));
        assert!(has_japanese("ﾛｸﾞｲﾝ"));
        assert!(has_japanese("メアド change"));
        assert!(!has_japanese("password ＡＢＣ"));
    }
}

//! Output language: the `--lang` flag, the environment, and the script of a query.

use serde::{Deserialize, Serialize};

/// One of the two languages the FAQ is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

/// The ways people write each language, beyond its code (`--lang`, LANG-style values).
const ALIASES: [(Lang, &[&str]); 2] = [
    (Lang::Ja, &["jp", "ja-jp", "ja_jp", "japanese"]),
    (Lang::En, &["en-us", "en_us", "en-gb", "en_gb", "english"]),
];

/// `--lang`'s values: the codes with their names as help, the other spellings as aliases.
impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Ja, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let help = match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        };
        let aliases = ALIASES
            .iter()
            .find(|(l, _)| l == self)
            .map_or(&[][..], |a| a.1);
        Some(
            clap::builder::PossibleValue::new(self.code())
                .help(help)
                .aliases(aliases.iter().copied()),
        )
    }
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
        if v.starts_with("ja") || v == "jp" {
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
        Lang::from_env_with(|k| std::env::var(k).ok()).or_else(Lang::from_system)
    }

    /// The language given (`--lang`), else the environment's, else English.
    pub fn given_or_env(given: Option<Lang>) -> Lang {
        given.or_else(Lang::from_env).unwrap_or(Lang::En)
    }

    /// The language of a Windows language identifier (LANGID): its primary language is
    /// the low ten bits, 0x11 for Japanese, 0x09 for English.
    pub fn from_langid(langid: u16) -> Option<Lang> {
        match langid & 0x3FF {
            0x11 => Some(Lang::Ja),
            0x09 => Some(Lang::En),
            _ => None,
        }
    }

    /// The user's display language on Windows, which sets no LANG-style variables: a
    /// Japanese Windows answers in Japanese.
    #[cfg(windows)]
    pub fn from_system() -> Option<Lang> {
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn GetUserDefaultUILanguage() -> u16;
        }
        // SAFETY: takes no arguments and only returns a value.
        Lang::from_langid(unsafe { GetUserDefaultUILanguage() })
    }

    /// Elsewhere the locale variables say it all.
    #[cfg(not(windows))]
    pub fn from_system() -> Option<Lang> {
        None
    }
}

/// The language a text is written in, by the majority of its script: Japanese characters
/// against Latin letters, a Latin word of about five letters weighing as much as two
/// Japanese characters. One Japanese name in an English page leaves it English; an
/// English product name in a Japanese sentence leaves it Japanese. `None` without either.
pub fn script_of(text: &str) -> Option<Lang> {
    // ASCII letters are counted over the bytes; only the others go through the script
    // checks.
    let mut latin = text.bytes().filter(u8::is_ascii_alphabetic).count();
    let mut ja = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if is_japanese_char(c) {
            ja += 1;
        } else if ('Ａ'..='ｚ').contains(&c) {
            latin += 1;
        }
    }
    match (ja, latin) {
        (0, 0) => None,
        _ if ja * 5 >= latin * 2 => Some(Lang::Ja),
        _ => Some(Lang::En),
    }
}

impl Lang {
    /// Reads a `--lang`-style value the way people write it: `ja`, `JA`, `jp`, `ja-JP`,
    /// `en_US` … (the completion offers `ja` and `en`).
    pub fn parse_loose(value: &str) -> Option<Lang> {
        let value = value.to_ascii_lowercase();
        ALIASES
            .iter()
            .find(|(lang, aliases)| lang.code() == value || aliases.contains(&value.as_str()))
            .map(|(lang, _)| *lang)
    }
}

/// The length of the UTF-8 character that starts with this byte (of valid UTF-8, where a
/// character starts): text is walked a byte at a time where most of it is one of a few
/// kinds, and decoded only where it must be.
pub fn utf8_len(first: u8) -> usize {
    match first {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
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

/// True when the text contains any Japanese character (the lexicon sorts its terms by
/// it). Which language a query is answered in is decided by [`script_of`].
pub fn has_japanese(text: &str) -> bool {
    text.chars().any(is_japanese_char)
}

/// The language of `--lang` on the command line, else of the environment: what help and
/// usage errors are written in, before the command line is parsed.
pub fn early_lang() -> Lang {
    let given = crate::args::value(&crate::args::raw(), "--lang", Some("-l"));
    Lang::given_or_env(given.and_then(|v| Lang::parse_loose(&v)))
}

/// The system the help and the prompts are written for: a Windows user gets PowerShell's
/// commands and keys, not `pbpaste`, `man -l`, Ctrl+D or locale variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Windows,
    Unix,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character's first byte gives its length.
    #[test]
    fn a_characters_first_byte_gives_its_length() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            assert_eq!(
                utf8_len(c.encode_utf8(&mut buf).as_bytes()[0]),
                c.len_utf8(),
                "{c:?}"
            );
        }
    }

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
    fn lang_values_as_people_write_them() {
        for v in ["ja", "JA", "jp", "ja-JP", "ja_jp", "Japanese"] {
            assert_eq!(Lang::parse_loose(v), Some(Lang::Ja), "{v}");
        }
        for v in ["en", "EN", "en-US", "en_GB"] {
            assert_eq!(Lang::parse_loose(v), Some(Lang::En), "{v}");
        }
        assert_eq!(Lang::parse_loose("fr"), None);
        assert_eq!(Lang::from_locale("jp"), Some(Lang::Ja));
    }

    #[test]
    fn windows_language_ids() {
        // ja-JP, en-US, en-GB, de-DE.
        assert_eq!(Lang::from_langid(0x0411), Some(Lang::Ja));
        assert_eq!(Lang::from_langid(0x0409), Some(Lang::En));
        assert_eq!(Lang::from_langid(0x0809), Some(Lang::En));
        assert_eq!(Lang::from_langid(0x0407), None);
    }

    #[test]
    fn the_majority_script_decides() {
        assert_eq!(script_of("パスワードを忘れました"), Some(Lang::Ja));
        assert_eq!(script_of("Gmailのパスワード"), Some(Lang::Ja));
        assert_eq!(
            script_of("ログインしようとするとMicrosoftの画面で AADSTS 50020 というエラーが出ます"),
            Some(Lang::Ja)
        );
        assert_eq!(
            script_of(
                "Sorry, but we're having trouble signing you in. User account 山田 does not exist in tenant Sony."
            ),
            Some(Lang::En)
        );
        assert_eq!(script_of("50020"), None);
    }

    #[test]
    fn detects_japanese_script() {
        assert!(has_japanese("パスワード"));
        assert!(has_japanese("ﾛｸﾞｲﾝ"));
        assert!(has_japanese("メアド change"));
        assert!(!has_japanese("password ＡＢＣ"));
    }
}

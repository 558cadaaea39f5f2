//! What the helpdesk needs from a pasted Microsoft sign-in error page: the "Troubleshooting
//! details" (Request Id, Correlation Id, Timestamp, App name), the error code and the
//! account the page names, read from the English or the Japanese page. Nothing is sent anywhere: the block is printed
//! for the user to copy into a mail.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::text::{clean_line, truncate};

/// The details read from a page. JSON's `helpdesk`, with the address and the note added
/// by the printer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Details {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The account the page names (AADSTS50020's "User account 'x' from identity
    /// provider ..."): the first thing the helpdesk asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
}

/// The labels of the page's details, as Microsoft writes them in English and Japanese
/// (「関連付け ID」 on older pages, 「相関 ID」 on newer ones), each line `label: value`.
fn labels() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?imR)^[ \t]*(request[ \t]*id|要求[ \t]*id|correlation[ \t]*id|相関[ \t]*id|関連付け[ \t]*id|timestamp|タイムスタンプ|app[ \t]*name|アプリ[ \t]*名)[ \t]*[:：][ \t]*(\S[^\r\n]*)$",
        )
        .expect("valid pattern")
    })
}

/// The account an error page names: `User account 'x'`, 「ユーザー アカウント 'x'」. (Its
/// length is limited by the caller: a bounded `{1,120}` of a Unicode class here made the
/// regex take a third of a search's start-up to compile.)
fn account() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:user account|ユーザー[ \t]*アカウント)[ \t]*['‘’「]([^'‘’」\s]+)['‘’」]",
        )
        .expect("valid pattern")
    })
}

/// The details of a pasted page, when it holds a Request Id or a Correlation Id; `code` is
/// the first error code found in it (the caller's code lookup finds it).
pub fn details(text: &str, code: Option<&str>) -> Option<Details> {
    // Every label is followed by a colon: text without one (a typed question) has none,
    // and needs no regex compiled.
    if !text.contains([':', '：']) {
        return None;
    }
    let mut d = Details {
        code: code.map(str::to_string),
        ..Details::default()
    };
    for c in labels().captures_iter(text) {
        let label = c[1].to_lowercase();
        let value = truncate(&clean_line(c[2].trim()), 120).into_owned();
        let slot = if label.starts_with("request") || label.starts_with('要') {
            &mut d.request_id
        } else if label.starts_with("correlation")
            || label.starts_with('相')
            || label.starts_with('関')
        {
            &mut d.correlation_id
        } else if label.starts_with("time") || label.starts_with('タ') {
            &mut d.timestamp
        } else {
            &mut d.app_name
        };
        slot.get_or_insert(value);
    }
    if d.request_id.is_none() && d.correlation_id.is_none() {
        return None;
    }
    d.account = account()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .find(|a| a.chars().count() <= 120)
        .map(|a| clean_line(&a).into_owned());
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_english_and_the_japanese_page() {
        let en = "Troubleshooting details\nRequest Id: 2968003d-62e6-4308-af03-8b276c6e0600\nCorrelation Id: fcc0a98c-f61e-46c4-97e1-a51c69a1bb94\nTimestamp: 2026-12-07T01:02:03Z\nApp name: SPHERE\n";
        let d = details(en, Some("AADSTS50020")).unwrap();
        assert_eq!(
            d.request_id.as_deref(),
            Some("2968003d-62e6-4308-af03-8b276c6e0600")
        );
        assert_eq!(
            d.correlation_id.as_deref(),
            Some("fcc0a98c-f61e-46c4-97e1-a51c69a1bb94")
        );
        assert_eq!(d.timestamp.as_deref(), Some("2026-12-07T01:02:03Z"));
        assert_eq!(d.app_name.as_deref(), Some("SPHERE"));
        assert_eq!(d.code.as_deref(), Some("AADSTS50020"));
        assert_eq!(d.account, None);
        let page = "AADSTS50020: User account 'kim@partner.example' from identity provider 'live.com' does not exist in tenant 'Sony'.\nRequest Id: r1\n";
        assert_eq!(
            details(page, None).unwrap().account.as_deref(),
            Some("kim@partner.example")
        );
        let ja =
            "要求 ID: aaa\n相関 ID：bbb\nタイムスタンプ: 2026-12-07T01:02:03Z\nアプリ名: SPHERE\n";
        let d = details(ja, None).unwrap();
        assert_eq!(
            (d.request_id.as_deref(), d.correlation_id.as_deref()),
            (Some("aaa"), Some("bbb"))
        );
        assert_eq!(
            details("関連付け ID: ccc", None)
                .unwrap()
                .correlation_id
                .as_deref(),
            Some("ccc")
        );
    }

    #[test]
    fn reads_a_page_with_windows_line_ends() {
        let page = "AADSTS50020: x\r\nRequest Id: r1\r\nCorrelation Id: c1\r\n";
        let d = details(page, None).unwrap();
        assert_eq!(
            (d.request_id.as_deref(), d.correlation_id.as_deref()),
            (Some("r1"), Some("c1"))
        );
    }

    #[test]
    fn no_id_no_block() {
        assert_eq!(
            details("Timestamp: 2026-12-07T01:02:03Z\nAADSTS50020", None),
            None
        );
        assert_eq!(details("my request id is lost", None), None);
    }
}

//! Reply drafts: one text file per thread, for its latest mail, in the sender's language,
//! in the helpdesk's register. The answer is the FAQ entry's own lines, exactly, and only
//! when the answer is sure (`code` or `high`); otherwise a marked placeholder says why
//! there is none. Nothing is sent.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::data::faq::Faq;
use crate::lang::Lang;
use crate::messages::{self as m, Placeholder};
use crate::search::Reason;
use crate::text::clean_line;

use super::{Inbox, Level, Triaged};

/// The text of a mail's draft.
pub fn text(faq: &Faq, mail: &Triaged) -> String {
    let lang = mail.lang;
    let d = &mail.decision;
    let mut s = String::new();
    // For the reviewer: to whom, the subject, and what the answer rests on.
    let to = match (&mail.from_name, &mail.from_address) {
        (Some(n), Some(a)) => format!("{} <{}>", clean_line(n), clean_line(a)),
        (None, Some(a)) => clean_line(a).into_owned(),
        (Some(n), None) => clean_line(n).into_owned(),
        (None, None) => String::new(),
    };
    let colon = if lang == Lang::Ja { "：" } else { ": " };
    s.push_str(&format!("{}{colon}{to}\n", m::DRAFT_TO.get(lang)));
    s.push_str(&format!(
        "{}{colon}{}\n",
        m::DRAFT_SUBJECT.get(lang),
        reply_subject(&mail.subject)
    ));
    let ids =
        |v: &[usize]| -> Vec<String> { v.iter().map(|&i| faq.entries[i].id.clone()).collect() };
    let basis = match d.entry {
        Some(e) => faq.entries[e].id.clone(),
        None => "-".to_string(),
    };
    s.push_str(&format!(
        "{}{colon}{basis} ({} {})\n",
        m::DRAFT_FAQ.get(lang),
        m::DRAFT_CONFIDENCE.get(lang),
        d.confidence.name()
    ));
    s.push_str(&format!("---------- {}\n\n", m::DRAFT_ABOVE.get(lang)));

    let name = mail
        .from_name
        .as_deref()
        .map(|n| clean_line(n).into_owned());
    s.push_str(&m::draft_salutation(lang, name.as_deref()));
    s.push_str("\n\n");
    s.push_str(m::DRAFT_OPENING.get(lang));
    s.push_str("\n\n");
    match d.entry.filter(|_| d.confidence.is_sure()) {
        Some(e) => {
            s.push_str(m::DRAFT_LEAD.get(lang));
            s.push_str("\n\n");
            for line in faq.entries[e].answer.get(lang) {
                s.push_str(line);
                s.push('\n');
            }
        }
        None => {
            let mut candidates: Vec<usize> = d.entry.into_iter().collect();
            candidates.extend(&d.alternatives);
            let placeholder = match (&d.related, d.confidence, d.reason) {
                (Some(code), _, _) => Placeholder::Related {
                    code: code.clone(),
                    entries: ids(&candidates),
                },
                (None, Level::Close | Level::Vague, _) if !candidates.is_empty() => {
                    Placeholder::Candidates(ids(&candidates))
                }
                (None, _, Some(Reason::OtherService)) => Placeholder::OtherTopic,
                _ => Placeholder::NoAnswer,
            };
            s.push_str(&m::draft_placeholder(lang, &placeholder));
            s.push('\n');
        }
    }
    s.push('\n');
    s.push_str(m::DRAFT_CLOSING.get(lang));
    // "Best regards," sits on the signature; 「よろしくお願いいたします。」 stands apart.
    s.push_str(if lang == Lang::Ja { "\n\n" } else { "\n" });
    let c = &faq.contact;
    s.push_str(&format!(
        "{}\n{}\nE-Mail: {}\n",
        c.name.get(lang),
        c.hours.get(lang),
        c.email
    ));
    s
}

/// "Re: " and the subject, unless it already starts so.
fn reply_subject(subject: &str) -> String {
    let subject = clean_line(subject.trim());
    let lower = subject.to_lowercase();
    if lower.starts_with("re:") || lower.starts_with("re：") || subject.starts_with("返信") {
        subject.into_owned()
    } else if subject.is_empty() {
        "Re:".to_string()
    } else {
        format!("Re: {subject}")
    }
}

/// Writes one draft per thread (for its latest mail) into `dir`, named after the mail
/// (`ja_01_invitation.txt`, `inbox-3.txt` for the third message of `inbox.mbox`): the
/// files written, each with the `n` of its mail, in order.
pub fn write_all(faq: &Faq, inbox: &Inbox, dir: &Path) -> io::Result<Vec<(usize, PathBuf)>> {
    std::fs::create_dir_all(dir)?;
    let mut used: HashSet<String> = HashSet::new();
    let mut written = Vec::new();
    for mail in inbox.mails.iter().filter(|m| m.decides()) {
        let base = file_stem(&mail.name);
        let mut name = format!("{base}.txt");
        let mut k = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{k}.txt");
            k += 1;
        }
        let path = dir.join(&name);
        std::fs::write(&path, text(faq, mail))?;
        written.push((mail.n, path));
    }
    Ok(written)
}

/// A name safe for a file on any system: letters, digits, `-`, `_` and `.`, nothing
/// hidden.
fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let s = s.trim_start_matches('.');
    if s.is_empty() {
        "mail".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_subjects() {
        assert_eq!(reply_subject("Login"), "Re: Login");
        assert_eq!(reply_subject("RE: Login"), "RE: Login");
        assert_eq!(reply_subject(""), "Re:");
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(file_stem("ja_01 招待"), "ja_01_招待");
        assert_eq!(file_stem(""), "mail");
    }
}

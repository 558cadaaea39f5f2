//! `sphere-faq triage`: the helpdesk's inbox. Each mail is read ([`crate::mail`]), its
//! problem taken out of greetings, quoted history, signature and disclaimer
//! ([`crate::message`]), and answered by the engine as `code` and `search` answer; mails
//! of one thread are grouped and the latest decides. [`report`] prints the table, JSON and
//! CSV; [`draft`] writes a reply draft per thread, which a person reviews and sends.

pub mod draft;
pub mod report;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::engine::{CodeKind, Engine};
use crate::lang::{Lang, script_of};
use crate::mail::{self, Failed, Mail, Unread};
use crate::search::{Confidence, Reason};

/// How sure an answer is: the search's levels, with `related` for a code the catalog
/// knows and the FAQ does not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Code,
    High,
    Close,
    Vague,
    Related,
    None,
}

impl Level {
    /// Only these put the FAQ's answer into a draft.
    pub fn is_sure(self) -> bool {
        matches!(self, Level::Code | Level::High)
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Code => "code",
            Level::High => "high",
            Level::Close => "close",
            Level::Vague => "vague",
            Level::Related => "related",
            Level::None => "none",
        }
    }
}

/// What the engine made of one mail's problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The FAQ entry that answers (position in `Faq::entries`).
    pub entry: Option<usize>,
    pub confidence: Level,
    /// Up to two other entries.
    pub alternatives: Vec<usize>,
    /// A code that the catalog knows and the FAQ does not answer.
    pub related: Option<String>,
    /// Why nothing was answered.
    pub reason: Option<Reason>,
    /// Every code in the text, in order.
    pub codes: Vec<String>,
}

/// One mail, triaged. The body is not kept: only what the outputs show.
#[derive(Debug, Clone)]
pub struct Triaged {
    /// Position in the order the mails were read, from 1.
    pub n: usize,
    pub source: String,
    pub name: String,
    pub from_name: Option<String>,
    pub from_address: Option<String>,
    pub date: Option<String>,
    pub timestamp: Option<i64>,
    pub subject: String,
    pub html_only: bool,
    /// The language to answer in: the sender's.
    pub lang: Lang,
    /// The problem as read from the body (at most [`PROBLEM_CHARS`] characters).
    pub problem: String,
    /// The problem came from quoted or forwarded history.
    pub from_history: bool,
    pub decision: Decision,
    /// The thread: the `n` of its first mail.
    pub thread: usize,
    /// How many mails the thread has.
    pub thread_size: usize,
    /// The `n` of the thread's latest mail, whose decision is the thread's.
    pub decided_by: usize,
    message_id: Option<String>,
    refers_to: Vec<String>,
    reply: bool,
    subject_key: String,
}

impl Triaged {
    /// Whether this mail's decision is its thread's (it is the thread's latest).
    pub fn decides(&self) -> bool {
        self.decided_by == self.n
    }
}

/// A mail that could not be read, at its place in the order.
#[derive(Debug, Clone)]
pub struct NotRead {
    pub n: usize,
    pub source: String,
    pub reason: Unread,
}

/// Every mail of a triage, in the order read.
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    pub mails: Vec<Triaged>,
    pub failed: Vec<NotRead>,
}

impl Inbox {
    pub fn threads(&self) -> usize {
        self.mails.iter().filter(|m| m.decides()).count()
    }
}

/// How much of a problem is kept for the outputs.
pub const PROBLEM_CHARS: usize = 2000;

/// Reads and triages every mail under `paths`.
pub fn triage(engine: &Engine, paths: &[PathBuf]) -> Inbox {
    let mut inbox = Inbox::default();
    let mut n = 0;
    mail::read_paths(paths, &mut |r: Result<Mail, Failed>| {
        n += 1;
        match r {
            Ok(m) => inbox.mails.push(assess(engine, n, m)),
            Err(f) => inbox.failed.push(NotRead {
                n,
                source: f.source,
                reason: f.reason,
            }),
        }
    });
    group_threads(&mut inbox.mails, &engine.faq.contact.email);
    inbox
}

/// One mail: its problem, language and answer.
pub fn assess(engine: &Engine, n: usize, mail: Mail) -> Triaged {
    let reading = crate::message::read(&mail.body);
    let (topic, prefixed) = strip_subject_prefixes(&mail.subject);
    let reply = prefixed || !mail.refers_to.is_empty();
    // A first mail's subject often says it all ("AADSTS50020 when signing in"); a reply's
    // is the old topic, and only its text is new.
    let query = if reply || topic.trim().is_empty() {
        reading.problem.clone()
    } else {
        format!("{topic}\n{}", reading.problem)
    };
    let query = crate::text::head(&query, crate::input::MAX_QUERY_BYTES);
    let decision = decide(engine, query);
    let lang = match script_of(&reading.problem).or_else(|| script_of(&mail.subject)) {
        Some(Lang::Ja) => Lang::Ja,
        _ => Lang::En,
    };
    let problem = match reading.problem.char_indices().nth(PROBLEM_CHARS) {
        Some((i, _)) => format!("{}…", &reading.problem[..i]),
        None => reading.problem,
    };
    Triaged {
        n,
        source: mail.source,
        name: mail.name,
        from_name: mail.from_name,
        from_address: mail.from_address,
        date: mail.date,
        timestamp: mail.timestamp,
        subject_key: subject_key(topic),
        subject: mail.subject,
        html_only: mail.html_only,
        lang,
        problem,
        from_history: reading.from_history,
        decision,
        thread: n,
        thread_size: 1,
        decided_by: n,
        message_id: mail.message_id,
        refers_to: mail.refers_to,
        reply,
    }
}

/// The answer to a problem: a code decides (`engine.code`), else the symptom search.
pub fn decide(engine: &Engine, text: &str) -> Decision {
    let items = engine.code_items(text);
    let codes: Vec<String> = items.iter().map(|i| i.code.clone()).collect();
    let known = items
        .iter()
        .any(|i| !matches!(i.kind, CodeKind::Unknown { .. }));
    if known {
        let answer = engine.answer_codes(items, text);
        let entries = engine.code_results(&answer);
        let faq = answer.items.iter().find_map(|i| match i.kind {
            CodeKind::Faq(e) => Some(e),
            _ => None,
        });
        return match faq {
            Some(e) => Decision {
                entry: Some(e),
                confidence: Level::Code,
                alternatives: entries.into_iter().filter(|&x| x != e).take(2).collect(),
                related: None,
                reason: None,
                codes,
            },
            None => Decision {
                entry: None,
                confidence: Level::Related,
                alternatives: entries.into_iter().take(2).collect(),
                related: answer.items.iter().find_map(|i| match i.kind {
                    CodeKind::Related(_) => Some(i.code.clone()),
                    _ => None,
                }),
                reason: None,
                codes,
            },
        };
    }
    // No code the FAQ or the catalog knows: what the text says decides.
    let outcome = engine.index().search(text, 3);
    Decision {
        entry: outcome.hits.first().map(|h| h.entry),
        confidence: match outcome.confidence {
            Confidence::Code => Level::Code,
            Confidence::High => Level::High,
            Confidence::Close => Level::Close,
            Confidence::Vague => Level::Vague,
            Confidence::None => Level::None,
        },
        alternatives: outcome
            .hits
            .iter()
            .skip(1)
            .take(2)
            .map(|h| h.entry)
            .collect(),
        related: None,
        reason: outcome.reason,
        codes,
    }
}

/// A subject without its reply and forward prefixes ("Re:", "FW:", "RE[2]:", 「返信:」,
/// 「転送：」) and tags ("[EXTERNAL]", 【社外】), and whether it had a reply or forward prefix.
pub fn strip_subject_prefixes(subject: &str) -> (&str, bool) {
    static PREFIX: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|tr|rif|返信|転送)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|\[[^\]]{1,24}\]|【[^】]{1,24}】)\s*",
        )
        .expect("a valid pattern")
    });
    let mut s = subject;
    let mut prefixed = false;
    while let Some(m) = PREFIX.find(s) {
        if m.as_str().trim_end().ends_with([':', '：']) {
            prefixed = true;
        }
        s = &s[m.end()..];
    }
    (s.trim(), prefixed)
}

/// A subject as threads compare it: width, case and spacing folded.
fn subject_key(topic: &str) -> String {
    crate::normalize::nfkc(topic)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups the mails into threads: a mail that names another in In-Reply-To or References
/// joins its thread; a reply ("Re:", or with those headers) joins the latest earlier mail
/// of the same subject that is no reply (two partners who both write "Cannot log in" are
/// two threads). The thread's latest mail, by date and then by order, decides; the
/// helpdesk's own mails (`helpdesk`, copied into the inbox) only when the thread has no
/// other.
fn group_threads(mails: &mut [Triaged], helpdesk: &str) {
    let mut parent: Vec<usize> = (0..mails.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let order = |m: &Triaged| (m.timestamp.unwrap_or(i64::MIN), m.n);

    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (i, m) in mails.iter().enumerate() {
        if let Some(id) = &m.message_id {
            by_id.entry(id.as_str()).or_insert(i);
        }
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (i, m) in mails.iter().enumerate() {
        for r in &m.refers_to {
            if let Some(&j) = by_id.get(r.as_str()) {
                links.push((i, j));
            }
        }
    }
    let mut by_subject: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in mails.iter().enumerate() {
        if !m.subject_key.is_empty() {
            by_subject
                .entry(m.subject_key.as_str())
                .or_default()
                .push(i);
        }
    }
    for members in by_subject.values() {
        for &r in members.iter().filter(|&&r| mails[r].reply) {
            let originals = members.iter().filter(|&&o| !mails[o].reply && o != r);
            let earlier = originals
                .clone()
                .filter(|&&o| order(&mails[o]) < order(&mails[r]))
                .max_by_key(|&&o| order(&mails[o]));
            let target = earlier
                .or_else(|| originals.min_by_key(|&&o| order(&mails[o])))
                .or_else(|| members.iter().find(|&&o| o != r));
            if let Some(&t) = target {
                links.push((r, t));
            }
        }
    }
    for (a, b) in links {
        union(&mut parent, a, b);
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..mails.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    for members in groups.values() {
        let first = members.iter().map(|&i| mails[i].n).min().unwrap_or(0);
        let ours = |i: usize| {
            mails[i]
                .from_address
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case(helpdesk))
        };
        let latest = members
            .iter()
            .max_by_key(|&&i| (!ours(i), order(&mails[i])))
            .map(|&i| mails[i].n)
            .unwrap_or(0);
        for &i in members {
            mails[i].thread = first;
            mails[i].thread_size = members.len();
            mails[i].decided_by = latest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(n: usize, from: &str, subject: &str, ts: i64, id: &str, refers: &[&str]) -> Triaged {
        let (topic, prefixed) = strip_subject_prefixes(subject);
        Triaged {
            n,
            source: format!("m{n}"),
            name: format!("m{n}"),
            from_name: None,
            from_address: Some(from.to_string()),
            date: None,
            timestamp: Some(ts),
            subject: subject.to_string(),
            html_only: false,
            lang: Lang::En,
            problem: String::new(),
            from_history: false,
            decision: Decision {
                entry: None,
                confidence: Level::None,
                alternatives: Vec::new(),
                related: None,
                reason: None,
                codes: Vec::new(),
            },
            thread: n,
            thread_size: 1,
            decided_by: n,
            message_id: Some(id.to_string()),
            refers_to: refers.iter().map(|r| r.to_string()).collect(),
            reply: prefixed || !refers.is_empty(),
            subject_key: subject_key(topic),
        }
    }

    fn threads(mails: &[Triaged]) -> Vec<(usize, usize)> {
        mails.iter().map(|m| (m.thread, m.decided_by)).collect()
    }

    #[test]
    fn threads_by_subject_and_references() {
        let mut mails = vec![
            mail(1, "a@x.example", "Cannot log in", 100, "1@x", &[]),
            // Another partner, the same words: another thread.
            mail(2, "b@y.example", "Cannot log in", 200, "2@y", &[]),
            // A reply joins the latest earlier first mail of its subject.
            mail(3, "b@y.example", "RE: Cannot log in", 300, "3@y", &[]),
            // References join whatever the subject.
            mail(4, "a@x.example", "more details", 400, "4@x", &["1@x"]),
            // Read out of order: the date decides which is the latest.
            mail(5, "a@x.example", "Re: Cannot  LOG in", 50, "5@x", &["1@x"]),
        ];
        group_threads(&mut mails, "helpdesk@example.com");
        assert_eq!(
            threads(&mails),
            vec![(1, 4), (2, 3), (2, 3), (1, 4), (1, 4)]
        );
        assert_eq!(mails[0].thread_size, 3);
    }

    #[test]
    fn the_helpdesks_own_mail_does_not_decide() {
        let mut mails = vec![
            mail(1, "a@x.example", "Invitation", 100, "1@x", &[]),
            mail(
                2,
                "Helpdesk@Example.com",
                "RE: Invitation",
                200,
                "2@h",
                &["1@x"],
            ),
        ];
        group_threads(&mut mails, "helpdesk@example.com");
        assert_eq!(threads(&mails), vec![(1, 1), (1, 1)]);
    }

    #[test]
    fn subject_prefixes() {
        assert_eq!(strip_subject_prefixes("Re: RE: FW: Login"), ("Login", true));
        assert_eq!(strip_subject_prefixes("Re[2]: Login"), ("Login", true));
        assert_eq!(
            strip_subject_prefixes("返信： 【至急】招待メールが届かない"),
            ("招待メールが届かない", true)
        );
        assert_eq!(
            strip_subject_prefixes("[EXTERNAL] Cannot log in"),
            ("Cannot log in", false)
        );
        assert_eq!(
            strip_subject_prefixes("Regarding SPHERE"),
            ("Regarding SPHERE", false)
        );
    }
}

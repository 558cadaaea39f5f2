//! The triage's outputs: a table for the terminal, JSON for programs, and CSV for a
//! spreadsheet (UTF-8 with a byte-order mark: Excel on a Japanese PC reads a CSV without
//! one as Shift_JIS).

use std::io::{self, Write};

use serde::Serialize;

use crate::data::faq::Faq;
use crate::json::{JsonFaq, faq_info};
use crate::lang::Lang;
use crate::messages as m;
use crate::search::Reason;
use crate::text::clean_line;

use super::{Inbox, Level, Triaged};

/// Column widths of the table, in terminal columns.
const WIDTHS: [usize; 9] = [3, 16, 18, 30, 11, 10, 10, 14, 8];

/// The summary table: one line per mail, the thread's decision on the line of the mail
/// that decides it, the others pointing to it; then the mails that could not be read.
pub fn table(out: &mut impl Write, faq: &Faq, inbox: &Inbox, lang: Lang) -> io::Result<()> {
    let headings: Vec<&str> = m::TRIAGE_HEADINGS.iter().map(|t| t.get(lang)).collect();
    row(out, &headings)?;
    let rule: Vec<String> = WIDTHS.iter().map(|w| "-".repeat(*w)).collect();
    row(out, &rule.iter().map(String::as_str).collect::<Vec<_>>())?;
    for mail in &inbox.mails {
        let cells = cells(faq, mail);
        row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    if !inbox.failed.is_empty() {
        writeln!(out, "\n{}", m::TRIAGE_NOT_READ.get(lang))?;
        for f in &inbox.failed {
            writeln!(
                out,
                "  #{} {}: {}",
                f.n,
                clean_line(&f.source),
                m::unread(lang, &f.reason)
            )?;
        }
    }
    writeln!(out)?;
    if inbox.mails.is_empty() && inbox.failed.is_empty() {
        writeln!(out, "{}", m::TRIAGE_NO_MAIL.get(lang))?;
    }
    let threads = inbox.mails.iter().filter(|t| t.decides());
    let sure = threads
        .clone()
        .filter(|t| t.decision.confidence.is_sure())
        .count();
    let review = threads.count() - sure;
    writeln!(
        out,
        "{}",
        m::triage_summary(
            lang,
            inbox.mails.len() + inbox.failed.len(),
            inbox.threads(),
            sure,
            review,
            inbox.failed.len()
        )
    )
}

fn cells(faq: &Faq, mail: &Triaged) -> Vec<String> {
    let d = &mail.decision;
    let id = |i: usize| faq.entries[i].id.clone();
    let from = mail
        .from_name
        .clone()
        .or_else(|| mail.from_address.clone())
        .unwrap_or_default();
    let date = mail
        .date
        .as_deref()
        .map(|d| d.get(..16).unwrap_or(d).replace('T', " "))
        .unwrap_or_default();
    let (answer, confidence, also) = if mail.decides() {
        (
            d.entry
                .map(id)
                .or_else(|| d.related.clone())
                .unwrap_or_else(|| "-".to_string()),
            d.confidence.name().to_string(),
            d.alternatives
                .iter()
                .map(|&i| id(i))
                .collect::<Vec<_>>()
                .join(","),
        )
    } else {
        // The thread's latest mail decides.
        (
            format!("→#{}", mail.decided_by),
            String::new(),
            String::new(),
        )
    };
    let thread = if mail.thread_size > 1 {
        format!("T{}", mail.thread)
    } else {
        String::new()
    };
    vec![
        mail.n.to_string(),
        date,
        clean_line(&from).into_owned(),
        clean_line(&mail.subject).into_owned(),
        answer,
        confidence,
        also,
        d.codes.join(","),
        thread,
    ]
}

/// One line of the table, each cell cut or padded to its width.
fn row(out: &mut impl Write, cells: &[&str]) -> io::Result<()> {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(WIDTHS).enumerate() {
        let cell = fit(cell, width);
        let pad = width.saturating_sub(textwrap::core::display_width(&cell));
        line.push_str(&cell);
        if i + 1 < cells.len() {
            line.push_str(&" ".repeat(pad + 2));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

/// A cell cut to `width` columns, with `…` where it was cut.
fn fit(cell: &str, width: usize) -> String {
    if textwrap::core::display_width(cell) <= width {
        return cell.to_string();
    }
    let mut s = String::new();
    let mut used = 0;
    for c in cell.chars() {
        let w = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        s.push(c);
        used += w;
    }
    s.push('…');
    s
}

#[derive(Serialize)]
pub struct JsonTriage {
    pub lang: Lang,
    pub faq: JsonFaq,
    pub mails: Vec<JsonMail>,
    pub failed: Vec<JsonFailed>,
    pub summary: JsonSummary,
}

#[derive(Serialize)]
pub struct JsonMail {
    pub n: usize,
    pub source: String,
    pub from: JsonSender,
    pub date: Option<String>,
    pub subject: String,
    /// The sender's language: the draft's.
    pub lang: Lang,
    pub html_only: bool,
    /// The problem as read from the body.
    pub problem: String,
    /// The problem came from quoted or forwarded history.
    pub problem_from_history: bool,
    /// The FAQ entry that answers (its id and question, in the sender's language).
    pub answer: Option<JsonAnswer>,
    pub confidence: Level,
    pub alternatives: Vec<String>,
    /// A code the catalog knows and the FAQ does not answer.
    pub related_code: Option<String>,
    /// Why nothing was answered.
    pub reason: Option<Reason>,
    pub codes: Vec<String>,
    /// The thread: the `n` of its first mail.
    pub thread: usize,
    /// The `n` of the thread's latest mail, whose answer is the thread's.
    pub decided_by: usize,
    /// The draft written for this mail (`--drafts`).
    pub draft: Option<String>,
}

#[derive(Serialize)]
pub struct JsonSender {
    pub name: Option<String>,
    pub address: Option<String>,
}

#[derive(Serialize)]
pub struct JsonAnswer {
    pub id: String,
    pub question: String,
}

#[derive(Serialize)]
pub struct JsonFailed {
    pub n: usize,
    pub source: String,
    pub reason: String,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub mails: usize,
    pub threads: usize,
    pub answered: usize,
    pub to_review: usize,
    pub failed: usize,
}

/// The JSON output; `drafts` holds the draft file of each mail that has one.
pub fn json(faq: &Faq, inbox: &Inbox, lang: Lang, drafts: &[(usize, String)]) -> JsonTriage {
    let id = |i: usize| faq.entries[i].id.clone();
    let mails: Vec<JsonMail> = inbox
        .mails
        .iter()
        .map(|t| {
            let d = &t.decision;
            JsonMail {
                n: t.n,
                source: t.source.clone(),
                from: JsonSender {
                    name: t.from_name.clone(),
                    address: t.from_address.clone(),
                },
                date: t.date.clone(),
                subject: t.subject.clone(),
                lang: t.lang,
                html_only: t.html_only,
                problem: t.problem.clone(),
                problem_from_history: t.from_history,
                answer: d.entry.map(|e| JsonAnswer {
                    id: id(e),
                    question: faq.entries[e].question.get(t.lang).clone(),
                }),
                confidence: d.confidence,
                alternatives: d.alternatives.iter().map(|&i| id(i)).collect(),
                related_code: d.related.clone(),
                reason: d.reason,
                codes: d.codes.clone(),
                thread: t.thread,
                decided_by: t.decided_by,
                draft: drafts
                    .iter()
                    .find(|(n, _)| *n == t.n)
                    .map(|(_, p)| p.clone()),
            }
        })
        .collect();
    let deciding = inbox.mails.iter().filter(|t| t.decides());
    let answered = deciding
        .clone()
        .filter(|t| t.decision.confidence.is_sure())
        .count();
    JsonTriage {
        lang,
        faq: faq_info(faq),
        summary: JsonSummary {
            mails: inbox.mails.len() + inbox.failed.len(),
            threads: inbox.threads(),
            answered,
            to_review: deciding.count() - answered,
            failed: inbox.failed.len(),
        },
        mails,
        failed: inbox
            .failed
            .iter()
            .map(|f| JsonFailed {
                n: f.n,
                source: f.source.clone(),
                reason: m::unread(lang, &f.reason),
            })
            .collect(),
    }
}

const CSV_COLUMNS: [&str; 18] = [
    "n",
    "source",
    "thread",
    "decided_by",
    "date",
    "from_name",
    "from_address",
    "subject",
    "lang",
    "entry",
    "question",
    "confidence",
    "alternatives",
    "related_code",
    "codes",
    "status",
    "draft",
    "problem",
];

/// The CSV: a byte-order mark, a header line, one line per mail (the unread ones with
/// their reason in `status`), CRLF line ends as spreadsheets write them.
pub fn csv(
    out: &mut impl Write,
    faq: &Faq,
    inbox: &Inbox,
    lang: Lang,
    drafts: &[(usize, String)],
) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    csv_line(out, &CSV_COLUMNS)?;
    let id = |i: usize| faq.entries[i].id.clone();
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for t in &inbox.mails {
        let d = &t.decision;
        let status = if !t.decides() {
            format!("thread:{}", t.decided_by)
        } else if d.confidence.is_sure() {
            "answered".to_string()
        } else {
            "to_review".to_string()
        };
        rows.push((
            t.n,
            vec![
                t.n.to_string(),
                t.source.clone(),
                t.thread.to_string(),
                t.decided_by.to_string(),
                t.date.clone().unwrap_or_default(),
                t.from_name.clone().unwrap_or_default(),
                t.from_address.clone().unwrap_or_default(),
                t.subject.clone(),
                t.lang.code().to_string(),
                d.entry.map(id).unwrap_or_default(),
                d.entry
                    .map(|e| faq.entries[e].question.get(t.lang).clone())
                    .unwrap_or_default(),
                d.confidence.name().to_string(),
                d.alternatives
                    .iter()
                    .map(|&i| id(i))
                    .collect::<Vec<_>>()
                    .join(" "),
                d.related.clone().unwrap_or_default(),
                d.codes.join(" "),
                status,
                drafts
                    .iter()
                    .find(|(n, _)| *n == t.n)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_default(),
                t.problem.clone(),
            ],
        ));
    }
    for f in &inbox.failed {
        let mut cells = vec![String::new(); CSV_COLUMNS.len()];
        cells[0] = f.n.to_string();
        cells[1] = f.source.clone();
        cells[15] = format!("failed: {}", m::unread(lang, &f.reason));
        rows.push((f.n, cells));
    }
    rows.sort_by_key(|(n, _)| *n);
    for (_, cells) in rows {
        csv_line(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    Ok(())
}

fn csv_line(out: &mut impl Write, cells: &[&str]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    write!(out, "{}\r\n", line.join(","))
}

/// A cell quoted when it must be. Text from a mail that a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@` first) is kept as text with a leading apostrophe.
fn csv_cell(cell: &str) -> String {
    let cell = crate::text::clean(cell);
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn cells_are_cut_to_their_width() {
        assert_eq!(fit("招待メールが届きません", 10), "招待メー…");
        assert_eq!(fit("short", 10), "short");
    }
}

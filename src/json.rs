//! JSON output, a contract other programs and the evaluation read: one object whose
//! `results` holds FAQ entries, best first, each with at least `id`, `codes`, `question`
//! and `answer` in the chosen language (and `score` for a search). Everything that is not
//! an FAQ entry (catalog facts, notes, suggestions) lives in other fields.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::codes;
use crate::data::catalog::Contact as Who;
use crate::data::faq::{Entry, Faq, Origin};
use crate::data::guide::{Ask, Guide, Node};
use crate::data::outside::HelpdeskNote;
use crate::engine::{CodeView, Resolved, Searched};
use crate::helpdesk::Details;
use crate::lang::Lang;
use crate::search::{Confidence, Hit, Reason};

#[derive(Serialize)]
pub struct JsonEntry {
    pub id: String,
    pub codes: Vec<String>,
    pub question: String,
    /// The answer as text, lines joined with `\n`.
    pub answer: String,
    pub see_also: Vec<String>,
    pub contact_helpdesk: bool,
    /// Maintainers' notes, not the helpdesk's words.
    pub notes: Vec<JsonNote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<Vec<String>>,
}

#[derive(Serialize)]
pub struct JsonNote {
    pub text: String,
    pub source: String,
}

#[derive(Serialize)]
pub struct JsonContact {
    pub name: String,
    pub hours: String,
    pub email: String,
}

pub fn entry(e: &Entry, lang: Lang) -> JsonEntry {
    JsonEntry {
        id: e.id.clone(),
        codes: e.codes.clone(),
        question: e.question.get(lang).clone(),
        answer: e.answer_text(lang),
        see_also: e.see_also.clone(),
        contact_helpdesk: e.contact_helpdesk,
        notes: e
            .notes
            .iter()
            .map(|n| JsonNote {
                text: n.text(lang).to_string(),
                source: n.source.clone(),
            })
            .collect(),
        score: None,
        matched: None,
    }
}

fn contact(faq: &Faq, lang: Lang) -> JsonContact {
    JsonContact {
        name: faq.contact.name.get(lang).clone(),
        hours: faq.contact.hours.get(lang).clone(),
        email: faq.contact.email.clone(),
    }
}

/// Which FAQ answers: its date, and `built-in` or the file it was read from.
#[derive(Serialize)]
pub struct JsonFaq {
    pub updated: String,
    pub source: String,
    pub entries: usize,
}

pub fn faq_info(faq: &Faq) -> JsonFaq {
    JsonFaq {
        updated: faq.updated.clone(),
        source: match &faq.origin {
            Origin::BuiltIn => "built-in".to_string(),
            Origin::File(path) => path.clone(),
        },
        entries: faq.entries.len(),
    }
}

#[derive(Serialize)]
pub struct ListOutput {
    pub lang: Lang,
    pub faq: JsonFaq,
    pub results: Vec<JsonEntry>,
}

pub fn list(faq: &Faq, lang: Lang) -> ListOutput {
    ListOutput {
        lang,
        faq: faq_info(faq),
        results: faq.entries.iter().map(|e| entry(e, lang)).collect(),
    }
}

#[derive(Serialize)]
pub struct ShowOutput {
    pub lang: Lang,
    pub faq: JsonFaq,
    pub id: String,
    pub results: Vec<JsonEntry>,
}

pub fn show(faq: &Faq, found: Option<&Entry>, lang: Lang, asked: &str) -> ShowOutput {
    ShowOutput {
        lang,
        faq: faq_info(faq),
        id: asked.to_string(),
        results: found.map(|e| entry(e, lang)).into_iter().collect(),
    }
}

#[derive(Serialize)]
pub struct SearchOutput {
    pub lang: Lang,
    pub faq: JsonFaq,
    pub query: String,
    /// How sure the answer is: `high` (one entry answers), `close` (the next entries fit
    /// almost as well), `vague` (the query fits several entries; `results` lists them),
    /// `code` (a code in the query decided), `none` (nothing answers).
    pub confidence: Confidence,
    /// Why nothing answers: `other_service`, `no_subject` or `weak`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// With reason `outside_faq`: the topic (`mfa`, `otp`, `conditional_access`,
    /// `cross_tenant`, `risk_block`), and its note: the tool maintainers' summary with
    /// its source, not the helpdesk's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<JsonOutside>,
    pub results: Vec<JsonEntry>,
    /// The helpdesk, for when no result helps.
    pub contact: JsonContact,
    /// With confidence `vague`: the guide's question that picks one entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clarify: Option<JsonNode>,
    /// Read from a pasted error page holding a Request Id or Correlation Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helpdesk: Option<JsonHelpdesk>,
}

fn hit_entry(e: &Entry, h: &Hit, lang: Lang) -> JsonEntry {
    let mut j = entry(e, lang);
    j.score = Some((h.score * 1000.0).round() / 1000.0);
    j.matched = Some(h.matched.clone());
    j
}

/// The search's results, each with its score and what it matched.
fn hits(s: &Searched, lang: Lang) -> Vec<JsonEntry> {
    s.entries
        .iter()
        .zip(&s.outcome.hits)
        .map(|(e, h)| hit_entry(e, h, lang))
        .collect()
}

pub fn search(s: &Searched, lang: Lang) -> SearchOutput {
    SearchOutput {
        lang,
        faq: faq_info(s.faq),
        query: s.query.to_string(),
        confidence: s.outcome.confidence,
        reason: s.outcome.reason,
        topic: s.outcome.topic.clone(),
        outside: s.outside.map(|(t, about)| JsonOutside {
            title: t.title.get(lang).clone(),
            note: t.note.get(lang).clone(),
            who: t.who.get(lang).clone(),
            source: t.source.clone(),
            about: about.get(lang).clone(),
        }),
        results: hits(s, lang),
        contact: contact(s.faq, lang),
        clarify: s.clarify.map(|n| node(n, lang)),
        helpdesk: None,
    }
}

/// A question of the guide in one language.
#[derive(Serialize)]
pub struct JsonNode {
    pub id: String,
    pub question: String,
    pub choices: Vec<JsonChoice>,
}

/// A choice: its label and where it leads (`next` question, `entry` with the `command`
/// that shows it, or `ask`: `paste`, `text` or `language`).
#[derive(Serialize)]
pub struct JsonChoice {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<Ask>,
}

pub fn node(n: &Node, lang: Lang) -> JsonNode {
    JsonNode {
        id: n.id.clone(),
        question: n.question.get(lang).clone(),
        choices: n
            .choices
            .iter()
            .map(|c| JsonChoice {
                label: c.label.get(lang).clone(),
                next: c.next.clone(),
                entry: c.entry.clone(),
                command: c.entry.as_ref().map(|id| format!("sphere-faq show {id}")),
                ask: c.ask,
            })
            .collect(),
    }
}

/// `sphere-faq guide --json`: the questions of guided mode, the first one first.
#[derive(Serialize)]
pub struct GuideOutput {
    pub lang: Lang,
    pub start: String,
    pub nodes: Vec<JsonNode>,
}

pub fn guide(g: &Guide, lang: Lang) -> GuideOutput {
    GuideOutput {
        lang,
        start: g.start.clone(),
        nodes: g.nodes.iter().map(|n| node(n, lang)).collect(),
    }
}

/// The block for the helpdesk: its address, the details of the page, and Microsoft's
/// advice (`note`, not the FAQ's words) with its `source`.
#[derive(Serialize)]
pub struct JsonHelpdesk {
    pub email: String,
    #[serde(flatten)]
    pub details: Details,
    pub note: String,
    pub source: String,
}

pub fn helpdesk(d: &Details, email: &str, note: &HelpdeskNote, lang: Lang) -> JsonHelpdesk {
    JsonHelpdesk {
        email: email.to_string(),
        details: d.clone(),
        note: note.note.get(lang).clone(),
        source: note.source.clone(),
    }
}

/// A topic outside the FAQ, in the answer's language.
#[derive(Serialize)]
pub struct JsonOutside {
    pub title: String,
    pub note: String,
    /// Who can help.
    pub who: String,
    pub source: String,
    /// Whose words these are.
    pub about: String,
}

/// One code found in the input. Made as it is written (see [`Codes`]), borrowing from
/// the answer.
#[derive(Serialize)]
pub struct JsonCode<'a> {
    pub code: &'a str,
    /// `faq`: the FAQ answers it; `related`: the catalog knows it; `other_product`: a
    /// bare number of SPHERE's in a text about another product; `unknown`.
    pub status: &'static str,
    /// The FAQ entry that answers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<&'a str>,
    /// Catalog facts: the maintainers' summary, not the helpdesk's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<JsonRelated>,
    /// Microsoft's explanation page (AADSTS codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub microsoft_url: Option<codes::MicrosoftUrl<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub did_you_mean: &'a [String],
}

/// The `codes` array, each code made as it is written: a paste of 80,000 codes needs no
/// array of 80,000 objects in memory first.
pub struct Codes<'a> {
    view: &'a CodeView<'a>,
    lang: Lang,
}

impl Serialize for Codes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.view.codes.iter().map(|(c, r)| self.one(c, r)))
    }
}

impl<'a> Codes<'a> {
    fn one(&self, code: &'a str, r: &'a Resolved<'a>) -> JsonCode<'a> {
        let lang = self.lang;
        let mut j = JsonCode {
            code,
            status: "unknown",
            entry: None,
            related: None,
            microsoft_url: codes::microsoft_url_of(code),
            did_you_mean: &[],
        };
        match r {
            Resolved::Faq(e) => {
                j.status = "faq";
                j.entry = Some(&e.id);
            }
            Resolved::Related {
                facts,
                action,
                about,
                ..
            } => {
                j.status = "related";
                j.related = Some(JsonRelated {
                    meaning: facts.meaning.get(lang).clone(),
                    action: action.map(|a| a.get(lang).clone()).unwrap_or_default(),
                    help: facts.help.clone(),
                    contact: facts.contact,
                    source: facts.source.clone(),
                    about: about.get(lang).clone(),
                });
            }
            Resolved::Unknown(nearest) => j.did_you_mean = nearest,
            Resolved::Elsewhere => j.status = "other_product",
        }
        j
    }
}

#[derive(Serialize)]
pub struct JsonRelated {
    pub meaning: String,
    /// What the person can do.
    pub action: String,
    /// FAQ entries that help, closest first.
    pub help: Vec<String>,
    pub contact: Who,
    /// Where the meaning was read (the maintainers' summary, not the helpdesk's words).
    pub source: String,
    /// What the catalog is.
    pub about: String,
}

#[derive(Serialize)]
pub struct CodeOutput<'a> {
    pub lang: Lang,
    pub faq: JsonFaq,
    pub codes: Codes<'a>,
    /// True when the input held no code and a symptom search answered instead.
    pub searched_as_symptom: bool,
    /// For that search: how sure its answer is (as in `search`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    pub results: Vec<JsonEntry>,
    pub contact: JsonContact,
    /// Read from a pasted error page holding a Request Id or Correlation Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helpdesk: Option<JsonHelpdesk>,
}

pub fn code<'a>(v: &'a CodeView<'a>, lang: Lang) -> CodeOutput<'a> {
    let results = match &v.fallback {
        Some(s) => hits(s, lang),
        None => v.results.iter().map(|e| entry(e, lang)).collect(),
    };
    CodeOutput {
        lang,
        faq: faq_info(v.faq),
        codes: Codes { view: v, lang },
        searched_as_symptom: v.fallback.is_some(),
        confidence: v.fallback.as_ref().map(|s| s.outcome.confidence),
        results,
        contact: contact(v.faq, lang),
        helpdesk: None,
    }
}

/// Writes a value as pretty JSON and a final newline, every character that the output
/// policy calls unsafe (`text::is_unsafe`) written as a `\uXXXX` escape: the same strings
/// for a program, nothing a terminal would act on.
pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Safe::default());
    // io::Error::from keeps the kind of a write error (a closed pipe stays BrokenPipe).
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// serde_json's `PrettyFormatter`, with the unsafe characters of a string escaped
/// (serde_json escapes only C0 controls, quotes and backslashes).
#[derive(Default)]
struct Safe(PrettyFormatter<'static>);

macro_rules! pretty {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if crate::text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    pretty!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );
}

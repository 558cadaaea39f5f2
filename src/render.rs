//! Output for people: the layout of entries, lists and messages in each language, with
//! colour only when it was asked for. (JSON output lives in `json.rs`.)

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use colored::{ColoredString, Colorize};

use crate::codes;
use crate::data::catalog::{CatalogEntry, Contact};
use crate::data::faq::{Entry, Faq, Localized, Note};
use crate::data::guide::{Choice, Node};
use crate::data::outside::{HelpdeskNote, Topic as OutsideTopic};
use crate::engine::{CodeView, Resolved, Searched};
use crate::helpdesk::Details;
use crate::lang::Lang;
use crate::messages;
use crate::search::Confidence;
use crate::text::{Needles, Normalized, clean, clean_line, truncate, truncate_columns};

/// Words of the interface in the output's language (their text is in `messages.rs`).
pub struct Labels {
    pub codes: &'static str,
    pub see_also: &'static str,
    pub note: &'static str,
    pub source: &'static str,
    pub contact: &'static str,
    pub also: &'static str,
    pub matched: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    use crate::messages as m;
    Labels {
        codes: m::CODES.get(lang),
        see_also: m::SEE_ALSO.get(lang),
        note: m::NOTE.get(lang),
        source: m::SOURCE.get(lang),
        contact: m::CONTACT.get(lang),
        also: m::ALSO.get(lang),
        matched: m::MATCHED.get(lang),
    }
}

/// The width answers are wrapped to (0: not wrapped), set once by the application like
/// colour: the terminal's width, 80 when unknown, nothing for a pipe, or `--width`.
static WIDTH: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Sets the width human output is wrapped to (`None`: not wrapped).
pub fn set_width(width: Option<usize>) {
    WIDTH.store(width.unwrap_or(0), std::sync::atomic::Ordering::Relaxed);
}

fn width() -> Option<usize> {
    match WIDTH.load(std::sync::atomic::Ordering::Relaxed) {
        0 => None,
        w => Some(w),
    }
}

/// Whether notes are printed whole, with their sources (`--notes`), rather than one
/// folded line each.
static WHOLE_NOTES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets whether notes are printed whole (`--notes`).
pub fn set_whole_notes(whole: bool) {
    WHOLE_NOTES.store(whole, std::sync::atomic::Ordering::Relaxed);
}

/// A writer that wraps every line written through it to the output width, if there is
/// one: the line's own indent starts it, and its continuation lines hang under the text
/// (under a list item's text, after `- `, `→`, `※`). So no line of human output is wider
/// than the terminal, whichever part of the printer wrote it.
pub struct Wrapped<W: Write> {
    inner: W,
    width: Option<usize>,
    pending: Vec<u8>,
}

impl<W: Write> Wrapped<W> {
    pub fn new(inner: W, width: Option<usize>) -> Wrapped<W> {
        Wrapped {
            inner,
            width,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        let Some(width) = self.width else {
            return self.inner.write_all(line);
        };
        let text = String::from_utf8_lossy(line);
        let body = text.trim_end_matches(['\n', '\r']);
        if textwrap::core::display_width(body) <= width {
            return self.inner.write_all(line);
        }
        let indent_len = body.len() - body.trim_start_matches(' ').len();
        let (indent, rest) = body.split_at(indent_len);
        let hang = crate::text::hang_for(indent, &crate::text::strip_ansi(rest));
        for l in crate::text::wrap(rest, width, indent, &hang) {
            self.inner.write_all(l.trim_end().as_bytes())?;
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Wrapped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.width.is_none() {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        while let Some(i) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=i).collect();
            self.emit(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Wrapped<W> {
    fn drop(&mut self) {
        // Everything the printer writes ends with a line break; a rest is written as it is.
        let _ = self.inner.write_all(&std::mem::take(&mut self.pending));
    }
}

/// Writes human-readable output. Colour comes from `colored`, whose global switch the
/// application sets once from `--color`, `NO_COLOR`, `CLICOLOR_FORCE` and the terminal.
pub struct Printer<W: Write> {
    pub out: Wrapped<W>,
    pub lang: Lang,
    pub color: bool,
}

impl<W: Write> Printer<W> {
    pub fn new(out: W, lang: Lang, color: bool) -> Printer<W> {
        Printer {
            out: Wrapped::new(out, width()),
            lang,
            color,
        }
    }

    /// One entry in full: heading, codes, answer, cross references, notes, contact.
    /// `highlight` holds normalized terms to emphasize (what a search matched).
    pub fn entry(&mut self, faq: &Faq, e: &Entry, highlight: &[String]) -> io::Result<()> {
        let l = labels(self.lang);
        let highlight = &Needles::new(highlight);
        writeln!(
            self.out,
            "{}  {}",
            e.id.bold().cyan(),
            self.highlighted(&clean_line(e.question.get(self.lang)), highlight, true)
        )?;
        if !e.codes.is_empty() {
            let codes: Vec<String> = e.codes.iter().map(|c| c.yellow().to_string()).collect();
            writeln!(self.out, "{}: {}", l.codes.dimmed(), codes.join(", "))?;
        }
        writeln!(self.out)?;
        for line in e.answer.get(self.lang).iter() {
            let line = clean(line);
            if line.trim().is_empty() {
                writeln!(self.out)?;
            } else {
                writeln!(self.out, "  {}", self.highlighted(&line, highlight, false))?;
            }
        }
        // The answer text names the entry it refers to; point at the command that shows it.
        for r in e.see_also.iter() {
            if let Some(target) = faq.entry(r) {
                writeln!(
                    self.out,
                    "  → {}: {}  {}",
                    l.see_also,
                    format!("sphere-faq show {}", target.id).bold(),
                    clean_line(target.question.get(self.lang)).dimmed()
                )?;
            }
        }
        if WHOLE_NOTES.load(std::sync::atomic::Ordering::Relaxed) {
            for note in e.notes.iter() {
                writeln!(self.out)?;
                self.note(note)?;
            }
        } else if !e.notes.is_empty() {
            writeln!(self.out)?;
            self.folded_notes(&e.notes)?;
        }
        if e.contact_helpdesk {
            writeln!(self.out)?;
            self.contact(&faq.contact)?;
        }
        Ok(())
    }

    /// The notes one line each, their first words cut to the width (80 in a pipe), and
    /// how to see them whole: five whole notes were two thirds of an entry.
    fn folded_notes(&mut self, notes: &[Note]) -> io::Result<()> {
        let l = labels(self.lang);
        writeln!(self.out, "  {} {}", "ⓘ".magenta(), l.note.magenta().bold())?;
        let room = width().unwrap_or(80).saturating_sub(6).max(10);
        for note in notes {
            let text = clean_line(note.text(self.lang));
            writeln!(self.out, "    - {}", truncate_columns(&text, room).italic())?;
        }
        writeln!(
            self.out,
            "    {}",
            messages::NOTES_WHOLE.get(self.lang).dimmed()
        )
    }

    /// A maintainers' note, visibly apart from the helpdesk's answer and with its source.
    pub fn note(&mut self, note: &Note) -> io::Result<()> {
        let l = labels(self.lang);
        writeln!(self.out, "  {} {}", "ⓘ".magenta(), l.note.magenta().bold())?;
        writeln!(
            self.out,
            "    {}",
            clean_line(note.text(self.lang)).italic()
        )?;
        writeln!(
            self.out,
            "    {}: {}",
            l.source.dimmed(),
            clean_line(&note.source).dimmed()
        )
    }

    /// A topic outside the FAQ: said plainly, the maintainers' summary with its source
    /// apart, who can help, and the helpdesk.
    pub fn outside(
        &mut self,
        about: &Localized<String>,
        t: &OutsideTopic,
        c: &crate::data::faq::Contact,
    ) -> io::Result<()> {
        let lang = self.lang;
        let head = messages::OUTSIDE_FAQ.get(lang);
        writeln!(self.out, "{}", head.bold())?;
        writeln!(self.out, "  {}", clean_line(t.title.get(lang)).bold())?;
        writeln!(self.out)?;
        writeln!(
            self.out,
            "  {} {}",
            "ⓘ".magenta(),
            clean_line(about.get(lang)).magenta()
        )?;
        for line in [t.note.get(lang), t.who.get(lang)] {
            writeln!(self.out, "    {}", clean_line(line).italic())?;
        }
        writeln!(
            self.out,
            "    {}: {}",
            labels(lang).source.dimmed(),
            clean_line(&t.source).dimmed()
        )?;
        writeln!(self.out)?;
        self.contact(c)
    }

    /// The helpdesk's name, e-mail address and hours.
    pub fn contact(&mut self, c: &crate::data::faq::Contact) -> io::Result<()> {
        let l = labels(self.lang);
        writeln!(
            self.out,
            "  {}: {} <{}>",
            l.contact.bold(),
            clean_line(c.name.get(self.lang)),
            self.link(&clean_line(&c.email))
        )?;
        writeln!(self.out, "  {}", clean_line(c.hours.get(self.lang)))
    }

    /// One line per entry. Piped (no colour), it is tab-separated with no decoration:
    /// `Q13<TAB>AADSTS50020<TAB>question`, with `-` where an entry has no code.
    pub fn list_line(&mut self, e: &Entry) -> io::Result<()> {
        let codes = if e.codes.is_empty() {
            "-".to_string()
        } else {
            e.codes.join(",")
        };
        let q = clean_line(e.question.get(self.lang));
        if self.color {
            writeln!(
                self.out,
                "{:<4} {:<12} {}",
                e.id.bold().cyan(),
                codes.yellow(),
                q
            )
        } else {
            writeln!(self.out, "{}\t{}\t{}", e.id, codes, q)
        }
    }

    /// A short line for a runner-up search result.
    pub fn summary_line(&mut self, e: &Entry) -> io::Result<()> {
        writeln!(
            self.out,
            "  {:<4} {}",
            e.id.bold().cyan(),
            clean_line(e.question.get(self.lang))
        )
    }

    pub fn heading(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{}", text.bold())
    }

    pub fn rule(&mut self) -> io::Result<()> {
        if self.color {
            writeln!(self.out, "{}", "─".repeat(60).dimmed())
        } else {
            writeln!(self.out)
        }
    }

    /// Emphasizes URLs, e-mail addresses and codes in a line of answer text, and the
    /// given search terms when colour is on.
    fn highlighted(&self, line: &str, terms: &Needles, heading: bool) -> String {
        if !self.color {
            return line.to_string();
        }
        let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
        for r in crate::text::links(line) {
            marks.push((r, Mark::Link));
        }
        for r in Normalized::new(line).find(terms) {
            if !marks
                .iter()
                .any(|(m, _)| m.start < r.end && r.start < m.end)
            {
                marks.push((r, Mark::Term));
            }
        }
        marks.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(line.len() + 16);
        let mut at = 0;
        for (r, mark) in marks {
            if r.start < at {
                continue;
            }
            let plain = &line[at..r.start];
            out.push_str(&if heading {
                plain.bold().to_string()
            } else {
                plain.to_string()
            });
            let piece = &line[r.clone()];
            let styled: ColoredString = match mark {
                Mark::Link => piece.blue().underline(),
                Mark::Term => piece.yellow().bold(),
            };
            out.push_str(&styled.to_string());
            at = r.end;
        }
        let rest = &line[at..];
        out.push_str(&if heading {
            rest.bold().to_string()
        } else {
            rest.to_string()
        });
        out
    }

    fn link<'a>(&self, s: &'a str) -> Cow<'a, str> {
        match self.color {
            true => Cow::Owned(s.blue().underline().to_string()),
            false => Cow::Borrowed(s),
        }
    }
}

/// The matched terms as the user typed them (`ログイン`, not the folded `ろぐいん`).
fn as_typed(query: &str, matched: &[String]) -> Vec<String> {
    // The query normalized once, every term looked for in one pass: a 16 KB query with
    // many matched terms is not normalized again for each.
    let mut first: Vec<Option<Range<usize>>> = vec![None; matched.len()];
    for (r, which) in Normalized::new(query).matches(&Needles::new(matched)) {
        first[which].get_or_insert(r);
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for (m, at) in matched.iter().zip(first) {
        let (pos, shown) = at.map_or_else(
            || (usize::MAX, m.clone()),
            |r| (r.start, query[r].to_string()),
        );
        let shown = clean_line(&shown).into_owned();
        if !found.iter().any(|(_, s)| *s == shown) {
            found.push((pos, shown));
        }
    }
    // In the order they were typed; 招待 inside 招待メール says nothing new.
    found.sort_by_key(|(pos, _)| *pos);
    let all: Vec<String> = found.iter().map(|(_, s)| s.clone()).collect();
    all.iter()
        .filter(|s| !all.iter().any(|o| o != *s && o.contains(s.as_str())))
        .cloned()
        .collect()
}

enum Mark {
    Link,
    Term,
}

impl<W: Write> Printer<W> {
    /// A search's answer: nothing (the caller says so), the likely entries side by side for
    /// a vague query, or the best entry in full and the runners-up.
    pub fn outcome(&mut self, s: &Searched) -> io::Result<()> {
        if s.outcome.confidence == Confidence::Vague {
            return match s.clarify {
                Some(n) => self.clarify(n),
                None => self.candidates(&s.entries),
            };
        }
        self.hits(s)
    }

    /// A search's whole answer: [`Printer::outcome`], then, when nothing answered, a topic
    /// outside the FAQ or the pointer to the list and the helpdesk.
    pub fn searched(&mut self, s: &Searched) -> io::Result<()> {
        self.outcome(s)?;
        match s.outside {
            Some((topic, about)) => self.outside(about, topic, &s.faq.contact),
            None if s.entries.is_empty() => match &s.elsewhere {
                Some(code) => {
                    self.code_elsewhere(code)?;
                    self.contact(&s.faq.contact)
                }
                None => self.no_match(s.query, &s.faq.contact),
            },
            None => Ok(()),
        }
    }

    /// A vague query ("I can't log in"): no single entry answers, so the likely ones, one
    /// line each with the command that shows it, and how to narrow it down.
    fn candidates(&mut self, entries: &[&Entry]) -> io::Result<()> {
        let (head, tip) = (
            messages::VAGUE_HEAD.get(self.lang),
            messages::VAGUE_TIP.get(self.lang),
        );
        writeln!(self.out, "{}", head.bold())?;
        writeln!(self.out)?;
        for e in entries {
            writeln!(
                self.out,
                "  {:<4} {}",
                e.id.bold().cyan(),
                clean_line(e.question.get(self.lang))
            )?;
            writeln!(
                self.out,
                "       {}",
                format!("sphere-faq show {}", e.id).dimmed()
            )?;
        }
        writeln!(self.out)?;
        writeln!(self.out, "{}", tip.dimmed())
    }

    /// A vague query with the guide's question for it: the question, and each choice with
    /// the command that answers it.
    fn clarify(&mut self, n: &Node) -> io::Result<()> {
        writeln!(self.out, "{}", messages::VAGUE_HEAD.get(self.lang).bold())?;
        writeln!(self.out)?;
        writeln!(self.out, "{}", clean_line(n.question.get(self.lang)).bold())?;
        for (i, c) in n.choices.iter().enumerate() {
            self.choice(i, c)?;
            if let Some(id) = &c.entry {
                let command = format!("sphere-faq show {id}");
                writeln!(self.out, "       {}", command.dimmed())?;
            }
        }
        writeln!(self.out)?;
        writeln!(self.out, "{}", messages::VAGUE_TIP.get(self.lang).dimmed())
    }

    /// A question of the guide and its numbered choices.
    pub fn question(&mut self, n: &Node) -> io::Result<()> {
        writeln!(self.out, "{}", clean_line(n.question.get(self.lang)).bold())?;
        for (i, c) in n.choices.iter().enumerate() {
            self.choice(i, c)?;
        }
        Ok(())
    }

    fn choice(&mut self, i: usize, c: &Choice) -> io::Result<()> {
        // The indent stays outside the colour, where the wrapper finds it.
        let number = format!("{}.", i + 1);
        let pad = " ".repeat(4usize.saturating_sub(number.len()));
        let label = clean_line(c.label.get(self.lang));
        writeln!(self.out, "{pad}{} {label}", number.bold().cyan())
    }

    /// The block for the helpdesk: its address, the details read from the pasted page,
    /// and Microsoft's advice as a note apart from the FAQ, with its source.
    pub fn helpdesk(&mut self, d: &Details, email: &str, note: &HelpdeskNote) -> io::Result<()> {
        let lang = self.lang;
        writeln!(self.out, "{}", messages::HELPDESK_HEAD.get(lang).bold())?;
        writeln!(self.out, "  {}", messages::HELPDESK_COPY.get(lang))?;
        let to = messages::HELPDESK_TO.get(lang);
        writeln!(self.out, "  {to}: {}", self.link(&clean_line(email)))?;
        let values = [
            &d.code,
            &d.account,
            &d.request_id,
            &d.correlation_id,
            &d.timestamp,
            &d.app_name,
        ];
        for (label, value) in messages::HELPDESK_FIELDS.iter().zip(values) {
            if let Some(v) = value {
                writeln!(self.out, "  {}: {}", label.get(lang), clean_line(v))?;
            }
        }
        writeln!(self.out)?;
        let l = labels(lang);
        writeln!(self.out, "  {} {}", "ⓘ".magenta(), l.note.magenta().bold())?;
        writeln!(self.out, "    {}", clean_line(note.note.get(lang)).italic())?;
        writeln!(
            self.out,
            "    {}: {}",
            l.source.dimmed(),
            clean_line(&note.source).dimmed()
        )
    }

    /// The best hit in full, what it matched, then the runners-up one line each; when the
    /// runners-up are close, it says so.
    fn hits(&mut self, s: &Searched) -> io::Result<()> {
        let (Some(best), Some(e)) = (s.outcome.hits.first(), s.entries.first()) else {
            return Ok(());
        };
        let l = labels(self.lang);
        self.entry(s.faq, e, &best.highlight)?;
        if !best.matched.is_empty() {
            let shown = as_typed(s.query, &best.matched);
            writeln!(self.out)?;
            writeln!(self.out, "  {}: {}", l.matched.dimmed(), shown.join(", "))?;
        }
        if s.entries.len() > 1 {
            self.rule()?;
            let close = messages::CLOSE.get(self.lang);
            self.heading(if s.outcome.confidence == Confidence::Close {
                close
            } else {
                l.also
            })?;
            for e in &s.entries[1..] {
                self.summary_line(e)?;
            }
        }
        Ok(())
    }

    /// Nothing matched: say so, point to the list and the helpdesk.
    pub fn no_match(&mut self, q: &str, contact: &crate::data::faq::Contact) -> io::Result<()> {
        let q = truncate(&clean_line(q), 60).into_owned();
        let msg = messages::no_match(self.lang, &q);
        writeln!(self.out, "{msg}")?;
        self.contact(contact)
    }

    /// A bare SPHERE code (`1014`) that the text shows to be another product's.
    fn code_elsewhere(&mut self, code: &str) -> io::Result<()> {
        let msg = messages::code_elsewhere(self.lang, &clean_line(code));
        writeln!(self.out, "{msg}")
    }

    /// The answer to `sphere-faq code`: each code found, in order.
    pub fn code_answer(&mut self, v: &CodeView) -> io::Result<()> {
        if let Some(s) = &v.fallback {
            let msg = messages::SEARCHED_AS_SYMPTOM.get(self.lang);
            writeln!(self.out, "{}\n", msg.dimmed())?;
            return self.searched(s);
        }
        let mut nobody_knows = false;
        for (n, (code, r)) in v.codes.iter().enumerate() {
            if n > 0 {
                self.rule()?;
            }
            match r {
                Resolved::Faq(e) => self.entry(v.faq, e, &[])?,
                Resolved::Related {
                    facts,
                    action,
                    helps,
                    ..
                } => self.related(v.faq, code, facts, *action, helps)?,
                Resolved::Unknown(nearest) => {
                    nobody_knows = true;
                    self.unknown_code(code, nearest)?
                }
                Resolved::Elsewhere => {
                    nobody_knows = true;
                    self.code_elsewhere(code)?;
                }
            }
        }
        // The helpdesk once, after the codes nobody knows (a log of thousands of codes
        // printed it thousands of times).
        if nobody_knows {
            writeln!(self.out)?;
            self.contact(&v.faq.contact)?;
        }
        Ok(())
    }

    /// A catalog code: the maintainers' summary, Microsoft's page, and the closest help,
    /// all marked as not being the helpdesk's words; then the closest FAQ entry in full.
    fn related(
        &mut self,
        faq: &Faq,
        code: &str,
        c: &CatalogEntry,
        action: Option<&Localized<String>>,
        helps: &[&Entry],
    ) -> io::Result<()> {
        let head = messages::NOT_IN_FAQ.get(self.lang);
        writeln!(self.out, "{}  {}", code.yellow().bold(), head.bold())?;
        let who = messages::SUMMARY_BY_US.get(self.lang);
        writeln!(self.out, "  {} {}", "ⓘ".magenta(), who.magenta())?;
        writeln!(
            self.out,
            "    {}",
            clean_line(c.meaning.get(self.lang)).italic()
        )?;
        if let Some(action) = action {
            let label = messages::WHAT_YOU_CAN_DO.get(self.lang);
            writeln!(
                self.out,
                "    {}: {}",
                label.bold(),
                clean_line(action.get(self.lang))
            )?;
        }
        if let Some(url) = codes::microsoft_url(code) {
            writeln!(self.out, "    Microsoft: {}", self.link(&url))?;
        }
        writeln!(
            self.out,
            "    {}: {}",
            labels(self.lang).source.dimmed(),
            clean_line(&c.source).dimmed()
        )?;
        let admin = messages::ASK_ADMIN.get(self.lang);
        let either = messages::ASK_ADMIN_OR_HELPDESK.get(self.lang);
        match c.contact {
            Contact::Admin => writeln!(self.out, "    {admin}")?,
            Contact::HelpdeskOrAdmin => writeln!(self.out, "    {either}")?,
            Contact::Helpdesk | Contact::None => {}
        }
        if matches!(c.contact, Contact::Helpdesk | Contact::HelpdeskOrAdmin) {
            writeln!(self.out)?;
            self.contact(&faq.contact)?;
        }
        if let Some((first, rest)) = helps.split_first() {
            let label = messages::CLOSEST_ENTRY.get(self.lang);
            writeln!(self.out)?;
            writeln!(self.out, "{}", label.bold())?;
            self.entry(faq, first, &[])?;
            if !rest.is_empty() {
                writeln!(self.out)?;
                self.heading(labels(self.lang).also)?;
                for e in rest {
                    self.summary_line(e)?;
                }
            }
        }
        Ok(())
    }

    /// A code nobody knows: say so, Microsoft's page, near misses. A code Microsoft may
    /// define (AADSTS and five to seven digits) is more likely real than mistyped: its page
    /// comes first, and a near miss is named only as a possible slip, with no command to
    /// run (`AADSTS50011` is no typo of `AADSTS50061`, whose answer says SPHERE is fine).
    fn unknown_code(&mut self, code: &str, nearest: &[String]) -> io::Result<()> {
        let code = clean_line(code);
        // Without colour the code is written as it is: a paste of 70,000 unknown codes
        // spent a third of its time making colour objects that print plain.
        let shown = match self.color {
            true => Cow::Owned(code.yellow().bold().to_string()),
            false => Cow::Borrowed(&*code),
        };
        writeln!(self.out, "{}", messages::unknown_code(self.lang, &shown))?;
        let microsoft = codes::is_microsoft_shaped(&code);
        let page = |p: &mut Self| -> io::Result<()> {
            if let Some(url) = codes::microsoft_url(&code) {
                let label = messages::MICROSOFT_PAGE.get(p.lang);
                writeln!(p.out, "  {label}: {}", p.link(&url))?;
            }
            Ok(())
        };
        if microsoft {
            page(self)?;
        }
        if !nearest.is_empty() {
            let list: Vec<String> = nearest.iter().map(|c| c.yellow().to_string()).collect();
            if microsoft {
                let label = messages::IF_MISTYPED.get(self.lang);
                writeln!(self.out, "  {label}: {}", list.join(", "))?;
            } else {
                let label = messages::DID_YOU_MEAN.get(self.lang);
                writeln!(
                    self.out,
                    "  {label}: {}  ({})",
                    list.join(", "),
                    format!("sphere-faq code {}", nearest[0]).dimmed()
                )?;
            }
        }
        if !microsoft {
            page(self)?;
        }
        Ok(())
    }
}

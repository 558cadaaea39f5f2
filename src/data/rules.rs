//! Every integrity rule of the data files, once: the FAQ (`data/faq.json` or a `--data`
//! file), the related-code catalog and the search lexicon. `sphere-faq check`, loading a
//! `--data` file and the tests all call these, so a rule cannot hold in one place and not
//! in another.

use std::collections::{HashMap, HashSet};

use super::catalog::Catalog;
use super::faq::Faq;
use super::guide::{Guide, Target};
use super::lexicon::{ConceptKind, LexiconFile};
use super::outside::Outside;
use crate::codes;
use crate::normalize::normalize;

/// The FAQ: ids are `Q<number>` without leading zeros and unique; every text is non-empty
/// in both languages; every code is canonical and answered by exactly one entry; every
/// cross reference names another existing entry; the contact is complete; every note says
/// its source; a topic names concepts of the lexicon, objects as objects and problems as
/// problems.
pub fn faq(faq: &Faq, lexicon: &LexiconFile) -> Vec<String> {
    faq_located(faq, lexicon)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// Where in an FAQ file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The entry at this position of `entries`.
    Entry(usize),
    /// The helpdesk `contact`.
    Contact,
    /// The file as a whole.
    File,
}

/// [`faq`], each problem with its place, so that `check` can give every one its line
/// (a duplicate id at its second copy, not at the first).
pub fn faq_located(faq: &Faq, lexicon: &LexiconFile) -> Vec<(Place, String)> {
    let mut problems: Vec<(Place, String)> = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut code_owner: HashMap<&str, &str> = HashMap::new();
    let ids: HashSet<&str> = faq.entries.iter().map(|e| e.id.as_str()).collect();
    let kinds: HashMap<&str, ConceptKind> = lexicon
        .concepts
        .iter()
        .map(|c| (c.id.as_str(), c.kind))
        .collect();

    if faq.entries.is_empty() {
        problems.push((Place::File, "the database has no entries".to_string()));
    }
    let mut contact = |p: String| problems.push((Place::Contact, p));
    for (lang, v) in faq.contact.name.both() {
        if blank(v) {
            contact(format!("contact: name is empty in {}", lang.code()));
        }
    }
    for (lang, v) in faq.contact.hours.both() {
        if blank(v) {
            contact(format!("contact: hours are empty in {}", lang.code()));
        }
    }
    if !faq.contact.email.contains('@') {
        contact(format!(
            "contact: e-mail {:?} is not an address",
            faq.contact.email
        ));
    }

    for (i, e) in faq.entries.iter().enumerate() {
        let mut here: Vec<String> = Vec::new();
        let at = At(i, &e.id);
        // Q<number>, the number without leading zeros and as `show` reads it (u32).
        let well_formed = e.id.strip_prefix('Q').is_some_and(|n| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && !n.starts_with('0')
                && n.parse::<u32>().is_ok()
        });
        if !well_formed {
            here.push(format!(
                "{at}: id {:?} is not of the form Q<number> (Q1, Q2 …)",
                e.id
            ));
        }
        if !seen_ids.insert(e.id.as_str()) {
            here.push(format!("{at}: duplicate id"));
        }
        for (lang, q) in e.question.both() {
            if blank(q) {
                here.push(format!("{at}: question is empty in {}", lang.code()));
            }
        }
        for (lang, a) in e.answer.both() {
            if a.iter().all(|l| blank(l)) {
                here.push(format!("{at}: answer is empty in {}", lang.code()));
            }
        }
        for (n, note) in e.notes.iter().enumerate() {
            if blank(&note.ja) || blank(&note.en) {
                here.push(format!("{at}: note {} lacks a language", n + 1));
            }
            if blank(&note.source) {
                here.push(format!("{at}: note {} does not say its source", n + 1));
            }
        }
        for code in e.codes.iter() {
            match codes::canonical(code) {
                Some(c) if c == *code => {}
                Some(c) => here.push(format!(
                    "{at}: code {code:?} is not in canonical spelling (write {c:?})"
                )),
                None => here.push(format!("{at}: {code:?} is not an error code")),
            }
            if let Some(owner) = code_owner.insert(code.as_ref(), e.id.as_str()) {
                here.push(format!(
                    "{at}: code {code} is claimed by both {owner} and {at}"
                ));
            }
        }
        for r in e.see_also.iter() {
            if *r == e.id {
                here.push(format!("{at}: refers to itself"));
            } else if !ids.contains(r.as_str()) {
                here.push(format!("{at}: refers to {r}, which does not exist"));
            }
        }
        if let Some(topic) = &e.topic {
            for (list, want, what) in [
                (&topic.objects, ConceptKind::Object, "object"),
                (&topic.problems, ConceptKind::Problem, "problem"),
            ] {
                for id in list.iter() {
                    match kinds.get(id.as_str()) {
                        None => here.push(format!(
                            "{at}: topic names {id:?}, which is not a concept of the lexicon"
                        )),
                        Some(k) if *k != want => here.push(format!(
                            "{at}: topic lists {id:?} as a{} {what}, but the lexicon says it is {k:?}",
                            if what == "object" { "n" } else { "" }
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
        problems.extend(here.into_iter().map(|p| (Place::Entry(i), p)));
    }
    problems
}

/// How a problem names its entry: by id, or by position when it has none. Written only
/// when there is a problem to tell.
struct At<'a>(usize, &'a str);

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            "" => write!(f, "entries[{}]", self.0),
            id => f.write_str(id),
        }
    }
}

/// Whether a text says nothing: empty, or only white space and invisible characters
/// (zero-width spaces, joiners, byte order marks, direction marks, Hangul fillers …: the
/// one definition, [`crate::text::is_invisible`]).
pub fn blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || crate::text::is_invisible(c))
}

/// The catalog, against the FAQ: canonical codes, each once, none that the FAQ itself
/// answers, both languages, an action that exists, a source, every FAQ reference
/// resolving, and every action written in both languages.
pub fn catalog(catalog: &Catalog, faq: &Faq) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for c in &catalog.codes {
        if codes::canonical(&c.code).as_deref() != Some(c.code.as_str()) {
            problems.push(format!("catalog: {:?} is not a canonical code", c.code));
        }
        if !seen.insert(c.code.as_str()) {
            problems.push(format!("catalog: {} is listed twice", c.code));
        }
        if let Some(e) = faq.entry_for_code(&c.code) {
            problems.push(format!(
                "catalog: {} is answered by the FAQ ({} in data/faq.json): delete it from data/catalog.json (docs/maintaining.md, moving a code)",
                c.code, e.id
            ));
        }
        for (lang, m) in c.meaning.both() {
            if blank(m) {
                problems.push(format!(
                    "catalog: {} has no meaning in {}",
                    c.code,
                    lang.code()
                ));
            }
        }
        if !catalog.actions.contains_key(&c.action) {
            problems.push(format!(
                "catalog: {} has the action {:?}, which is not among the actions",
                c.code, c.action
            ));
        }
        if blank(&c.source) {
            problems.push(format!("catalog: {} has no source", c.code));
        }
        for id in &c.help {
            if faq.entry(id).is_none() {
                problems.push(format!(
                    "catalog: {} refers to {id}, which does not exist",
                    c.code
                ));
            }
        }
    }
    for (key, text) in &catalog.actions {
        for (lang, t) in text.both() {
            if blank(t) {
                problems.push(format!(
                    "catalog: action {key} has no text in {}",
                    lang.code()
                ));
            }
        }
    }
    problems
}

/// The lexicon: concept ids are unique words of `a-z` and `_`; every concept has terms;
/// no term, stop word or stop phrase is empty once normalized, or listed twice (a term
/// in two concepts would make both match and neither tell).
pub fn lexicon(lexicon: &LexiconFile) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    let mut terms: HashMap<String, &str> = HashMap::new();
    for c in &lexicon.concepts {
        if c.id.is_empty() || !c.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            problems.push(format!(
                "lexicon: concept id {:?} is not a word of a-z and _",
                c.id
            ));
        }
        if !ids.insert(c.id.as_str()) {
            problems.push(format!("lexicon: concept {} is listed twice", c.id));
        }
        if c.terms.is_empty() {
            problems.push(format!("lexicon: concept {} has no terms", c.id));
        }
        for t in &c.terms {
            let n = normalize(t);
            if n.is_empty() {
                problems.push(format!(
                    "lexicon: {}: term {t:?} is empty once normalized",
                    c.id
                ));
            } else if let Some(other) = terms.insert(n, c.id.as_str()) {
                problems.push(format!(
                    "lexicon: {}: term {t:?} is listed twice (also in {other})",
                    c.id
                ));
            }
        }
    }
    for (what, list) in [
        ("stop word", &lexicon.stopwords),
        ("stop phrase", &lexicon.stopphrases),
    ] {
        let mut seen = HashSet::new();
        for w in list {
            let n = normalize(w);
            if n.is_empty() {
                problems.push(format!("lexicon: {what} {w:?} is empty once normalized"));
            } else if !seen.insert(n) {
                problems.push(format!("lexicon: {what} {w:?} is listed twice"));
            }
        }
    }
    problems
}

/// The topics outside the FAQ: unique ids, both languages, a source each, and no code
/// that an FAQ entry answers (once the FAQ answers it, the topic is no longer outside).
pub fn outside(o: &Outside, faq: &Faq) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for t in &o.topics {
        if !seen.insert(t.id.as_str()) {
            out.push(format!("outside topic {}: listed twice", t.id));
        }
        // Named with its prefix or, as notes list them ("AADSTS53003, 53000"), by number.
        let texts: Vec<&str> = [&t.title, &t.note, &t.who]
            .into_iter()
            .flat_map(|l| l.both().map(|(_, s)| s.as_str()))
            .collect();
        let names = |code: &str| {
            texts.iter().any(|s| {
                codes::extract(s, []).iter().any(|c| c == code)
                    || codes::number_runs(s).any(|r| s[r] == *codes::number(code))
            })
        };
        if let Some((code, e)) = faq.codes().find(|(code, _)| names(code)) {
            out.push(format!(
                "outside topic {}: names {code}, which the FAQ answers ({} in data/faq.json): rewrite or delete the topic in data/outside.json and give its examples in data/corpus the entry's id (docs/maintaining.md, moving a code)",
                t.id, e.id
            ));
        }
        for (what, text) in [("title", &t.title), ("note", &t.note), ("who", &t.who)] {
            for (lang, s) in text.both() {
                if blank(s) {
                    out.push(format!(
                        "outside topic {}: {what} in {lang:?} missing",
                        t.id
                    ));
                }
            }
        }
        if blank(&t.source) {
            out.push(format!("outside topic {}: source missing", t.id));
        }
    }
    for (lang, s) in o.helpdesk.note.both() {
        if blank(s) {
            out.push(format!("helpdesk: note in {lang:?} missing"));
        }
    }
    if blank(&o.helpdesk.source) {
        out.push("helpdesk: source missing".to_string());
    }
    out
}

/// How many answers guided mode may take to reach any entry.
pub const GUIDE_DEPTH: usize = 3;

/// The guide, against the FAQ: a start that exists; unique node ids; every question and
/// label in both languages; no dead end (a node without choices, a choice that leads
/// nowhere or to more than one place); every `next` an existing node and every `entry`
/// an existing entry; every node reachable, and every entry of the FAQ within
/// [`GUIDE_DEPTH`] answers. Each problem with the position of its node, if it has one.
pub fn guide(g: &Guide, faq: &Faq) -> Vec<(Option<usize>, String)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, n) in g.nodes.iter().enumerate() {
        let mut say = |p: String| out.push((Some(i), format!("node {}: {p}", n.id)));
        if !seen.insert(n.id.as_str()) {
            say("listed twice".into());
        }
        for (lang, q) in n.question.both() {
            if blank(q) {
                say(format!("question is empty in {}", lang.code()));
            }
        }
        if n.choices.is_empty() {
            say("has no choices: a dead end".into());
        }
        for (k, c) in n.choices.iter().enumerate() {
            let k = k + 1;
            for (lang, l) in c.label.both() {
                if blank(l) {
                    say(format!("choice {k}: label is empty in {}", lang.code()));
                }
            }
            match c.target() {
                None => say(format!(
                    "choice {k}: needs exactly one of next, entry and ask (a dead end otherwise)"
                )),
                Some(Target::Next(id)) if g.node(id).is_none() => {
                    say(format!("choice {k}: next {id:?} is not a node"))
                }
                Some(Target::Entry(id)) if faq.entry(id).is_none() => {
                    say(format!("choice {k}: entry {id:?} is not in the FAQ"))
                }
                Some(_) => {}
            }
        }
    }
    // Breadth first from the start: the fewest answers to each node and entry.
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut entries: HashMap<&str, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::new();
    match g.node(&g.start) {
        Some(n) => {
            depth.insert(&n.id, 0);
            queue.push_back(n);
        }
        None => out.push((None, format!("start {:?} is not a node", g.start))),
    }
    while let Some(n) = queue.pop_front() {
        let d = depth[n.id.as_str()] + 1;
        for c in &n.choices {
            match c.target() {
                Some(Target::Next(id)) => {
                    if let Some(next) = g.node(id)
                        && !depth.contains_key(id)
                    {
                        depth.insert(&next.id, d);
                        queue.push_back(next);
                    }
                }
                Some(Target::Entry(id)) => {
                    entries.entry(id).or_insert(d);
                }
                _ => {}
            }
        }
    }
    for (i, n) in g.nodes.iter().enumerate() {
        if !depth.contains_key(n.id.as_str()) {
            out.push((
                Some(i),
                format!("node {}: cannot be reached from the start", n.id),
            ));
        }
    }
    for e in &faq.entries {
        match entries.get(e.id.as_str()) {
            Some(&d) if d <= GUIDE_DEPTH => {}
            Some(d) => out.push((
                None,
                format!("{} takes {d} answers to reach; at most {GUIDE_DEPTH}", e.id),
            )),
            None => out.push((None, format!("{} cannot be reached", e.id))),
        }
    }
    out
}

/// What an FAQ's entries lack that search would use, as advice rather than errors:
/// keywords in one language only, or none.
pub fn advice(faq: &Faq) -> Vec<String> {
    let mut out = Vec::new();
    for e in &faq.entries {
        match (e.keywords.ja.is_empty(), e.keywords.en.is_empty()) {
            (true, true) => out.push(format!(
                "{}: no keywords; people's own words for the problem help search find it",
                e.id
            )),
            (true, false) => out.push(format!("{}: keywords in English only", e.id)),
            (false, true) => out.push(format!("{}: keywords in Japanese only", e.id)),
            (false, false) => {}
        }
    }
    out
}

/// Which of the data files a JSON text is, by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Faq,
    Catalog,
    Lexicon,
    Guide,
}

impl Kind {
    /// The kind of a data file's JSON text, by its shape: a lexicon has `concepts`, a
    /// catalog `codes` (and no `entries`), a guide `nodes` (and no `entries`), anything else is read as an FAQ, whose parse
    /// error then says what is missing. The whole text is parsed (its values skipped, not
    /// kept), so a syntax error anywhere is the error.
    pub fn of(text: &str) -> Result<Kind, serde_json::Error> {
        use serde::de::IgnoredAny;
        #[derive(serde::Deserialize)]
        struct Shape {
            #[serde(default)]
            entries: Option<IgnoredAny>,
            #[serde(default)]
            codes: Option<IgnoredAny>,
            #[serde(default)]
            concepts: Option<IgnoredAny>,
            #[serde(default)]
            nodes: Option<IgnoredAny>,
        }
        let shape: Shape = serde_json::from_str(text)?;
        Ok(if shape.concepts.is_some() {
            Kind::Lexicon
        } else if shape.nodes.is_some() && shape.entries.is_none() {
            Kind::Guide
        } else if shape.codes.is_some() && shape.entries.is_none() {
            Kind::Catalog
        } else {
            Kind::Faq
        })
    }

    /// What the file is, in words.
    pub fn what(self) -> &'static str {
        match self {
            Kind::Faq => "an FAQ database (like data/faq.json)",
            Kind::Catalog => "the catalog of related codes (like data/catalog.json)",
            Kind::Lexicon => "the search lexicon (like data/lexicon.json)",
            Kind::Guide => "the questions of guided mode (like data/guide.json)",
        }
    }
}

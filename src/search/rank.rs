//! Ranking: BM25F over the fields of every entry, weighted by what each term says about
//! the problem, plus a topic score for the entries whose object (and what went wrong with
//! it) the query names. A code named in the query decides.

use super::analysis::{FUZZY_FACTOR, Term, TermKind};
use super::index::{FIELD_COUNT, Field, Index, Posting};
use crate::data::lexicon::ConceptKind;

/// BM25F weight of each field (question, keywords, answer).
const FIELD_WEIGHT: [f64; FIELD_COUNT] = [3.0, 2.5, 1.0];
/// BM25 constants: term-frequency saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.5;

/// The question of an entry that answers a code is a template ("Error Code: X was displayed
/// when you login with Azure AD"): its words say little beyond the code, which is matched
/// on its own. So they weigh less, and a codeless "error when signing in" goes to the
/// general entries rather than to whichever code entry is shortest.
const CODE_QUESTION_FACTOR: f64 = 0.4;

/// Score added to the entry that answers a code named in the query; larger than any text
/// score, so that the code decides.
pub const CODE_BOOST: f64 = 100.0;
/// Score added to an entry named as help for a related (catalog) code in the query.
pub const RELATED_BOOST: f64 = 30.0;

/// Topic score for each of the query's objects that an entry is about, scaled by how few
/// entries share that object; and for each thing that went wrong that the entry is about.
const TOPIC_OBJECT: f64 = 6.0;
const TOPIC_PROBLEM: f64 = 3.0;

/// A problem only this many entries are about is specific enough to answer a query that
/// names no object.
const SPECIFIC_PROBLEM: usize = 1;

/// A query longer than this many units of meaning (words, concepts, Japanese stretches)
/// has its text score scaled down by the square root of the excess: a long e-mail shares
/// many words with every entry by chance, and what it is about (the topic score) should
/// decide, not how much it says.
const SHORT_QUERY_UNITS: f64 = 6.0;

/// How much a concept of each kind counts in the text score. Domain names (SPHERE, Azure
/// AD) are in every entry and foreign names in none: they decide whether to answer, not
/// which entry.
fn kind_factor(kind: TermKind) -> f64 {
    match kind {
        TermKind::Concept(ConceptKind::Object) => 1.0,
        TermKind::Concept(ConceptKind::Problem) => 0.8,
        TermKind::Concept(ConceptKind::Context) => 0.5,
        TermKind::Concept(ConceptKind::Domain | ConceptKind::Foreign) => 0.0,
        TermKind::Code | TermKind::Word | TermKind::Bigram => 1.0,
    }
}

/// A query, analyzed once, with what the ranking and the abstention rule read from it.
pub(super) struct Query {
    pub terms: Vec<Term>,
    /// Index token id of each term, if the index knows it.
    pub ids: Vec<Option<u32>>,
    /// Lexicon positions of the concepts found, by kind.
    pub objects: Vec<u32>,
    pub problems: Vec<u32>,
    pub context: Vec<u32>,
    /// A name of SPHERE's world (SPHERE, Azure AD / Entra ID, Sony, GID) is in the text.
    pub domain: bool,
    /// The text says that something is not or does not (`can't`, 「ない」「ません」).
    pub negated: bool,
    /// Another service or topic is named.
    pub foreign: bool,
    /// A code the FAQ or the catalog knows.
    pub code: bool,
    /// Every such code is a bare number (SPHERE's `1014`), which other products use too.
    pub numeric_code: bool,
    /// A code the FAQ itself answers (not only the catalog).
    pub faq_code: bool,
}

/// Every entry's scores for one query.
pub(super) struct Scores {
    /// Text score plus topic score plus code boosts.
    pub total: Vec<f64>,
    /// How many of the query's objects each entry is about (for a query that names no
    /// object: how many of its specific problems).
    pub objects: Vec<usize>,
    /// Share of the query's known, meaningful weight that each entry matched (0..1).
    pub coverage: Vec<f64>,
    /// Entries with any score, best first.
    pub ranked: Vec<usize>,
}

impl Index {
    /// Analyzes a query: terms (a repeated token counts once, at its highest weight), their
    /// ids, and the signals of what it is about.
    pub(super) fn read(&self, text: &str) -> Query {
        let mut uniq: Vec<Term> = Vec::new();
        // Where each token is in `uniq`: a long Japanese query has thousands of distinct
        // bigrams, and a search of the list for each was quadratic.
        let mut at: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
        for t in self.analyzer.analyze(text, Some(&self.vocab), true) {
            match at.get(&t.token) {
                Some(&i) => {
                    let u = &mut uniq[i];
                    u.weight = u.weight.max(t.weight);
                    u.unit = u.unit.max(t.unit);
                }
                None => {
                    at.insert(t.token.clone(), uniq.len());
                    uniq.push(t);
                }
            }
        }
        let ids = uniq.iter().map(|t| self.id(&t.token)).collect();
        let mut q = Query {
            terms: Vec::new(),
            ids,
            objects: Vec::new(),
            problems: Vec::new(),
            context: Vec::new(),
            domain: false,
            foreign: false,
            code: false,
            numeric_code: true,
            faq_code: false,
            negated: says_not(text),
        };
        for t in &uniq {
            match t.kind {
                TermKind::Code => {
                    // A Code term's token is `code:` and the code (analysis.rs makes it so).
                    let code = &t.token["code:".len()..];
                    q.faq_code |= self.code_owner.contains_key(code);
                    if self.code_owner.contains_key(code) || self.related(code).is_some() {
                        q.code = true;
                        q.numeric_code &= code.bytes().all(|b| b.is_ascii_digit());
                    }
                }
                TermKind::Concept(kind) => {
                    let Some(ci) = self.concept(&t.token) else {
                        continue;
                    };
                    match kind {
                        ConceptKind::Object => q.objects.push(ci),
                        ConceptKind::Problem => q.problems.push(ci),
                        ConceptKind::Context => q.context.push(ci),
                        ConceptKind::Domain => q.domain = true,
                        ConceptKind::Foreign => q.foreign = true,
                    }
                }
                TermKind::Word | TermKind::Bigram => {}
            }
        }
        q.terms = uniq;
        q
    }

    /// The lexicon position of a concept token (`#password`).
    pub(super) fn concept(&self, token: &str) -> Option<u32> {
        self.analyzer
            .lexicon
            .concepts
            .iter()
            .position(|c| c.token == token)
            .map(|i| i as u32)
    }

    /// Inverse document frequency. The frequency counts the entries that are about a token
    /// (it is in their question or keywords) when there are any, else every entry that
    /// mentions it: a word every answer mentions in passing still tells entries apart if
    /// only one is about it.
    pub(super) fn idf(&self, id: u32) -> f64 {
        let n = self.len() as f64;
        let topic = self.df_topic[id as usize];
        let df = if topic > 0 {
            topic as usize
        } else {
            self.posting_count(id)
        } as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25F's combined term frequency of one posting.
    fn field_tf(&self, p: &Posting) -> f64 {
        let doc = p.doc as usize;
        let mut tf = 0.0;
        for (f, (&count, &weight)) in p.tf.iter().zip(&FIELD_WEIGHT).enumerate() {
            if count > 0 {
                let mut w = weight;
                if f == Field::Question as usize && self.has_codes[doc] {
                    w *= CODE_QUESTION_FACTOR;
                }
                let norm = 1.0 - B + B * f64::from(self.doc_len[doc][f]) / self.avg_len[f];
                tf += w * f64::from(count) / norm;
            }
        }
        tf
    }

    /// How specific an object is: 1 for one that a single entry is about, less for one
    /// many entries share (the invitation e-mail is the object of six).
    fn specificity(&self, object: u32) -> f64 {
        let n = self.len().max(1) as f64;
        let df = self
            .topics
            .iter()
            .filter(|t| t.objects.contains(&object))
            .count()
            .max(1) as f64;
        (1.0 + n / df).ln() / (1.0 + n).ln()
    }

    /// How many entries are about a problem.
    fn problem_entries(&self, problem: u32) -> usize {
        self.topics
            .iter()
            .filter(|t| t.problems.contains(&problem))
            .count()
    }

    /// Scores every entry for a query.
    pub(super) fn score(&self, q: &Query) -> Scores {
        let n = self.len();
        let mut text = vec![0.0f64; n];
        let mut mass = vec![0.0f64; n];
        let mut exact = vec![false; n];
        let mut boost = vec![0.0f64; n];
        let mut known_mass = 0.0;
        for (t, &id) in q.terms.iter().zip(&q.ids) {
            if t.kind == TermKind::Code {
                let code = &t.token["code:".len()..];
                if let Some(&owner) = self.code_owner.get(code) {
                    boost[owner] += CODE_BOOST;
                }
                if let Some(helpers) = self.related(code) {
                    for (pos, &e) in helpers.iter().enumerate() {
                        boost[e as usize] += RELATED_BOOST / (pos as f64 + 1.0);
                    }
                }
                continue;
            }
            // A word the FAQ has never seen (a name, a date, a company) says nothing
            // either way: it is not part of the mass an entry must cover.
            let Some(id) = id else { continue };
            let factor = kind_factor(t.kind);
            if factor == 0.0 {
                continue;
            }
            let idf = self.idf(id);
            let full = if t.fuzzy {
                t.weight / FUZZY_FACTOR
            } else {
                t.weight
            };
            known_mass += factor * full * t.unit * idf;
            for p in self.postings(id) {
                let d = p.doc as usize;
                let tf = self.field_tf(p);
                text[d] += factor * t.weight * idf * tf * (K1 + 1.0) / (tf + K1);
                mass[d] += factor * t.weight * t.unit * idf;
                exact[d] |= !t.fuzzy;
            }
        }
        let units: f64 = q
            .terms
            .iter()
            .filter(|t| kind_factor(t.kind) > 0.0 && t.kind != TermKind::Code)
            .map(|t| t.unit)
            .sum();
        let damp = (SHORT_QUERY_UNITS / units.max(SHORT_QUERY_UNITS)).sqrt();
        for t in &mut text {
            *t *= damp;
        }
        // Once per query, not per entry: with a large database a scan per entry would
        // make scoring quadratic.
        let spec: Vec<f64> = q.objects.iter().map(|&o| self.specificity(o)).collect();
        let specific: Vec<bool> = q
            .problems
            .iter()
            .map(|&p| self.problem_entries(p) <= SPECIFIC_PROBLEM)
            .collect();
        let mut objects = vec![0usize; n];
        let mut total = vec![0.0f64; n];
        for d in 0..n {
            let topic = &self.topics[d];
            let mut frame = 0.0;
            for (&o, &spec) in q.objects.iter().zip(&spec) {
                if topic.objects.contains(&o) {
                    objects[d] += 1;
                    frame += TOPIC_OBJECT * spec;
                }
            }
            // What went wrong counts together with the thing it went wrong with; in a
            // query that names no object, a problem that few entries are about ("redemption
            // failed") says what it is about by itself.
            if objects[d] > 0 || q.objects.is_empty() {
                for (&p, &specific) in q.problems.iter().zip(&specific) {
                    if topic.problems.contains(&p) {
                        frame += TOPIC_PROBLEM;
                        if q.objects.is_empty() && specific {
                            objects[d] += 1;
                        }
                    }
                }
            }
            total[d] = text[d] + frame + boost[d];
        }
        let coverage = (0..n)
            .map(|d| {
                if known_mass > 0.0 && exact[d] {
                    (mass[d] / known_mass).min(1.0)
                } else {
                    0.0
                }
            })
            .collect();
        let mut ranked: Vec<usize> = (0..n).filter(|&d| total[d] > 0.0).collect();
        ranked.sort_by(|&a, &b| total[b].total_cmp(&total[a]).then(a.cmp(&b)));
        Scores {
            total,
            objects,
            coverage,
            ranked,
        }
    }
}

/// Whether the text says that something is not, or does not happen: what a statement of
/// a problem has, and "what time is it" has not. Courtesy (すみません) is no negation.
fn says_not(text: &str) -> bool {
    let mut norm = crate::normalize::normalize(text);
    for c in COURTESY {
        norm = norm.replace(c, "");
    }
    norm.split(|c: char| !c.is_alphanumeric() && !crate::lang::is_japanese_char(c))
        .any(|w| NOT_EN.contains(&w))
        || NOT_JA.iter().any(|j| norm.contains(j))
}

/// The words of [`says_not`], in normal form (`normalize` leaves them as they are).
const NOT_EN: [&str; 15] = [
    "not", "cant", "cannot", "wont", "dont", "doesnt", "didnt", "isnt", "arent", "never", "unable",
    "couldnt", "wasnt", "havent", "hasnt",
];
const NOT_JA: [&str; 5] = ["ない", "ません", "できず", "なく", "無い"];
const COURTESY: [&str; 6] = [
    "すみません",
    "すいません",
    "申し訳ありません",
    "申し訳ございません",
    "かまいません",
    "構いません",
];

#[cfg(test)]
mod tests {
    use super::{COURTESY, NOT_EN, NOT_JA, says_not};

    #[test]
    fn the_words_are_in_normal_form() {
        for w in NOT_EN.iter().chain(&NOT_JA).chain(&COURTESY) {
            assert_eq!(crate::normalize::normalize(w), *w);
        }
    }

    #[test]
    fn a_problem_says_not_and_a_chat_does_not() {
        for t in [
            "can't get in",
            "it won’t let me in",
            "CANNOT sign in",
            "入れない",
            "ﾛｸﾞｲﾝできません",
            "届かなくて",
        ] {
            assert!(says_not(t), "{t}");
        }
        for t in [
            "what time is it",
            "今日の天気は？",
            "thanks",
            "notice board",
            "案内",
        ] {
            assert!(!says_not(t), "{t}");
        }
    }
}

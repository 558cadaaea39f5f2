//! Symptom search: a BM25F ranking over both languages of every entry, with a curated
//! lexicon of cross-language concepts, typo tolerance for English words, codes as single
//! tokens, and an abstention rule for queries the FAQ does not cover.

use std::collections::{HashMap, HashSet};

use crate::codes;
use crate::db::{Entry, Faq};
use crate::lang::is_japanese_char;
use crate::lexicon::Lexicon;
use crate::normalize::{normalize, stem};

/// Fields of an entry, each with its weight in the ranking: the question and the curated
/// keywords say what an entry is about; the answer text only supports.
#[derive(Debug, Clone, Copy)]
enum Field {
    Question = 0,
    Keywords = 1,
    Answer = 2,
}
const FIELDS: usize = 3;
const FIELD_WEIGHT: [f64; FIELDS] = [3.0, 2.5, 1.0];

/// BM25 constants: term-frequency saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.5;

/// Query-side weights of token kinds: a Japanese word yields several overlapping bigrams,
/// so each counts for less than a whole English word; a concept stands for a whole phrase.
const W_WORD: f64 = 1.0;
const W_BIGRAM: f64 = 0.6;
const W_CONCEPT: f64 = 1.5;
/// A word matched only through typo correction counts for less.
const FUZZY_FACTOR: f64 = 0.7;

/// Score added to the entry that answers a code named in the query; larger than any text
/// score, so that the code decides.
pub const CODE_BOOST: f64 = 100.0;
/// Score added to an entry named as help for a related (catalog) code in the query.
pub const RELATED_BOOST: f64 = 30.0;

/// Abstention, calibrated on `tests/fixtures/queries.tsv` with `cargo run --release
/// --example eval -- --sweep`: the best entry must cover this share of the query's
/// weight (IDF-weighted) and reach this score, or the search answers nothing.
pub const MIN_COVERAGE: f64 = 0.40;
pub const MIN_SCORE: f64 = 2.0;
/// Entries after the first are listed only if they reach this share of the best score.
pub const FOLLOWER_RATIO: f64 = 0.25;

/// One token of an analyzed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// What the index stores: a stemmed word, a kana/kanji bigram, `#concept`, `code:X`.
    pub token: String,
    /// The words of the query it came from, for explaining a match.
    pub surface: String,
    pub weight: f64,
}

/// Turns text into terms. Shared by the index (documents) and the queries.
pub struct Analyzer {
    lexicon: Lexicon,
    numeric_codes: Vec<String>,
}

impl Analyzer {
    pub fn new(lexicon: Lexicon, numeric_codes: Vec<String>) -> Analyzer {
        Analyzer {
            lexicon,
            numeric_codes,
        }
    }

    /// Analyzes `text`. For a query, `vocab` corrects unknown English words to the nearest
    /// indexed word, and words or characters claimed by a concept are not counted again
    /// as plain tokens (`consume`), so a phrase is not weighted twice.
    pub fn analyze(&self, text: &str, vocab: Option<&HashSet<String>>, consume: bool) -> Vec<Term> {
        let mut terms = Vec::new();
        for code in codes::extract(text, self.numeric_codes.iter().map(String::as_str)) {
            // A bare number alone is a code only if it is one of SPHERE's own.
            if code.bytes().all(|b| b.is_ascii_digit()) && !self.numeric_codes.contains(&code) {
                continue;
            }
            terms.push(Term {
                token: format!("code:{code}"),
                surface: code.clone(),
                weight: W_CONCEPT,
            });
        }

        let norm = normalize(text);
        // Split into ASCII-ish words and Japanese runs.
        let mut words: Vec<(String, String, f64)> = Vec::new(); // (stem, surface, factor)
        let mut runs: Vec<Vec<char>> = Vec::new();
        for chunk in norm.split(' ') {
            let mut word = String::new();
            let mut run: Vec<char> = Vec::new();
            for c in chunk.chars() {
                if is_japanese_char(c) {
                    if !word.is_empty() {
                        words.push((stem(&word), std::mem::take(&mut word), 1.0));
                    }
                    run.push(c);
                } else {
                    if !run.is_empty() {
                        runs.push(std::mem::take(&mut run));
                    }
                    word.push(c);
                }
            }
            if !word.is_empty() {
                words.push((stem(&word), word, 1.0));
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }

        if let Some(vocab) = vocab {
            for (st, surface, factor) in &mut words {
                if self.lexicon.stopwords.contains(surface.as_str())
                    || vocab.contains(st.as_str())
                    || st.bytes().any(|b| b.is_ascii_digit())
                {
                    continue;
                }
                if let Some(fix) = correct(st, vocab) {
                    *st = fix;
                    *factor = FUZZY_FACTOR;
                }
            }
        }

        // Concepts: English phrases over the word sequence, Japanese terms inside runs.
        let mut word_used = vec![false; words.len()];
        let mut run_used: Vec<Vec<bool>> = runs.iter().map(|r| vec![false; r.len()]).collect();
        for concept in &self.lexicon.concepts {
            let mut hit: Option<(String, f64)> = None;
            for phrase in &concept.phrases {
                let n = phrase.len();
                if n == 0 || n > words.len() {
                    continue;
                }
                for start in 0..=words.len() - n {
                    if (0..n).all(|k| words[start + k].0 == phrase[k]) {
                        let factor = (0..n).map(|k| words[start + k].2).fold(1.0, f64::min);
                        let surface: Vec<&str> =
                            (0..n).map(|k| words[start + k].1.as_str()).collect();
                        for k in 0..n {
                            word_used[start + k] = true;
                        }
                        hit.get_or_insert((surface.join(" "), factor));
                    }
                }
            }
            for term in &concept.ja_terms {
                let t: Vec<char> = term.chars().collect();
                for (ri, run) in runs.iter().enumerate() {
                    if t.len() > run.len() {
                        continue;
                    }
                    for start in 0..=run.len() - t.len() {
                        if run[start..start + t.len()] == t[..] {
                            for k in 0..t.len() {
                                run_used[ri][start + k] = true;
                            }
                            hit.get_or_insert((term.clone(), 1.0));
                        }
                    }
                }
            }
            if let Some((surface, factor)) = hit {
                terms.push(Term {
                    token: concept.token.clone(),
                    surface,
                    weight: W_CONCEPT * factor,
                });
            }
        }

        for (i, (st, surface, factor)) in words.iter().enumerate() {
            if (consume && word_used[i]) || self.lexicon.stopwords.contains(surface.as_str()) {
                continue;
            }
            terms.push(Term {
                token: st.clone(),
                surface: surface.clone(),
                weight: W_WORD * factor,
            });
        }
        for (ri, run) in runs.iter().enumerate() {
            if run.len() == 1 {
                if !(consume && run_used[ri][0]) {
                    terms.push(Term {
                        token: run[0].to_string(),
                        surface: run[0].to_string(),
                        weight: W_BIGRAM,
                    });
                }
                continue;
            }
            for i in 0..run.len() - 1 {
                if consume && run_used[ri][i] && run_used[ri][i + 1] {
                    continue;
                }
                let bigram: String = run[i..i + 2].iter().collect();
                terms.push(Term {
                    token: bigram.clone(),
                    surface: bigram,
                    weight: W_BIGRAM,
                });
            }
        }
        terms
    }
}

/// The indexed word nearest to an unknown word, if it is close enough: one edit for
/// words of four to eight letters, two for longer ones (transpositions count as one).
fn correct(word: &str, vocab: &HashSet<String>) -> Option<String> {
    let len = word.chars().count();
    let max = match len {
        0..=3 => return None,
        4..=8 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &String)> = None;
    for v in vocab {
        if v.len().abs_diff(word.len()) > max {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, v);
        if d <= max && best.is_none_or(|(bd, bv)| d < bd || (d == bd && v < bv)) {
            best = Some((d, v));
        }
    }
    best.map(|(_, v)| v.clone())
}

struct Doc {
    tf: [HashMap<String, f64>; FIELDS],
    len: [f64; FIELDS],
}

/// The search index over one FAQ.
pub struct Index {
    analyzer: Analyzer,
    docs: Vec<Doc>,
    df: HashMap<String, usize>,
    avg_len: [f64; FIELDS],
    vocab: HashSet<String>,
    /// Entry index that answers a code.
    code_owner: HashMap<String, usize>,
    /// Entries that help with a related code the FAQ does not name.
    related: HashMap<String, Vec<usize>>,
}

/// One ranked entry.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Position of the entry in `Faq::entries`.
    pub entry: usize,
    pub score: f64,
    /// Share of the query's IDF-weighted terms that the entry matched (0..1).
    pub coverage: f64,
    /// The query's words that matched, in query order.
    pub matched: Vec<String>,
    /// The index tokens behind `matched`.
    pub tokens: Vec<String>,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Entries that answer, best first; empty when the search abstains.
    pub hits: Vec<Hit>,
    /// The best candidate even when it did not pass the abstention rule (for evaluation).
    pub best_rejected: Option<Hit>,
}

impl Index {
    /// Builds the index. `related` maps codes that the FAQ does not name to the ids of
    /// the entries that help with them.
    pub fn new(faq: &Faq, lexicon: Lexicon, related: &[(String, Vec<String>)]) -> Index {
        let numeric: Vec<String> = faq
            .codes()
            .map(|(c, _)| c.to_string())
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let analyzer = Analyzer::new(lexicon, numeric);
        let mut docs = Vec::with_capacity(faq.entries.len());
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut vocab = HashSet::new();
        let mut total = [0.0; FIELDS];
        for entry in &faq.entries {
            let mut doc = Doc {
                tf: Default::default(),
                len: [0.0; FIELDS],
            };
            for (field, text) in field_texts(entry) {
                for t in analyzer.analyze(&text, None, false) {
                    if t.token.is_ascii()
                        && !t.token.starts_with('#')
                        && !t.token.starts_with("code:")
                    {
                        vocab.insert(t.token.clone());
                    }
                    *doc.tf[field as usize].entry(t.token).or_insert(0.0) += 1.0;
                    doc.len[field as usize] += 1.0;
                }
            }
            for code in &entry.codes {
                *doc.tf[Field::Question as usize]
                    .entry(format!("code:{code}"))
                    .or_insert(0.0) += 1.0;
            }
            let mut seen = HashSet::new();
            for f in &doc.tf {
                for k in f.keys() {
                    if seen.insert(k.clone()) {
                        *df.entry(k.clone()).or_insert(0) += 1;
                    }
                }
            }
            for (i, t) in total.iter_mut().enumerate() {
                *t += doc.len[i];
            }
            docs.push(doc);
        }
        // Words of the lexicon's English phrases are correct spellings too.
        for c in &analyzer.lexicon.concepts {
            for p in &c.phrases {
                for w in p {
                    if !analyzer.lexicon.stopwords.contains(w) {
                        vocab.insert(w.clone());
                    }
                }
            }
        }
        let n = docs.len().max(1) as f64;
        let avg_len = total.map(|t| (t / n).max(1.0));
        let code_owner = faq
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.codes.iter().map(move |c| (c.clone(), i)))
            .collect();
        let related = related
            .iter()
            .map(|(code, ids)| {
                let idx = ids
                    .iter()
                    .filter_map(|id| faq.entries.iter().position(|e| &e.id == id))
                    .collect();
                (code.clone(), idx)
            })
            .collect();
        Index {
            analyzer,
            docs,
            df,
            avg_len,
            vocab,
            code_owner,
            related,
        }
    }

    /// Normalized terms to emphasize in a hit's entry: the matched words, and every term
    /// of a matched concept (a query's 消した matches the answer's 破棄).
    pub fn highlight_terms(&self, hit: &Hit) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &hit.tokens {
            if t.starts_with('#') {
                if let Some(c) = self
                    .analyzer
                    .lexicon
                    .concepts
                    .iter()
                    .find(|c| &c.token == t)
                {
                    out.extend(c.ja_terms.iter().cloned());
                    out.extend(c.en_terms.iter().cloned());
                }
            } else if t.chars().count() >= 2 {
                out.push(t.clone());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn idf(&self, token: &str) -> f64 {
        let n = self.docs.len() as f64;
        let df = self.df.get(token).copied().unwrap_or(0) as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Ranks every entry for `query`; `limit` caps the answered entries.
    pub fn search(&self, query: &str, limit: usize) -> Outcome {
        let mut terms = self.analyzer.analyze(query, Some(&self.vocab), true);
        // The same token twice (a word repeated) counts once, at its highest weight.
        let mut uniq: Vec<Term> = Vec::new();
        for t in terms.drain(..) {
            match uniq.iter_mut().find(|u| u.token == t.token) {
                Some(u) => u.weight = u.weight.max(t.weight),
                None => uniq.push(t),
            }
        }
        let terms = uniq;
        let total_mass: f64 = terms
            .iter()
            .filter(|t| !t.token.starts_with("code:"))
            .map(|t| t.weight * self.idf(&t.token))
            .sum();

        let mut hits: Vec<Hit> = Vec::new();
        let mut has_code = false;
        for (i, doc) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            let mut mass = 0.0;
            let mut matched = Vec::new();
            let mut tokens = Vec::new();
            for t in &terms {
                if let Some(code) = t.token.strip_prefix("code:") {
                    if self.code_owner.get(code) == Some(&i) {
                        score += CODE_BOOST;
                        has_code = true;
                        matched.push(t.surface.clone());
                    } else if let Some(pos) = self
                        .related
                        .get(code)
                        .and_then(|r| r.iter().position(|&e| e == i))
                    {
                        score += RELATED_BOOST / (pos as f64 + 1.0);
                        has_code = true;
                        matched.push(t.surface.clone());
                    }
                    if self.code_owner.contains_key(code) || self.related.contains_key(code) {
                        has_code = true;
                    }
                    continue;
                }
                let mut tf = 0.0;
                for ((counts, len), (weight, avg)) in doc
                    .tf
                    .iter()
                    .zip(doc.len)
                    .zip(FIELD_WEIGHT.iter().zip(self.avg_len))
                {
                    if let Some(&c) = counts.get(&t.token) {
                        tf += weight * c / (1.0 - B + B * len / avg);
                    }
                }
                if tf > 0.0 {
                    let idf = self.idf(&t.token);
                    score += t.weight * idf * tf * (K1 + 1.0) / (tf + K1);
                    mass += t.weight * idf;
                    if !matched.contains(&t.surface) {
                        matched.push(t.surface.clone());
                    }
                    tokens.push(t.token.clone());
                }
            }
            let coverage = if total_mass > 0.0 {
                mass / total_mass
            } else {
                0.0
            };
            hits.push(Hit {
                entry: i,
                score,
                coverage,
                matched,
                tokens,
            });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        let best = hits.first().cloned();
        let accept = |h: &Hit| {
            if has_code {
                h.score >= RELATED_BOOST / 4.0
            } else {
                h.coverage >= MIN_COVERAGE && h.score >= MIN_SCORE
            }
        };
        match best {
            Some(b) if accept(&b) => {
                let floor = b.score * FOLLOWER_RATIO;
                let answered = hits
                    .into_iter()
                    .filter(|h| {
                        h.score > 0.0 && h.score >= floor && (has_code || h.score >= MIN_SCORE)
                    })
                    .take(limit)
                    .collect();
                Outcome {
                    hits: answered,
                    best_rejected: None,
                }
            }
            b => Outcome {
                hits: Vec::new(),
                best_rejected: b.filter(|h| h.score > 0.0),
            },
        }
    }
}

/// The text of each field of an entry, both languages.
fn field_texts(entry: &Entry) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    for (_, q) in entry.question.both() {
        out.push((Field::Question, q.clone()));
    }
    for (_, kws) in entry.keywords.both() {
        for k in kws {
            out.push((Field::Keywords, k.clone()));
        }
    }
    for (_, lines) in entry.answer.both() {
        out.push((Field::Answer, lines.join("\n")));
    }
    out
}

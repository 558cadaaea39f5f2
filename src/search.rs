//! Symptom search: a BM25F ranking over both languages of every entry, with a curated
//! lexicon of cross-language concepts, typo tolerance for English words, codes as single
//! tokens, and an abstention rule for queries the FAQ does not cover.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

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
const FIELD_COUNT: usize = 3;
const FIELD_WEIGHT: [f64; FIELD_COUNT] = [3.0, 2.5, 1.0];

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

/// Abstention, calibrated on the query files under `tests/fixtures/` with `cargo run
/// --release --example eval -- FILE --sweep`: the best entry must cover this share of the query's
/// weight (IDF-weighted) and reach this score, or the search answers nothing.
pub const MIN_COVERAGE: f64 = 0.38;
pub const MIN_SCORE: f64 = 2.0;
/// When a search answers nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Abstain {
    pub min_coverage: f64,
    pub min_score: f64,
}

impl Default for Abstain {
    fn default() -> Abstain {
        Abstain {
            min_coverage: MIN_COVERAGE,
            min_score: MIN_SCORE,
        }
    }
}

/// The weight a term would have without typo correction.
fn full_weight(t: &Term) -> f64 {
    if t.fuzzy {
        t.weight / FUZZY_FACTOR
    } else {
        t.weight
    }
}

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
    /// Share of one unit of meaning, for coverage: 1 for a word or concept, 1/n for each
    /// of the n bigrams of one Japanese stretch.
    pub unit: f64,
    /// Matched only through typo correction.
    pub fuzzy: bool,
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

    /// Analyzes `text`. Words that a concept phrase claims are represented by the concept
    /// alone (so `time` in "first time" does not match a lunch-time query). For a query,
    /// `vocab` corrects unknown English words to the nearest indexed word, and Japanese
    /// characters claimed by a concept or stop phrase are not turned into bigrams
    /// (`consume`); documents keep all their bigrams, so part of a word still matches.
    pub fn analyze(
        &self,
        text: &str,
        vocab: Option<&FxHashSet<String>>,
        consume: bool,
    ) -> Vec<Term> {
        let mut terms = Vec::new();
        self.analyze_each(
            text,
            vocab,
            consume,
            &mut |token, surface, weight, unit, fuzzy| {
                terms.push(Term {
                    token: token.to_string(),
                    surface: surface.to_string(),
                    weight,
                    unit,
                    fuzzy,
                })
            },
        );
        terms
    }

    /// [`Analyzer::analyze`], handing each term to `emit` (token, surface, weight, unit,
    /// fuzzy) instead of collecting them: building the index allocates nothing per token.
    /// Documents (`consume` false) get empty surfaces.
    pub fn analyze_each(
        &self,
        text: &str,
        vocab: Option<&FxHashSet<String>>,
        consume: bool,
        emit: &mut dyn FnMut(&str, &str, f64, f64, bool),
    ) {
        // Codes matter in queries; an entry's own codes are indexed from its `codes` field.
        let codes = if consume {
            codes::extract(text, self.numeric_codes.iter().map(String::as_str))
        } else {
            Vec::new()
        };
        for code in codes {
            // A bare number alone is a code only if it is one of SPHERE's own.
            if code.bytes().all(|b| b.is_ascii_digit()) && !self.numeric_codes.contains(&code) {
                continue;
            }
            emit(&format!("code:{code}"), &code, W_CONCEPT, 1.0, false);
        }

        let norm = normalize(text);
        // Split into words (Latin script, digits) and Japanese runs, remembering where each
        // character of the normalized text went, so that a lexicon term written across both
        // scripts (ログインID, HTMLメール) can be found in the text as it stands.
        let mut words: Vec<(String, String, f64)> = Vec::new(); // (stem, surface, factor)
        let mut runs: Vec<Vec<char>> = Vec::new();
        // One slot per byte of `norm`, so that a match's byte range indexes it directly.
        let mut slots: Vec<Slot> = Vec::with_capacity(norm.len());
        let mut word = String::new();
        let mut run: Vec<char> = Vec::new();
        for c in norm.chars() {
            let japanese = is_japanese_char(c);
            if (c == ' ' || japanese) && !word.is_empty() {
                words.push((stem(&word), std::mem::take(&mut word), 1.0));
            }
            if (c == ' ' || !japanese) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            let slot = if c == ' ' {
                Slot::Space
            } else if japanese {
                run.push(c);
                Slot::Run(runs.len(), run.len() - 1)
            } else {
                word.push(c);
                Slot::Word(words.len())
            };
            slots.extend(std::iter::repeat_n(slot, c.len_utf8()));
        }
        if !word.is_empty() {
            words.push((stem(&word), word, 1.0));
        }
        if !run.is_empty() {
            runs.push(run);
        }

        if let Some(vocab) = vocab {
            for (st, surface, factor) in &mut words {
                if self.lexicon.stopwords.contains(surface.as_str())
                    || self.lexicon.stopwords.contains(st.as_str())
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
        // The first match of each concept found: (concept, surface, typo factor). Few per
        // text, so a short list beats a table.
        let mut hits: Vec<(usize, String, f64)> = Vec::new();

        // English phrases, looked up by their first word.
        for start in 0..words.len() {
            let Some(candidates) = self.lexicon.phrases_by_first.get(&words[start].0) else {
                continue;
            };
            for &(ci, pi) in candidates {
                let phrase = &self.lexicon.concepts[ci].phrases[pi];
                let n = phrase.len();
                if start + n > words.len() || (1..n).any(|k| words[start + k].0 != phrase[k]) {
                    continue;
                }
                let factor = words[start..start + n]
                    .iter()
                    .map(|w| w.2)
                    .fold(1.0, f64::min);
                word_used[start..start + n]
                    .iter_mut()
                    .for_each(|u| *u = true);
                if !hits.iter().any(|h| h.0 == ci) {
                    let surface = if consume {
                        let parts: Vec<&str> = words[start..start + n]
                            .iter()
                            .map(|w| w.1.as_str())
                            .collect();
                        parts.join(" ")
                    } else {
                        String::new()
                    };
                    hits.push((ci, surface, factor));
                }
            }
        }

        // Japanese (and mixed-script) terms and stop phrases, all at once over the
        // normalized text; every overlapping occurrence counts.
        for (range, pi) in self.lexicon.ja_matches(&norm, consume) {
            let pattern = &self.lexicon.ja_patterns[pi];
            if pattern.concept.is_none() && !consume {
                continue;
            }
            for slot in &slots[range.clone()] {
                match *slot {
                    Slot::Run(r, o) => run_used[r][o] = true,
                    Slot::Word(w) => word_used[w] = true,
                    Slot::Space => {}
                }
            }
            // The first occurrence names the match; of terms starting there, the longest
            // (パスワード over パスワ): the order ja_matches gives.
            if let Some(ci) = pattern.concept
                && !hits.iter().any(|h| h.0 == ci)
            {
                let surface = if consume {
                    norm[range].to_string()
                } else {
                    String::new()
                };
                hits.push((ci, surface, 1.0));
            }
        }
        hits.sort_by_key(|h| h.0);
        for (ci, surface, factor) in &hits {
            let concept = &self.lexicon.concepts[*ci];
            emit(
                &concept.token,
                surface,
                W_CONCEPT * factor,
                1.0,
                *factor < 1.0,
            );
        }

        for (i, (st, surface, factor)) in words.iter().enumerate() {
            if word_used[i] || self.lexicon.stopwords.contains(surface.as_str()) {
                continue;
            }
            emit(st, surface, W_WORD * factor, 1.0, *factor < 1.0);
        }
        // Japanese: each stretch of characters no concept or stop phrase claimed becomes
        // bigrams (a single kanji stays itself; a single kana left between claimed phrases
        // is a particle and is dropped). For coverage, a stretch counts as one unit however
        // many bigrams it has, so a long unknown word does not outweigh the rest.
        for (ri, run) in runs.iter().enumerate() {
            let mut start = 0;
            while start < run.len() {
                if consume && run_used[ri][start] {
                    start += 1;
                    continue;
                }
                let mut end = start;
                while end < run.len() && !(consume && run_used[ri][end]) {
                    end += 1;
                }
                let seg = &run[start..end];
                let surface: String = if consume {
                    seg.iter().collect()
                } else {
                    String::new()
                };
                if seg.len() == 1 {
                    if !consume || run.len() == 1 || is_kanji(seg[0]) {
                        emit(
                            seg[0].encode_utf8(&mut [0; 4]),
                            &surface,
                            W_BIGRAM,
                            1.0,
                            false,
                        );
                    }
                } else {
                    let n = (seg.len() - 1) as f64;
                    let mut token = String::with_capacity(8);
                    for pair in seg.windows(2) {
                        token.clear();
                        token.extend(pair);
                        emit(&token, &surface, W_BIGRAM, 1.0 / n, false);
                    }
                }
                start = end;
            }
        }
    }
}

/// Where a character of the normalized text went: a word, a place in a Japanese run, or
/// a space between them.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Word(usize),
    Run(usize, usize),
    Space,
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

/// The indexed word nearest to an unknown word, if it is close enough: one edit for
/// words of four to eight letters, two for longer ones (transpositions count as one).
fn correct(word: &str, vocab: &FxHashSet<String>) -> Option<String> {
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

/// One entry's occurrences of one token, per field.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Posting {
    doc: u32,
    tf: [u16; FIELD_COUNT],
}

/// The search index over one FAQ: an inverted index from interned tokens to the entries
/// that hold them, so a search touches only the entries that share a token with it.
pub struct Index {
    analyzer: Analyzer,
    /// Token → id.
    ids: FxHashMap<String, u32>,
    /// By token id: the entries holding it, in entry order.
    postings: Vec<Vec<Posting>>,
    /// By token id: how many entries hold it in their question or keywords.
    df_topic: Vec<u32>,
    /// By entry: token count of each field.
    doc_len: Vec<[f32; FIELD_COUNT]>,
    /// By entry: whether it answers a code (its question then weighs less).
    has_codes: Vec<bool>,
    avg_len: [f64; FIELD_COUNT],
    vocab: FxHashSet<String>,
    /// Entry index that answers a code.
    code_owner: FxHashMap<String, usize>,
    /// Entries that help with a related code the FAQ does not name.
    related: FxHashMap<String, Vec<usize>>,
}

/// The part of an index that depends only on the FAQ and the lexicon: what
/// `data/index.bin` ships for the embedded FAQ, so that a search need not analyze every
/// entry at start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prebuilt {
    /// A hash of what it was built from; a mismatch means it is stale.
    pub inputs: u64,
    /// Tokens, by id.
    tokens: Vec<String>,
    postings: Vec<Vec<Posting>>,
    df_topic: Vec<u32>,
    doc_len: Vec<[f32; FIELD_COUNT]>,
    avg_len: [f64; FIELD_COUNT],
    /// Sorted.
    vocab: Vec<String>,
    /// The lexicon the entries were analyzed with, already normalized.
    pub lexicon: crate::lexicon::Compiled,
    /// Related codes and the entries (positions) that help with them, from the catalog.
    related: Vec<(String, Vec<usize>)>,
}

impl Prebuilt {
    /// Analyzes every entry of the FAQ.
    fn build(faq: &Faq, analyzer: &Analyzer, inputs: u64) -> Prebuilt {
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut df_topic: Vec<u32> = Vec::new();
        let mut doc_len = Vec::with_capacity(faq.entries.len());
        let mut vocab: FxHashSet<String> = FxHashSet::default();
        let mut total = [0.0f64; FIELD_COUNT];
        let mut acc: FxHashMap<u32, [u16; FIELD_COUNT]> = FxHashMap::default();
        for (doc, entry) in faq.entries.iter().enumerate() {
            let mut len = [0.0f32; FIELD_COUNT];
            for (field, text) in field_texts(entry) {
                let f = field as usize;
                analyzer.analyze_each(&text, None, false, &mut |token, _, _, _, _| {
                    let id = match ids.get(token) {
                        Some(&id) => id,
                        None => {
                            let id = postings.len() as u32;
                            ids.insert(token.to_string(), id);
                            postings.push(Vec::new());
                            df_topic.push(0);
                            if token.is_ascii() && !token.starts_with('#') {
                                vocab.insert(token.to_string());
                            }
                            id
                        }
                    };
                    let tf = &mut acc.entry(id).or_insert([0; FIELD_COUNT])[f];
                    *tf = tf.saturating_add(1);
                    len[f] += 1.0;
                });
            }
            // Document frequency counts the fields that say what an entry is about (question
            // and keywords) separately from the answer text: a word every answer mentions in
            // passing (初期登録, sign in) still tells entries apart if only one is about it.
            for (id, tf) in acc.drain() {
                if tf[Field::Question as usize] + tf[Field::Keywords as usize] > 0 {
                    df_topic[id as usize] += 1;
                }
                postings[id as usize].push(Posting {
                    doc: doc as u32,
                    tf,
                });
            }
            for (t, l) in total.iter_mut().zip(len) {
                *t += f64::from(l);
            }
            doc_len.push(len);
        }
        // Words of the lexicon's English phrases are correct spellings too.
        for c in &analyzer.lexicon.concepts {
            for p in &c.phrases {
                for w in p {
                    vocab.insert(w.clone());
                }
            }
        }
        let n = faq.entries.len().max(1) as f64;
        let avg_len = total.map(|t| (t / n).max(1.0));
        let mut tokens = vec![String::new(); postings.len()];
        for (t, id) in ids {
            tokens[id as usize] = t;
        }
        let mut vocab: Vec<String> = vocab.into_iter().collect();
        vocab.sort();
        Prebuilt {
            inputs,
            tokens,
            postings,
            df_topic,
            doc_len,
            avg_len,
            vocab,
            lexicon: analyzer.lexicon.compiled(),
            related: Vec::new(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("an index serializes")
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Prebuilt> {
        postcard::from_bytes(bytes).ok()
    }
}

/// SPHERE's own numeric codes (1014): the only bare numbers a text is searched for.
fn numeric_codes(faq: &Faq) -> Vec<String> {
    faq.codes()
        .map(|(c, _)| c.to_string())
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .collect()
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
        let analyzer = Analyzer::new(lexicon, numeric_codes(faq));
        let built = Prebuilt::build(faq, &analyzer, 0);
        Index::assemble(faq, analyzer, related, built)
    }

    /// An index from its prebuilt part (`data/index.bin`), skipping the analysis of every
    /// entry; `prebuilt` must come from this FAQ and lexicon (the caller checks its hash).
    pub fn from_prebuilt(faq: &Faq, mut prebuilt: Prebuilt) -> Index {
        let lexicon = Lexicon::from_compiled(std::mem::replace(
            &mut prebuilt.lexicon,
            crate::lexicon::Compiled {
                stopwords: Vec::new(),
                stopphrases: Vec::new(),
                concepts: Vec::new(),
            },
        ));
        let analyzer = Analyzer::new(lexicon, numeric_codes(faq));
        let related = std::mem::take(&mut prebuilt.related);
        let mut index = Index::assemble(faq, analyzer, &[], prebuilt);
        index.related = related.into_iter().collect();
        index
    }

    /// The part of this index that can be built ahead of time, labelled with `inputs`.
    pub fn prebuilt(&self, inputs: u64) -> Prebuilt {
        let mut tokens = vec![String::new(); self.postings.len()];
        for (t, &id) in &self.ids {
            tokens[id as usize] = t.clone();
        }
        let mut vocab: Vec<String> = self.vocab.iter().cloned().collect();
        vocab.sort();
        Prebuilt {
            inputs,
            tokens,
            postings: self.postings.clone(),
            df_topic: self.df_topic.clone(),
            doc_len: self.doc_len.clone(),
            avg_len: self.avg_len,
            vocab,
            lexicon: self.analyzer.lexicon.compiled(),
            related: {
                let mut r: Vec<(String, Vec<usize>)> = self
                    .related
                    .iter()
                    .map(|(c, v)| (c.clone(), v.clone()))
                    .collect();
                r.sort();
                r
            },
        }
    }

    fn assemble(
        faq: &Faq,
        analyzer: Analyzer,
        related: &[(String, Vec<String>)],
        p: Prebuilt,
    ) -> Index {
        let ids = p
            .tokens
            .into_iter()
            .enumerate()
            .map(|(i, t)| (t, i as u32))
            .collect();
        let code_owner = faq
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.codes.iter().map(move |c| (c.clone(), i)))
            .collect();
        let positions: FxHashMap<&str, usize> = faq
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let related = related
            .iter()
            .map(|(code, ids)| {
                let idx = ids
                    .iter()
                    .filter_map(|id| positions.get(id.as_str()).copied())
                    .collect();
                (code.clone(), idx)
            })
            .collect();
        Index {
            analyzer,
            ids,
            postings: p.postings,
            df_topic: p.df_topic,
            doc_len: p.doc_len,
            has_codes: faq.entries.iter().map(|e| !e.codes.is_empty()).collect(),
            avg_len: p.avg_len,
            vocab: p.vocab.into_iter().collect(),
            code_owner,
            related,
        }
    }

    /// The terms a query is turned into, for explaining a ranking (`eval --explain`).
    pub fn query_terms(&self, query: &str) -> Vec<Term> {
        self.analyzer.analyze(query, Some(&self.vocab), true)
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

    /// Inverse document frequency. The frequency counts the entries that are about a token
    /// (it is in their question or keywords) when there are any, else every entry that
    /// mentions it: see `Prebuilt::build`.
    fn idf(&self, id: Option<u32>) -> f64 {
        let n = self.doc_len.len() as f64;
        let df = match id {
            Some(id) => {
                let topic = self.df_topic[id as usize];
                if topic > 0 {
                    topic as usize
                } else {
                    self.postings[id as usize].len()
                }
            }
            None => 0,
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

    /// Ranks every entry for `query`; `limit` caps the answered entries.
    pub fn search(&self, query: &str, limit: usize) -> Outcome {
        self.search_with(query, limit, Abstain::default())
    }

    /// [`Index::search`] with other abstention thresholds (for calibration).
    pub fn search_with(&self, query: &str, limit: usize, abstain: Abstain) -> Outcome {
        let mut terms = self.analyzer.analyze(query, Some(&self.vocab), true);
        // The same token twice (a word repeated) counts once, at its highest weight.
        let mut uniq: Vec<Term> = Vec::new();
        for t in terms.drain(..) {
            match uniq.iter_mut().find(|u| u.token == t.token) {
                Some(u) => {
                    u.weight = u.weight.max(t.weight);
                    u.unit = u.unit.max(t.unit);
                }
                None => uniq.push(t),
            }
        }
        let terms = uniq;
        let term_ids: Vec<Option<u32>> = terms
            .iter()
            .map(|t| self.ids.get(&t.token).copied())
            .collect();
        let total_mass: f64 = terms
            .iter()
            .zip(&term_ids)
            .filter(|(t, _)| !t.token.starts_with("code:"))
            .map(|(t, &id)| full_weight(t) * t.unit * self.idf(id))
            .sum();

        let n = self.doc_len.len();
        let mut score = vec![0.0f64; n];
        let mut mass = vec![0.0f64; n];
        let mut exact = vec![false; n];
        let mut has_code = false;
        for (t, &id) in terms.iter().zip(&term_ids) {
            if let Some(code) = t.token.strip_prefix("code:") {
                if let Some(&owner) = self.code_owner.get(code) {
                    score[owner] += CODE_BOOST;
                    has_code = true;
                }
                if let Some(helpers) = self.related.get(code) {
                    for (pos, &e) in helpers.iter().enumerate() {
                        score[e] += RELATED_BOOST / (pos as f64 + 1.0);
                    }
                    has_code = true;
                }
                continue;
            }
            let Some(id) = id else { continue };
            let idf = self.idf(Some(id));
            for p in &self.postings[id as usize] {
                let d = p.doc as usize;
                let tf = self.field_tf(p);
                score[d] += t.weight * idf * tf * (K1 + 1.0) / (tf + K1);
                mass[d] += t.weight * t.unit * idf;
                exact[d] |= !t.fuzzy;
            }
        }
        let mut ranked: Vec<usize> = (0..n).filter(|&d| score[d] > 0.0).collect();
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));

        // What each reported entry matched, worked out only for those.
        let hit = |d: usize| {
            let mut matched: Vec<String> = Vec::new();
            let mut tokens = Vec::new();
            for (t, &id) in terms.iter().zip(&term_ids) {
                let found = match t.token.strip_prefix("code:") {
                    Some(code) => {
                        self.code_owner.get(code) == Some(&d)
                            || self.related.get(code).is_some_and(|r| r.contains(&d))
                    }
                    None => id.is_some_and(|id| {
                        self.postings[id as usize]
                            .binary_search_by_key(&(d as u32), |p| p.doc)
                            .is_ok()
                    }),
                };
                if found {
                    if !matched.contains(&t.surface) {
                        matched.push(t.surface.clone());
                    }
                    if !t.token.starts_with("code:") {
                        tokens.push(t.token.clone());
                    }
                }
            }
            let coverage = if total_mass > 0.0 && exact[d] {
                mass[d] / total_mass
            } else {
                0.0
            };
            // An entry matched only through typo corrections is a guess: never an answer.
            Hit {
                entry: d,
                score: score[d],
                coverage,
                matched,
                tokens,
            }
        };
        let Some(&best) = ranked.first() else {
            return Outcome {
                hits: Vec::new(),
                best_rejected: None,
            };
        };
        let best = hit(best);
        let accepted = if has_code {
            best.score >= RELATED_BOOST / 4.0
        } else {
            best.coverage >= abstain.min_coverage && best.score >= abstain.min_score
        };
        if !accepted {
            return Outcome {
                hits: Vec::new(),
                best_rejected: Some(best),
            };
        }
        let floor = best.score * FOLLOWER_RATIO;
        let hits = ranked
            .into_iter()
            .filter(|&d| score[d] >= floor && (has_code || score[d] >= abstain.min_score))
            .take(limit)
            .map(hit)
            .collect();
        Outcome {
            hits,
            best_rejected: None,
        }
    }
}

/// The text of each field of an entry, both languages.
fn field_texts(entry: &Entry) -> impl Iterator<Item = (Field, Cow<'_, str>)> {
    let questions = entry
        .question
        .both()
        .into_iter()
        .map(|(_, q)| (Field::Question, q.as_str()));
    let keywords = entry
        .keywords
        .both()
        .into_iter()
        .flat_map(|(_, kws)| kws.iter().map(|k| (Field::Keywords, k.as_str())));
    let answers = entry
        .answer
        .both()
        .into_iter()
        .map(|(_, lines)| (Field::Answer, Cow::Owned(lines.join("\n"))));
    questions
        .map(|(f, q)| (f, Cow::Borrowed(q)))
        .chain(keywords.map(|(f, k)| (f, Cow::Borrowed(k))))
        .chain(answers)
}

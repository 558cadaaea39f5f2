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

const TOPICAL_IDF: bool = true;

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

/// Abstention, calibrated on `tests/fixtures/queries.tsv` with `cargo run --release
/// --example eval -- --sweep`: the best entry must cover this share of the query's
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
    pub fn analyze(&self, text: &str, vocab: Option<&HashSet<String>>, consume: bool) -> Vec<Term> {
        let mut terms = Vec::new();
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
            terms.push(Term {
                token: format!("code:{code}"),
                surface: code.clone(),
                weight: W_CONCEPT,
                unit: 1.0,
                fuzzy: false,
            });
        }

        let norm = normalize(text);
        // Split into words (Latin script, digits) and Japanese runs, remembering where each
        // character of the normalized text went, so that a lexicon term written across both
        // scripts (ログインID, HTMLメール) can be found in the text as it stands.
        let mut words: Vec<(String, String, f64)> = Vec::new(); // (stem, surface, factor)
        let mut runs: Vec<Vec<char>> = Vec::new();
        let norm_chars: Vec<char> = norm.chars().collect();
        let mut slots: Vec<Slot> = Vec::with_capacity(norm_chars.len());
        let mut word = String::new();
        let mut run: Vec<char> = Vec::new();
        for &c in &norm_chars {
            let japanese = is_japanese_char(c);
            if (c == ' ' || japanese) && !word.is_empty() {
                words.push((stem(&word), std::mem::take(&mut word), 1.0));
            }
            if (c == ' ' || !japanese) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            if c == ' ' {
                slots.push(Slot::Space);
            } else if is_japanese_char(c) {
                slots.push(Slot::Run(runs.len(), run.len()));
                run.push(c);
            } else {
                slots.push(Slot::Word(words.len()));
                word.push(c);
            }
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
        // The first match of each concept, with its surface and typo factor.
        let mut hits: Vec<Option<(String, f64)>> = vec![None; self.lexicon.concepts.len()];

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
                if hits[ci].is_none() {
                    let surface: Vec<&str> = words[start..start + n]
                        .iter()
                        .map(|w| w.1.as_str())
                        .collect();
                    hits[ci] = Some((surface.join(" "), factor));
                }
            }
        }

        // Japanese (and mixed-script) terms and stop phrases, all at once over the
        // normalized text; every overlapping occurrence counts.
        let char_at = char_index_of_bytes(&norm);
        let mut ja_start = vec![usize::MAX; self.lexicon.concepts.len()];
        for m in self.lexicon.ja_matcher.find_overlapping_iter(&norm) {
            let pattern = &self.lexicon.ja_patterns[m.pattern().as_usize()];
            if pattern.concept.is_none() && !consume {
                continue;
            }
            for slot in &slots[char_at[m.start()]..char_at[m.end()]] {
                match *slot {
                    Slot::Run(r, o) => run_used[r][o] = true,
                    Slot::Word(w) => word_used[w] = true,
                    Slot::Space => {}
                }
            }
            if let Some(ci) = pattern.concept {
                // The first occurrence names the match; of terms starting there, the longest
                // (パスワード over パスワ).
                match &mut hits[ci] {
                    Some((surface, _)) if ja_start[ci] == m.start() && surface.len() < m.len() => {
                        *surface = norm[m.range()].to_string();
                    }
                    Some(_) => {}
                    None => {
                        hits[ci] = Some((norm[m.range()].to_string(), 1.0));
                        ja_start[ci] = m.start();
                    }
                }
            }
        }
        for (concept, hit) in self.lexicon.concepts.iter().zip(hits) {
            if let Some((surface, factor)) = hit {
                terms.push(Term {
                    token: concept.token.clone(),
                    surface,
                    weight: W_CONCEPT * factor,
                    unit: 1.0,
                    fuzzy: factor < 1.0,
                });
            }
        }

        for (i, (st, surface, factor)) in words.iter().enumerate() {
            if word_used[i] || self.lexicon.stopwords.contains(surface.as_str()) {
                continue;
            }
            terms.push(Term {
                token: st.clone(),
                surface: surface.clone(),
                weight: W_WORD * factor,
                unit: 1.0,
                fuzzy: *factor < 1.0,
            });
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
                let surface: String = seg.iter().collect();
                if seg.len() == 1 {
                    if !consume || run.len() == 1 || is_kanji(seg[0]) {
                        terms.push(Term {
                            token: surface.clone(),
                            surface,
                            weight: W_BIGRAM,
                            unit: 1.0,
                            fuzzy: false,
                        });
                    }
                } else {
                    let n = (seg.len() - 1) as f64;
                    for pair in seg.windows(2) {
                        terms.push(Term {
                            token: pair.iter().collect(),
                            surface: surface.clone(),
                            weight: W_BIGRAM,
                            unit: 1.0 / n,
                            fuzzy: false,
                        });
                    }
                }
                start = end;
            }
        }
        terms
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

/// For each byte offset of `s` (and its end), the index of the character it falls in.
fn char_index_of_bytes(s: &str) -> Vec<usize> {
    let mut at = vec![0; s.len() + 1];
    let mut n = 0;
    for (i, c) in s.char_indices() {
        at[i..i + c.len_utf8()].iter_mut().for_each(|a| *a = n);
        n += 1;
    }
    at[s.len()] = n;
    at
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
    /// Field weights for this entry (see CODE_QUESTION_FACTOR).
    weight: [f64; FIELDS],
}

/// The search index over one FAQ.
pub struct Index {
    analyzer: Analyzer,
    docs: Vec<Doc>,
    df: HashMap<String, usize>,
    df_topic: HashMap<String, usize>,
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
        let mut df_topic: HashMap<String, usize> = HashMap::new();
        let mut vocab = HashSet::new();
        let mut total = [0.0; FIELDS];
        for entry in &faq.entries {
            let mut weight = FIELD_WEIGHT;
            if !entry.codes.is_empty() {
                weight[Field::Question as usize] *= CODE_QUESTION_FACTOR;
            }
            let mut doc = Doc {
                tf: Default::default(),
                len: [0.0; FIELDS],
                weight,
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
            // Document frequency counts the fields that say what an entry is about (question
            // and keywords) separately from the answer text: a word every answer mentions in
            // passing (初期登録, sign in) still tells entries apart if only one is about it.
            let mut topical = HashSet::new();
            for f in [Field::Question, Field::Keywords] {
                for k in doc.tf[f as usize].keys() {
                    if topical.insert(k.clone()) {
                        *df_topic.entry(k.clone()).or_insert(0) += 1;
                    }
                }
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
                    vocab.insert(w.clone());
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
            df_topic,
            avg_len,
            vocab,
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

    fn idf(&self, token: &str) -> f64 {
        let n = self.docs.len() as f64;
        let df = match self.df_topic.get(token) {
            Some(&d) if TOPICAL_IDF => d,
            _ => self.df.get(token).copied().unwrap_or(0),
        } as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
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
        let total_mass: f64 = terms
            .iter()
            .filter(|t| !t.token.starts_with("code:"))
            .map(|t| full_weight(t) * t.unit * self.idf(&t.token))
            .sum();

        let mut hits: Vec<Hit> = Vec::new();
        let mut has_code = false;
        for (i, doc) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            let mut mass = 0.0;
            let mut matched = Vec::new();
            let mut tokens = Vec::new();
            let mut exact = false;
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
                for f in 0..FIELDS {
                    if let Some(&c) = doc.tf[f].get(&t.token) {
                        tf += doc.weight[f] * c / (1.0 - B + B * doc.len[f] / self.avg_len[f]);
                    }
                }
                if tf > 0.0 {
                    let idf = self.idf(&t.token);
                    score += t.weight * idf * tf * (K1 + 1.0) / (tf + K1);
                    mass += t.weight * t.unit * idf;
                    exact |= !t.fuzzy;
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
            // An entry matched only through typo corrections is a guess: never an answer.
            let coverage = if exact { coverage } else { 0.0 };
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
                h.coverage >= abstain.min_coverage && h.score >= abstain.min_score
            }
        };
        match best {
            Some(b) if accept(&b) => {
                let floor = b.score * FOLLOWER_RATIO;
                let answered = hits
                    .into_iter()
                    .filter(|h| {
                        h.score > 0.0
                            && h.score >= floor
                            && (has_code || h.score >= abstain.min_score)
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

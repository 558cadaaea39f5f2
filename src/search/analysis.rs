//! Turning text into terms, the same way for the entries and for a query: codes, lexicon
//! concepts (with what kind of thing each says about a problem), English words with light
//! stemming and typo correction, and Japanese character bigrams.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::codes;
use crate::data::lexicon::ConceptKind;
use crate::lang::{is_japanese_char, utf8_len};
use crate::normalize::{normalize, stem_of};
use crate::search::lexicon::Lexicon;

/// Query-side weights of token kinds: a Japanese word yields several overlapping bigrams,
/// so each counts for less than a whole English word; a concept stands for a whole phrase.
const W_WORD: f64 = 1.0;
const W_BIGRAM: f64 = 0.6;
const W_CONCEPT: f64 = 1.5;
/// A word matched only through typo correction counts for less.
pub const FUZZY_FACTOR: f64 = 0.7;

/// What a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// An error code named in the text (`code:AADSTS50020`).
    Code,
    /// A lexicon concept (`#password`), with what it says about the problem.
    Concept(ConceptKind),
    /// An English (or other Latin-script) word, stemmed.
    Word,
    /// Two Japanese characters (or one kanji standing alone).
    Bigram,
}

/// One token of an analyzed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// What the index stores: a stemmed word, a kana/kanji bigram, `#concept`, `code:X`.
    pub token: String,
    /// The words of the text it came from, for explaining a match. Shared: every bigram
    /// of one Japanese stretch has the whole stretch as its surface, and a copy each made
    /// a long run quadratic in memory (5,000 characters, 80 MB).
    pub surface: Arc<str>,
    pub weight: f64,
    /// Share of one unit of meaning, for coverage: 1 for a word or concept, 1/n for each
    /// of the n bigrams of one Japanese stretch.
    pub unit: f64,
    /// Matched only through typo correction.
    pub fuzzy: bool,
    pub kind: TermKind,
}

/// Turns text into terms. Shared by the index (documents) and the queries.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Analyzer {
    pub lexicon: Lexicon,
    numeric_codes: Vec<String>,
    /// Every code known (the FAQ's, then the catalog's), which a bare number is resolved
    /// against as `code` resolves it.
    known_codes: Vec<String>,
}

/// What the lexicon says of a word: where the phrases starting with its stem, and with
/// it as written (when that differs), are listed; whether it is a stop word.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    phrases: [Option<u32>; 2],
    stop: bool,
}

/// One word of the normalized text: its stem, as written, its typo factor (1 unless it
/// was corrected) and where it stands in the normalized text.
struct Word<'a> {
    stem: Cow<'a, str>,
    surface: &'a str,
    factor: f64,
    start: usize,
    end: usize,
    facts: Facts,
}

/// A concept found in the text, before shadowing: which, where (bytes of the normalized
/// text), how sure (typo factor), and the words or characters it claims.
struct Found {
    concept: Option<usize>,
    range: Range<usize>,
    factor: f64,
    words: Range<usize>,
}

/// Japanese words right after a name that say "not this one" (Azure ADではなく自社の…).
const NOT_THIS: [&str; 3] = ["ではなく", "じゃなく", "ではありません"];

/// Whether `rest` (the text after a name) says "not this one", after at most a few more
/// Latin letters or spaces of the same name.
fn followed_by_not_this(rest: &str) -> bool {
    let skip = rest
        .bytes()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b' ')
        .count();
    NOT_THIS.iter().any(|n| rest[skip..].starts_with(n))
}

impl Analyzer {
    /// SPHERE's own numeric codes (1014), the only bare numbers a text is searched for.
    pub fn numeric_codes(&self) -> Vec<&str> {
        self.numeric_codes.iter().map(String::as_str).collect()
    }

    /// `numeric_codes`: SPHERE's own codes that are bare numbers (`1014`), the only
    /// numbers read as codes inside a text; `known_codes`: every code known, the FAQ's
    /// first, for a number that is a code on its own (`50020`).
    pub fn new(lexicon: Lexicon, numeric_codes: Vec<String>, known_codes: Vec<String>) -> Analyzer {
        Analyzer {
            lexicon,
            numeric_codes,
            known_codes,
        }
    }

    /// What the lexicon says of a word written `surface`, stemmed `stem`.
    fn facts(&self, surface: &str, stem: &str) -> Facts {
        Facts {
            phrases: [
                self.lexicon.phrase_start(stem),
                (surface != stem)
                    .then(|| self.lexicon.phrase_start(surface))
                    .flatten(),
            ],
            stop: self.lexicon.is_stopword(surface),
        }
    }

    /// Analyzes `text` into terms.
    ///
    /// Words that a concept phrase claims are represented by the concept alone (so `time`
    /// in "first time" does not match a lunch-time query). A term inside a longer stop
    /// phrase, foreign or domain term is not a match (会社 in 株式会社, ソニー in ソニー銀行,
    /// ID in Entra ID), and a
    /// domain name followed by ではなく ("not this one") does not count.
    ///
    /// For a query (`query` true), codes are read from the text, `vocab` corrects unknown
    /// English words to the nearest indexed word, and Japanese characters claimed by a
    /// concept or stop phrase are not turned into bigrams; documents keep all their
    /// bigrams, so part of a word still matches, and get empty surfaces.
    pub fn analyze(&self, text: &str, vocab: Option<&[String]>, query: bool) -> Vec<Term> {
        let mut terms = Vec::new();
        // The surface of a document's terms (one allocation, shared).
        let empty: Arc<str> = Arc::from("");
        // Codes matter in queries; an entry's own codes are indexed from its `codes` field.
        if query {
            for code in codes::extract(text, self.numeric_codes.iter().map(String::as_str)) {
                // A bare number (the whole query, or after "Error Code:") is resolved as
                // `code` resolves it (Engine::classify): the known code with those digits
                // (`50020` is AADSTS50020, `0001` AADB2B_0001), else five to seven digits
                // are an AADSTS code; a number that names no code is none.
                let code = if code.bytes().all(|b| b.is_ascii_digit()) {
                    let resolved =
                        codes::resolve_bare(&code, self.known_codes.iter().map(String::as_str));
                    if resolved == code && !self.numeric_codes.contains(&code) {
                        continue;
                    }
                    resolved
                } else {
                    code
                };
                terms.push(Term {
                    token: format!("code:{code}"),
                    surface: Arc::from(code.as_str()),
                    weight: W_CONCEPT,
                    unit: 1.0,
                    fuzzy: false,
                    kind: TermKind::Code,
                });
            }
        }

        let norm = normalize(text);
        let norm = norm.as_str();
        // Split into words (Latin script, digits) and Japanese runs, both as byte ranges of
        // the normalized text, so that a lexicon term written across both scripts
        // (ログインID, HTMLメール) can be found in the text as it stands, and a bigram is a
        // slice of it: nothing is copied per character.
        let mut words: Vec<Word> = Vec::new();
        let mut runs: Vec<Range<usize>> = Vec::new();
        let word = |start: usize, end: usize| Word {
            stem: stem_of(&norm[start..end]),
            surface: &norm[start..end],
            factor: 1.0,
            start,
            end,
            facts: Facts::default(),
        };
        // The normalized text is spaces, ASCII letters and digits, Japanese characters
        // and other letters: a word ends at a space or a Japanese character, a run at a
        // space or anything else. Read by byte; only what may be Japanese is decoded.
        let bytes = norm.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let start = at;
            if b == b' ' {
                at += 1;
            } else if japanese_at(bytes, at) {
                while japanese_at(bytes, at) {
                    at += 3;
                }
                runs.push(start..at);
            } else {
                while let Some(&b) = bytes.get(at) {
                    if b == b' ' || (b >= 0x80 && japanese_at(bytes, at)) {
                        break;
                    }
                    at += utf8_len(b);
                }
                words.push(word(start, at));
            }
        }

        if let Some(vocab) = vocab {
            for w in &mut words {
                if self.lexicon.is_stopword(w.surface)
                    || self.lexicon.is_stopword(&w.stem)
                    || vocab.binary_search(&w.stem.to_string()).is_ok()
                    || !self.lexicon.phrases_from(&w.stem).is_empty()
                    || w.stem.bytes().any(|b| b.is_ascii_digit())
                {
                    continue;
                }
                if let Some(fix) = correct(&w.stem, vocab) {
                    w.stem = Cow::Owned(fix);
                    w.factor = FUZZY_FACTOR;
                }
            }
        }

        for w in &mut words {
            w.facts = self.facts(w.surface, &w.stem);
        }

        // Every lexicon match, English phrases over the word sequence and Japanese (and
        // mixed-script) terms and stop phrases over the normalized text.
        let mut found: Vec<Found> = Vec::new();
        for start in 0..words.len() {
            let [by_stem, by_surface] = words[start]
                .facts
                .phrases
                .map(|at| self.lexicon.phrases_at(at));
            for &(ci, pi) in by_stem.iter().chain(by_surface) {
                let (ci, pi) = (ci as usize, pi as usize);
                let concept = &self.lexicon.concepts[ci];
                let phrase = &concept.phrases[pi];
                let n = phrase.len();
                // Foreign names are matched as written, other phrases by their stems.
                let word = |k: usize| -> &str {
                    if concept.kind == ConceptKind::Foreign {
                        words[k].surface
                    } else {
                        &words[k].stem
                    }
                };
                if start + n > words.len() || (0..n).any(|k| *word(start + k) != phrase[k]) {
                    continue;
                }
                let factor = words[start..start + n]
                    .iter()
                    .map(|w| w.factor)
                    .fold(1.0, f64::min);
                found.push(Found {
                    concept: Some(ci),
                    range: words[start].start..words[start + n - 1].end,
                    factor,
                    words: start..start + n,
                });
            }
        }
        for (range, pi) in self.lexicon.ja_matches(norm) {
            found.push(Found {
                concept: self.lexicon.ja_concept(pi),
                range,
                factor: 1.0,
                words: 0..0,
            });
        }

        // Shadowing: a stop phrase, a foreign or a domain term hides the shorter terms
        // inside it.
        let mut shadows: Vec<Range<usize>> = Vec::new();
        shadows.extend(
            found
                .iter()
                .filter(|f| {
                    f.concept.is_none_or(|ci| {
                        matches!(
                            self.lexicon.concepts[ci].kind,
                            ConceptKind::Foreign | ConceptKind::Domain
                        )
                    })
                })
                .map(|f| f.range.clone()),
        );
        outermost(&mut shadows);
        let shadowed = |f: &Found| shadowed(&shadows, &f.range);
        let mut word_used = vec![false; words.len()];
        // By byte of the normalized text: claimed by a term (a claimed range always holds
        // whole characters, so a character's first byte says). Only a query leaves the
        // claimed characters out of its bigrams, so only a query marks them.
        let mut byte_used = vec![false; if query { norm.len() } else { 0 }];
        // The first match of each concept found: (concept, surface range, typo factor).
        // Few per text, so a short list beats a table.
        let mut hits: Vec<(usize, Range<usize>, f64)> = Vec::new();
        for f in found.iter() {
            // Documents keep the bigrams of stop phrases: only a query has use for them
            // here (they shadowed what they hold, above).
            if (f.concept.is_none() && !query) || shadowed(f) {
                continue;
            }
            if let Some(ci) = f.concept {
                let concept = &self.lexicon.concepts[ci];
                // The rest of a name written in Latin letters may stand between
                // (`azure` of `azure adではなく`): a few characters, not the rest of an
                // English text. Only a query asks: a domain name weighs nothing in an entry.
                if query
                    && concept.kind == ConceptKind::Domain
                    && followed_by_not_this(&norm[f.range.end..])
                {
                    continue;
                }
            }
            for k in f.words.clone() {
                word_used[k] = true;
            }
            // A long-vowel mark right after a term is part of it (`そにーから`: the term
            // ソニー is normalized `そに` as a word of its own).
            let mut claimed = f.range.clone();
            if norm[claimed.end..].starts_with('ー') {
                claimed.end += 'ー'.len_utf8();
            }
            if !claimed.is_empty() {
                // The words the claimed range reaches into (sorted, so one run of them).
                let first = words.partition_point(|w| w.end <= claimed.start);
                for (k, w) in words.iter().enumerate().skip(first) {
                    if w.start >= claimed.end {
                        break;
                    }
                    word_used[k] = true;
                }
                if query {
                    byte_used[claimed].fill(true);
                }
            }
            if let Some(ci) = f.concept
                && !hits.iter().any(|h| h.0 == ci)
            {
                hits.push((ci, f.range.clone(), f.factor));
            }
        }
        hits.sort_by_key(|h| h.0);
        for (ci, range, factor) in hits.iter() {
            let concept = &self.lexicon.concepts[*ci];
            terms.push(Term {
                token: concept.token.to_string(),
                surface: if query {
                    Arc::from(&norm[range.clone()])
                } else {
                    Arc::clone(&empty)
                },
                weight: W_CONCEPT * factor,
                unit: 1.0,
                fuzzy: *factor < 1.0,
                kind: TermKind::Concept(concept.kind),
            });
        }

        for (i, w) in words.iter().enumerate() {
            if word_used[i] || w.facts.stop {
                continue;
            }
            terms.push(Term {
                token: w.stem.to_string(),
                surface: if query {
                    Arc::from(w.surface)
                } else {
                    Arc::clone(&empty)
                },
                weight: W_WORD * w.factor,
                unit: 1.0,
                fuzzy: w.factor < 1.0,
                kind: TermKind::Word,
            });
        }
        // Japanese: each stretch of characters no concept or stop phrase claimed becomes
        // bigrams (a single kanji stays itself; a single kana left between claimed phrases
        // is a particle and is dropped). For coverage, a stretch counts as one unit however
        // many bigrams it has, so a long unknown word does not outweigh the rest.
        // By byte, as the words were split: a character is claimed when its first byte is.
        let next = |i: usize| i + utf8_len(bytes[i]);
        for r in runs {
            let used = |i: usize| query && byte_used[i];
            let mut at = r.start;
            while at < r.end {
                if used(at) {
                    at = next(at);
                    continue;
                }
                let start = at;
                let mut count = 0;
                while at < r.end && !used(at) {
                    at = next(at);
                    count += 1;
                }
                let surface = if query {
                    Arc::from(&norm[start..at])
                } else {
                    Arc::clone(&empty)
                };
                if count == 1 {
                    let alone = start == r.start && at == r.end;
                    if !query || alone || norm[start..].chars().next().is_some_and(is_kanji) {
                        terms.push(Term {
                            token: norm[start..at].to_string(),
                            surface: Arc::clone(&surface),
                            weight: W_BIGRAM,
                            unit: 1.0,
                            fuzzy: false,
                            kind: TermKind::Bigram,
                        });
                    }
                } else {
                    let unit = 1.0 / (count - 1) as f64;
                    // Each two neighbouring characters.
                    let (mut first, mut second) = (start, next(start));
                    while second < at {
                        let end = next(second);
                        terms.push(Term {
                            token: norm[first..end].to_string(),
                            surface: Arc::clone(&surface),
                            weight: W_BIGRAM,
                            unit,
                            fuzzy: false,
                            kind: TermKind::Bigram,
                        });
                        (first, second) = (second, end);
                    }
                }
            }
        }
        terms
    }
}

/// Leaves the outermost of these ranges, sorted: the ones no other holds. Their ends
/// rise with their starts. (A long Japanese answer has dozens of terms and stop phrases:
/// each term is checked against these instead of all.)
fn outermost(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    ranges.dedup_by(|r, kept| r.end <= kept.end);
}

/// Whether one of the [`outermost`] ranges holds `range` and is longer: the last to start
/// where `range` starts or before is the only one that can.
fn shadowed(outermost: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = outermost.partition_point(|r| r.start <= range.start);
    i.checked_sub(1)
        .is_some_and(|i| range.end <= outermost[i].end && outermost[i] != *range)
}

/// Whether the character at `i` of this UTF-8 text (where one starts) is Japanese
/// ([`is_japanese_char`]). Every Japanese character is three bytes long: only those are
/// decoded.
fn japanese_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i..i + 3) {
        Some(&[b0 @ 0xE0..=0xEF, b1, b2]) => {
            let c = u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
            char::from_u32(c).is_some_and(is_japanese_char)
        }
        _ => false,
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

/// The indexed word nearest to an unknown word, if it is close enough and the slip is one
/// people make: one edit for words of four to eight letters, two for longer ones
/// (a transposition counts as one), the first letter right. A word of the same length is
/// corrected only for swapped letters ("recieved"): a changed letter makes another
/// ordinary word as often as a typo (looked/locked, great/create, gmail/email).
///
/// `vocab` is sorted, so the words with the right first letter are one run of it, found
/// by binary search: a word is compared with that run only, not the whole vocabulary.
pub fn correct(word: &str, vocab: &[String]) -> Option<String> {
    let len = word.chars().count();
    // No typo is corrected in a word longer than any real one: the edit distance is
    // quadratic in the length.
    let max = match len {
        4..=8 => 1,
        9..=MAX_CORRECTED => 2,
        _ => return None,
    };
    let first = word.chars().next()?;
    let mut buf = [0u8; 4];
    let first: &str = first.encode_utf8(&mut buf);
    let from = vocab.partition_point(|v| v.as_str() < first);
    let mut best: Option<(usize, &str)> = None;
    for v in vocab[from..]
        .iter()
        .map(String::as_str)
        .take_while(|v| v.starts_with(first))
    {
        if v.len().abs_diff(word.len()) > max {
            continue;
        }
        if v.len() == word.len() && !is_transposition(word, v) {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, v);
        if d <= max && best.is_none_or(|(bd, bv)| d < bd || (d == bd && v < bv)) {
            best = Some((d, v));
        }
    }
    best.map(|(_, v)| v.to_string())
}

/// The longest word typo correction looks at (the longest English words in the FAQ are
/// about 15 letters).
const MAX_CORRECTED: usize = 32;

/// Whether `a` and `b` differ by one swap of neighbouring letters.
fn is_transposition(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

#[cfg(test)]
mod tests {
    /// Every character, between others: Japanese by its bytes exactly when it is.
    #[test]
    fn japanese_by_bytes_is_japanese_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}\u{3042}");
            assert_eq!(
                super::japanese_at(text.as_bytes(), 1),
                is_japanese_char(c),
                "{c:?}"
            );
        }
        assert!(!super::japanese_at("あ".as_bytes(), 1) && !super::japanese_at(b"\xE3\x81", 0));
    }

    /// Checked against the outermost ranges, a range is shadowed exactly when one of all
    /// the ranges holds it and is longer: every set of up to three ranges within 0..5.
    #[test]
    fn shadowing_by_the_outermost_ranges_is_by_all() {
        let all: Vec<Range<usize>> = (0..5).flat_map(|s| (s..5).map(move |e| s..e)).collect();
        let mut sets = vec![vec![]];
        for _ in 0..3 {
            let longer: Vec<Vec<_>> = sets
                .iter()
                .flat_map(|set: &Vec<Range<usize>>| {
                    all.iter()
                        .map(move |r| [set.clone(), vec![r.clone()]].concat())
                })
                .collect();
            sets.extend(longer);
        }
        for set in sets {
            let mut outer = set.clone();
            super::outermost(&mut outer);
            for r in &all {
                let want = set
                    .iter()
                    .any(|s| s.start <= r.start && r.end <= s.end && s.len() > r.len());
                assert_eq!(super::shadowed(&outer, r), want, "{r:?} in {set:?}");
            }
        }
    }

    use super::*;

    fn vocab(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        v.sort();
        v
    }

    /// Issue 29, D6: no word longer than any real one is corrected (the edit distance is
    /// quadratic in the length), whatever the vocabulary holds.
    #[test]
    fn long_words_are_not_corrected() {
        let long = "a".repeat(999);
        let v = vocab(&[&long, &"a".repeat(998), "address"]);
        assert_eq!(correct(&"a".repeat(997), &v), None);
        assert_eq!(correct(&long, &v), None);
        assert_eq!(correct("adress", &v).as_deref(), Some("address"));
    }

    #[test]
    fn corrects_typos_but_not_other_words() {
        let v = vocab(&[
            "received",
            "locked",
            "create",
            "email",
            "invitation",
            "address",
        ]);
        assert_eq!(correct("recieved", &v).as_deref(), Some("received"));
        assert_eq!(correct("invitaton", &v).as_deref(), Some("invitation"));
        assert_eq!(correct("adress", &v).as_deref(), Some("address"));
        assert_eq!(correct("looked", &v), None);
        assert_eq!(correct("great", &v), None);
        assert_eq!(correct("gmail", &v), None);
        // Only the run of the right first letter is searched: its ends count too.
        let v = vocab(&["aaaaa", "address", "adresses", "b", "zzzzz"]);
        assert_eq!(correct("adress", &v).as_deref(), Some("address"));
        assert_eq!(correct("zzzzy", &v), None);
        assert_eq!(correct("zzzz", &v).as_deref(), Some("zzzzz"));
        assert_eq!(correct("qqqqq", &v), None);
    }
}

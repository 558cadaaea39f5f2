//! Turning text into terms, the same way for the entries and for a query: codes, lexicon
//! concepts (with what kind of thing each says about a problem), English words with light
//! stemming and typo correction, and Japanese character bigrams.

use std::borrow::Cow;
use std::ops::Range;

use super::strmap::StrMap;
use crate::codes;
use crate::lang::{is_japanese_char, utf8_len};
use crate::lexicon::{ConceptKind, Lexicon};
use crate::normalize::{normalize_into, stem_of};
use crate::tables::Strs;

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
    /// The words of the text it came from, for explaining a match.
    pub surface: String,
    pub weight: f64,
    /// Share of one unit of meaning, for coverage: 1 for a word or concept, 1/n for each
    /// of the n bigrams of one Japanese stretch.
    pub unit: f64,
    /// Matched only through typo correction.
    pub fuzzy: bool,
    pub kind: TermKind,
}

/// A term as the analyzer hands it out, borrowing its text: building the index allocates
/// nothing per token.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub token: &'a str,
    pub surface: &'a str,
    pub weight: f64,
    pub unit: f64,
    pub fuzzy: bool,
    pub kind: TermKind,
}

impl Tok<'_> {
    pub fn to_term(self) -> Term {
        Term {
            token: self.token.to_string(),
            surface: self.surface.to_string(),
            weight: self.weight,
            unit: self.unit,
            fuzzy: self.fuzzy,
            kind: self.kind,
        }
    }
}

/// Turns text into terms. Shared by the index (documents) and the queries.
pub struct Analyzer {
    pub lexicon: Lexicon,
    numeric_codes: Vec<String>,
}

/// The buffers of one analysis, kept for the next: an index build analyzes hundreds of
/// thousands of texts, and growing a dozen vectors for each cost more than a tenth of it.
#[derive(Default)]
pub struct Scratch {
    norm: String,
    /// Always empty between analyses; it holds words of the text being analyzed.
    words: Vec<Word<'static>>,
    runs: Vec<Range<usize>>,
    found: Vec<Found>,
    ja: Vec<(Range<usize>, usize)>,
    shadows: Vec<Range<usize>>,
    word_used: Vec<bool>,
    byte_used: Vec<bool>,
    hits: Vec<(usize, Range<usize>, f64)>,
    /// The words of the texts analyzed so far (documents only), each with what the
    /// lexicon says of it: an index build meets the same words text after text, and
    /// looks each up once per run rather than three times per occurrence.
    known: StrMap<Known>,
}

/// A word as analyzed: its stem, the phrases that start with it, whether it is a stop word.
struct Known {
    stem: Stem,
    facts: Facts,
}

/// A known word's stem.
enum Stem {
    /// The start of the word, this long (`invitations` → `invitation`).
    Start(u32),
    /// Another string (`policies` → `policy`).
    Other(Box<str>),
}

/// What the lexicon says of a word: where the phrases starting with its stem, and with
/// it as written (when that differs), are listed; whether it is a stop word.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    phrases: [Option<u32>; 2],
    stop: bool,
}

/// An empty vector with the allocation of `v`, for elements of the same type but for a
/// lifetime. Collecting a vector's own iterator into one of the same layout reuses its
/// allocation (the standard library does it in place); were it ever not to, this only
/// allocates.
fn recycle<'a, 'b>(mut v: Vec<Word<'a>>) -> Vec<Word<'b>> {
    v.clear();
    // Empty: the closure is never called.
    v.into_iter()
        .map(|_| -> Word<'b> { unreachable!() })
        .collect()
}

/// One word of the normalized text: its stem, as written, its typo factor (1 unless it
/// was corrected) and where it stands in the normalized text. Borrowed from the text:
/// an index build splits millions of words.
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
    pub fn new(lexicon: Lexicon, numeric_codes: Vec<String>) -> Analyzer {
        Analyzer {
            lexicon,
            numeric_codes,
        }
    }

    /// Analyzes `text` into terms (see [`Analyzer::analyze_each`]).
    pub fn analyze(&self, text: &str, vocab: Option<&Strs>, query: bool) -> Vec<Term> {
        let mut terms = Vec::new();
        self.analyze_each(text, vocab, query, &mut Scratch::default(), &mut |t| {
            terms.push(t.to_term())
        });
        terms
    }

    /// What the lexicon says of a word written `surface`, stemmed `stem`.
    fn facts(&self, surface: &str, stem: &str, many: bool) -> Facts {
        Facts {
            phrases: [
                self.lexicon.phrase_start(stem, many),
                (surface != stem)
                    .then(|| self.lexicon.phrase_start(surface, many))
                    .flatten(),
            ],
            stop: self.lexicon.is_stopword(surface, many),
        }
    }

    /// Analyzes `text`, handing each term to `emit`.
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
    pub fn analyze_each(
        &self,
        text: &str,
        vocab: Option<&Strs>,
        query: bool,
        scratch: &mut Scratch,
        emit: &mut dyn FnMut(Tok<'_>),
    ) {
        // Codes matter in queries; an entry's own codes are indexed from its `codes` field.
        if query {
            for code in codes::extract(text, self.numeric_codes.iter().map(String::as_str)) {
                // A bare number alone is a code only if it is one of SPHERE's own.
                if code.bytes().all(|b| b.is_ascii_digit()) && !self.numeric_codes.contains(&code) {
                    continue;
                }
                emit(Tok {
                    token: &format!("code:{code}"),
                    surface: &code,
                    weight: W_CONCEPT,
                    unit: 1.0,
                    fuzzy: false,
                    kind: TermKind::Code,
                });
            }
        }

        let Scratch {
            norm,
            words: spare_words,
            runs,
            found,
            ja,
            shadows,
            word_used,
            byte_used,
            hits,
            known,
        } = scratch;
        normalize_into(text, norm);
        let norm = norm.as_str();
        // Split into words (Latin script, digits) and Japanese runs, both as byte ranges of
        // the normalized text, so that a lexicon term written across both scripts
        // (ログインID, HTMLメール) can be found in the text as it stands, and a bigram is a
        // slice of it: nothing is copied per character.
        let mut words: Vec<Word> = recycle(std::mem::take(spare_words));
        runs.clear();
        // (A document's words are stemmed below, through `known`.)
        let word = |start: usize, end: usize| Word {
            stem: if query {
                stem_of(&norm[start..end])
            } else {
                Cow::Borrowed(&norm[start..end])
            },
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
                if self.lexicon.is_stopword(w.surface, !query)
                    || self.lexicon.is_stopword(&w.stem, !query)
                    || vocab.find(&w.stem).is_some()
                    || !self.lexicon.phrases_from(&w.stem, !query).is_empty()
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

        if query {
            for w in &mut words {
                w.facts = self.facts(w.surface, &w.stem, false);
            }
        } else {
            for w in &mut words {
                let k = match known.get(w.surface) {
                    Some(k) => k,
                    None => {
                        let stem = stem_of(w.surface);
                        let facts = self.facts(w.surface, &stem, true);
                        let stem = match stem {
                            Cow::Borrowed(b) => Stem::Start(b.len() as u32),
                            Cow::Owned(o) => Stem::Other(o.into()),
                        };
                        known.insert(w.surface, Known { stem, facts })
                    }
                };
                w.stem = match &k.stem {
                    Stem::Start(len) => Cow::Borrowed(&w.surface[..*len as usize]),
                    Stem::Other(stem) => Cow::Owned(stem.to_string()),
                };
                w.facts = k.facts;
            }
        }

        // Every lexicon match, English phrases over the word sequence and Japanese (and
        // mixed-script) terms and stop phrases over the normalized text.
        found.clear();
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
        self.lexicon.ja_matches_into(norm, ja);
        for (range, pi) in ja.drain(..) {
            found.push(Found {
                concept: self.lexicon.ja_concept(pi),
                range,
                factor: 1.0,
                words: 0..0,
            });
        }

        // Shadowing: a stop phrase, a foreign or a domain term hides the shorter terms
        // inside it.
        shadows.clear();
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
        outermost(shadows);
        let shadowed = |f: &Found| shadowed(shadows, &f.range);
        word_used.clear();
        word_used.resize(words.len(), false);
        // By byte of the normalized text: claimed by a term (a claimed range always holds
        // whole characters, so a character's first byte says). Only a query leaves the
        // claimed characters out of its bigrams, so only a query marks them.
        byte_used.clear();
        if query {
            byte_used.resize(norm.len(), false);
        }
        // The first match of each concept found: (concept, surface range, typo factor).
        // Few per text, so a short list beats a table.
        hits.clear();
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
            emit(Tok {
                token: &concept.token,
                surface: if query { &norm[range.clone()] } else { "" },
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
            emit(Tok {
                token: &w.stem,
                surface: w.surface,
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
        for r in runs.drain(..) {
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
                let surface = if query { &norm[start..at] } else { "" };
                if count == 1 {
                    let alone = start == r.start && at == r.end;
                    if !query || alone || norm[start..].chars().next().is_some_and(is_kanji) {
                        emit(Tok {
                            token: &norm[start..at],
                            surface,
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
                        emit(Tok {
                            token: &norm[first..end],
                            surface,
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
        *spare_words = recycle(words);
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
pub fn correct(word: &str, vocab: &Strs) -> Option<String> {
    let len = word.chars().count();
    let max = match len {
        0..=3 => return None,
        4..=8 => 1,
        _ => 2,
    };
    let first = word.chars().next()?;
    let mut buf = [0u8; 4];
    let first: &str = first.encode_utf8(&mut buf);
    let from = vocab.partition_point(|v| v < first);
    let mut best: Option<(usize, &str)> = None;
    for v in (from..vocab.len())
        .map(|i| vocab.get(i))
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

    fn vocab(words: &[&str]) -> Strs {
        let mut v = words.to_vec();
        v.sort();
        Strs::new(v)
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

    /// The reuse `Scratch` is for: the words' vector keeps its allocation from one text
    /// to the next (were this to fail, analysis stays right and only gets slower).
    #[test]
    fn recycling_keeps_the_allocation() {
        let text = String::from("one two three");
        let mut words: Vec<Word> = Vec::with_capacity(64);
        words.push(Word {
            stem: Cow::Borrowed(&text[..3]),
            surface: &text[..3],
            factor: 1.0,
            start: 0,
            end: 3,
            facts: Facts::default(),
        });
        let ptr = words.as_ptr() as usize;
        let spare: Vec<Word<'static>> = recycle(words);
        assert!(spare.is_empty());
        assert_eq!((spare.as_ptr() as usize, spare.capacity()), (ptr, 64));
    }
}

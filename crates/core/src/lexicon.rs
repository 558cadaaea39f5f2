//! The curated search lexicon (`data/lexicon.json`): English stop words and concepts,
//! groups of words and phrases in either language that mean the same thing to someone
//! describing a sign-in problem (削除 / 消した / deleted / threw away …).

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::db::{LoadError, embedded_json};
use crate::lang::{has_japanese, utf8_len};
use crate::normalize::{normalize, stem};
use crate::tables::{List, Literal, Str, Strs, list, sorted_find};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// English words that carry no meaning for the search.
    pub stopwords: Vec<String>,
    /// Japanese phrases that carry no meaning for the search (やり方, したい, かも …):
    /// their characters are not turned into bigrams.
    #[serde(default)]
    pub stopphrases: Vec<String>,
    pub concepts: Vec<ConceptFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptFile {
    pub id: String,
    /// What the concept tells about a problem; `context` when not given.
    #[serde(default)]
    pub kind: ConceptKind,
    pub terms: Vec<String>,
}

/// What a concept says about the problem a text describes. Search ranks on the object
/// first and on what went wrong second ([`crate::search`]); the other kinds decide
/// whether the text is about SPHERE at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    /// The thing the problem is about: the invitation e-mail, its link, the login ID, the
    /// password, the e-mail address, another signed-in account, the company's own sign-in
    /// screen, Concur …
    Object,
    /// What went wrong with it: not arrived, deleted, forgot, change, expired …
    Problem,
    /// Words that set the scene without deciding between entries (login, error, browser).
    #[default]
    Context,
    /// Names that place a text in SPHERE's world: SPHERE, Azure AD / Entra ID, the
    /// troubleshooting details of Microsoft's error page. (Sony is only context: Sony's
    /// consumer services are look-alikes.)
    Domain,
    /// Other services and other topics (Gmail, LINE, a hotel booking, a wedding
    /// invitation): a text about one of them, with nothing of SPHERE's world in it, is not
    /// a question for this FAQ. Terms of this kind also shadow shorter terms inside them
    /// (ソニー in ソニー銀行).
    Foreign,
}

/// A concept with its terms prepared for matching.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// The token a match adds: `#` and the concept id.
    pub token: Str,
    pub kind: ConceptKind,
    /// English phrases as sequences of stemmed words (of words as written, for a foreign
    /// concept's names).
    pub phrases: List<List<Str>>,
    /// Japanese terms, normalized.
    pub ja_terms: List<Str>,
    /// English terms, normalized but not stemmed (for highlighting).
    pub en_terms: List<Str>,
}

/// The lexicon ready for matching: every term normalized and stemmed, and the tables
/// looked up while analyzing. It is plain data, so the built-in one is made at compile
/// time as static tables (the program's build.rs) and costs nothing at start-up; the
/// lookups are binary searches in sorted tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Compiled {
    /// Sorted.
    pub stopwords: Strs,
    /// Normalized, longest first.
    pub stopphrases: List<Str>,
    pub concepts: List<Concept>,
    /// Every Japanese (or mixed-script) concept term and stop phrase: the patterns
    /// matched over a normalized text.
    pub ja_terms: Strs,
    /// By pattern: its concept, or [`STOP_PHRASE`].
    pub ja_concepts: List<u32>,
    /// English phrases by their first word, sorted by it: (concept, phrase) positions.
    pub phrase_starts: List<(Str, List<(u32, u32)>)>,
}

/// The concept of a Japanese pattern that is a stop phrase.
pub const STOP_PHRASE: u32 = u32::MAX;

/// A lexicon: its tables and the matchers built from them on first use.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    tables: Compiled,
    /// The Japanese patterns by how they start; made on first use.
    ja_starts: OnceLock<Starts>,
    /// The stop words and the phrases' first words in hash tables, for the many texts of
    /// an index build (a binary search a word is what one query affords, not 10,000
    /// entries); built on first use.
    batch: OnceLock<Batch>,
}

#[derive(Debug, Clone, Default)]
struct Batch {
    stopwords: rustc_hash::FxHashSet<String>,
    /// First word → position in `phrase_starts`.
    phrase_starts: FxHashMap<String, usize>,
}

impl std::ops::Deref for Lexicon {
    type Target = Compiled;
    fn deref(&self) -> &Compiled {
        &self.tables
    }
}

impl Lexicon {
    pub fn embedded() -> Result<Lexicon, LoadError> {
        Ok(Lexicon::from_file(embedded_json("lexicon.json")?))
    }

    pub fn from_file(file: LexiconFile) -> Lexicon {
        Lexicon::from_compiled(Compiled::from_file(file))
    }

    /// The lexicon over its tables: nothing is built until a match needs it.
    pub fn from_compiled(tables: Compiled) -> Lexicon {
        Lexicon {
            tables,
            ja_starts: OnceLock::new(),
            batch: OnceLock::new(),
        }
    }

    /// The tables this lexicon was made from (what a prebuilt index stores).
    pub fn into_compiled(self) -> Compiled {
        self.tables
    }

    /// Whether `word` is a stop word; `many` when analyzing many texts (hash tables).
    pub fn is_stopword(&self, word: &str, many: bool) -> bool {
        if many {
            self.batch().stopwords.contains(word)
        } else {
            self.stopwords.find(word).is_some()
        }
    }

    /// The (concept, phrase) positions of the English phrases starting with `word`;
    /// `many` as for [`Lexicon::is_stopword`].
    pub fn phrases_from(&self, word: &str, many: bool) -> &[(u32, u32)] {
        self.phrases_at(self.phrase_start(word, many))
    }

    /// Where the phrases starting with `word` are listed, if any: for
    /// [`Lexicon::phrases_at`]; `many` as for [`Lexicon::is_stopword`].
    pub fn phrase_start(&self, word: &str, many: bool) -> Option<u32> {
        let at = if many {
            self.batch().phrase_starts.get(word).copied()
        } else {
            sorted_find(&self.phrase_starts, word)
        };
        at.map(|i| i as u32)
    }

    /// The (concept, phrase) positions listed at `at` ([`Lexicon::phrase_start`]).
    pub fn phrases_at(&self, at: Option<u32>) -> &[(u32, u32)] {
        at.and_then(|i| self.phrase_starts.get(i as usize))
            .map_or(&[], |(_, phrases)| phrases)
    }

    fn batch(&self) -> &Batch {
        self.batch.get_or_init(|| Batch {
            stopwords: self.stopwords.iter().map(str::to_string).collect(),
            phrase_starts: self
                .phrase_starts
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (w.to_string(), i))
                .collect(),
        })
    }

    /// The concept of a Japanese pattern; `None` for a stop phrase.
    pub fn ja_concept(&self, pattern: usize) -> Option<usize> {
        let c = *self.ja_concepts.get(pattern)?;
        (c != STOP_PHRASE).then_some(c as usize)
    }
}

impl Compiled {
    pub fn from_file(file: LexiconFile) -> Compiled {
        let mut stopwords: Vec<String> = file.stopwords.iter().map(|w| normalize(w)).collect();
        stopwords.sort();
        stopwords.dedup();
        let mut stopphrases: Vec<String> = file
            .stopphrases
            .iter()
            .map(|p| normalize(p))
            .filter(|p| !p.is_empty())
            .collect();
        stopphrases.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let concepts: Vec<Concept> = file
            .concepts
            .into_iter()
            .map(|c| {
                let mut phrases: Vec<Vec<String>> = Vec::new();
                let mut ja_terms = Vec::new();
                let mut en_terms = Vec::new();
                for term in &c.terms {
                    let n = normalize(term);
                    if n.is_empty() {
                        continue;
                    }
                    if has_japanese(&n) {
                        ja_terms.push(n);
                    } else if c.kind == ConceptKind::Foreign {
                        // A name is matched as written: `Teams` is not the `team` of
                        // "Dear SPHERE team".
                        phrases.push(n.split(' ').map(str::to_string).collect());
                        en_terms.push(n);
                    } else {
                        phrases.push(n.split(' ').map(stem).collect());
                        en_terms.push(n);
                    }
                }
                // Longest first, so that a longer phrase claims its words before a shorter one.
                phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
                ja_terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
                Concept {
                    token: format!("#{}", c.id).into(),
                    kind: c.kind,
                    phrases: list(phrases.into_iter().map(list)),
                    ja_terms: list(ja_terms),
                    en_terms: list(en_terms),
                }
            })
            .collect();
        Compiled::new(stopwords, stopphrases, concepts)
    }

    /// The tables of a lexicon whose terms are normalized already. An empty term or stop
    /// phrase would match everywhere and nothing: it is left out of the patterns.
    pub fn new(
        stopwords: Vec<String>,
        stopphrases: Vec<String>,
        concepts: Vec<Concept>,
    ) -> Compiled {
        let mut ja_terms: Vec<&str> = Vec::new();
        let mut ja_concepts = Vec::new();
        let mut starts: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
        for (ci, c) in concepts.iter().enumerate() {
            for t in c.ja_terms.iter().filter(|t| !t.is_empty()) {
                ja_terms.push(t);
                ja_concepts.push(ci as u32);
            }
            for (pi, p) in c.phrases.iter().enumerate() {
                if let Some(first) = p.first() {
                    starts
                        .entry(first)
                        .or_default()
                        .push((ci as u32, pi as u32));
                }
            }
        }
        for p in stopphrases.iter().filter(|p| !p.is_empty()) {
            ja_terms.push(p);
            ja_concepts.push(STOP_PHRASE);
        }
        let mut phrase_starts: Vec<(Str, List<(u32, u32)>)> = starts
            .into_iter()
            .map(|(w, at)| (Str::from(w.to_string()), list(at)))
            .collect();
        phrase_starts.sort();
        let ja_terms = Strs::new(ja_terms);
        Compiled {
            stopwords: Strs::new(&stopwords),
            stopphrases: list(stopphrases),
            concepts: list(concepts),
            ja_terms,
            ja_concepts: list(ja_concepts),
            phrase_starts: list(phrase_starts),
        }
    }
}

impl Compiled {
    /// Whether every position in the tables is within bounds (tables read from a file are
    /// checked before they are used).
    pub fn fits(&self) -> bool {
        let concepts = &self.concepts;
        self.ja_terms.fits()
            && self.stopwords.fits()
            && self.ja_concepts.len() == self.ja_terms.len()
            && self
                .ja_concepts
                .iter()
                .all(|&c| c == STOP_PHRASE || (c as usize) < concepts.len())
            && self.phrase_starts.iter().all(|(_, at)| {
                at.iter().all(|&(c, p)| {
                    concepts
                        .get(c as usize)
                        .is_some_and(|c| (p as usize) < c.phrases.len())
                })
            })
    }
}

impl Literal for ConceptKind {
    fn write(&self, out: &mut String) {
        out.push_str(match self {
            ConceptKind::Object => "ConceptKind::Object",
            ConceptKind::Problem => "ConceptKind::Problem",
            ConceptKind::Context => "ConceptKind::Context",
            ConceptKind::Domain => "ConceptKind::Domain",
            ConceptKind::Foreign => "ConceptKind::Foreign",
        });
    }
}

crate::tables::literal_struct!(Concept {
    token,
    kind,
    phrases,
    ja_terms,
    en_terms
});
crate::tables::literal_struct!(Compiled {
    stopwords,
    stopphrases,
    concepts,
    ja_terms,
    ja_concepts,
    phrase_starts
});

/// The Japanese patterns by how they start, for finding them all in a text: at each
/// character, only the patterns starting with that character and the next one are
/// compared with the text there, and only past those two.
///
/// Measured against the crate made for this (aho-corasick, as one DFA, on the 10,000
/// entries of `examples/bench.sh`): its 2 MB of transitions for these 464 patterns of
/// three-byte characters did not stay in the cache, and stalled on memory at each byte
/// (12% of a first use, and 47 M instructions more to build it). These tables are about
/// ten kilobytes. A pattern's two characters, equal as integers, are equal as bytes, so
/// the rest of a pattern starts where they end in the text.
#[derive(Debug, Clone)]
struct Starts {
    /// By the first two characters of a pattern (as [`Head::pair`]): where its patterns
    /// are listed in `patterns`.
    by_pair: FxHashMap<u64, Range<u32>>,
    /// The patterns (positions in `ja_terms`), grouped by their first two characters.
    patterns: Vec<u32>,
    /// A bit for each pair of characters some pattern starts with, at [`Starts::bit`]:
    /// a pair no pattern starts with is most often told by its bit (8 KB, which stays
    /// in the cache), without the hash table.
    pairs: Vec<u64>,
    /// The patterns of a single character, with that character (as [`Head::first`]).
    single: Vec<(u64, u32)>,
    /// By byte: whether a pattern starts with it.
    first_byte: Vec<bool>,
    /// No pattern is ASCII alone, so a text of ASCII alone holds none.
    none_ascii: bool,
}

/// The first two characters of a text, each as one integer of its bytes
/// (little-endian), with their lengths.
#[derive(Debug, Clone, Copy)]
struct Head {
    /// The first character.
    first: u64,
    /// The first two characters; 0 when there is one.
    pair: u64,
    /// The bytes of the two (of the first, when there is one).
    len: usize,
}

impl Head {
    /// The head of `bytes`, valid UTF-8 from a character's start; `None` if empty.
    fn of(bytes: &[u8]) -> Option<Head> {
        let first_len = utf8_len(*bytes.first()?);
        let second_len = bytes.get(first_len).map_or(0, |&b| utf8_len(b));
        let len = first_len + second_len;
        // Two characters are at most eight bytes: one read when there are eight.
        let eight = match bytes.first_chunk::<8>() {
            Some(eight) => u64::from_le_bytes(*eight),
            None => {
                let mut eight = [0u8; 8];
                eight[..len].copy_from_slice(bytes.get(..len)?);
                u64::from_le_bytes(eight)
            }
        };
        let low = |n: usize| {
            if n == 8 {
                eight
            } else {
                eight & ((1 << (8 * n)) - 1)
            }
        };
        Some(Head {
            first: low(first_len),
            pair: if second_len == 0 { 0 } else { low(len) },
            len,
        })
    }
}

/// The bits of [`Starts::pairs`].
const PAIR_BITS: usize = 1 << 16;

impl Starts {
    fn of(terms: &Strs) -> Starts {
        // Built for each query's process too: sorted into groups, not a vector per pair
        // (that took a fifth of a short query's instructions).
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(terms.len());
        let mut single = Vec::new();
        let mut first_byte = vec![false; 256];
        for (pi, term) in terms.iter().enumerate() {
            let Some(head) = Head::of(term.as_bytes()) else {
                continue;
            };
            first_byte[usize::from(term.as_bytes()[0])] = true;
            if head.pair == 0 {
                single.push((head.first, pi as u32));
            } else {
                keyed.push((head.pair, pi as u32));
            }
        }
        keyed.sort_unstable_by_key(|&(pair, _)| pair);
        let mut pairs = vec![0u64; PAIR_BITS / 64];
        let mut by_pair = FxHashMap::with_capacity_and_hasher(keyed.len(), Default::default());
        let mut at = 0u32;
        for group in keyed.chunk_by(|a, b| a.0 == b.0) {
            let pair = group[0].0;
            let bit = Starts::bit(pair);
            pairs[bit / 64] |= 1 << (bit % 64);
            let end = at + group.len() as u32;
            by_pair.insert(pair, at..end);
            at = end;
        }
        Starts {
            by_pair,
            patterns: keyed.iter().map(|&(_, pi)| pi).collect(),
            pairs,
            single,
            first_byte,
            none_ascii: terms.iter().all(|t| !t.is_ascii()),
        }
    }

    /// Where a pair of characters has its bit: a multiplicative hash.
    fn bit(pair: u64) -> usize {
        (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS.trailing_zeros())) as usize
    }

    /// The patterns that start with the pair of characters `pair`.
    fn with_pair(&self, pair: u64) -> &[u32] {
        let bit = Starts::bit(pair);
        if self.pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        self.by_pair
            .get(&pair)
            .map_or(&[], |r| &self.patterns[r.start as usize..r.end as usize])
    }
}

impl Lexicon {
    /// Every occurrence of every Japanese pattern in `text` (overlaps included), as byte
    /// range and pattern index, ordered by start and, at one start, longest first.
    pub fn ja_matches(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        self.ja_matches_into(text, &mut out);
        out
    }

    fn starts(&self) -> &Starts {
        self.ja_starts.get_or_init(|| Starts::of(&self.ja_terms))
    }

    /// [`Lexicon::ja_matches`] into `out`, replacing what it held.
    pub fn ja_matches_into(&self, text: &str, out: &mut Vec<(Range<usize>, usize)>) {
        out.clear();
        let starts = self.starts();
        // Half the texts of a bilingual FAQ are English: nothing to scan them for.
        if starts.none_ascii && text.is_ascii() {
            return;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if starts.first_byte[usize::from(b)]
                && let Some(head) = Head::of(&bytes[at..])
            {
                for &(first, pi) in &starts.single {
                    if first == head.first {
                        out.push((at..at + utf8_len(b), pi as usize));
                    }
                }
                if head.pair != 0 {
                    // The two characters are the pattern's: only the rest is compared.
                    let rest = &bytes[at + head.len..];
                    for &pi in starts.with_pair(head.pair) {
                        let pattern = self.ja_terms.get(pi as usize).as_bytes();
                        if rest.starts_with(&pattern[head.len..]) {
                            out.push((at..at + pattern.len(), pi as usize));
                        }
                    }
                }
            }
            at += utf8_len(b);
        }
        out.sort_by_key(|(r, pi)| (r.start, std::cmp::Reverse(r.end), *pi));
    }
}

//! The search index over one FAQ: an inverted index from tokens to the entries that hold
//! them (BM25F statistics per field), each entry's topic, and the lexicon it was analyzed
//! with. All of it is plain data ([`Prebuilt`]): the built-in FAQ's is made at compile
//! time as static tables (the program's build.rs), a `--data` file's is built on first use
//! and persisted.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::analysis::{Analyzer, Scratch, TermKind};
use super::strmap::StrMap;
use crate::db::{Entry, Faq};
use crate::lexicon::{Compiled, ConceptKind, Lexicon};
use crate::tables::{List, Str, Strs, list, literal_struct, sorted_find};

/// Fields of an entry, each with its weight in the ranking: the question and the curated
/// keywords say what an entry is about; the answer text only supports.
#[derive(Debug, Clone, Copy)]
pub(super) enum Field {
    Question = 0,
    Keywords = 1,
    Answer = 2,
}
pub(super) const FIELD_COUNT: usize = 3;

/// One entry's occurrences of one token, per field.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    pub doc: u32,
    pub tf: [u16; FIELD_COUNT],
}

/// What an entry is about, as lexicon concepts (positions in the lexicon): the object of
/// the problem it answers and what went wrong with it. From the entry's `topic` in the
/// data, or, when it has none, from the concepts of its question and keywords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub objects: List<u32>,
    pub problems: List<u32>,
}

/// Everything an index holds that is not read off the FAQ at once: the result of
/// analyzing every entry, with the lexicon it was analyzed with. Made at compile time for
/// the built-in FAQ, persisted for a `--data` file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prebuilt {
    /// A hash of what it was built from; a mismatch means it is stale.
    pub inputs: u64,
    /// Every token, sorted: a token's id is its position.
    pub tokens: Strs,
    /// By token id, where its postings start in `postings`; one more, their end.
    pub starts: List<u32>,
    /// The entries holding each token, token after token, in entry order.
    pub postings: List<Posting>,
    /// By token id: how many entries hold it in their question or keywords.
    pub df_topic: List<u32>,
    /// By entry: token count of each field.
    pub doc_len: List<[f32; FIELD_COUNT]>,
    pub avg_len: [f64; FIELD_COUNT],
    /// The correctly spelled words typo correction may turn a word into: sorted.
    pub vocab: Strs,
    /// By entry: what it is about.
    pub topics: List<Topic>,
    /// The lexicon the entries were analyzed with.
    pub lexicon: Compiled,
    /// Codes the FAQ does not name, sorted, with the entries (positions) that help with
    /// them, from the catalog.
    pub related: List<(Str, List<u32>)>,
}

literal_struct!(Posting { doc, tf });
literal_struct!(Topic { objects, problems });
literal_struct!(Prebuilt {
    inputs,
    tokens,
    starts,
    postings,
    df_topic,
    doc_len,
    avg_len,
    vocab,
    topics,
    lexicon,
    related,
});

/// The search index over one FAQ.
pub struct Index {
    pub(super) analyzer: Analyzer,
    /// The tables (the lexicon moved into the analyzer).
    pub(super) t: Prebuilt,
    /// When the postings were left in the persisted file (`t.postings` is then empty):
    /// where to read them.
    stored: Option<StoredPostings>,
    /// By entry: whether it answers a code (its question then weighs less).
    pub(super) has_codes: Vec<bool>,
    /// By entry: the entries it refers to (`see_also`), as positions.
    pub(super) see_also: Vec<Vec<usize>>,
    /// Entry index that answers a code.
    pub(super) code_owner: FxHashMap<String, usize>,
}

impl Prebuilt {
    /// Analyzes every entry of the FAQ. `related` maps codes that the FAQ does not name to
    /// the ids of the entries that help with them.
    ///
    /// A large FAQ is analyzed on every core, each a run of consecutive entries with
    /// tokens of its own; the runs are then merged, token by token in sorted order, each
    /// run's postings after the one before, so the tables are the same however many
    /// threads made them (a test holds them equal).
    pub fn build(
        faq: &Faq,
        lexicon: Lexicon,
        related: &[(String, Vec<String>)],
        inputs: u64,
    ) -> Prebuilt {
        Unlaid::new(faq, lexicon, related, inputs).lay()
    }

    /// [`Prebuilt::build`] on at most `threads` threads.
    pub fn build_with(
        faq: &Faq,
        analyzer: Analyzer,
        related: &[(String, Vec<String>)],
        inputs: u64,
        threads: usize,
    ) -> Prebuilt {
        Unlaid::build(faq, analyzer, related, inputs, threads).lay()
    }

    /// How many postings the tables say there are (where the last token's end), whether
    /// they are in memory or in a persisted file.
    pub fn posting_total(&self) -> u64 {
        self.starts.last().map_or(0, |&e| u64::from(e))
    }

    /// Whether these tables can belong to `faq`: every position within bounds, so that
    /// tables read from a file (or made from another FAQ) are refused rather than
    /// trusted into a panic.
    fn fits(&self, faq: &Faq) -> bool {
        let n = faq.entries.len();
        self.shape_fits(faq, self.postings.len())
            && self.postings.iter().all(|p| (p.doc as usize) < n)
    }

    /// [`Prebuilt::fits`] but for the postings themselves, of which there are `postings`
    /// (in memory or in a file).
    fn shape_fits(&self, faq: &Faq, postings: usize) -> bool {
        let n = faq.entries.len();
        let tokens = self.tokens.len();
        let concepts = self.lexicon.concepts.len();
        self.doc_len.len() == n
            && self.topics.len() == n
            && self.df_topic.len() == tokens
            && self.starts.len() == tokens + 1
            && self.starts.first() == Some(&0)
            && self.starts.last().map(|&e| e as usize) == Some(postings)
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.topics.iter().all(|t| {
                t.objects
                    .iter()
                    .chain(t.problems.iter())
                    .all(|&c| (c as usize) < concepts)
            })
            && self
                .related
                .iter()
                .all(|(_, entries)| entries.iter().all(|&e| (e as usize) < n))
            && self.lexicon.fits()
            && self.tokens.fits()
            && self.vocab.fits()
    }
}

/// An index just built, all but its postings laid out: those stay with the runs of
/// entries that made them until they are written out, token after token. A first use
/// writes them from there into the persisted index, not copying them end to end in
/// memory first (17 MB at 10,000 entries; [`Unlaid::lay`] does that, when the index
/// stays in memory).
pub struct Unlaid {
    /// With no postings; `starts` says where each token's will be.
    pub tables: Prebuilt,
    parts: Vec<Part>,
    /// In token order: the run and the run's own token id of each token's postings.
    order: Vec<(usize, u32)>,
}

impl Unlaid {
    /// [`Prebuilt::build`], the postings not laid out.
    pub fn new(
        faq: &Faq,
        lexicon: Lexicon,
        related: &[(String, Vec<String>)],
        inputs: u64,
    ) -> Unlaid {
        let analyzer = Analyzer::new(lexicon, numeric_codes(faq));
        Unlaid::build(faq, analyzer, related, inputs, crate::par::threads())
    }

    /// [`Prebuilt::build_with`], the postings not laid out.
    pub fn build(
        faq: &Faq,
        analyzer: Analyzer,
        related: &[(String, Vec<String>)],
        inputs: u64,
        threads: usize,
    ) -> Unlaid {
        let concepts = Concepts::of(&analyzer.lexicon);
        // Below a few hundred entries a thread costs more than it saves.
        let mut parts = crate::par::map_runs(&faq.entries, threads, 500, |first, entries| {
            Part::analyze(&analyzer, &concepts, entries, first as u32)
        });

        let mut doc_len = Vec::with_capacity(faq.entries.len());
        let mut topics = Vec::with_capacity(faq.entries.len());
        let mut total = [0.0f64; FIELD_COUNT];
        for part in &mut parts {
            doc_len.extend_from_slice(&part.doc_len);
            for len in &part.doc_len {
                for (t, &l) in total.iter_mut().zip(len) {
                    *t += f64::from(l);
                }
            }
            topics.append(&mut part.topics);
        }

        // Every token of every run, sorted: a token's id is its position, found by binary
        // search; its postings are each run's for it, run after run.
        let mut tokens: Vec<(&str, usize, u32)> = parts
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                p.names
                    .iter()
                    .enumerate()
                    .map(move |(id, t)| (t.as_ref(), k, id as u32))
            })
            .collect();
        tokens.sort_unstable();
        let mut names: Vec<&str> = Vec::with_capacity(tokens.len());
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        let mut count = 0u32;
        let mut df = Vec::with_capacity(tokens.len());
        let mut vocab: Vec<&str> = Vec::new();
        for &(token, k, id) in &tokens {
            // The same token from a later run: its postings follow, in entry order.
            if names.last() != Some(&token) {
                names.push(token);
                starts.push(count);
                df.push(0);
                if token.is_ascii() && !token.starts_with('#') {
                    vocab.push(token);
                }
            }
            count += parts[k].postings.len(id);
            if let Some(d) = df.last_mut() {
                *d += parts[k].df_topic[id as usize];
            }
        }
        starts.push(count);
        // Words of the lexicon's English phrases are correct spellings too.
        for c in analyzer.lexicon.concepts.iter() {
            for p in c.phrases.iter() {
                vocab.extend(p.iter().map(|w| w.as_ref()));
            }
        }
        vocab.sort();
        vocab.dedup();
        let n = faq.entries.len().max(1) as f64;
        let avg_len = total.map(|t| (t / n).max(1.0));
        let tokens_table = Strs::new(&names);
        let order = tokens.iter().map(|&(_, k, id)| (k, id)).collect();
        drop(tokens);

        let positions = entry_positions(faq);
        let mut related: Vec<(Str, List<u32>)> = related
            .iter()
            .map(|(code, ids)| {
                let entries = ids
                    .iter()
                    .filter_map(|id| positions.get(id.as_str()).map(|&p| p as u32));
                (Str::from(code.clone()), list(entries))
            })
            .collect();
        related.sort();
        related.dedup_by(|a, b| a.0 == b.0);
        Unlaid {
            tables: Prebuilt {
                inputs,
                tokens: tokens_table,
                starts: list(starts),
                postings: List::default(),
                df_topic: list(df),
                doc_len: list(doc_len),
                avg_len,
                vocab: Strs::new(vocab),
                topics: list(topics),
                lexicon: analyzer.lexicon.into_compiled(),
                related: list(related),
            },
            parts,
            order,
        }
    }

    /// The postings, token after token (each token's in entry order), a few at a time,
    /// as they are persisted ([`Posting::to_bytes`]): `tables.starts` says where each
    /// token's begin.
    pub fn postings(&self) -> impl Iterator<Item = &[PostingBytes]> {
        self.order
            .iter()
            .flat_map(|&(k, id)| self.parts[k].postings.of(id))
    }

    /// The tables with their postings laid out in memory.
    pub fn lay(self) -> Prebuilt {
        let mut flat = Vec::with_capacity(self.tables.posting_total() as usize);
        for some in self.postings() {
            flat.extend(some.iter().map(|b| Posting::from_bytes(b)));
        }
        Prebuilt {
            postings: list(flat),
            ..self.tables
        }
    }
}

/// The lexicon's concepts by token (`#password`) and by name (`password`, as an entry's
/// `topic` names them): their positions in the lexicon.
struct Concepts<'a> {
    by_token: FxHashMap<&'a str, u32>,
    by_name: FxHashMap<&'a str, u32>,
}

impl<'a> Concepts<'a> {
    fn of(lexicon: &'a Lexicon) -> Concepts<'a> {
        let by_token: FxHashMap<&str, u32> = lexicon
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.token.as_ref(), i as u32))
            .collect();
        let by_name = by_token
            .iter()
            .filter_map(|(t, &i)| Some((t.strip_prefix('#')?, i)))
            .collect();
        Concepts { by_token, by_name }
    }

    /// The concepts an entry's `topic` names, in its order; unknown names skipped.
    fn named(&self, names: &[Str]) -> List<u32> {
        list(
            names
                .iter()
                .filter_map(|c| self.by_name.get(c.as_ref()).copied()),
        )
    }
}

/// The postings of a run's tokens, as they come, entry after entry: in blocks of
/// [`BLOCK`], each token's blocks chained, all in one vector. A vector of its own for
/// each token was reallocated and copied again and again as it grew (thousands of
/// times for a token every entry holds); this one vector grows a few dozen times in all.
/// (At 10,000 entries: 3 MB less memory at the peak and 3% fewer page faults.) Each
/// posting is kept as the bytes it is persisted as, 10 rather than a `Posting`'s 12:
/// a first use writes the blocks out as they are (the 14 MB at 10,000 entries took
/// 16 ms to write one posting at a time, 11 ms a block at a time).
#[derive(Default)]
struct Chains {
    blocks: Vec<[PostingBytes; BLOCK]>,
    /// By block: the token's next block, if any ([`NONE`] if not).
    next: Vec<u32>,
    /// By token id: its first and last blocks, and how many postings it has.
    tokens: Vec<Chain>,
}

/// The postings a block holds: a few (a rare token leaves most of its one block unused).
const BLOCK: usize = 16;
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Chain {
    first: u32,
    last: u32,
    len: u32,
}

impl Chains {
    /// A token with no postings yet, whose id is the number of tokens before it.
    fn add_token(&mut self) {
        self.tokens.push(Chain {
            first: NONE,
            last: NONE,
            len: 0,
        });
    }

    fn push(&mut self, id: u32, posting: Posting) {
        let chain = &mut self.tokens[id as usize];
        let at = chain.len as usize % BLOCK;
        if at == 0 {
            let block = self.blocks.len() as u32;
            self.blocks.push([[0; Posting::SIZE]; BLOCK]);
            self.next.push(NONE);
            match chain.last {
                NONE => chain.first = block,
                last => self.next[last as usize] = block,
            }
            chain.last = block;
        }
        self.blocks[chain.last as usize][at] = posting.to_bytes();
        chain.len += 1;
    }

    fn len(&self, id: u32) -> u32 {
        self.tokens[id as usize].len
    }

    /// The postings of token `id`, in the order they came, a block at a time.
    fn of(&self, id: u32) -> impl Iterator<Item = &[PostingBytes]> {
        let chain = self.tokens[id as usize];
        let mut left = chain.len as usize;
        std::iter::successors(Some(chain.first).filter(|&b| b != NONE), |&b| {
            Some(self.next[b as usize]).filter(|&n| n != NONE)
        })
        .map(move |b| {
            let n = left.min(BLOCK);
            left -= n;
            &self.blocks[b as usize][..n]
        })
    }
}

/// The analysis of a run of consecutive entries, with token ids of its own.
struct Part {
    /// By token id: the token.
    names: Vec<Box<str>>,
    /// Token ids.
    ids: StrMap<u32>,
    /// By token id: the run's entries holding it, in entry order (numbered in the FAQ).
    postings: Chains,
    /// By token id: how many of the run's entries hold it in their question or keywords.
    df_topic: Vec<u32>,
    /// By entry: token count of each field.
    doc_len: Vec<[f32; FIELD_COUNT]>,
    /// By entry: what it is about (moved out when the parts are merged).
    topics: Vec<Topic>,
}

impl Part {
    /// Analyzes `entries`, the first of which is entry `first` of the FAQ.
    fn analyze(analyzer: &Analyzer, concepts: &Concepts, entries: &[Entry], first: u32) -> Part {
        let mut part = Part {
            names: Vec::new(),
            ids: StrMap::default(),
            postings: Chains::default(),
            df_topic: Vec::new(),
            doc_len: Vec::with_capacity(entries.len()),
            topics: Vec::with_capacity(entries.len()),
        };
        // One entry's counts, by token id, and the ids it holds: indexed, not hashed (a
        // token costs one hash lookup, for its id).
        let mut acc: Vec<[u16; FIELD_COUNT]> = Vec::new();
        let mut held: Vec<u32> = Vec::new();
        let mut scratch = Scratch::default();
        let mut joined = String::new();
        for (doc, entry) in (first..).zip(entries) {
            let mut len = [0.0f32; FIELD_COUNT];
            // Without a `topic`, what the entry is about is read off its question and
            // keywords: the concepts of those kinds found there.
            let (mut objects, mut problems) = (Vec::new(), Vec::new());
            let read_topic = entry.topic.is_none();
            each_field_text(entry, &mut joined, |field, text| {
                let f = field as usize;
                analyzer.analyze_each(text, None, false, &mut scratch, &mut |t| {
                    let id = match part.ids.get(t.token) {
                        Some(&id) => id,
                        None => {
                            let id = part.names.len() as u32;
                            part.ids.insert(t.token, id);
                            part.names.push(t.token.into());
                            part.postings.add_token();
                            part.df_topic.push(0);
                            acc.push([0; FIELD_COUNT]);
                            id
                        }
                    };
                    let counts = &mut acc[id as usize];
                    if *counts == [0; FIELD_COUNT] {
                        held.push(id);
                    }
                    counts[f] = counts[f].saturating_add(1);
                    len[f] += 1.0;
                    if read_topic
                        && !matches!(field, Field::Answer)
                        && let TermKind::Concept(kind) = t.kind
                        && let Some(&ci) = concepts.by_token.get(t.token)
                    {
                        let list = match kind {
                            ConceptKind::Object => &mut objects,
                            ConceptKind::Problem => &mut problems,
                            _ => return,
                        };
                        if !list.contains(&ci) {
                            list.push(ci);
                        }
                    }
                });
            });
            // Document frequency counts the fields that say what an entry is about (question
            // and keywords) separately from the answer text: a word every answer mentions in
            // passing (初期登録, sign in) still tells entries apart if only one is about it.
            for id in held.drain(..) {
                let tf = std::mem::take(&mut acc[id as usize]);
                if tf[Field::Question as usize] + tf[Field::Keywords as usize] > 0 {
                    part.df_topic[id as usize] += 1;
                }
                part.postings.push(id, Posting { doc, tf });
            }
            part.doc_len.push(len);
            part.topics.push(match &entry.topic {
                Some(t) => Topic {
                    objects: concepts.named(&t.objects),
                    problems: concepts.named(&t.problems),
                },
                None => Topic {
                    objects: list(objects),
                    problems: list(problems),
                },
            });
        }
        part
    }
}

/// SPHERE's own numeric codes (1014): the only bare numbers a text is searched for.
fn numeric_codes(faq: &Faq) -> Vec<String> {
    faq.codes()
        .map(|(c, _)| c.to_string())
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// Each entry's position, by id.
fn entry_positions(faq: &Faq) -> FxHashMap<&str, usize> {
    faq.entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_ref(), i))
        .collect()
}

impl Index {
    /// Builds the index: analyzes every entry. `related` maps codes that the FAQ does not
    /// name to the ids of the entries that help with them.
    pub fn new(faq: &Faq, lexicon: Lexicon, related: &[(String, Vec<String>)]) -> Index {
        Index::assemble(faq, Prebuilt::build(faq, lexicon, related, 0))
    }

    /// An index from its tables, skipping the analysis of every entry. `prebuilt` must
    /// come from this FAQ (the caller checks its hash); tables whose shape does not fit
    /// the FAQ are refused (`None`) rather than trusted, so a caller with the wrong file
    /// gets no panic.
    pub fn from_prebuilt(faq: &Faq, prebuilt: Prebuilt) -> Option<Index> {
        prebuilt.fits(faq).then(|| Index::assemble(faq, prebuilt))
    }

    /// The index of the built-in FAQ from the tables build.rs made of it: the same code
    /// over the same data (a test holds them equal), so only whether the tables were made
    /// at all is checked (`None` when build.rs could not read the data), not every
    /// position as for tables read from a file; that walk was 7% of a search.
    pub fn from_compiled_in(faq: &Faq, prebuilt: Prebuilt) -> Option<Index> {
        let made = prebuilt.doc_len.len() == faq.entries.len()
            && prebuilt.starts.len() == prebuilt.tokens.len() + 1;
        made.then(|| Index::assemble(faq, prebuilt))
    }

    /// An index whose postings stay in a persisted file: a large database's later uses
    /// read only the postings of the query's tokens (issue 12: at 100,000 entries the
    /// postings are 14 million, 170 MB in memory). `t` has every table but the postings;
    /// refused (`None`) unless its shape fits `faq` and the file holds every posting.
    pub fn with_stored_postings(faq: &Faq, t: Prebuilt, postings: StoredPostings) -> Option<Index> {
        let count = t.posting_total();
        if !t.postings.is_empty() || count != postings.count {
            return None;
        }
        let fits = t.shape_fits(faq, count as usize);
        let runs = (0..t.tokens.len()).map(|_| Default::default()).collect();
        let mut index = fits.then(|| Index::assemble(faq, t))?;
        index.stored = Some(StoredPostings { runs, ..postings });
        Some(index)
    }

    fn assemble(faq: &Faq, mut t: Prebuilt) -> Index {
        let analyzer = Analyzer::new(
            Lexicon::from_compiled(std::mem::take(&mut t.lexicon)),
            numeric_codes(faq),
        );
        let code_owner = faq
            .entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.codes.iter().map(move |c| (c.to_string(), i)))
            .collect();
        let positions = entry_positions(faq);
        let see_also = faq
            .entries
            .iter()
            .map(|e| {
                e.see_also
                    .iter()
                    .filter_map(|id| positions.get(id.as_ref()).copied())
                    .collect()
            })
            .collect();
        Index {
            analyzer,
            t,
            stored: None,
            has_codes: faq.entries.iter().map(|e| !e.codes.is_empty()).collect(),
            see_also,
            code_owner,
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.t.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.t.doc_len.is_empty()
    }

    /// A token's id.
    pub(super) fn id(&self, token: &str) -> Option<u32> {
        self.t.tokens.find(token).map(|i| i as u32)
    }

    /// The entries holding a token, in entry order.
    pub(super) fn postings(&self, id: u32) -> &[Posting] {
        let id = id as usize;
        let (start, end) = (self.t.starts[id] as usize, self.t.starts[id + 1] as usize);
        match &self.stored {
            None => &self.t.postings[start..end],
            Some(stored) => {
                stored.runs[id].get_or_init(|| stored.read(start as u64, end as u64, self.len()))
            }
        }
    }

    /// The entries (positions) that the entry at `entry` refers to (`see_also`); none
    /// for a position out of range.
    pub fn referred(&self, entry: usize) -> &[usize] {
        self.see_also.get(entry).map_or(&[], Vec::as_slice)
    }

    /// How many entries hold a token.
    pub(super) fn posting_count(&self, id: u32) -> usize {
        let id = id as usize;
        (self.t.starts[id + 1] - self.t.starts[id]) as usize
    }

    /// The entries that help with a related code, when it is one.
    pub(super) fn related(&self, code: &str) -> Option<&[u32]> {
        sorted_find(&self.t.related, code).map(|i| &*self.t.related[i].1)
    }
}

/// The postings of a persisted index, left in its file: [`Posting::SIZE`] bytes each,
/// token after token, read a token's run at a time.
pub struct StoredPostings {
    file: std::sync::Mutex<std::fs::File>,
    /// Where the first posting starts in the file.
    offset: u64,
    /// How many there are.
    pub count: u64,
    /// By token id: its postings once read. A search reads a token's for ranking, then
    /// again for each answer's "matched" line: read and decoded once, kept.
    runs: Vec<std::sync::OnceLock<Vec<Posting>>>,
}

impl StoredPostings {
    /// The `count` postings from `offset` in `file`; `None` unless the file is long
    /// enough to hold them all (what follows them is the caller's to check).
    pub fn new(file: std::fs::File, offset: u64, count: u64) -> Option<StoredPostings> {
        let len = file.metadata().ok()?.len();
        let end = count
            .checked_mul(Posting::SIZE as u64)?
            .checked_add(offset)?;
        (end <= len).then(|| StoredPostings {
            file: std::sync::Mutex::new(file),
            offset,
            count,
            runs: Vec::new(),
        })
    }

    /// Where in the file the postings end.
    pub fn end(&self) -> u64 {
        self.offset + self.count * Posting::SIZE as u64
    }

    /// Postings `start..end`. The file was checked whole when it was opened; should it
    /// fail to read now (changed under the program), the token matches nothing rather
    /// than stopping the search, and no posting names an entry that is not there.
    fn read(&self, start: u64, end: u64, entries: usize) -> Vec<Posting> {
        use std::io::{Read, Seek, SeekFrom};
        let mut bytes = vec![0u8; (end - start) as usize * Posting::SIZE];
        let Ok(mut file) = self.file.lock() else {
            return Vec::new();
        };
        let at = self.offset + start * Posting::SIZE as u64;
        if file.seek(SeekFrom::Start(at)).is_err() || file.read_exact(&mut bytes).is_err() {
            return Vec::new();
        }
        bytes
            .chunks_exact(Posting::SIZE)
            .map(Posting::from_bytes)
            .filter(|p| (p.doc as usize) < entries)
            .collect()
    }
}

/// A posting as persisted, and as a run keeps them until then ([`Posting::to_bytes`]):
/// in memory a posting takes 12 bytes, two of them padding.
pub type PostingBytes = [u8; Posting::SIZE];

impl Posting {
    /// The bytes of one posting in a persisted index: the entry, then each field's count,
    /// little-endian.
    pub const SIZE: usize = 4 + 2 * FIELD_COUNT;

    pub fn to_bytes(&self) -> [u8; Posting::SIZE] {
        let mut b = [0u8; Posting::SIZE];
        b[..4].copy_from_slice(&self.doc.to_le_bytes());
        for (f, tf) in self.tf.iter().enumerate() {
            b[4 + 2 * f..6 + 2 * f].copy_from_slice(&tf.to_le_bytes());
        }
        b
    }

    fn from_bytes(b: &[u8]) -> Posting {
        let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        Posting {
            doc: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            tf: std::array::from_fn(|f| u16_at(4 + 2 * f)),
        }
    }
}

/// Hands `each` the text of each field of an entry, both languages: an answer's lines
/// as one text, joined in `joined` (kept from entry to entry: an index build joins
/// tens of thousands of answers).
fn each_field_text(entry: &Entry, joined: &mut String, mut each: impl FnMut(Field, &str)) {
    for (_, q) in entry.question.both() {
        each(Field::Question, q);
    }
    for (_, keywords) in entry.keywords.both() {
        for k in keywords.iter() {
            each(Field::Keywords, k);
        }
    }
    for (_, lines) in entry.answer.both() {
        joined.clear();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                joined.push('\n');
            }
            joined.push_str(line);
        }
        each(Field::Answer, joined);
    }
}

#[cfg(test)]
mod tests {
    use super::{BLOCK, Chains, Posting};

    /// Postings of tokens pushed in turn come back by token, in the order pushed, across
    /// the ends of blocks; a token with none gives none.
    #[test]
    fn chains_keep_each_tokens_postings_in_order() {
        let mut chains = Chains::default();
        let lens = [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 2];
        for _ in lens {
            chains.add_token();
        }
        let posting = |doc: u32, id: usize| Posting {
            doc,
            tf: [id as u16, 0, 1],
        };
        for doc in 0..*lens.iter().max().unwrap() as u32 {
            for (id, &len) in lens.iter().enumerate() {
                if (doc as usize) < len {
                    chains.push(id as u32, posting(doc, id));
                }
            }
        }
        for (id, &len) in lens.iter().enumerate() {
            let want: Vec<Posting> = (0..len as u32).map(|doc| posting(doc, id)).collect();
            let got: Vec<Posting> = chains
                .of(id as u32)
                .flatten()
                .map(|b| Posting::from_bytes(b))
                .collect();
            assert_eq!(got, want, "token {id}");
            assert_eq!(chains.len(id as u32) as usize, len);
        }
    }
}

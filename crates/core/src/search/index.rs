//! The search index over one FAQ: an inverted index from interned tokens to the entries
//! that hold them (BM25F statistics per field), each entry's topic, and the part of it that
//! can be built ahead of time (`data/index.bin` for the built-in FAQ).

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::analysis::{Analyzer, TermKind};
use crate::db::{Entry, Faq};
use crate::lexicon::{ConceptKind, Lexicon};

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
pub(super) struct Posting {
    pub doc: u32,
    pub tf: [u16; FIELD_COUNT],
}

/// What an entry is about, as lexicon concepts (positions in the lexicon): the object of
/// the problem it answers and what went wrong with it. From the entry's `topic` in the
/// data, or, when it has none, from the concepts of its question and keywords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub objects: Vec<u32>,
    pub problems: Vec<u32>,
}

/// The search index over one FAQ.
pub struct Index {
    pub(super) analyzer: Analyzer,
    /// Token → id.
    pub(super) ids: FxHashMap<String, u32>,
    /// By token id: the entries holding it, in entry order.
    pub(super) postings: Vec<Vec<Posting>>,
    /// By token id: how many entries hold it in their question or keywords.
    pub(super) df_topic: Vec<u32>,
    /// By entry: token count of each field.
    pub(super) doc_len: Vec<[f32; FIELD_COUNT]>,
    /// By entry: whether it answers a code (its question then weighs less).
    pub(super) has_codes: Vec<bool>,
    pub(super) avg_len: [f64; FIELD_COUNT],
    pub(super) vocab: FxHashSet<String>,
    /// By entry: what it is about.
    pub(super) topics: Vec<Topic>,
    /// By entry: the entries it refers to (`see_also`), as positions.
    pub(super) see_also: Vec<Vec<usize>>,
    /// Entry index that answers a code.
    pub(super) code_owner: FxHashMap<String, usize>,
    /// Entries that help with a related code the FAQ does not name.
    pub(super) related: FxHashMap<String, Vec<usize>>,
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
    topics: Vec<Topic>,
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
        let mut topics = Vec::with_capacity(faq.entries.len());
        let mut total = [0.0f64; FIELD_COUNT];
        let mut acc: FxHashMap<u32, [u16; FIELD_COUNT]> = FxHashMap::default();
        let concept_of: FxHashMap<&str, u32> = analyzer
            .lexicon
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.token.as_str(), i as u32))
            .collect();
        for (doc, entry) in faq.entries.iter().enumerate() {
            let mut len = [0.0f32; FIELD_COUNT];
            let mut derived = Topic::default();
            for (field, text) in field_texts(entry) {
                let f = field as usize;
                analyzer.analyze_each(&text, None, false, &mut |t| {
                    let id = match ids.get(t.token) {
                        Some(&id) => id,
                        None => {
                            let id = postings.len() as u32;
                            ids.insert(t.token.to_string(), id);
                            postings.push(Vec::new());
                            df_topic.push(0);
                            if t.token.is_ascii() && !t.token.starts_with('#') {
                                vocab.insert(t.token.to_string());
                            }
                            id
                        }
                    };
                    let tf = &mut acc.entry(id).or_insert([0; FIELD_COUNT])[f];
                    *tf = tf.saturating_add(1);
                    len[f] += 1.0;
                    if !matches!(field, Field::Answer)
                        && let TermKind::Concept(kind) = t.kind
                        && let Some(&ci) = concept_of.get(t.token)
                    {
                        let list = match kind {
                            ConceptKind::Object => &mut derived.objects,
                            ConceptKind::Problem => &mut derived.problems,
                            _ => return,
                        };
                        if !list.contains(&ci) {
                            list.push(ci);
                        }
                    }
                });
            }
            topics.push(match &entry.topic {
                Some(t) => Topic {
                    objects: t
                        .objects
                        .iter()
                        .filter_map(|c| concept_of.get(format!("#{c}").as_str()).copied())
                        .collect(),
                    problems: t
                        .problems
                        .iter()
                        .filter_map(|c| concept_of.get(format!("#{c}").as_str()).copied())
                        .collect(),
                },
                None => derived,
            });
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
            topics,
            lexicon: analyzer.lexicon.compiled(),
            related: Vec::new(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Cannot fail: plain data (strings, numbers, vectors) into a growing Vec.
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

impl Index {
    /// Builds the index. `related` maps codes that the FAQ does not name to the ids of
    /// the entries that help with them.
    pub fn new(faq: &Faq, lexicon: Lexicon, related: &[(String, Vec<String>)]) -> Index {
        let analyzer = Analyzer::new(lexicon, numeric_codes(faq));
        let built = Prebuilt::build(faq, &analyzer, 0);
        Index::assemble(faq, analyzer, related, built)
    }

    /// An index from its prebuilt part (`data/index.bin`), skipping the analysis of every
    /// entry. `prebuilt` must come from this FAQ and lexicon (the caller checks its hash);
    /// one whose shape does not fit the FAQ is refused (`None`) rather than trusted, so a
    /// caller with the wrong file gets no panic.
    pub fn from_prebuilt(faq: &Faq, mut prebuilt: Prebuilt) -> Option<Index> {
        let n = faq.entries.len();
        let tokens = prebuilt.tokens.len();
        let fits = prebuilt.doc_len.len() == n
            && prebuilt.topics.len() == n
            && prebuilt.postings.len() == tokens
            && prebuilt.df_topic.len() == tokens
            && prebuilt
                .postings
                .iter()
                .flatten()
                .all(|p| (p.doc as usize) < n)
            && prebuilt.topics.iter().all(|t| {
                t.objects
                    .iter()
                    .chain(&t.problems)
                    .all(|&c| (c as usize) < prebuilt.lexicon.concepts.len())
            })
            && prebuilt
                .related
                .iter()
                .all(|(_, entries)| entries.iter().all(|&e| e < n));
        if !fits {
            return None;
        }
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
        Some(index)
    }

    /// The part of this index that can be built ahead of time, labelled with `inputs`.
    pub fn prebuilt(&self, inputs: u64) -> Prebuilt {
        let mut tokens = vec![String::new(); self.postings.len()];
        for (t, &id) in &self.ids {
            tokens[id as usize] = t.clone();
        }
        let mut vocab: Vec<String> = self.vocab.iter().cloned().collect();
        vocab.sort();
        let mut related: Vec<(String, Vec<usize>)> = self
            .related
            .iter()
            .map(|(c, v)| (c.clone(), v.clone()))
            .collect();
        related.sort();
        Prebuilt {
            inputs,
            tokens,
            postings: self.postings.clone(),
            df_topic: self.df_topic.clone(),
            doc_len: self.doc_len.clone(),
            avg_len: self.avg_len,
            vocab,
            topics: self.topics.clone(),
            lexicon: self.analyzer.lexicon.compiled(),
            related,
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
        let by_ids = |ids: &[String]| -> Vec<usize> {
            ids.iter()
                .filter_map(|id| positions.get(id.as_str()).copied())
                .collect()
        };
        let related = related
            .iter()
            .map(|(code, ids)| (code.clone(), by_ids(ids)))
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
            topics: p.topics,
            see_also: faq.entries.iter().map(|e| by_ids(&e.see_also)).collect(),
            code_owner,
            related,
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }
}

/// The text of each field of an entry, both languages.
fn field_texts(entry: &Entry) -> impl Iterator<Item = (Field, Cow<'_, str>)> {
    let questions = entry
        .question
        .both()
        .into_iter()
        .map(|(_, q)| (Field::Question, Cow::Borrowed(q.as_str())));
    let keywords = entry.keywords.both().into_iter().flat_map(|(_, kws)| {
        kws.iter()
            .map(|k| (Field::Keywords, Cow::Borrowed(k.as_str())))
    });
    let answers = entry
        .answer
        .both()
        .into_iter()
        .map(|(_, lines)| (Field::Answer, Cow::Owned(lines.join("\n"))));
    questions.chain(keywords).chain(answers)
}

//! The search index over one FAQ: an inverted index from tokens to the entries that hold
//! them (BM25F statistics per field), each entry's topic, and the analyzer the entries were
//! read with. A helpdesk's data file is indexed in memory when first needed (tens to
//! hundreds of entries take milliseconds); the built-in FAQ's index is stored, made by the
//! same code ([`Index::to_bytes`], `data/index.bin`).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::analysis::{Analyzer, TermKind};
use crate::data::faq::{Entry, Faq};
use crate::data::lexicon::ConceptKind;
use crate::search::lexicon::Lexicon;

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
    pub objects: Vec<u32>,
    pub problems: Vec<u32>,
}

/// The search index over one FAQ.
#[derive(Serialize, Deserialize)]
pub struct Index {
    pub(super) analyzer: Analyzer,
    /// Token ids: a token's id is its position among the tokens sorted.
    #[serde(serialize_with = "super::lexicon::sorted_map")]
    ids: FxHashMap<String, u32>,
    /// By token id: the entries holding it, in entry order.
    postings: Vec<Vec<Posting>>,
    /// By token id: how many entries hold it in their question or keywords.
    pub(super) df_topic: Vec<u32>,
    /// By entry: token count of each field.
    pub(super) doc_len: Vec<[f32; FIELD_COUNT]>,
    pub(super) avg_len: [f64; FIELD_COUNT],
    /// The correctly spelled words typo correction may turn a word into: sorted.
    pub(super) vocab: Vec<String>,
    /// By entry: what it is about.
    pub(super) topics: Vec<Topic>,
    /// Codes the FAQ does not name, with the entries (positions) that help with them,
    /// from the catalog.
    related: BTreeMap<String, Vec<u32>>,
    /// By entry: whether it answers a code (its question then weighs less).
    pub(super) has_codes: Vec<bool>,
    /// By entry: the entries it refers to (`see_also`), as positions.
    pub(super) see_also: Vec<Vec<usize>>,
    /// Entry index that answers a code.
    pub(super) code_owner: BTreeMap<String, usize>,
    /// The model learned from the corpus, when there is one for this FAQ (stored apart).
    #[serde(skip)]
    pub(super) learned: Option<super::learned::Learned>,
}

impl Index {
    /// Builds the index: analyzes every entry. `related` maps codes that the FAQ does not
    /// name to the ids of the entries that help with them.
    pub fn new(faq: &Faq, lexicon: Lexicon, related: &[(String, Vec<String>)]) -> Index {
        // Every known code, as Engine::known_codes lists them: the FAQ's, then the catalog's.
        let known: Vec<String> = faq
            .codes()
            .map(|(c, _)| c.to_string())
            .chain(related.iter().map(|(c, _)| c.clone()))
            .collect();
        let analyzer = Analyzer::new(lexicon, numeric_codes(faq), known);
        let concepts: HashMap<&str, u32> = analyzer
            .lexicon
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.token.as_str(), i as u32))
            .collect();
        let named = |names: &[String]| -> Vec<u32> {
            names
                .iter()
                .filter_map(|n| concepts.get(format!("#{n}").as_str()).copied())
                .collect()
        };

        // Every entry's token counts by field, in entry order: each token numbered as it
        // comes (renumbered in sorted order below).
        let mut first_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut names: Vec<String> = Vec::new();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut doc_len = Vec::with_capacity(faq.entries.len());
        let mut topics = Vec::with_capacity(faq.entries.len());
        for (doc, entry) in faq.entries.iter().enumerate() {
            // This entry's counts: the token ids in the order met, and their counts.
            let mut tf: FxHashMap<u32, [u16; FIELD_COUNT]> = FxHashMap::default();
            let mut order: Vec<u32> = Vec::new();
            let mut len = [0.0f32; FIELD_COUNT];
            // Without a `topic`, what the entry is about is read off its question and
            // keywords: the concepts of those kinds found there.
            let (mut objects, mut problems) = (Vec::new(), Vec::new());
            for (field, text) in field_texts(entry) {
                let f = field as usize;
                for t in analyzer.analyze(&text, None, false) {
                    len[f] += 1.0;
                    if entry.topic.is_none()
                        && !matches!(field, Field::Answer)
                        && let TermKind::Concept(kind) = t.kind
                        && let Some(&ci) = concepts.get(t.token.as_str())
                    {
                        let list = match kind {
                            ConceptKind::Object => Some(&mut objects),
                            ConceptKind::Problem => Some(&mut problems),
                            _ => None,
                        };
                        if let Some(list) = list
                            && !list.contains(&ci)
                        {
                            list.push(ci);
                        }
                    }
                    let id = match first_ids.get(t.token.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = names.len() as u32;
                            first_ids.insert(t.token.clone(), id);
                            names.push(t.token);
                            postings.push(Vec::new());
                            id
                        }
                    };
                    let counts = tf.entry(id).or_insert_with(|| {
                        order.push(id);
                        [0; FIELD_COUNT]
                    });
                    counts[f] = counts[f].saturating_add(1);
                }
            }
            for id in order {
                postings[id as usize].push(Posting {
                    doc: doc as u32,
                    tf: tf[&id],
                });
            }
            doc_len.push(len);
            topics.push(match &entry.topic {
                Some(t) => Topic {
                    objects: named(&t.objects),
                    problems: named(&t.problems),
                },
                None => Topic { objects, problems },
            });
        }

        let mut tokens: Vec<(String, Vec<Posting>)> = names.into_iter().zip(postings).collect();
        tokens.sort_by(|a, b| a.0.cmp(&b.0));
        // Document frequency counts the fields that say what an entry is about (question
        // and keywords) separately from the answer text: a word every answer mentions in
        // passing (初期登録, sign in) still tells entries apart if only one is about it.
        let df_topic = tokens
            .iter()
            .map(|(_, ps)| {
                ps.iter()
                    .filter(|p| p.tf[Field::Question as usize] + p.tf[Field::Keywords as usize] > 0)
                    .count() as u32
            })
            .collect();
        // The indexed English words, and the words of the lexicon's English phrases, are
        // the correct spellings.
        let mut vocab: Vec<String> = tokens
            .iter()
            .map(|(t, _)| t)
            .filter(|t| t.is_ascii() && !t.starts_with('#'))
            .cloned()
            .collect();
        for c in &analyzer.lexicon.concepts {
            for p in &c.phrases {
                vocab.extend(p.iter().cloned());
            }
        }
        vocab.sort();
        vocab.dedup();

        let mut total = [0.0f64; FIELD_COUNT];
        for len in &doc_len {
            for (t, &l) in total.iter_mut().zip(len) {
                *t += f64::from(l);
            }
        }
        let n = faq.entries.len().max(1) as f64;
        let avg_len = total.map(|t| (t / n).max(1.0));

        let position = |id: &str| faq.entries.iter().position(|e| e.id == id);
        let mut by_code: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        // Of a code listed twice, the first listing counts.
        for (code, ids) in related {
            by_code.entry(code.clone()).or_insert_with(|| {
                ids.iter()
                    .filter_map(|id| position(id))
                    .map(|p| p as u32)
                    .collect()
            });
        }
        let mut code_owner = BTreeMap::new();
        for (i, e) in faq.entries.iter().enumerate() {
            for c in &e.codes {
                code_owner.insert(c.clone(), i);
            }
        }
        Index {
            analyzer,
            ids: tokens
                .iter()
                .enumerate()
                .map(|(i, (t, _))| (t.clone(), i as u32))
                .collect(),
            postings: tokens.into_iter().map(|(_, ps)| ps).collect(),
            df_topic,
            doc_len,
            avg_len,
            vocab,
            topics,
            related: by_code,
            has_codes: faq.entries.iter().map(|e| !e.codes.is_empty()).collect(),
            see_also: faq
                .entries
                .iter()
                .map(|e| e.see_also.iter().filter_map(|id| position(id)).collect())
                .collect(),
            code_owner,
            learned: None,
        }
    }

    /// The index stored, after what it was made from (`data`, build.rs's hash of the
    /// data and the code that reads it): the same bytes for the same data and code.
    pub fn to_bytes(&self, data: &str) -> Vec<u8> {
        postcard::to_stdvec(&(data, self)).expect("an index serializes")
    }

    /// A stored index, when it was made from `data` (see [`Index::to_bytes`]); what
    /// follows another hash is not read at all.
    pub fn from_bytes(bytes: &[u8], data: &str) -> Option<Index> {
        let (made_from, rest): (&str, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
        if made_from != data {
            return None;
        }
        postcard::from_bytes(rest).ok()
    }

    /// The index with a learned model, used when it knows every entry of this FAQ.
    pub fn with_model(mut self, faq: &Faq, model: super::model::Model<'static>) -> Index {
        self.learned = super::learned::Learned::new(model, faq);
        self
    }

    /// Whether the learned model reads this text as about another service or topic (no
    /// model: never).
    pub fn about_something_else(&self, text: &str) -> bool {
        self.learned
            .as_ref()
            .is_some_and(|l| l.read(self, text).off >= l.model.blend.off_topic)
    }

    /// Whether the search uses a learned model.
    pub fn has_model(&self) -> bool {
        self.learned.is_some()
    }

    /// The analyzer the entries were read with, which reads queries the same way.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// A token's id.
    pub(super) fn id(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// The entries holding a token, in entry order.
    pub(super) fn postings(&self, id: u32) -> &[Posting] {
        &self.postings[id as usize]
    }

    /// How many entries hold a token.
    pub(super) fn posting_count(&self, id: u32) -> usize {
        self.postings[id as usize].len()
    }

    /// The entries (positions) that the entry at `entry` refers to (`see_also`); none
    /// for a position out of range.
    pub fn referred(&self, entry: usize) -> &[usize] {
        self.see_also.get(entry).map_or(&[], Vec::as_slice)
    }

    /// The entries that help with a related code, when it is one.
    pub(super) fn related(&self, code: &str) -> Option<&[u32]> {
        self.related.get(code).map(Vec::as_slice)
    }
}

/// SPHERE's own numeric codes (1014): the only bare numbers a text is searched for.
fn numeric_codes(faq: &Faq) -> Vec<String> {
    faq.codes()
        .map(|(c, _)| c.to_string())
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// The text of each field of an entry, both languages: the question, each keyword, and
/// the answer's lines as one text.
fn field_texts(entry: &Entry) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    for (_, q) in entry.question.both() {
        out.push((Field::Question, q.clone()));
    }
    for (_, keywords) in entry.keywords.both() {
        out.extend(keywords.iter().map(|k| (Field::Keywords, k.clone())));
    }
    for (_, lines) in entry.answer.both() {
        out.push((Field::Answer, lines.join("\n")));
    }
    out
}

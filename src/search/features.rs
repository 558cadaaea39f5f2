//! What the model reads of a text: the analyzer's terms (lexicon concepts, stemmed words,
//! Japanese bigrams), the codes in it, and what survives a typo or an unknown word
//! (character trigrams of words, word pairs, Japanese trigrams), each hashed into a fixed
//! number of buckets. No Japanese segmenter is needed.

use super::Index;
use super::analysis::TermKind;
use super::corpus::fnv;
use crate::lang::is_japanese_char;
use crate::normalize::normalize;

/// How many buckets features are hashed into.
pub const BUCKETS: usize = 1 << 16;

/// The features of a text, read as a query is (codes found, typos corrected against the
/// index's words): (bucket, value), each bucket once, the values of unit length.
pub fn features(index: &Index, text: &str) -> Vec<(u32, f32)> {
    let mut names: Vec<String> = Vec::new();
    let mut last_word: Option<String> = None;
    let mut last_bigram: Option<String> = None;
    for t in index.analyzer().analyze(text, Some(&index.vocab), true) {
        match t.kind {
            TermKind::Concept(_) | TermKind::Code => names.push(t.token),
            TermKind::Word => {
                if let Some(prev) = last_word.replace(t.token.clone()) {
                    names.push(format!("w2:{prev} {}", t.token));
                }
                names.push(format!("w:{}", t.token));
            }
            TermKind::Bigram => {
                if let Some(prev) = last_bigram.replace(t.token.clone())
                    && let (Some(end), Some(first)) = (prev.chars().last(), t.token.chars().next())
                    && end == first
                {
                    let third: String = t.token.chars().skip(1).collect();
                    names.push(format!("j3:{prev}{third}"));
                }
                names.push(format!("b:{}", t.token));
            }
        }
    }
    // Every word as written, and its character trigrams, whether or not a concept
    // claimed it: what survives a typo or a name the lexicon does not know.
    for word in normalize(text).split(' ').filter(|w| !w.is_empty()) {
        if word.chars().any(is_japanese_char) {
            continue;
        }
        names.push(format!("r:{word}"));
        let padded: Vec<char> = format!("<{word}>").chars().collect();
        for w in padded.windows(3) {
            names.push(format!("c:{}", w.iter().collect::<String>()));
        }
    }
    let mut buckets: Vec<u32> = names
        .iter()
        .map(|n| (fnv(n.as_bytes()) % BUCKETS as u64) as u32)
        .collect();
    buckets.sort_unstable();
    buckets.dedup();
    let value = 1.0 / (buckets.len().max(1) as f32).sqrt();
    buckets.into_iter().map(|b| (b, value)).collect()
}

//! What the model reads of a text: the analyzer's terms (lexicon concepts, stemmed words,
//! Japanese bigrams), the codes in it, and what survives a typo or an unknown word
//! (character trigrams of words, word pairs, Japanese trigrams), each hashed into a fixed
//! number of buckets. No Japanese segmenter is needed.

use super::Index;
use super::analysis::TermKind;
use super::analysis::correct;
use super::corpus::fnv;
use crate::lang::is_japanese_char;
use crate::normalize::{normalize, stem};

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
    // Whether the text names things the FAQ never does (another service, a product):
    // one signal shared by every such name, so that names never seen in training count.
    for n in 1..=unknown_words(index, text).min(3) {
        names.push(format!("u:{n}"));
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

/// How many words of Latin letters the FAQ never uses stand beside a word it is about, or
/// inside Japanese (`gmailのぱすわーど`); addresses, URLs, ids and codes left out.
fn unknown_words(index: &Index, text: &str) -> usize {
    let folded = crate::codes::mask_non_words(&crate::codes::fold(text));
    let norm = normalize(&folded);
    let words: Vec<&str> = norm.split(' ').collect();
    let lexicon = &index.analyzer().lexicon;
    // A word the FAQ is about (`password`, `invitation`), or Japanese.
    let about = |w: &str| {
        w.chars().any(is_japanese_char) || {
            let stem = stem(w);
            !lexicon.is_stopword(w)
                && (index.vocab.binary_search(&stem).is_ok()
                    || !lexicon.phrases_from(&stem).is_empty())
        }
    };
    let mut n = 0;
    for (i, w) in words.iter().enumerate() {
        if w.chars().any(is_japanese_char) {
            // The Latin names inside Japanese (`gmailのぱすわーど`).
            n += w
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| is_unknown(index, w))
                .count();
        } else if is_unknown(index, w) {
            // A name counts beside what the FAQ is about (`paypal password`, `zoom
            // invitation`), not in a greeting or a signature.
            let near = &words[i.saturating_sub(2)..(i + 3).min(words.len())];
            n += usize::from(near.iter().any(|&x| x != *w && about(x)));
        }
    }
    n
}

/// A word of letters that is neither in the FAQ's vocabulary nor a stop word, nor a typo
/// of a word in it.
fn is_unknown(index: &Index, word: &str) -> bool {
    let lexicon = &index.analyzer().lexicon;
    let stem = stem(word);
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && !lexicon.is_stopword(word)
        && !lexicon.is_stopword(&stem)
        && index.vocab.binary_search(&stem).is_err()
        && lexicon.phrases_from(&stem).is_empty()
        && correct(&stem, &index.vocab).is_none()
}

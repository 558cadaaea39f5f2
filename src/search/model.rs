//! A linear model learned from the labelled corpus: multinomial logistic regression over
//! hashed features ([`super::features`]), one class per FAQ entry, one for off-topic text
//! and one per topic outside the FAQ. Trained deterministically by `cargo run --release
//! --example train`, which writes `data/model.bin`; the program reads it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::features::BUCKETS;

/// The model as stored: its classes, and weights quantized to one byte each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model<'a> {
    /// What the model was learned from: a hash of the corpus, the FAQ and the lexicon
    /// (a test holds it to the files as they are).
    pub inputs: u64,
    /// The class names: FAQ ids, `-`, outside topics.
    pub classes: Vec<String>,
    /// By class: the question of the FAQ entry it is (both languages), empty for the
    /// others. A model is used only for entries whose questions it learned.
    pub questions: Vec<String>,
    /// Per class: what one step of a quantized weight is worth.
    pub scale: Vec<f32>,
    /// Per class: the bias.
    pub bias: Vec<f32>,
    /// Bucket after bucket, a weight per class: an `i8` stored as its byte. Borrowed from
    /// the bytes read (serde_bytes): a search reads a few hundred of the 1.5 MB, and a
    /// copy of them all took 740 page faults, 7 of a search's 11 ms.
    #[serde(borrow, with = "serde_bytes")]
    pub weights: Cow<'a, [u8]>,
    /// How the search blends the model with its ranking (chosen by cross-validation).
    pub blend: Blend,
}

/// How the model and the ranking are blended, and where the answer starts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Blend {
    /// Weight of the ranking's score (as a share of the best one) beside the model's
    /// probability.
    pub ranking: f32,
    /// Off-topic (or outside the FAQ) when the model gives that at least this, and the
    /// ranking found no entry about the query's subject ...
    pub off_topic: f32,
    /// ... or at least this when the ranking did.
    pub off_topic_answered: f32,
    /// The least blended score of an answer.
    pub answer: f32,
    /// The least probability of a `high` answer; below it, `close` (or `vague`).
    pub high: f32,
}

impl Default for Blend {
    fn default() -> Blend {
        Blend {
            ranking: 0.5,
            off_topic: 0.5,
            off_topic_answered: 0.8,
            answer: 0.3,
            high: 0.6,
        }
    }
}

/// How training goes: fixed, so that the same corpus makes the same model.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
}

impl Default for Training {
    fn default() -> Training {
        Training {
            epochs: 30,
            rate: 0.5,
            l2: 1e-6,
        }
    }
}

/// One training text: its features and how much each class is wanted (summing to 1).
pub struct Sample {
    pub features: Vec<(u32, f32)>,
    pub target: Vec<(usize, f32)>,
}

impl<'a> Model<'a> {
    /// Reads a stored model; `None` if the bytes are not one.
    pub fn from_bytes(bytes: &'a [u8]) -> Option<Model<'a>> {
        let m: Model = postcard::from_bytes(bytes).ok()?;
        let n = m.classes.len();
        let fits = m.questions.len() == n
            && m.scale.len() == n
            && m.bias.len() == n
            && m.weights.len() == BUCKETS * n;
        fits.then_some(m)
    }

    /// The model owning its weights.
    pub fn into_owned(self) -> Model<'static> {
        Model {
            weights: Cow::Owned(self.weights.into_owned()),
            inputs: self.inputs,
            classes: self.classes,
            questions: self.questions,
            scale: self.scale,
            bias: self.bias,
            blend: self.blend,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("a model serializes")
    }

    /// The probability of each class for these features.
    pub fn predict(&self, features: &[(u32, f32)]) -> Vec<f32> {
        let n = self.classes.len();
        let mut logits = self.bias.clone();
        for &(b, v) in features {
            let row = &self.weights[b as usize * n..(b as usize + 1) * n];
            for c in 0..n {
                logits[c] += v * f32::from(row[c] as i8) * self.scale[c];
            }
        }
        softmax(&mut logits);
        logits
    }

    /// Learns a model: stochastic gradient descent on the cross-entropy, the samples in
    /// an order shuffled by a fixed seed, the rate falling with each epoch.
    pub fn train(
        classes: Vec<String>,
        questions: Vec<String>,
        samples: &[Sample],
        t: Training,
        inputs: u64,
    ) -> Model<'static> {
        let n = classes.len();
        let mut w = vec![0.0f32; BUCKETS * n];
        let mut bias = vec![0.0f32; n];
        let mut order: Vec<usize> = (0..samples.len()).collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut p = vec![0.0f32; n];
        for epoch in 0..t.epochs {
            // Fisher-Yates with xorshift: the same order on every machine.
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let rate = t.rate / (1.0 + epoch as f32 * 0.2);
            for &i in &order {
                let s = &samples[i];
                p.copy_from_slice(&bias);
                for &(b, v) in &s.features {
                    let row = &w[b as usize * n..(b as usize + 1) * n];
                    for c in 0..n {
                        p[c] += v * row[c];
                    }
                }
                softmax(&mut p);
                for &(c, y) in &s.target {
                    p[c] -= y;
                }
                for c in 0..n {
                    bias[c] -= rate * p[c];
                }
                for &(b, v) in &s.features {
                    let row = &mut w[b as usize * n..(b as usize + 1) * n];
                    for c in 0..n {
                        row[c] -= rate * (p[c] * v + t.l2 * row[c]);
                    }
                }
            }
        }
        // Quantize: each class's weights to -127..=127 of its largest.
        let scale: Vec<f32> = (0..n)
            .map(|c| {
                let max = (0..BUCKETS).map(|b| w[b * n + c].abs()).fold(0.0, f32::max);
                if max > 0.0 { max / 127.0 } else { 1.0 }
            })
            .collect();
        let weights: Vec<u8> = w
            .iter()
            .enumerate()
            .map(|(i, &x)| (x / scale[i % n]).round().clamp(-127.0, 127.0) as i8 as u8)
            .collect();
        Model {
            inputs,
            classes,
            questions,
            scale,
            bias,
            weights: Cow::Owned(weights),
            blend: Blend::default(),
        }
    }
}

fn softmax(x: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in x.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in x.iter_mut() {
        *v /= sum;
    }
}

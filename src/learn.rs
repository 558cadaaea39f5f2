//! Learning the search's model from the labelled corpus: the samples, the classes, the
//! hash of what it was learned from, and cross-validation. `examples/train.rs` runs it;
//! the evaluation reports its figures.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::data::faq::Faq;
use crate::search::corpus::{self, Example, OFF_TOPIC, fnv};
use crate::search::features::features;
use crate::search::learned::Learned;
use crate::search::learned::question;
use crate::search::model::Blend;
use crate::search::model::{Model, Sample, Training};
use crate::search::{Abstain, Confidence, Index, Prepared};

/// The corpus files, as the build embeds nothing of them: read from `dir`, sorted by name.
pub fn read_corpus(dir: &std::path::Path) -> Result<Vec<Example>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        out.extend(corpus::parse(&name, &text)?);
    }
    Ok(out)
}

/// The classes: every FAQ entry's id, off-topic, and each outside topic of the corpus.
pub fn classes(faq: &Faq, examples: &[Example]) -> Vec<String> {
    let mut out: Vec<String> = faq.entries.iter().map(|e| e.id.clone()).collect();
    out.push(OFF_TOPIC.to_string());
    let mut topics: Vec<String> = examples
        .iter()
        .filter(|e| e.kind == "outside")
        .map(|e| e.label().to_string())
        .collect();
    topics.sort();
    topics.dedup();
    out.extend(topics);
    out
}

/// The texts of the FAQ itself, each an example of its entry: its question and keywords
/// in both languages. A new entry is learned from these even before the corpus has any.
pub fn faq_examples(faq: &Faq) -> Vec<Example> {
    let mut out = Vec::new();
    for e in &faq.entries {
        let texts = [&e.question.ja, &e.question.en]
            .into_iter()
            .chain(&e.keywords.ja)
            .chain(&e.keywords.en);
        for t in texts {
            out.push(Example {
                place: format!("faq:{}", e.id),
                kind: "symptom".into(),
                text: t.clone(),
                accept: vec![e.id.clone()],
                style: "faq".into(),
            });
        }
    }
    out
}

/// A training sample: the first accepted answer wanted most, the others a little.
pub fn sample(index: &Index, classes: &[String], e: &Example) -> Option<Sample> {
    let labels: Vec<usize> = if e.accept.is_empty() {
        vec![classes.iter().position(|c| c == OFF_TOPIC)?]
    } else {
        e.accept
            .iter()
            .filter_map(|a| classes.iter().position(|c| c == a))
            .collect()
    };
    let first = *labels.first()?;
    let mut target = vec![(first, 1.0)];
    target.extend(labels[1..].iter().map(|&c| (c, 0.5)));
    let sum: f32 = target.iter().map(|t| t.1).sum();
    for t in &mut target {
        t.1 /= sum;
    }
    Some(Sample {
        features: features(index, &crate::message::problem(&e.text)),
        target,
    })
}

/// A hash of what a model is learned from: the corpus's texts and labels, the FAQ, the
/// lexicon and how features are made. A stored model with another is stale.
pub fn inputs_hash(faq: &Faq, lexicon_json: &str, examples: &[Example]) -> u64 {
    let mut text = String::from(FEATURES_VERSION);
    text.push_str(&serde_json::to_string(faq).unwrap_or_default());
    text.push_str(lexicon_json);
    for e in examples {
        text.push_str(&e.text);
        text.push_str(&e.accept.join(","));
    }
    fnv(text.as_bytes())
}

/// Changed by hand whenever `features` reads a text differently.
const FEATURES_VERSION: &str = "features 7";

/// Learns a model from these examples (and the FAQ's own texts).
pub fn train(
    index: &Index,
    faq: &Faq,
    examples: &[Example],
    all: &[Example],
    inputs: u64,
) -> Model<'static> {
    let classes = classes(faq, all);
    let questions = classes
        .iter()
        .map(|c| faq.entry(c).map(question).unwrap_or_default())
        .collect();
    // Each text is learned again without the portal's name: the corpus's writers named it
    // in most texts, people asking at its sign-in screen mostly do not, and the model had
    // learned the name as the sign of SPHERE's questions.
    let unnamed: Vec<Example> = examples.iter().filter_map(without_name).collect();
    let samples: Vec<Sample> = examples
        .iter()
        .chain(&unnamed)
        .chain(&faq_examples(faq))
        .filter_map(|e| sample(index, &classes, e))
        .collect();
    Model::train(classes, questions, &samples, Training::default(), inputs)
}

/// Each example read by a model that did not learn it: k-fold, the folds by position.
/// What [`choose_blend`] and the evaluation's cross-validation figures are made from.
pub fn cross_validate(
    index: &Index,
    faq: &Faq,
    examples: &[Example],
    all: &[Example],
    folds: usize,
) -> Vec<Prepared> {
    let mut out: Vec<Option<Prepared>> = (0..examples.len()).map(|_| None).collect();
    for fold in 0..folds {
        let rest: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, e)| e.clone())
            .collect();
        let model = train(index, faq, &rest, all, 0);
        let Some(learned) = Learned::new(model, faq) else {
            continue;
        };
        for (i, e) in examples.iter().enumerate().skip(fold).step_by(folds) {
            out[i] = Some(index.prepare(&e.text, 4, Abstain::default(), Some(&learned)));
        }
    }
    out.into_iter().flatten().collect()
}

/// How a decision did on one example.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// In the FAQ's domain (an entry should answer).
    pub answerable: bool,
    /// Right: the first answer accepted, or nothing answered for off-topic text.
    pub right: bool,
    pub confidence: Confidence,
}

/// How a decision did on each example.
pub fn judge(
    faq: &Faq,
    examples: &[Example],
    prepared: &[Prepared],
    blend: Option<&Blend>,
) -> Vec<Outcome> {
    examples
        .iter()
        .zip(prepared)
        .map(|(e, p)| {
            let (entries, confidence, _) = p.decide(blend);
            let answerable = !(e.accept.is_empty() || e.kind == "outside");
            let right = match entries.first() {
                None => !answerable,
                Some(&d) => answerable && e.accept.contains(&faq.entries[d].id),
            };
            Outcome {
                answerable,
                right,
                confidence,
            }
        })
        .collect()
}

/// The figures a blend is chosen by: answerable right, off-topic left unanswered, and the
/// share of `high` answers that are wrong (answered off-topic text counts as wrong).
pub fn figures(outcomes: &[Outcome]) -> (f64, f64, f64) {
    let rate = |f: &dyn Fn(&Outcome) -> bool, of: &dyn Fn(&Outcome) -> bool| {
        let n = outcomes.iter().filter(|o| of(o)).count();
        outcomes.iter().filter(|o| of(o) && f(o)).count() as f64 / n.max(1) as f64
    };
    (
        rate(&|o| o.right, &|o| o.answerable),
        rate(&|o| o.right, &|o| !o.answerable),
        rate(&|o| !o.right, &|o| o.confidence == Confidence::High),
    )
}

/// The blend that does best across the cross-validated examples: answerable and
/// off-topic text counted alike, with a `high` answer wrong in under 3% of cases and
/// off-topic text answered with `high` (the worst outcome) in under 0.5% of it; among
/// blends otherwise alike, the one with more right `high` answers.
pub fn choose_blend(faq: &Faq, examples: &[Example], prepared: &[Prepared]) -> Blend {
    let mut best = (f64::NEG_INFINITY, Blend::default());
    for ranking in [0.0, 0.25, 0.5, 1.0, 2.0] {
        for off_topic in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
            for off_topic_answered in [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01] {
                for answer in [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0] {
                    for high in [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98] {
                        let b = Blend {
                            ranking,
                            off_topic,
                            off_topic_answered,
                            answer,
                            high,
                        };
                        let outcomes = judge(faq, examples, prepared, Some(&b));
                        let (answered, abstained, high_wrong) = figures(&outcomes);
                        let off_high = outcomes
                            .iter()
                            .filter(|o| !o.answerable && o.confidence == Confidence::High)
                            .count();
                        let high_right = outcomes
                            .iter()
                            .filter(|o| o.right && o.confidence == Confidence::High)
                            .count();
                        let n = outcomes.len() as f64;
                        let off = outcomes.iter().filter(|o| !o.answerable).count();
                        let off_high = off_high as f64 / off.max(1) as f64;
                        let score = answered + abstained
                            - 10.0 * (high_wrong - 0.03).max(0.0)
                            - 10.0 * (off_high - 0.005).max(0.0)
                            + 0.02 * high_right as f64 / n;
                        if score > best.0 {
                            best = (score, b);
                        }
                    }
                }
            }
        }
    }
    best.1
}

/// The example without the portal's name (`SPHERE`, `スフィア`), when it has it.
pub fn without_name(e: &Example) -> Option<Example> {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)sphere|ｓｐｈｅｒｅ|スフィア").expect("the pattern compiles")
    });
    let text = NAME.replace_all(&e.text, "");
    matches!(text, Cow::Owned(_)).then(|| Example {
        text: text.into_owned(),
        ..e.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str) -> Example {
        Example {
            place: "t:1".into(),
            kind: "symptom".into(),
            text: text.into(),
            accept: vec!["Q2".into()],
            style: "short".into(),
        }
    }

    #[test]
    fn a_text_is_learned_again_without_the_portals_name() {
        let e = without_name(&example("SPHEREの招待メールが届かない")).expect("named");
        assert_eq!(e.text, "の招待メールが届かない");
        assert_eq!(e.accept, ["Q2"]);
        for named in [
            "can't sign in to Sphere",
            "ＳＰＨＥＲＥに入れない",
            "スフィアに入れない",
        ] {
            let e = without_name(&example(named)).expect(named);
            assert!(!e.text.to_lowercase().contains("sphere"), "{}", e.text);
            assert!(!e.text.contains("スフィア") && !e.text.contains("ＳＰＨＥＲＥ"));
        }
        assert!(without_name(&example("招待メールが届かない")).is_none());
    }
}

//! Holds search quality to a floor on the project's labelled queries. The ranking is
//! deterministic, so a floor is an honest check, not a flaky one; the figures themselves
//! are printed by `cargo run --release --example eval`.

use sphere_faq::Engine;
use sphere_faq::eval::{self, Report};

fn report(file: &str) -> Report {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("query file");
    let cases = eval::parse(&text).expect("query file parses");
    assert!(cases.len() >= 40, "{file}: only {} cases", cases.len());
    eval::run(&Engine::load().expect("engine"), &cases)
}

fn misses(r: &Report) -> Vec<String> {
    r.judged
        .iter()
        .filter(|j| !j.top1)
        .map(|j| {
            format!(
                "line {}: {} -> {:?} (want {:?})",
                j.case.line, j.case.query, j.got, j.case.accept
            )
        })
        .collect()
}

#[test]
fn every_code_and_paste_is_answered_right() {
    let r = report("queries.tsv");
    for kind in ["code", "paste"] {
        let f = &r.by_kind[kind];
        assert!(f.n > 0);
        assert_eq!(f.top1, f.n, "{kind}: {:#?}", misses(&r));
    }
}

#[test]
fn top1_overall_at_least_95_percent() {
    let r = report("queries.tsv");
    assert!(
        r.overall.top1_rate() >= 0.95,
        "top-1 {:.3}; misses: {:#?}",
        r.overall.top1_rate(),
        misses(&r)
    );
}

#[test]
fn every_offtopic_query_abstains() {
    let r = report("queries.tsv");
    let f = &r.by_kind["offtopic"];
    assert_eq!(f.top1, f.n, "{:#?}", misses(&r));
}

/// Symptom top-1 of a query file that was not tuned on must stay at or above `floor`.
fn assert_symptom_floor(file: &str, floor: f64) {
    let r = report(file);
    let rate = r.by_kind["symptom"].top1_rate();
    assert!(
        rate >= floor,
        "{file}: symptom top-1 {rate:.3} < {floor}; misses: {:#?}",
        misses(&r)
    );
}

#[test]
fn second_query_set_floor() {
    // Written after the lexicon to estimate unseen wording; a lower floor than the main file.
    assert_symptom_floor("heldout.tsv", 0.90);
}

#[test]
fn fresh_query_set_floor() {
    // Never tuned on: a floor against regressions on wording nobody has seen.
    assert_symptom_floor("fresh.tsv", 0.90);
}

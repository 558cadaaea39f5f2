//! Answer quality on labelled queries: per file, per kind and per query length, top-1,
//! hit@3, how often an answerable query got no answer and an off-topic one got one, and
//! every miss.
//!
//!     cargo run --release --example eval                      # every file of tests/fixtures
//!     cargo run --release --example eval -- path/to/file.tsv
//!     cargo run --release --example eval -- --sweep FILE      # abstention thresholds
//!     cargo run --release --example eval -- --explain QUERY   # how a query is read
//!     cargo run --release --example eval -- --corpus          # 5-fold cross-validation on
//!                                                             # data/corpus: per style,
//!                                                             # calibration
//!     cargo run --release --example eval -- --heldout         # the corpus's held-out part
//!                                                             # (look at it once)
//!
//! The file format is described in `src/eval.rs`.

use std::process::ExitCode;

use sphere_faq::Engine;
use sphere_faq::eval::{self, Figures, Report};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sweep = args.iter().any(|a| a == "--sweep");
    if let Some(i) = args.iter().position(|a| a == "--explain") {
        let Some(q) = args.get(i + 1) else {
            eprintln!("eval: --explain needs a query");
            return ExitCode::from(2);
        };
        return explain(q);
    }
    if args.iter().any(|a| a == "--corpus" || a == "--heldout") {
        return corpus(args.iter().any(|a| a == "--heldout"));
    }
    let engine = match Engine::load() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    let given: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    let files: Vec<(String, String)> = if given.is_empty() {
        eval::FIXTURES
            .iter()
            .map(|(f, what)| {
                (
                    format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR")),
                    what.to_string(),
                )
            })
            .collect()
    } else {
        given.into_iter().map(|f| (f, String::new())).collect()
    };
    let mut summary = Vec::new();
    for (path, what) in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("eval: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let cases = match eval::parse(&text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("eval: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let start = std::time::Instant::now();
        let report = eval::run(&engine, &cases);
        let elapsed = start.elapsed();
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        println!(
            "== {name}: {} queries{}",
            cases.len(),
            if what.is_empty() {
                String::new()
            } else {
                format!(" ({what})")
            }
        );
        print_report(&report);
        println!(
            "time: {:.2} ms for {} queries ({:.1} µs per query, index built once)",
            elapsed.as_secs_f64() * 1e3,
            cases.len(),
            elapsed.as_secs_f64() * 1e6 / cases.len().max(1) as f64
        );
        println!();
        if sweep {
            sweep_grid(&engine, &cases);
        }
        summary.push((name, report));
    }
    if summary.len() > 1 {
        println!("== summary (top-1)");
        println!(
            "{:<18} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "file", "n", "symptom", "code", "paste", "offtopic", "≤40", "41-100", ">100"
        );
        for (name, r) in &summary {
            let k = |kind: &str| r.by_kind.get(kind).map_or("–".to_string(), cell);
            println!(
                "{:<18} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
                name,
                r.overall.n,
                k("symptom"),
                k("code"),
                k("paste"),
                k("offtopic"),
                cell(&r.by_length[0]),
                cell(&r.by_length[1]),
                cell(&r.by_length[2]),
            );
        }
    }
    ExitCode::SUCCESS
}

/// `right/n` for a table cell, or a dash for no query.
fn cell(f: &Figures) -> String {
    if f.n == 0 {
        "–".to_string()
    } else {
        format!("{}/{}", f.top1, f.n)
    }
}

fn print_report(report: &Report) {
    println!(
        "{:<10} {:>5} {:>8} {:>8} {:>22} {:>20}",
        "", "n", "top-1", "hit@3", "abstained, answerable", "answered, off-topic"
    );
    let line = |label: &str, f: &Figures| {
        println!(
            "{:<10} {:>5} {:>7.1}% {:>7.1}% {:>22} {:>20}",
            label,
            f.n,
            100.0 * f.top1_rate(),
            100.0 * f.hit3_rate(),
            f.wrongly_abstained,
            f.wrongly_answered
        );
    };
    for (kind, f) in &report.by_kind {
        line(kind, f);
    }
    line("overall", &report.overall);
    println!("by length (characters):");
    for ((label, _, _), f) in eval::LENGTHS.iter().zip(&report.by_length) {
        if f.n > 0 {
            line(label, f);
        }
    }
    let misses: Vec<_> = report.judged.iter().filter(|j| !j.top1).collect();
    if misses.is_empty() {
        println!("misses: none");
    } else {
        println!("misses ({}):", misses.len());
        for j in misses {
            let want = if j.case.accept.is_empty() {
                "-".to_string()
            } else {
                j.case.accept.join(",")
            };
            let got = if j.got.is_empty() {
                "-".to_string()
            } else {
                j.got.join(",")
            };
            println!(
                "  line {:>3} {:<9} want {:<8} got {:<12} {}",
                j.case.line, j.case.kind, want, got, j.case.query
            );
        }
    }
}

/// Shows how one query is analyzed and how the top entries score.
fn explain(q: &str) -> ExitCode {
    let engine = match Engine::load() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    for t in engine.index().query_terms(q) {
        println!(
            "term {:<24} surface {:<20} weight {:.2} unit {:.2} {:?}",
            t.token, t.surface, t.weight, t.unit, t.kind
        );
    }
    let o = engine.index().search(q, 17);
    println!("confidence {:?} reason {:?}", o.confidence, o.reason);
    let hits = if o.hits.is_empty() {
        o.best_rejected.into_iter().collect()
    } else {
        o.hits
    };
    for h in hits.iter().take(5) {
        println!(
            "{:<4} score {:6.2} cov {:.2} matched {:?}",
            engine.faq.entries[h.entry].id, h.score, h.coverage, h.matched
        );
    }
    ExitCode::SUCCESS
}

/// Top-1 over the answerable queries and abstention over the off-topic ones, for a grid
/// of thresholds: the data the abstention rule is calibrated on.
fn sweep_grid(engine: &Engine, cases: &[eval::Case]) {
    use sphere_faq::search::Abstain;
    let text: Vec<&eval::Case> = cases
        .iter()
        .filter(|c| c.kind != "code" && c.kind != "paste")
        .collect();
    let pos = text.iter().filter(|c| !c.accept.is_empty()).count();
    let neg = text.len() - pos;
    println!("abstention grid over {pos} answerable and {neg} off-topic text queries");
    println!("(answerable right at top-1 / off-topic abstained; * marks the threshold in use)");
    println!("{:>10} {:>12}", "min score", "right/abst.");
    for s in [0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0] {
        let a = Abstain { min_score: s };
        let mut right = 0;
        let mut abstained = 0;
        for case in &text {
            let got = engine.index().search_with(&case.query, 4, a).hits;
            if case.accept.is_empty() {
                abstained += usize::from(got.is_empty());
            } else if got.first().is_some_and(|h| {
                case.accept
                    .iter()
                    .any(|a| *a == engine.faq.entries[h.entry].id)
            }) {
                right += 1;
            }
        }
        let mark = if a == Abstain::default() { "*" } else { " " };
        println!("{s:>10.1} {:>12}", format!("{mark}{right}/{abstained}"));
    }
    println!();
}

/// The corpus: 5-fold cross-validation of the whole decision (model learned on four
/// fifths, blended with the ranking as stored), per style and per confidence; or, with
/// `heldout`, the stored model on the part it never learned from.
fn corpus(heldout: bool) -> ExitCode {
    use sphere_faq::learn;
    use sphere_faq::search::Abstain;
    use sphere_faq::search::learned::Learned;
    use sphere_faq::search::model::Model;
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::load().expect("the built-in data loads");
    let all = match learn::read_corpus(&root.join("data/corpus")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    let index = engine.index();
    let stored = std::fs::read(root.join("data/model.bin"))
        .ok()
        .and_then(|b| Model::from_bytes(&b).map(Model::into_owned))
        .expect("data/model.bin is a model");
    let blend = stored.blend;
    let (examples, prepared): (Vec<_>, Vec<_>) = if heldout {
        let learned = Learned::new(stored, &engine.faq).expect("the model fits the FAQ");
        let held: Vec<_> = all.iter().filter(|e| e.held_out()).cloned().collect();
        let p = held
            .iter()
            .map(|e| index.prepare(&e.text, 4, Abstain::default(), Some(&learned)))
            .collect();
        println!(
            "== the corpus's held-out part: {} texts, never learned from",
            held.len()
        );
        (held, p)
    } else {
        let learned: Vec<_> = all.iter().filter(|e| !e.held_out()).cloned().collect();
        let p = learn::cross_validate(index, &engine.faq, &learned, &all, 5);
        println!(
            "== 5-fold cross-validation on the corpus: {} texts",
            learned.len()
        );
        (learned, p)
    };
    for (label, b) in [("ranking alone", None), ("learned blend", Some(&blend))] {
        let outcomes = learn::judge(&engine.faq, &examples, &prepared, b);
        let (answered, abstained, high_wrong) = learn::figures(&outcomes);
        let off_high = outcomes
            .iter()
            .filter(|o| !o.answerable && o.confidence == sphere_faq::search::Confidence::High)
            .count();
        println!(
            "{label:<14} answerable right {:.1}%, off-topic left unanswered {:.1}%, high wrong {:.1}%, off-topic answered high {off_high}",
            100.0 * answered,
            100.0 * abstained,
            100.0 * high_wrong
        );
    }
    let outcomes = learn::judge(&engine.faq, &examples, &prepared, Some(&blend));
    // By file too: a file's held-out part is measured once, when the file is new.
    type Group = fn(&sphere_faq::search::corpus::Example) -> String;
    let by_style: Group = |e| e.style.clone();
    let by_file: Group = |e| e.place.split(':').next().unwrap_or("").to_string();
    for (what, group) in [("style", by_style), ("file", by_file)] {
        println!("by {what} (answerable right / off-topic left unanswered):");
        let mut names: Vec<String> = examples.iter().map(group).collect();
        names.sort();
        names.dedup();
        for name in names {
            let of = |answerable: bool| {
                let v: Vec<_> = examples
                    .iter()
                    .zip(&outcomes)
                    .filter(|(e, o)| group(e) == name && o.answerable == answerable)
                    .map(|(_, o)| o.right)
                    .collect();
                if v.is_empty() {
                    "–".to_string()
                } else {
                    format!("{}/{}", v.iter().filter(|r| **r).count(), v.len())
                }
            };
            println!("  {name:<20} {:>9} {:>9}", of(true), of(false));
        }
    }
    println!("calibration (confidence: answers, of them right):");
    for c in ["high", "close", "vague", "code", "none"] {
        let v: Vec<_> = outcomes
            .iter()
            .filter(|o| format!("{:?}", o.confidence).to_lowercase() == c)
            .collect();
        let right = v.iter().filter(|o| o.right).count();
        if !v.is_empty() {
            println!(
                "  {c:<6} {:>5} {:>6.1}% right",
                v.len(),
                100.0 * right as f64 / v.len() as f64
            );
        }
    }
    // The commonest mistakes: what the corpus needs more of, or the features miss.
    println!("commonest mistakes (expected -> answered: count):");
    let mut pairs: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for (e, p) in examples.iter().zip(&prepared) {
        let (entries, _, _) = p.decide(Some(&blend));
        let expected = e.accept.first().cloned().unwrap_or_else(|| e.kind.clone());
        let answered = entries
            .first()
            .map_or("-".to_string(), |&d| engine.faq.entries[d].id.clone());
        let right = match entries.first() {
            None => e.accept.is_empty() || e.kind == "outside",
            Some(&d) => e.kind != "outside" && e.accept.contains(&engine.faq.entries[d].id),
        };
        if !right {
            *pairs.entry((expected, answered)).or_default() += 1;
        }
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.1));
    for ((expected, answered), n) in pairs.iter().take(25) {
        println!("  {expected:>18} -> {answered:<4} {n}");
    }
    ExitCode::SUCCESS
}

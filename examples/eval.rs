//! Answer quality on labelled queries: top-1, hit@3 and abstention per kind, and every miss.
//!
//!     cargo run --release --example eval                      # tests/fixtures/queries.tsv
//!     cargo run --release --example eval -- path/to/file.tsv
//!     cargo run --release --example eval -- --sweep           # abstention thresholds
//!
//! The file format is described in `src/eval.rs`.

use std::process::ExitCode;

use sphere_faq::Engine;
use sphere_faq::eval;

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
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/queries.tsv").to_string()
        });
    let text = match std::fs::read_to_string(&path) {
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
    let engine = match Engine::load() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    let start = std::time::Instant::now();
    let report = eval::run(&engine, &cases);
    let elapsed = start.elapsed();

    println!("{path}: {} queries", cases.len());
    println!();
    println!(
        "{:<10} {:>5} {:>8} {:>8} {:>10}",
        "kind", "n", "top-1", "hit@3", "abstained"
    );
    for (kind, f) in report
        .by_kind
        .iter()
        .chain(std::iter::once((&"overall".to_string(), &report.overall)))
    {
        let abst = if kind == "offtopic" {
            format!("{}/{}", f.top1, f.n)
        } else {
            format!("{} wrongly", f.wrongly_abstained)
        };
        println!(
            "{:<10} {:>5} {:>7.1}% {:>7.1}% {:>10}",
            kind,
            f.n,
            100.0 * f.top1_rate(),
            100.0 * f.hit3_rate(),
            abst
        );
    }
    println!();
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
                "  line {:>3} {:<9} {:<50} want {:<8} got {}",
                j.case.line, j.case.kind, j.case.query, want, got
            );
        }
    }
    println!();
    println!(
        "time: {:.2} ms for {} queries ({:.1} µs per query, index built once)",
        elapsed.as_secs_f64() * 1e3,
        cases.len(),
        elapsed.as_secs_f64() * 1e6 / cases.len().max(1) as f64
    );

    if sweep {
        sweep_grid(&engine, &cases);
    }
    ExitCode::SUCCESS
}

/// Shows how one query is analyzed and how the top entries score.
fn explain(q: &str) -> ExitCode {
    let engine = Engine::load().expect("embedded data loads");
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
    println!();
    println!("abstention grid over {pos} answerable and {neg} off-topic text queries");
    println!(
        "(cell: answerable right at top-1 / off-topic abstained; * marks the thresholds in use)"
    );
    let covs = [0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
    let scores = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    print!("{:>10}", "cov\\score");
    for s in scores {
        print!("{s:>10.1}");
    }
    println!();
    for c in covs {
        print!("{c:>10.2}");
        for s in scores {
            let a = Abstain {
                min_coverage: c,
                min_score: s,
            };
            let mut right = 0;
            let mut abstained = 0;
            for case in &text {
                let got = engine.index().search_with(&case.query, 4, a).hits;
                if case.accept.is_empty() {
                    abstained += usize::from(got.is_empty());
                } else if got
                    .first()
                    .is_some_and(|h| case.accept.contains(&engine.faq.entries[h.entry].id))
                {
                    right += 1;
                }
            }
            let mark = if a == Abstain::default() { "*" } else { " " };
            print!("{:>10}", format!("{mark}{right}/{abstained}"));
        }
        println!();
    }
}

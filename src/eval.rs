//! Measuring answer quality on a file of labelled queries (`tests/fixtures/queries.tsv`):
//! the evaluation example prints these figures, and a test holds them to a floor.
//!
//! File format, one query a line, tab-separated: kind (`code`, `paste`, `symptom`,
//! `offtopic` …), the query, the accepted ids best first (comma-separated), or `-` when no
//! entry should be returned. Lines starting with `#` are comments.

use std::collections::BTreeMap;

use crate::engine::Engine;

#[derive(Debug, Clone)]
pub struct Case {
    pub line: usize,
    pub kind: String,
    pub query: String,
    /// Accepted ids, best first; empty means the tool must answer nothing.
    pub accept: Vec<String>,
}

/// Parses the query file; a malformed line is an error naming the line.
pub fn parse(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            return Err(format!(
                "line {}: expected 3 tab-separated columns, found {}",
                i + 1,
                cols.len()
            ));
        }
        let accept = if cols[2].trim() == "-" {
            Vec::new()
        } else {
            cols[2].split(',').map(|s| s.trim().to_string()).collect()
        };
        cases.push(Case {
            line: i + 1,
            kind: cols[0].trim().to_string(),
            query: cols[1].to_string(),
            accept,
        });
    }
    Ok(cases)
}

/// What the tool answered for one case.
#[derive(Debug, Clone)]
pub struct Judged {
    pub case: Case,
    /// Ids answered, best first (empty: abstained).
    pub got: Vec<String>,
    pub top1: bool,
    pub hit3: bool,
}

/// Answers a query the way the command line would: `code` for codes and pasted pages,
/// `search` for everything else.
pub fn answer(engine: &Engine, kind: &str, query: &str) -> Vec<String> {
    let idx: Vec<usize> = if kind == "code" || kind == "paste" {
        let a = engine.code(query);
        engine.code_results(&a)
    } else {
        engine
            .index()
            .search(query, 4)
            .hits
            .iter()
            .map(|h| h.entry)
            .collect()
    };
    idx.into_iter()
        .map(|i| engine.faq.entries[i].id.clone())
        .collect()
}

pub fn judge(engine: &Engine, case: &Case) -> Judged {
    let got = answer(engine, &case.kind, &case.query);
    let (top1, hit3) = if case.accept.is_empty() {
        (got.is_empty(), got.is_empty())
    } else {
        (
            got.first().is_some_and(|g| case.accept.contains(g)),
            got.iter().take(3).any(|g| case.accept.contains(g)),
        )
    };
    Judged {
        case: case.clone(),
        got,
        top1,
        hit3,
    }
}

/// Figures for one kind of query (or all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub n: usize,
    pub top1: usize,
    pub hit3: usize,
    /// Queries that should be answered but were not.
    pub wrongly_abstained: usize,
}

impl Figures {
    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.n)
    }
    pub fn hit3_rate(&self) -> f64 {
        ratio(self.hit3, self.n)
    }
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 { 1.0 } else { a as f64 / n as f64 }
}

pub struct Report {
    pub judged: Vec<Judged>,
    pub by_kind: BTreeMap<String, Figures>,
    pub overall: Figures,
}

pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let judged: Vec<Judged> = cases.iter().map(|c| judge(engine, c)).collect();
    let mut by_kind: BTreeMap<String, Figures> = BTreeMap::new();
    let mut overall = Figures::default();
    for j in &judged {
        for f in [
            by_kind.entry(j.case.kind.clone()).or_default(),
            &mut overall,
        ] {
            f.n += 1;
            f.top1 += usize::from(j.top1);
            f.hit3 += usize::from(j.hit3);
            f.wrongly_abstained += usize::from(!j.case.accept.is_empty() && j.got.is_empty());
        }
    }
    Report {
        judged,
        by_kind,
        overall,
    }
}

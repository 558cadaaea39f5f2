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
        .map(|i| engine.faq.entries[i].id.to_string())
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
    /// Off-topic queries that were answered.
    pub wrongly_answered: usize,
}

impl Figures {
    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.n)
    }
    pub fn hit3_rate(&self) -> f64 {
        ratio(self.hit3, self.n)
    }

    fn add(&mut self, j: &Judged) {
        self.n += 1;
        self.top1 += usize::from(j.top1);
        self.hit3 += usize::from(j.hit3);
        self.wrongly_abstained += usize::from(!j.case.accept.is_empty() && j.got.is_empty());
        self.wrongly_answered += usize::from(j.case.accept.is_empty() && !j.got.is_empty());
    }
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 { 1.0 } else { a as f64 / n as f64 }
}

/// Query lengths the figures are also given by, in characters: real messages are long,
/// and a short-query figure flatters.
pub const LENGTHS: [(&str, usize, usize); 3] = [
    ("up to 40", 0, 40),
    ("41-100", 41, 100),
    ("over 100", 101, usize::MAX),
];

pub struct Report {
    pub judged: Vec<Judged>,
    pub by_kind: BTreeMap<String, Figures>,
    /// By the buckets of [`LENGTHS`], in that order.
    pub by_length: Vec<Figures>,
    pub overall: Figures,
}

pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let judged: Vec<Judged> = cases.iter().map(|c| judge(engine, c)).collect();
    let mut by_kind: BTreeMap<String, Figures> = BTreeMap::new();
    let mut by_length = vec![Figures::default(); LENGTHS.len()];
    let mut overall = Figures::default();
    for j in &judged {
        by_kind.entry(j.case.kind.clone()).or_default().add(j);
        let chars = j.case.query.chars().count();
        if let Some(i) = LENGTHS
            .iter()
            .position(|&(_, lo, hi)| (lo..=hi).contains(&chars))
        {
            by_length[i].add(j);
        }
        overall.add(j);
    }
    Report {
        judged,
        by_kind,
        by_length,
        overall,
    }
}

/// The query files under `tests/fixtures/`, in the order the figures are reported, with
/// what each is.
pub const FIXTURES: [(&str, &str); 7] = [
    (
        "queries.tsv",
        "the shared dev queries plus the project's own; tuned on",
    ),
    (
        "dev2.tsv",
        "the shared long and messy queries and look-alikes; tuned on",
    ),
    (
        "heldout.tsv",
        "written after the first lexicon; looked at in earlier tuning",
    ),
    (
        "fresh.tsv",
        "written last in the first round; looked at once since",
    ),
    (
        "heldout_long.tsv",
        "long and messy, written before this search; never tuned on",
    ),
    (
        "fresh2.tsv",
        "shared: messaging styles, written after round two; never tuned on",
    ),
    (
        "realworld2.tsv",
        "shared: real public texts with their sources; never tuned on",
    ),
];

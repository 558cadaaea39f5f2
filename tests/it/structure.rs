//! The structure holds: no import cycle among the top-level modules of src/ (a folder,
//! such as data/ or search/, counts as one), and data/ depends on nothing above the
//! plain text utilities. Read from the sources: every `crate::name` outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let node = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if node == "lib" || node == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = out.entry(node.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                // `crate::Faq` and the like are re-exports at the root, not modules.
                if name.chars().next().is_some_and(|c| c.is_lowercase()) && name != node {
                    deps.insert(name);
                }
            }
        }
    }
    out
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let g = graph();
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == n) {
            panic!("import cycle: {} -> {n}", path[at..].join(" -> "));
        }
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            visit(d, g, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in g.keys() {
        visit(n, &g, &mut Vec::new(), &mut done);
    }
    assert!(g.len() >= 10, "{g:?}");
}

#[test]
fn the_data_layer_depends_only_on_text_utilities() {
    let g = graph();
    let allowed = ["codes", "normalize", "lang", "encoding", "text"];
    for d in &g["data"] {
        assert!(allowed.contains(&d.as_str()), "data/ depends on {d}");
    }
}

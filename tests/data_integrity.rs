//! The embedded data against its rules and against the seed FAQ page it was taken from,
//! in the spirit of rustc's error-code tidy check: the code list and the data agree.

use std::collections::BTreeSet;

use regex::Regex;
use sphere_faq::catalog::Catalog;
use sphere_faq::{Faq, Lang};

mod common;

fn faq() -> Faq {
    Faq::embedded().expect("the embedded FAQ loads and passes its integrity rules")
}

#[test]
fn embedded_data_has_no_problems() {
    // The FAQ, the lexicon and the catalog, each against the others: the same rules as
    // `sphere-faq check` and `--data` (src/rules.rs).
    assert_eq!(sphere_faq::rules::embedded().unwrap(), Vec::<String>::new());
}

#[test]
fn ids_are_q1_to_qn_in_order() {
    let ids: Vec<String> = faq().entries.iter().map(|e| e.id.to_string()).collect();
    let want: Vec<String> = (1..=ids.len()).map(|n| format!("Q{n}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn each_code_of_the_seed_is_owned_by_its_entry() {
    // Faithfulness to the seed page; that every code has exactly one entry is a rule of
    // the data (src/rules.rs), whatever entries are added later.
    let faq = faq();
    for (code, id) in [
        ("1014", "Q12"),
        ("AADSTS50020", "Q13"),
        ("AADSTS50061", "Q14"),
        ("AADB2B_0001", "Q15"),
        ("AADB2B_0005", "Q16"),
    ] {
        assert_eq!(
            faq.entry_for_code(code).map(|e| e.id.as_ref()),
            Some(id),
            "{code}"
        );
    }
}

#[test]
fn cross_references_and_contact() {
    let faq = faq();
    assert_eq!(faq.entry("Q13").unwrap().see_also, vec!["Q11"]);
    assert_eq!(faq.contact.email, "sphere-helpdesk@sony.com");
    assert!(faq.contact.hours.ja.contains("9:00-18:00(JST)"));
    assert!(faq.contact.hours.en.contains("9:00-18:00(JST)"));
    assert!(faq.contact.hours.ja.contains("ソニー営業日"));
    assert!(faq.contact.hours.en.contains("SONY Japan Calendar"));
}

#[test]
fn integrity_rules_report_every_problem() {
    let mut bad = faq();
    bad.entries.to_mut()[1].id = "Q1".into(); // duplicate id
    bad.entries.to_mut()[2].question.en = " ".into(); // missing language
    bad.entries.to_mut()[3]
        .codes
        .to_mut()
        .push("AADSTS50020".into()); // claimed twice
    bad.entries.to_mut()[4].see_also.to_mut().push("Q99".into()); // dangling
    bad.entries.to_mut()[5]
        .codes
        .to_mut()
        .push("aadsts 1".into()); // not canonical
    let problems = bad.problems();
    for want in [
        "Q1: duplicate id",
        "Q3: question is empty in en",
        "Q13: code AADSTS50020 is claimed by both Q4 and Q13",
        "Q5: refers to Q99, which does not exist",
        "Q6: code \"aadsts 1\" is not in canonical spelling",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(want)),
            "missing {want:?} in {problems:#?}"
        );
    }
}

#[test]
fn catalog_agrees_with_the_faq() {
    let catalog = Catalog::embedded().expect("catalog loads");
    assert_eq!(catalog.problems(&faq()), Vec::<String>::new());
    assert!(
        catalog.codes.len() >= 25,
        "the facts file lists about thirty related codes"
    );
}

#[test]
fn lexicon_loads() {
    let lex = sphere_faq::lexicon::Lexicon::embedded().expect("lexicon loads");
    assert!(!lex.stopwords.is_empty());
}

/// Splits the seed page into per-entry sections for one language: the Japanese half
/// comes before the `# English` heading. The first heading of an id starts its section
/// (English Q13 repeats Q11's title as a heading inside its own answer).
fn seed_sections(lang: Lang) -> Vec<(String, String)> {
    let seed = std::fs::read_to_string(common::fixture("seed.txt")).expect("seed copy");
    let split = seed.find("\n# English").expect("English half");
    let half = match lang {
        Lang::Ja => &seed[..split],
        Lang::En => &seed[split..],
    };
    let head = Regex::new(r"(?m)^(?:#+ *)?(?:\*\*)?Q(\d+)\s*[:.：]").unwrap();
    let mut starts: Vec<(usize, String)> = Vec::new();
    for m in head.captures_iter(half) {
        let id = format!("Q{}", &m[1]);
        if !starts.iter().any(|(_, i)| *i == id) {
            starts.push((m.get(0).unwrap().start(), id));
        }
    }
    let mut out = Vec::new();
    for (k, (start, id)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(half.len(), |(s, _)| *s);
        out.push((id.clone(), half[*start..end].to_string()));
    }
    out
}

/// Every URL and e-mail address of every seed entry is in that entry's answer, in that
/// language (the portal is printed with https, as it is served).
#[test]
fn seed_urls_and_emails_are_all_present() {
    let faq = faq();
    let link = Regex::new(
        r"https?://[A-Za-z0-9./_\-]+|[A-Za-z0-9._+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
    )
    .unwrap();
    let mut checked = 0;
    for lang in [Lang::Ja, Lang::En] {
        let sections = seed_sections(lang);
        assert_eq!(sections.len(), 17, "{lang:?}: the seed has 17 entries");
        for (id, text) in sections {
            let answer = faq.entry(&id).unwrap().answer_text(lang);
            let links: BTreeSet<String> = link
                .find_iter(&text)
                .map(|m| {
                    m.as_str()
                        .trim_end_matches('.')
                        .replace("http://myapps", "https://myapps")
                })
                .collect();
            for l in links {
                assert!(
                    answer.contains(&l),
                    "{id} {lang:?}: {l} missing from the answer"
                );
                checked += 1;
            }
        }
    }
    // 7 in the Japanese half, 9 in the English one (which also links invites@microsoft.com).
    assert_eq!(checked, 16, "links checked: the seed parse is off");
}

/// The questions are the seed's index-table titles.
#[test]
fn questions_match_the_seed_table() {
    let seed = std::fs::read_to_string(common::fixture("seed.txt")).unwrap();
    let row = Regex::new(r"(?m)^Q(\d+)\t(.*)\t(.*)$").unwrap();
    let tags = Regex::new(r"<[^>]+>").unwrap();
    let faq = faq();
    let mut n = 0;
    for c in row.captures_iter(&seed) {
        let e = faq.entry(&format!("Q{}", &c[1])).unwrap();
        let clean = |s: &str| {
            tags.replace_all(s, "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            clean(&c[2]).replace(' ', ""),
            e.question.ja.replace(' ', ""),
            "Q{} ja",
            &c[1]
        );
        assert_eq!(
            clean(&c[3]).replace(" .", "."),
            e.question.en,
            "Q{} en",
            &c[1]
        );
        n += 1;
    }
    assert_eq!(n, 17);
}

/// The FAQ and the index compiled in (build.rs writes them out as Rust statics) are the
/// very ones the code reads and builds from the data at run time: nothing is lost or
/// changed on the way through the generated source, and the build script ran on the
/// current data and analyzer.
#[test]
fn compiled_in_faq_and_index_are_the_ones_the_code_reads_and_builds() {
    assert_eq!(
        sphere_faq::engine::built_in_faq().unwrap(),
        sphere_faq::Faq::embedded().unwrap()
    );
    let engine = sphere_faq::Engine::with_faq(sphere_faq::Faq::embedded().unwrap()).unwrap();
    let built_in = sphere_faq::engine::built_in_tables();
    // The lexicon compiled in is lexicon.json normalized (an index built at run time
    // starts from it).
    let lexicon = sphere_faq::lexicon::Lexicon::embedded().unwrap();
    assert!(built_in.lexicon == lexicon.into_compiled());
    let fresh = engine.build_tables(built_in.inputs);
    assert!(
        *built_in == fresh,
        "the compiled-in index differs from the one built from data/ now"
    );
    // (A --data file's persisted form is src/cache.rs's: tests/data_file.rs holds what is
    // read back through it to the file read whole.)
}

#[test]
fn prebuilt_index_gives_the_same_answers() {
    let with = sphere_faq::Engine::load().unwrap();
    let without = sphere_faq::Engine::with_faq(sphere_faq::Faq::embedded().unwrap()).unwrap();
    let ranked = |engine: &sphere_faq::Engine, q: &str| -> Vec<(usize, String)> {
        engine
            .index()
            .search(q, 4)
            .hits
            .iter()
            .map(|h| (h.entry, format!("{:.6}", h.score)))
            .collect()
    };
    for q in [
        "reset password",
        "招待メール、ゴミ箱に入れたかも",
        "pasword wont work",
        "lunch menu",
        "AADSTS50020 when signing in",
    ] {
        assert_eq!(ranked(&with, q), ranked(&without, q), "{q}");
    }
}

/// Issue 12: a large FAQ is analyzed on several threads, each a run of entries; the
/// tables merged from the runs are those one thread makes, so the number of cores
/// changes nothing a search returns.
#[test]
fn an_index_built_on_several_threads_is_the_one_built_on_one() {
    use sphere_faq::lexicon::Lexicon;
    use sphere_faq::search::{Analyzer, Prebuilt};
    let mut faq = sphere_faq::Faq::embedded().unwrap();
    let base = faq.entries.to_vec();
    // 1,100 entries: runs of 500, 500 and 100 on three threads.
    let entries = faq.entries.to_mut();
    entries.clear();
    for i in 0..1100 {
        let mut e = base[i % base.len()].clone();
        e.id = format!("Q{}", i + 1).into();
        // A word of its own (a token only one run has) and one every run shares.
        e.question.en = format!("{} word{i} shared{}", e.question.en, i % 7).into();
        entries.push(e);
    }
    let analyzer = || Analyzer::new(Lexicon::embedded().unwrap(), vec!["1014".into()]);
    let one = Prebuilt::build_with(&faq, analyzer(), &[], 7, 1);
    let three = Prebuilt::build_with(&faq, analyzer(), &[], 7, 3);
    assert_eq!(one.doc_len.len(), 1100);
    assert!(one.tokens.find("word1099").is_some() && one.tokens.find("shared6").is_some());
    assert!(one == three, "three threads built other tables than one");
}

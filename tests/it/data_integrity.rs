//! The embedded data against its rules and against the seed FAQ page it was taken from,
//! in the spirit of rustc's error-code tidy check: the code list and the data agree.

use std::collections::BTreeSet;

use regex::Regex;
use sphere_faq::data::catalog::Catalog;
use sphere_faq::{Faq, Lang};

fn faq() -> Faq {
    Faq::embedded().expect("the embedded FAQ loads and passes its integrity rules")
}

#[test]
fn embedded_data_has_no_problems() {
    // The FAQ, the lexicon and the catalog, each against the others: the same rules as
    // `sphere-faq check` and `--data` (src/rules.rs).
    assert_eq!(
        sphere_faq::data::load::embedded_problems().unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn a_topic_outside_the_faq_may_not_name_a_code_the_faq_answers() {
    // Moving a code such as AADSTS53003 into a new entry: the topic that names it is no
    // longer outside the FAQ, and the check says so with both files.
    let outside = sphere_faq::data::outside::Outside::embedded().unwrap();
    let (topic, code) = outside
        .topics
        .iter()
        .find_map(|t| {
            let code = sphere_faq::codes::extract(&t.note.en, [])
                .into_iter()
                .next()?;
            Some((t.id.clone(), code))
        })
        .expect("a topic names a code");
    let mut faq = faq();
    let mut new = faq.entries[0].clone();
    new.id = format!("Q{}", faq.entries.len() + 1);
    new.codes = vec![code.clone()];
    faq.entries.push(new.clone());
    let problems = sphere_faq::data::rules::outside(&outside, &faq);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let want = format!(
        "outside topic {topic}: names {code}, which the FAQ answers ({} in data/faq.json)",
        new.id
    );
    assert!(problems[0].starts_with(&want), "{problems:?}");
    assert!(problems[0].contains("data/outside.json"), "{problems:?}");

    // A code a note names by its number alone ("AADSTS53003, 53000") counts too.
    let (topic, number) = outside
        .topics
        .iter()
        .find_map(|t| {
            let n = sphere_faq::codes::number_runs(&t.note.en)
                .map(|r| t.note.en[r].to_string())
                .find(|n| n.len() >= 5 && !t.note.en.contains(&format!("AADSTS{n}")))?;
            Some((t.id.clone(), n))
        })
        .expect("a topic names a code by its number");
    faq.entries.last_mut().unwrap().codes = vec![format!("AADSTS{number}")];
    let problems = sphere_faq::data::rules::outside(&outside, &faq);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("outside topic {topic}: names AADSTS{number}"))),
        "{problems:?}"
    );
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
    bad.entries[1].id = "Q1".into(); // duplicate id
    bad.entries[2].question.en = " ".into(); // missing language
    bad.entries[3].codes.push("AADSTS50020".into()); // claimed twice
    bad.entries[4].see_also.push("Q99".into()); // dangling
    bad.entries[5].codes.push("aadsts 1".into()); // not canonical
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
    assert_eq!(
        sphere_faq::data::rules::catalog(&catalog, &faq()),
        Vec::<String>::new()
    );
    assert!(
        catalog.codes.len() >= 25,
        "the facts file lists about thirty related codes"
    );
}

#[test]
fn lexicon_loads() {
    let lex = sphere_faq::search::lexicon::Lexicon::embedded().expect("lexicon loads");
    assert!(lex.is_stopword("the") && !lex.concepts.is_empty());
}

/// Splits the seed page into per-entry sections for one language: the Japanese half
/// comes before the `# English` heading. The first heading of an id starts its section
/// (English Q13 repeats Q11's title as a heading inside its own answer).
fn seed_sections(lang: Lang) -> Vec<(String, String)> {
    let seed = std::fs::read_to_string(crate::common::fixture("seed.txt")).expect("seed copy");
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
    let seed = std::fs::read_to_string(crate::common::fixture("seed.txt")).unwrap();
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

/// The data files are written one way: two spaces a level, LF line ends, no tab, a final
/// newline (what `json.dumps(…, ensure_ascii=False, indent=2)` and serde_json's pretty
/// printer write), so that a diff shows only what changed.
#[test]
fn the_data_files_are_formatted_one_way() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        assert!(
            text.ends_with("}\n"),
            "{name}: a final newline after the object"
        );
        assert!(
            !text.contains('\r') && !text.contains('\t'),
            "{name}: LF, no tab"
        );
        for (i, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            assert!(indent % 2 == 0, "{name}:{}: indented by {indent}", i + 1);
        }
        let second = text.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with("  \"") && !second.starts_with("   "),
            "{name}: two spaces a level"
        );
    }
}

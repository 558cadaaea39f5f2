//! Learns the search's model from the labelled corpus (its held-out part aside) and writes
//! `data/model.bin`: the model, and the blend with the ranking chosen by 5-fold
//! cross-validation; and `data/index.bin`, the built-in FAQ's index it learned with.
//! Deterministic: the same files and code make the same bytes.
//!
//!     cargo run --release --example train            # learn, write both files
//!     cargo run --release --example train -- --index # write data/index.bin only (seconds)
//!     cargo run --release --example train -- --check # whether both are current

use std::path::PathBuf;
use std::process::ExitCode;

use sphere_faq::Engine;
use sphere_faq::engine::INDEX_DATA;
use sphere_faq::learn;
use sphere_faq::search::corpus::Example;
use sphere_faq::search::model::Model;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::load().expect("the built-in data loads");
    let all = match learn::read_corpus(&root.join("data/corpus")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("train: {e}");
            return ExitCode::from(2);
        }
    };
    let lexicon = std::fs::read_to_string(root.join("data/lexicon.json")).unwrap_or_default();
    let inputs = learn::inputs_hash(&engine.faq, &lexicon, &all);
    let out = root.join("data/model.bin");
    let current = std::fs::read(&out)
        .ok()
        .is_some_and(|b| Model::from_bytes(&b).is_some_and(|m| m.inputs == inputs));
    // Built here, not read: the code that reads the stored one may have changed.
    let index = &engine.build_index();
    let index_out = root.join("data/index.bin");
    let index_bytes = index.to_bytes(INDEX_DATA);
    let index_current = std::fs::read(&index_out).is_ok_and(|b| b == index_bytes);
    if std::env::args().any(|a| a == "--check") {
        let word = |current| if current { "current" } else { "stale" };
        println!("data/model.bin is {}", word(current));
        println!("data/index.bin is {}", word(index_current));
        return ExitCode::from(if current && index_current { 0 } else { 1 });
    }
    if let Err(e) = std::fs::write(&index_out, &index_bytes) {
        eprintln!("train: {}: {e}", index_out.display());
        return ExitCode::from(2);
    }
    println!("wrote data/index.bin ({} bytes)", index_bytes.len());
    if std::env::args().any(|a| a == "--index") {
        return ExitCode::SUCCESS;
    }
    let learned: Vec<Example> = all.iter().filter(|e| !e.held_out()).cloned().collect();
    println!(
        "corpus: {} texts, {} learned from, {} held out",
        all.len(),
        learned.len(),
        all.len() - learned.len()
    );
    let prepared = learn::cross_validate(index, &engine.faq, &learned, &all, 5);
    let blend = learn::choose_blend(&engine.faq, &learned, &prepared);
    let (answered, abstained, high_wrong) = learn::figures(&learn::judge(
        &engine.faq,
        &learned,
        &prepared,
        Some(&blend),
    ));
    println!("blend chosen by 5-fold cross-validation: {blend:?}");
    println!(
        "cross-validation: answerable right {:.1}%, off-topic left unanswered {:.1}%, high wrong {:.1}%",
        100.0 * answered,
        100.0 * abstained,
        100.0 * high_wrong
    );
    let mut model = learn::train(index, &engine.faq, &learned, &all, inputs);
    model.blend = blend;
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("train: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("wrote data/model.bin ({} bytes)", bytes.len());
    ExitCode::SUCCESS
}

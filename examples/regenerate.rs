//! Regenerates every generated file of the project from the data and the code:
//!
//! - `data/index.bin`: the search index of the built-in FAQ, built ahead of time;
//! - `completions/*`: the shell completion scripts checked in for packagers.
//!
//!     cargo run --example regenerate
//!
//! Run it after editing anything under `data/` (an entry, the lexicon, the catalog) or the
//! search code; `cargo test` says so when a generated file is out of date.

use std::path::Path;
use std::process::ExitCode;

use sphere_faq::completion::{CompletionShell, write_script};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let index = match sphere_faq::engine::build_prebuilt_index() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("regenerate: the data does not load: {e}");
            return ExitCode::from(2);
        }
    };
    let mut written = Vec::new();
    let path = root.join("data").join(sphere_faq::engine::PREBUILT_INDEX);
    if let Err(e) = std::fs::write(&path, &index) {
        eprintln!("regenerate: {}: {e}", path.display());
        return ExitCode::from(2);
    }
    written.push(path);
    for shell in [
        CompletionShell::Bash,
        CompletionShell::Zsh,
        CompletionShell::Fish,
        CompletionShell::Powershell,
        CompletionShell::Elvish,
    ] {
        let mut script = Vec::new();
        let path = root.join("completions").join(shell.file_name());
        if let Err(e) =
            write_script(shell, &mut script).and_then(|()| std::fs::write(&path, &script))
        {
            eprintln!("regenerate: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        written.push(path);
    }
    for p in written {
        println!("wrote {}", p.strip_prefix(root).unwrap_or(&p).display());
    }
    ExitCode::SUCCESS
}

//! Regenerates the generated files checked in: `completions/*`, the shell completion
//! scripts for packagers. (`data/model.bin` and `data/index.bin`, the search's, are
//! written by `cargo run --release --example train`.)
//!
//!     cargo run --example regenerate
//!
//! Run it after changing the command line (the scripts ask the program for ids and codes);
//! `cargo test` says so when a script is out of date.

use std::path::Path;
use std::process::ExitCode;

use sphere_faq::candidates::CompletionShell;
use sphere_faq::completion::write_script;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut written = Vec::new();
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

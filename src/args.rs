//! The raw command line, read before (or without) clap: help's language and encoding are
//! needed before parsing, and completion reads the words being completed.

/// The program's arguments as text, before clap reads them.
pub fn raw() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The value of a flag in raw arguments (`--lang ja`, `-l ja`, `--lang=ja`): for what must
/// be known before the command line is parsed (help's language and encoding) or without
/// parsing it (completion).
pub fn value(args: &[String], long: &str, short: Option<&str>) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| {
        if a == long || short.is_some_and(|s| a == s) {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(long)?.strip_prefix('=').map(str::to_string)
        }
    })
}

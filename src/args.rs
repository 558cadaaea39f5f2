//! The raw command line, read before (or without) clap: help's language and encoding are
//! needed before parsing, and completion reads the words being completed.

/// The program's arguments as text, before clap reads them.
pub fn raw() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The value of a flag in raw arguments, written any way clap takes it (`--lang ja`,
/// `--lang=ja`, `-l ja`, `-lja`, `-l=ja`), up to a `--`: for what must be known before the
/// command line is parsed (help's language and encoding) or without parsing it
/// (completion).
pub fn value(args: &[String], long: &str, short: Option<&str>) -> Option<String> {
    let args = &args[..args.iter().position(|a| a == "--").unwrap_or(args.len())];
    args.iter().enumerate().find_map(|(i, a)| {
        if a == long || short.is_some_and(|s| a == s) {
            return args.get(i + 1).cloned();
        }
        if let Some(v) = a.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
            return Some(v.to_string());
        }
        let v = a.strip_prefix(short?)?;
        Some(v.strip_prefix('=').unwrap_or(v).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::value;

    fn args(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn reads_every_spelling_clap_takes() {
        for line in ["x --lang ja", "x --lang=ja", "x -l ja", "x -lja", "x -l=ja"] {
            assert_eq!(
                value(&args(line), "--lang", Some("-l")).as_deref(),
                Some("ja"),
                "{line}"
            );
        }
        for line in ["x --language ja", "x search -- --lang ja", "x"] {
            assert_eq!(value(&args(line), "--lang", Some("-l")), None, "{line}");
        }
    }
}

//! The labelled corpus (`data/corpus/*.tsv`, described in its README) that the search's
//! model learns from, and the part of it set aside, never learned from, to measure it.

/// One labelled text.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where it comes from: `file:line`.
    pub place: String,
    pub kind: String,
    pub text: String,
    /// The accepted answers, best first: FAQ ids, or one outside topic; empty for
    /// off-topic text.
    pub accept: Vec<String>,
    pub style: String,
}

impl Example {
    /// What the model is taught: the best answer, `-` for off-topic text.
    pub fn label(&self) -> &str {
        self.accept.first().map_or(OFF_TOPIC, String::as_str)
    }

    /// Whether this text is set aside: about one in seven, chosen by a hash of the text,
    /// so that the choice never changes with the files' order or with later additions.
    pub fn held_out(&self) -> bool {
        fnv(self.text.as_bytes()).is_multiple_of(7)
    }
}

/// The label of off-topic text.
pub const OFF_TOPIC: &str = "-";

/// Parses one corpus file; `name` is used in the places and errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, text, accept, style] = cols[..] else {
            return Err(format!(
                "{name}:{}: expected 4 tab-separated columns, found {}",
                i + 1,
                cols.len()
            ));
        };
        let accept = match accept.trim() {
            OFF_TOPIC => Vec::new(),
            ids => ids.split(',').map(|s| s.trim().to_string()).collect(),
        };
        out.push(Example {
            place: format!("{name}:{}", i + 1),
            kind: kind.to_string(),
            text: unescape(text),
            accept,
            style: style.to_string(),
        });
    }
    Ok(out)
}

/// `\n` is a line break and `\t` a tab in the corpus's one-line texts.
pub fn unescape(text: &str) -> String {
    text.replace("\\n", "\n").replace("\\t", "\t")
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and in every version.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

//! The encodings people's tools write text in (a Notepad "ANSI" file is Shift_JIS on a
//! Japanese PC; PowerShell 5.1's `>` writes UTF-16 with a byte order mark): which one some
//! bytes are in, and their text.

/// How bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 after a byte order mark (Windows Notepad's "UTF-8 with BOM").
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Shift_JIS as Windows writes it (code page 932): a Japanese PC's "ANSI".
    ShiftJis,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte order mark",
            Encoding::Utf16Le => "UTF-16 (little-endian)",
            Encoding::Utf16Be => "UTF-16 (big-endian)",
            Encoding::ShiftJis => "Shift_JIS (Windows code page 932)",
        }
    }
}

/// Which encoding bytes are in: a byte order mark decides; else UTF-8 when they are valid
/// UTF-8; else Shift_JIS, the only other encoding a Japanese Windows PC writes text in.
pub fn sniff(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Encoding::Utf8Bom
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Encoding::Utf16Le
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Encoding::Utf16Be
    } else if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::ShiftJis
    }
}

/// Text from bytes in any of those encodings. Never refuses: what cannot be decoded
/// becomes U+FFFD, so the ASCII of an error code in a damaged file is still read.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let enc = sniff(bytes);
    let text = match enc {
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Encoding::Utf8Bom => String::from_utf8_lossy(&bytes[3..]).into_owned(),
        Encoding::Utf16Le => encoding_rs::UTF_16LE
            .decode_without_bom_handling(&bytes[2..])
            .0
            .into_owned(),
        Encoding::Utf16Be => encoding_rs::UTF_16BE
            .decode_without_bom_handling(&bytes[2..])
            .0
            .into_owned(),
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    };
    (text, enc)
}

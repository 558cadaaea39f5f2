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

/// `--encoding`: what standard output is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputChoice {
    /// UTF-8, except on Windows into a pipe or a file when the console's code page is 932
    Auto,
    /// UTF-8 always
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Shift_JIS (Windows code page 932) always
    #[value(name = "cp932", alias = "shift_jis", alias = "sjis")]
    Cp932,
}

/// What standard output is written in. A Windows console is written in UTF-16 by Rust's
/// standard library whatever this says. Into a pipe or a file, Windows PowerShell 5.1
/// (`$a = sphere-faq …`, `> answer.txt`, `| ConvertFrom-Json`) decodes a program's output
/// with `[Console]::OutputEncoding`, the console's output code page, and cmd's `| more`
/// shows it in that code page: on a Japanese Windows 932, Shift_JIS. So in `auto`, a
/// Windows pipe or file gets Shift_JIS when the console's code page is 932; everything
/// else (another code page, 65001, no console, other systems) UTF-8.
pub fn output_encoding(
    platform: crate::lang::Platform,
    stdout_is_console: bool,
    code_page: Option<u32>,
    choice: OutputChoice,
) -> Encoding {
    match choice {
        // A Windows console is written in UTF-16 by the standard library, which refuses
        // other bytes: whatever was chosen, it gets UTF-8.
        _ if platform == crate::lang::Platform::Windows && stdout_is_console => Encoding::Utf8,
        OutputChoice::Utf8 => Encoding::Utf8,
        OutputChoice::Cp932 => Encoding::ShiftJis,
        OutputChoice::Auto
            if platform == crate::lang::Platform::Windows
                && !stdout_is_console
                && code_page == Some(932) =>
        {
            Encoding::ShiftJis
        }
        OutputChoice::Auto => Encoding::Utf8,
    }
}

/// SPHERE_FAQ_ENCODING, when it names an encoding. A value it does not know is ignored,
/// as SPHERE_FAQ_LANG's is: a variable set for good (`setx`) must not stop every command.
pub fn env_choice() -> Option<OutputChoice> {
    use clap::ValueEnum;
    let v = std::env::var("SPHERE_FAQ_ENCODING").ok()?;
    OutputChoice::from_str(v.trim(), true).ok()
}

/// The console's output code page (`GetConsoleOutputCP`); None without a console or off
/// Windows.
pub fn console_code_page() -> Option<u32> {
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn GetConsoleOutputCP() -> u32;
        }
        // SAFETY: takes no arguments and only returns a value (0 without a console).
        Some(unsafe { GetConsoleOutputCP() }).filter(|&cp| cp != 0)
    }
    #[cfg(not(windows))]
    {
        None
    }
}

/// What a character Shift_JIS has no code for is written as: `ⓘ` as `(i)`, anything
/// else as `?`, as Windows' own conversion does.
pub fn cp932_fallback(c: char) -> &'static str {
    match c {
        'ⓘ' => "(i)",
        _ => "?",
    }
}

/// A writer that turns the UTF-8 written through it into Shift_JIS (or passes it as it
/// is for UTF-8). A character cut between two writes waits for the rest.
pub struct Encoded<W: std::io::Write> {
    inner: W,
    sjis: bool,
    pending: Vec<u8>,
}

impl<W: std::io::Write> Encoded<W> {
    pub fn new(inner: W, encoding: Encoding) -> Encoded<W> {
        Encoded {
            inner,
            sjis: encoding == Encoding::ShiftJis,
            pending: Vec::new(),
        }
    }

    fn encode(&mut self, text: &str) -> std::io::Result<()> {
        use encoding_rs::EncoderResult;
        let mut encoder = encoding_rs::SHIFT_JIS.new_encoder();
        let mut out = Vec::with_capacity(text.len() + 16);
        let mut rest = text;
        loop {
            let mut buf = [0u8; 4096];
            let (result, read, written) =
                encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
            out.extend_from_slice(&buf[..written]);
            rest = &rest[read..];
            match result {
                EncoderResult::InputEmpty => break,
                EncoderResult::OutputFull => {}
                EncoderResult::Unmappable(c) => out.extend_from_slice(cp932_fallback(c).as_bytes()),
            }
        }
        self.inner.write_all(&out)
    }
}

impl<W: std::io::Write> std::io::Write for Encoded<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.sjis {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all (never from this program): written as it is.
            Err(_) => {
                let bytes = std::mem::take(&mut self.pending);
                self.inner.write_all(&bytes)?;
                return Ok(buf.len());
            }
        };
        let bytes: Vec<u8> = self.pending.drain(..valid).collect();
        self.encode(std::str::from_utf8(&bytes).expect("checked above"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let bytes = std::mem::take(&mut self.pending);
            self.inner.write_all(&bytes)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Platform::{Unix, Windows};

    #[test]
    fn output_encoding_by_platform_console_code_page_and_flag() {
        use OutputChoice::*;
        // Windows into a pipe or a file, on a Japanese console: what PowerShell 5.1 and
        // cmd decode with.
        assert_eq!(
            output_encoding(Windows, false, Some(932), Auto),
            Encoding::ShiftJis
        );
        // A console is written in UTF-16 by the standard library.
        assert_eq!(
            output_encoding(Windows, true, Some(932), Auto),
            Encoding::Utf8
        );
        assert_eq!(
            output_encoding(Windows, false, Some(65001), Auto),
            Encoding::Utf8
        );
        assert_eq!(
            output_encoding(Windows, false, Some(437), Auto),
            Encoding::Utf8
        );
        assert_eq!(output_encoding(Windows, false, None, Auto), Encoding::Utf8);
        assert_eq!(
            output_encoding(Unix, false, Some(932), Auto),
            Encoding::Utf8
        );
        // The flag wins.
        assert_eq!(
            output_encoding(Windows, false, Some(932), Utf8),
            Encoding::Utf8
        );
        assert_eq!(
            output_encoding(Unix, false, None, Cp932),
            Encoding::ShiftJis
        );
        assert_eq!(output_encoding(Unix, true, None, Cp932), Encoding::ShiftJis);
        // ... but a Windows console, which takes UTF-8 only, gets UTF-8 whatever is asked.
        assert_eq!(
            output_encoding(Windows, true, Some(932), Cp932),
            Encoding::Utf8
        );
    }

    #[test]
    fn writes_shift_jis_across_writes_with_fallbacks() {
        use std::io::Write;
        let text = "エラー ⓘ 補足 → “AADSTS50020”…\n";
        let mut out = Vec::new();
        {
            let mut w = Encoded::new(&mut out, Encoding::ShiftJis);
            // Cut inside a character.
            let bytes = text.as_bytes();
            w.write_all(&bytes[..4]).unwrap();
            w.write_all(&bytes[4..]).unwrap();
            w.flush().unwrap();
        }
        let (decoded, _, errors) = encoding_rs::SHIFT_JIS.decode(&out);
        assert!(!errors);
        assert_eq!(decoded, "エラー (i) 補足 → “AADSTS50020”…\n");
    }
}

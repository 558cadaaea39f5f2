//! Mail for `triage`: `.eml` files, folders of them, and mbox files, read one message at a
//! time (a 200 MB mbox is never held whole). Parsing is mail-parser's, built with its
//! `full_encoding` feature: without it ISO-2022-JP, Shift_JIS and EUC-JP bodies and
//! headers come back undecoded, silently. HTML-only mail is read as text; an Outlook
//! `.msg` is refused with a reason, as is anything that is not a mail.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use mail_parser::mailbox::mbox::MessageIterator;
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// A mail larger than this is not read (a helpdesk question is a few kilobytes; a
/// larger one is attachments).
pub const MAX_MAIL_BYTES: u64 = 32 * 1024 * 1024;

/// One mail, decoded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    /// Where it was read: a file, or `file#n` for the n-th message of an mbox.
    pub source: String,
    /// A short name for files made from it (drafts): the file's stem, `stem-n` in an mbox.
    pub name: String,
    pub from_name: Option<String>,
    pub from_address: Option<String>,
    /// RFC 3339, as the mail's Date header says it.
    pub date: Option<String>,
    /// Seconds since the epoch, for ordering.
    pub timestamp: Option<i64>,
    pub subject: String,
    pub message_id: Option<String>,
    /// In-Reply-To and References: the messages this one answers.
    pub refers_to: Vec<String>,
    /// The text body; an HTML-only mail's HTML read as text.
    pub body: String,
    pub html_only: bool,
}

/// Why a mail could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The file or folder could not be opened or read (the system's reason).
    Io(String),
    /// An Outlook `.msg` file.
    OutlookMsg,
    /// No header a mail has (From, Date, Subject, Message-ID).
    NotAMail,
    /// No sender to answer.
    NoSender,
    /// Neither a text nor an HTML body, or only blank ones.
    NoText,
    /// Larger than [`MAX_MAIL_BYTES`].
    TooLarge,
    /// A name given on the command line that is neither a mail, an mbox nor a folder.
    NotMailFile,
}

/// A mail that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub source: String,
    pub reason: Unread,
}

/// Reads every mail under `paths` in order (a folder's files sorted by name, its
/// subfolders included; only `.eml`, `.mbox` and `.msg` files in folders), calling `each`
/// with each mail or failure as soon as it is read.
pub fn read_paths(paths: &[PathBuf], each: &mut dyn FnMut(Result<Mail, Failed>)) {
    for path in paths {
        read_path(path, true, each);
    }
}

fn read_path(path: &Path, given: bool, each: &mut dyn FnMut(Result<Mail, Failed>)) {
    let source = path.display().to_string();
    let fail = |reason| {
        Err(Failed {
            source: source.clone(),
            reason,
        })
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return each(fail(Unread::Io(crate::data::load::io_reason(&e)))),
    };
    if meta.is_dir() {
        // Subfolders are read, but not through a link: a link to a folder above would
        // never end.
        let mut entries: Vec<(PathBuf, bool)> = match std::fs::read_dir(path) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
                .collect(),
            Err(e) => return each(fail(Unread::Io(crate::data::load::io_reason(&e)))),
        };
        entries.sort();
        for (entry, is_dir) in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if is_dir || (kind_by_name(&entry).is_some() && entry.is_file()) {
                read_path(&entry, false, each);
            }
        }
        return;
    }
    let kind = match kind_by_name(path) {
        Some(k) => k,
        None => match sniff(path) {
            Ok(k) => k,
            Err(e) => return each(fail(Unread::Io(crate::data::load::io_reason(&e)))),
        },
    };
    match kind {
        Kind::Msg => each(fail(Unread::OutlookMsg)),
        Kind::Mbox => read_mbox(path, each),
        Kind::Eml => each(read_eml(path)),
        Kind::Other if given => each(fail(Unread::NotMailFile)),
        Kind::Other => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Eml,
    Mbox,
    Msg,
    Other,
}

fn kind_by_name(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "eml" => Some(Kind::Eml),
        "mbox" | "mbx" => Some(Kind::Mbox),
        "msg" => Some(Kind::Msg),
        _ => None,
    }
}

/// A file named otherwise, told by its first bytes: an mbox starts with "From ", a `.msg`
/// is an OLE compound file, a mail starts with a header line.
fn sniff(path: &Path) -> std::io::Result<Kind> {
    let mut head = [0u8; 512];
    let mut file = File::open(path)?;
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    let head = &head[..n];
    Ok(if head.starts_with(b"From ") {
        Kind::Mbox
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Kind::Msg
    } else if looks_like_header(head) {
        Kind::Eml
    } else {
        Kind::Other
    })
}

/// The first line is `Name: value`.
fn looks_like_header(head: &[u8]) -> bool {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    match line.iter().position(|&b| b == b':') {
        Some(colon) => {
            colon > 0
                && line[..colon]
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        }
        None => false,
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mail".to_string())
}

fn read_eml(path: &Path) -> Result<Mail, Failed> {
    let source = path.display().to_string();
    let fail = |reason| Failed {
        source: source.clone(),
        reason,
    };
    let file = File::open(path).map_err(|e| fail(Unread::Io(crate::data::load::io_reason(&e))))?;
    let mut bytes = Vec::new();
    file.take(MAX_MAIL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Unread::Io(crate::data::load::io_reason(&e))))?;
    if bytes.len() as u64 > MAX_MAIL_BYTES {
        return Err(fail(Unread::TooLarge));
    }
    parse(&bytes, source.clone(), stem(path)).map_err(fail)
}

/// Each message of an mbox, read as a stream: one message in memory at a time.
fn read_mbox(path: &Path, each: &mut dyn FnMut(Result<Mail, Failed>)) {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return each(Err(Failed {
                source: path.display().to_string(),
                reason: Unread::Io(crate::data::load::io_reason(&e)),
            }));
        }
    };
    let stem = stem(path);
    let messages = MessageIterator::new(BufReader::with_capacity(256 * 1024, file));
    for (i, message) in messages.enumerate() {
        let n = i + 1;
        let source = format!("{}#{n}", path.display());
        match message {
            Ok(m) if m.contents().len() as u64 > MAX_MAIL_BYTES => each(Err(Failed {
                source,
                reason: Unread::TooLarge,
            })),
            Ok(m) => each(
                parse(m.contents(), source.clone(), format!("{stem}-{n}"))
                    .map_err(|reason| Failed { source, reason }),
            ),
            Err(e) => {
                // A read error ends the stream: what follows cannot be found.
                return each(Err(Failed {
                    source,
                    reason: Unread::Io(crate::data::load::io_reason(&e)),
                }));
            }
        }
    }
}

/// Parses one message.
pub fn parse(bytes: &[u8], source: String, name: String) -> Result<Mail, Unread> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(Unread::NotAMail)?;
    let has_mail_header = message.from().is_some()
        || message.date().is_some()
        || message.subject().is_some()
        || message.message_id().is_some();
    if !has_mail_header {
        return Err(Unread::NotAMail);
    }
    let from = message.from().and_then(|a| a.first());
    let from_address = from
        .and_then(|a| a.address())
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    let from_name = from
        .and_then(|a| a.name())
        .map(|n| n.trim().trim_matches('"').trim().to_string())
        .filter(|n| !n.is_empty() && Some(n) != from_address.as_ref());
    if from_address.is_none() && from_name.is_none() {
        return Err(Unread::NoSender);
    }
    let (body, html_only) = body_text(&message);
    if body.trim().is_empty() {
        return Err(Unread::NoText);
    }
    let date = message.date().filter(|d| d.is_valid());
    let mut refers_to: Vec<String> = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        if let Some(list) = value.as_text_list() {
            refers_to.extend(list.iter().map(|s| s.to_string()));
        } else if let Some(one) = value.as_text() {
            refers_to.push(one.to_string());
        }
    }
    Ok(Mail {
        source,
        name,
        from_name,
        from_address,
        date: date.map(|d| d.to_rfc3339()),
        timestamp: date.map(|d| d.to_timestamp()),
        subject: message.subject().unwrap_or_default().trim().to_string(),
        message_id: message.message_id().map(str::to_string),
        refers_to,
        body,
        html_only,
    })
}

/// The first text body; with none, the first HTML body read as text.
fn body_text(message: &mail_parser::Message<'_>) -> (String, bool) {
    let text = message.text_bodies().find_map(|p| match &p.body {
        PartType::Text(t) => Some(t.as_ref()),
        _ => None,
    });
    if let Some(text) = text {
        return (text.to_string(), false);
    }
    let html = message.html_bodies().find_map(|p| match &p.body {
        PartType::Html(h) => Some(h.as_ref()),
        _ => None,
    });
    match html {
        Some(html) => (html_to_text(html), true),
        None => {
            // A body mail-parser could not type (a part without Content-Type text/*)
            // still has its text when it is text.
            let part = message.root_part();
            let text = part
                .content_type()
                .is_none()
                .then(|| part.text_contents().map(str::to_string))
                .flatten()
                .unwrap_or_default();
            (text, false)
        }
    }
}

/// HTML as text, with the line breaks of its block elements (mail-parser's converter
/// breaks lines only at `<br>` and `</p>`; Outlook writes `<div>` and `<p>`).
pub fn html_to_text(html: &str) -> String {
    static BLOCKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)</(?:div|li|tr|h[1-6]|blockquote|table|ul|ol)\s*>|<hr\b[^>]*>")
            .expect("a valid pattern")
    });
    let marked = BLOCKS.replace_all(html, "<br>$0");
    let text = mail_parser::decoders::html::html_to_text(&marked);
    let text = text.replace('\u{a0}', " ");
    // Lines as the blocks made them, without the spaces the converter leaves at their
    // starts; an empty block between two (`<div><br></div>`) is one blank line.
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(raw: &str) -> Result<Mail, Unread> {
        parse(raw.as_bytes(), "t".into(), "t".into())
    }

    #[test]
    fn iso_2022_jp_headers_and_body_decode() {
        // 「招待メール」 in ISO-2022-JP, as Japanese mailers still send it.
        let raw = b"From: =?ISO-2022-JP?B?GyRCOzNFRBsoQiAbJEJCQE86GyhC?= <taro@example.jp>\r\n\
            Subject: =?ISO-2022-JP?B?GyRCPjdCVCVhITwlaxsoQg==?=\r\n\
            Content-Type: text/plain; charset=ISO-2022-JP\r\n\
            Content-Transfer-Encoding: 7bit\r\n\r\n\
            \x1b$B>7BT%a!<%k\x1b(B\r\n";
        let m = parse(raw, "t".into(), "t".into()).unwrap();
        assert_eq!(m.subject, "招待メール");
        assert_eq!(m.from_name.as_deref(), Some("山田 太郎"));
        assert_eq!(m.body.trim(), "招待メール");
    }

    #[test]
    fn html_only_mail_is_read_as_text() {
        let m = mail(
            "From: a@example.com\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n\
             <html><head><style>p{}</style></head><body><div>Hello,</div><div>I cannot log in&nbsp;to SPHERE.</div><div><br></div><p>Error 1014</p></body></html>\n",
        )
        .unwrap();
        assert!(m.html_only);
        assert_eq!(
            m.body.trim(),
            "Hello,\nI cannot log in to SPHERE.\n\nError 1014"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_above_is_not_followed() {
        let dir = std::env::temp_dir().join(format!("sphere-faq-mail-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("inbox")).unwrap();
        std::fs::write(
            dir.join("inbox/a.eml"),
            "From: a@example.com\nSubject: s\n\nbody\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("inbox/loop")).unwrap();
        let mut n = 0;
        read_paths(std::slice::from_ref(&dir), &mut |r| {
            assert!(r.is_ok());
            n += 1;
        });
        assert_eq!(n, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn what_is_not_a_mail() {
        assert_eq!(mail("just some words\nand more\n"), Err(Unread::NotAMail));
        assert_eq!(mail("Subject: no sender\n\nbody\n"), Err(Unread::NoSender));
        assert_eq!(
            mail("From: a@example.com\nSubject: empty\n\n \n"),
            Err(Unread::NoText)
        );
    }
}

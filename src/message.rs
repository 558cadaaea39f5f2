//! Reading a message before deciding what it asks: a whole pasted message or e-mail body,
//! in Japanese or English, comes in; the part where the sender states their problem comes
//! out, with the rest set aside:
//! - quoted history: `>` lines, "-----Original Message-----", "On … wrote:",
//!   「2024年6月3日(月) 9:12 山田 <…>:」, Outlook's "From: … Sent: …" (差出人: … 送信日時: …)
//!   header blocks, forwarded mail ("---------- Forwarded message ---------", 転送);
//! - signatures: after "--", after a closing ("Best regards", 「よろしくお願いいたします。」)
//!   followed by name, company, TEL and address lines, or a contact block fenced by a rule;
//! - legal disclaimers and external-mail banners ("This e-mail and any attachments are
//!   confidential", 「本メールは…機密…」);
//! - greetings, closings and notes that only pass a message on (「お世話になっております。」,
//!   "Hi team,", "FYI, see below").
//!
//! A message with nothing of its own (all quoted, or only "FYI" above a forwarded mail) is
//! read from its history instead. A reply that only thanks ("Thanks!" above the thread)
//! asks nothing, and its problem is empty; otherwise the problem is never empty when the
//! message has text.
//!
//! One pure step, no I/O: `triage` reads each mail through it, and search can too.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// What a set-aside piece of a message was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Greetings, closings, the sender introducing themselves, "FYI" above a forward.
    Greeting,
    /// Quoted history: `>` lines, an earlier message below a reply header.
    Quoted,
    /// A forwarded message.
    Forwarded,
    /// The sender's signature.
    Signature,
    /// A legal disclaimer or an external-mail banner.
    Disclaimer,
}

/// A message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The text that states the sender's problem; empty only when the message is blank or
    /// a reply that only thanks.
    pub problem: String,
    /// `problem` comes from the quoted or forwarded history: the sender wrote nothing of
    /// their own, or only a note passing the message on.
    pub from_history: bool,
    /// What was set aside, in the order of the message, each piece with its kind.
    pub set_aside: Vec<(Part, String)>,
}

/// The part of `text` that states the sender's problem (see [`read`]).
pub fn problem(text: &str) -> String {
    // fast track for one line: no history, signature or disclaimer can stand apart in it,
    // and its few patterns' compilation is most of a short query's time.
    if !text.contains(['\n', '\r']) {
        return text.trim().to_string();
    }
    read(text).problem
}

/// Reads a message: its problem, and what was set aside.
pub fn read(text: &str) -> Reading {
    read_at(text, 0)
}

/// How many levels of history are read through when a message has nothing of its own.
const MAX_DEPTH: usize = 6;

/// A signature or a closing is cut only when what follows it is this short.
const SIGNATURE_LINES: usize = 14;
const SIGNATURE_LINE_CHARS: usize = 90;

macro_rules! regex {
    ($re:expr $(,)?) => {{
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("a valid pattern"));
        &*RE
    }};
}

fn read_at(text: &str, depth: usize) -> Reading {
    let mut r = read_lines(text, depth);
    for (_, piece) in &mut r.set_aside {
        piece.truncate(piece.trim_end().len());
    }
    r
}

fn read_lines(text: &str, depth: usize) -> Reading {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut marks: Vec<Option<Part>> = vec![None; lines.len()];

    let history = mark_history(&lines, &mut marks);
    let own_end = history.map_or(lines.len(), |(start, _)| start);
    if let Some((start, kind)) = history {
        for m in &mut marks[start..] {
            *m = Some(kind);
        }
    }
    mark_disclaimers(&lines[..own_end], &mut marks[..own_end]);
    mark_signature(&lines[..own_end], &mut marks[..own_end]);

    // Greetings go sentence by sentence: 「お世話になっております。招待メールが届きません。」
    // keeps its second sentence.
    let mut own: Vec<String> = Vec::new();
    let mut set_aside: Vec<(Part, String)> = Vec::new();
    // Until the sender's first own sentence, a short 「北電機の佐藤です。」 introduces them.
    let mut opening = true;
    for (i, line) in lines.iter().enumerate() {
        match marks[i] {
            Some(kind) => push_aside(&mut set_aside, kind, line),
            None => {
                let (kept, dropped) = without_courtesy(line, &mut opening);
                if !dropped.is_empty() {
                    push_aside(&mut set_aside, Part::Greeting, &dropped);
                }
                if dropped.is_empty() || !kept.trim().is_empty() {
                    own.push(kept);
                }
            }
        }
    }
    let problem = tidy(&own.join("\n"));
    if has_words(&problem) || depth >= MAX_DEPTH {
        return Reading {
            problem,
            from_history: false,
            set_aside,
        };
    }

    // A reply that only thanks ("Thanks!", 「ありがとうございます！」) asks nothing: its
    // thread's question is not asked again.
    if is_acknowledgement(&set_aside, &marks) {
        return Reading {
            problem: String::new(),
            from_history: false,
            set_aside,
        };
    }

    // Nothing of the sender's own: the history says what the problem is.
    let quoted: Vec<&str> = lines
        .iter()
        .zip(&marks)
        .filter(|(_, m)| matches!(m, Some(Part::Quoted | Part::Forwarded)))
        .map(|(l, _)| *l)
        .collect();
    if !quoted.is_empty() {
        let earlier = unquote(&quoted);
        let inner = read_at(&earlier, depth + 1);
        let problem = if has_words(&inner.problem) {
            inner.problem
        } else {
            tidy(&earlier)
        };
        if has_words(&problem) {
            return Reading {
                problem,
                from_history: true,
                set_aside,
            };
        }
    }
    // Only a signature, a greeting or a disclaimer: better the text than nothing.
    let problem = if has_words(&problem) {
        problem
    } else {
        tidy(&unquote(&lines))
    };
    Reading {
        problem,
        from_history: false,
        set_aside,
    }
}

/// Whether what the sender wrote above a reply's quoted history (no forwarded message) only
/// thanks: a thank-you among the greetings set aside, and no note passing the history on
/// ("FYI", "see below", 「以下」「転送します」).
fn is_acknowledgement(set_aside: &[(Part, String)], marks: &[Option<Part>]) -> bool {
    // The English notes are the ones `is_en_courtesy` sets aside; the Japanese, the words
    // of those `is_ja_courtesy` does (「以下、ご確認ください」「転送します」).
    let thanks = regex!(&format!(r"(?i)\b{THANKS}\b|\bthx\b|ありがと"));
    let passes_on = regex!(&format!(r"(?i)\b{PASS_ON}\b|以下|下記|転送|ご確認"));
    let greetings = || {
        set_aside
            .iter()
            .filter(|(part, _)| *part == Part::Greeting)
            .map(|(_, text)| text.as_str())
    };
    marks.contains(&Some(Part::Quoted))
        && !marks.contains(&Some(Part::Forwarded))
        && greetings().any(|g| thanks.is_match(g))
        && !greetings().any(|g| passes_on.is_match(g))
}

/// Adds a line to the pieces set aside, joining it to the previous piece of its kind; a
/// blank line starts no piece.
fn push_aside(set_aside: &mut Vec<(Part, String)>, kind: Part, line: &str) {
    match set_aside.last_mut() {
        Some((k, text)) if *k == kind => {
            text.push('\n');
            text.push_str(line);
        }
        _ if line.trim().is_empty() => {}
        _ => set_aside.push((kind, line.to_string())),
    }
}

/// Whether a text has a letter, kana or kanji, or a digit: something to read.
fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Trailing spaces off each line, runs of blank lines made one, blank edges removed.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// Quoted lines without their `>` (one level) and without the header block that
/// introduced them (the separator, From / Sent / To / Subject, an attribution line).
fn unquote(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for line in lines {
        out.push(strip_quote_marker(line));
    }
    // The header block at the top of the history.
    let mut start = 0;
    while start < out.len() {
        let l = out[start].trim();
        if l.is_empty()
            || is_separator_header(l).is_some()
            || is_header_field(l)
            || is_attribution(l)
            || is_rule(l)
        {
            start += 1;
        } else {
            break;
        }
    }
    out[start..].join("\n")
}

fn strip_quote_marker(line: &str) -> &str {
    let t = line.trim_start();
    for marker in ['>', '＞'] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest.strip_prefix(' ').unwrap_or(rest);
        }
    }
    line
}

fn is_quote_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('>') || t.starts_with('＞')
}

/// Marks the `>` lines and attributions before the history, and returns where the
/// history starts (everything from there on is an earlier or a forwarded message).
fn mark_history(lines: &[&str], marks: &mut [Option<Part>]) -> Option<(usize, Part)> {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if is_quote_line(lines[i]) {
            marks[i] = Some(Part::Quoted);
            i += 1;
            continue;
        }
        if let Some(kind) = is_separator_header(line) {
            return Some((i, kind));
        }
        if is_outlook_header(lines, i) {
            return Some((i, Part::Quoted));
        }
        // "On Mon, 3 Jun 2024 at 09:12, Taro <taro@example.com>" / "wrote:" on two lines.
        let two = (i + 1 < lines.len())
            .then(|| format!("{} {}", line, lines[i + 1].trim()))
            .filter(|joined| line.starts_with("On ") && is_attribution(joined));
        let span = if is_attribution(line) {
            1
        } else if two.is_some() {
            2
        } else {
            0
        };
        if span > 0 {
            // Followed by `>` lines: only those are quoted, and what comes after them is
            // the sender's again (a reply written below the quote). Followed by plain
            // text: the rest is the earlier message, copied.
            let next = (i + span..lines.len()).find(|&j| !lines[j].trim().is_empty());
            match next {
                Some(j) if is_quote_line(lines[j]) => {
                    for m in &mut marks[i..i + span] {
                        *m = Some(Part::Quoted);
                    }
                    i += span;
                    continue;
                }
                Some(_) => return Some((i, Part::Quoted)),
                None => {
                    for m in &mut marks[i..] {
                        *m = Some(Part::Quoted);
                    }
                    return None;
                }
            }
        }
        i += 1;
    }
    None
}

/// A line that opens quoted or forwarded history, and which.
fn is_separator_header(line: &str) -> Option<Part> {
    let forwarded = regex!(
        r"(?i)^[-=_\s]*(?:-{2,}|={2,})\s*(?:forwarded message|original message follows|転送(?:された)?メッセージ|転送メール)\s*(?:-{2,}|={2,})[-=_\s]*$|^(?:begin forwarded message|転送されたメッセージ|転送メッセージ)\s*[:：]?$"
    );
    let original = regex!(
        r"(?i)^[-=_\s]*-{2,}\s*(?:original message|元のメッセージ|オリジナル\s*メッセージ|原文)\s*-{2,}[-=_\s]*$"
    );
    // The strip of underscores Outlook puts above the quoted header block.
    let outlook_rule = regex!(r"^_{10,}$");
    if forwarded.is_match(line) {
        Some(Part::Forwarded)
    } else if original.is_match(line) || outlook_rule.is_match(line) {
        Some(Part::Quoted)
    } else {
        None
    }
}

/// "From: …" / "差出人: …" with a date and a recipient or subject field just below it:
/// the header block Outlook writes above the message it quotes.
fn is_outlook_header(lines: &[&str], i: usize) -> bool {
    let from = regex!(r"(?i)^\*?(?:from|差出人|送信者|送信元|von|de)\*?\s*[:：]");
    let date =
        regex!(r"(?i)^\*?(?:sent|date|送信日時|送信日|日付|日時|gesendet|envoyé)\*?\s*[:：]");
    let to = regex!(r"(?i)^\*?(?:to|subject|cc|宛先|件名|an|betreff|à|objet)\*?\s*[:：]");
    if !from.is_match(lines[i].trim()) {
        return false;
    }
    let below = &lines[i + 1..lines.len().min(i + 6)];
    below.iter().any(|l| date.is_match(l.trim())) && below.iter().any(|l| to.is_match(l.trim()))
}

/// A field of a quoted header block.
fn is_header_field(line: &str) -> bool {
    regex!(
        r"(?i)^\*?(?:from|sent|date|to|cc|bcc|subject|reply-to|差出人|送信者|送信元|送信日時|送信日|日付|日時|宛先|件名|cc|bcc)\*?\s*[:：]"
    )
    .is_match(line)
}

/// "On … wrote:", 「… wrote:」, 「…さんは書きました:」, 「2024年6月3日(月) 9:12 山田 <a@b>:」,
/// 「2024/06/03 9:12、山田 <a@b>のメール:」.
fn is_attribution(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 300 {
        return false;
    }
    regex!(r"(?i)\bwrote\s*[:：]$|(?:書きました|書き込みました|のメール|のメッセージ|からのメール)\s*[:：]$")
        .is_match(line)
        || regex!(r"^(?:\d{4}\s*年|\d{4}[/-]\d{1,2}[/-]\d{1,2}).*<[^<>\s]+@[^<>\s]+>\s*[:：]$")
            .is_match(line)
}

/// A line drawn with one repeated symbol: `-----`, `=====`, `━━━━`, `＿＿＿`.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '='
                    | '*'
                    | '_'
                    | '~'
                    | '#'
                    | '+'
                    | '─'
                    | '━'
                    | '＝'
                    | '－'
                    | '＿'
                    | '〜'
                    | '～'
                    | '・'
                    | '■'
                    | '□'
                    | '◆'
                    | '◇'
                    | '★'
                    | '☆'
                    | ' '
                    | '　'
            )
        })
}

/// Marks each disclaimer and external-mail banner, from the line that starts it to the end
/// of its paragraph (with a heading or a rule just above it).
fn mark_disclaimers(lines: &[&str], marks: &mut [Option<Part>]) {
    let mut i = 0;
    while i < lines.len() {
        if marks[i].is_none() && is_disclaimer(lines[i]) {
            let mut start = i;
            while start > 0
                && marks[start - 1].is_none()
                && (is_rule(lines[start - 1])
                    || regex!(r"(?i)^\W*(?:disclaimer|confidential(?:ity)?(?: notice)?|notice|免責事項|注意事項|機密保持)\W*$")
                        .is_match(lines[start - 1].trim()))
            {
                start -= 1;
            }
            let mut end = i;
            while end < lines.len() && !lines[end].trim().is_empty() {
                end += 1;
            }
            for m in &mut marks[start..end] {
                m.get_or_insert(Part::Disclaimer);
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

fn is_disclaimer(line: &str) -> bool {
    let en = regex!(
        r"(?ix)
        this\s+(?:e-?mail|message|communication|transmission)(?:\s*\(?(?:,|and)\s*(?:any\s+)?(?:attachments?|files?)(?:\s+(?:to|with)\s+it)?\)?,?)?\s+(?:is|are|may\s+be|contains?|and\s+any)[^.]{0,40}(?:confidential|privileged|proprietary)
        | confidentiality\s+(?:notice|note|warning)
        | if\s+you\s+(?:are\s+not|have\s+received\s+this)[^.]{0,60}(?:intended\s+recipient|in\s+error)
        | intended\s+(?:solely|only)\s+for\s+the\s+(?:use|addressee|person)
        | ^\W*disclaimer\s*[:：]
        | (?:caution|warning|external(?:\s+e-?mail)?)\s*[:：]?\s*this\s+(?:e-?mail|message)\s+(?:originated|came|was\s+sent)\s+from\s+outside
        | ^\W*\[?external\s+(?:e-?mail|sender|message)\]?\W*$"
    );
    let ja = regex!(
        r"(?:本|この|当)(?:電子)?メール.{0,40}(?:機密|秘密|守秘|第三者への開示)|誤って(?:この|本)?(?:電子)?(?:メールを)?(?:受信|配信|届)|誤送信|宛先に?お?心当たりの?(?:ない|ありません)|社外(?:から|の)(?:送信された|届いた)?(?:電子)?メール|外部(?:から|の)(?:送信された|届いた)?(?:電子)?メールです|【\s*(?:社外|外部)(?:メール|から)[^】]*】"
    );
    en.is_match(line) || ja.is_match(line)
}

/// Marks the signature: after "--", after a closing whose tail is short, or a contact
/// block below a rule at the end.
fn mark_signature(lines: &[&str], marks: &mut [Option<Part>]) {
    let last = match (0..lines.len())
        .rev()
        .find(|&i| marks[i].is_none() && !lines[i].trim().is_empty())
    {
        Some(l) => l,
        None => return,
    };
    let tail_is_signature = |from: usize| {
        let rest: Vec<&str> = lines[from..=last]
            .iter()
            .zip(&marks[from..=last])
            .filter(|(l, m)| m.is_none() && !l.trim().is_empty())
            .map(|(l, _)| *l)
            .collect();
        rest.len() <= SIGNATURE_LINES && rest.iter().all(|l| is_signature_line(l))
    };
    let cut = |marks: &mut [Option<Part>], from: usize| {
        for m in &mut marks[from..] {
            m.get_or_insert(Part::Signature);
        }
    };
    for i in 0..=last {
        if marks[i].is_some() {
            continue;
        }
        let t = lines[i].trim_end();
        // The signature delimiter of RFC 3676 ("-- "), and the "--" people type.
        if t == "--" || t == "-- " {
            cut(marks, i);
            return;
        }
        let closing = is_closing(lines[i].trim());
        if closing && (i == last || tail_is_signature(i + 1)) {
            // The closing itself is a greeting; what follows is the signature.
            marks[i] = Some(Part::Greeting);
            cut(marks, i + 1);
            return;
        }
    }
    // A contact block fenced by a rule, or the last paragraph if it is one.
    let start = (0..=last)
        .rev()
        .take_while(|&i| marks[i].is_none())
        .find(|&i| is_rule(lines[i]) || lines[i].trim().is_empty())
        .unwrap_or(0);
    if start > 0 || is_rule(lines[start]) {
        let block = &lines[start..=last];
        let contact = block.iter().any(|l| is_contact(l));
        let (own, rule) = (
            block.iter().filter(|l| !l.trim().is_empty()).count(),
            is_rule(lines[start]),
        );
        if contact && tail_is_signature(start) && (rule || (2..=6).contains(&own)) {
            // A rule opening a signature often comes in pairs (━━ / name / ━━): start at
            // the first of a run of rules and contact lines above.
            let mut from = start;
            while from > 0
                && marks[from - 1].is_none()
                && (is_rule(lines[from - 1]) || (rule && is_contact(lines[from - 1])))
            {
                from -= 1;
            }
            cut(marks, from);
        }
    }
}

/// A line that can be part of a signature: a name, a title, a company, a contact, but not
/// a sentence ("But it still fails.").
fn is_signature_line(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    if n > SIGNATURE_LINE_CHARS {
        return false;
    }
    let sentence =
        t.ends_with(['。', '？', '?', '！', '!']) || (t.ends_with('.') && !is_contact(t));
    !sentence || (is_contact(t) && !t.ends_with(['。', '？', '?']))
}

/// A line that closes a letter: "Best regards,", 「よろしくお願いいたします。」, 「以上」.
fn is_closing(line: &str) -> bool {
    let en = regex!(
        r"(?i)^(?:(?:best|kind|warm|warmest|many\s+thanks\s+and(?:\s+best|\s+kind)?|with\s+(?:best|kind|warm))\s+)?regards[,.!]*$|^(?:best(?:\s+wishes)?|cheers|sincerely|yours\s+(?:sincerely|faithfully|truly)|thanks(?:\s+and\s+regards)?|thank\s+you(?:\s+(?:very|so)\s+much)?|many\s+thanks|thx|br|rgds|respectfully)[,.!]*$"
    );
    en.is_match(line)
        || is_ja_closing(line)
        || regex!(r"^以上(?:です|となります)?[。．.]?$").is_match(line)
}

/// 「よろしくお願いいたします。」 with only courtesy before it.
fn is_ja_closing(sentence: &str) -> bool {
    regex!(
        r"^(?:以上[、,]?\s*|何卒[、,]?|どうぞ|引き続き[、,]?|お手数(?:を|ですが|をおかけしますが|をおかけいたしますが)[、,]?|ご確認の?ほど[、,]?|ご対応の?ほど[、,]?|ご教示の?ほど[、,]?|ご回答の?ほど[、,]?|お忙しいところ(?:恐縮ですが|すみませんが|申し訳ありませんが|申し訳ございませんが)?[、,]?|恐れ入りますが[、,]?|大変恐縮ですが[、,]?|\s)*(?:よろしく|宜しく|よろしゅう)(?:お願い|おねがい)(?:いたします|致します|します|申し上げます|申しあげます|いたしますm\(_ _\)m)?[。．.！!]*$"
    )
    .is_match(sentence.trim())
}

/// A line of a signature: a telephone, an address, a company, a mail address, a site.
fn is_contact(line: &str) -> bool {
    regex!(
        r"(?i)\b(?:tel|phone|mobile|mob|cell|fax|e-?mail|mail)\b\s*[.:：]|〒|電話|携帯|株式会社|有限会社|合同会社|（株）|\(株\)|㈱|\b(?:inc|ltd|llc|corp|co|gmbh|plc)\b\.?|https?://|www\.|[\w.+-]+@[\w-]+\.[\w.-]+|\+\d{1,3}[\s-]?\d|\d{2,4}-\d{2,4}-\d{3,4}"
    )
    .is_match(line)
}

/// A line without its greeting sentences: what is kept, and what was dropped. `opening`
/// says the sender has not yet written anything of their own, and is cleared once they
/// have.
fn without_courtesy(line: &str, opening: &mut bool) -> (String, String) {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return (line.to_string(), String::new());
    }
    if is_en_courtesy(trimmed) || is_addressee(trimmed) {
        return (String::new(), trimmed.to_string());
    }
    if !crate::lang::has_japanese(trimmed) {
        *opening = false;
        return (line.to_string(), String::new());
    }
    let mut kept = String::new();
    let mut dropped = String::new();
    for sentence in sentences(line) {
        let t = sentence.trim();
        if is_ja_courtesy(t) || (*opening && is_self_introduction(t)) {
            dropped.push_str(t);
        } else {
            if !t.is_empty() {
                *opening = false;
            }
            kept.push_str(sentence);
        }
    }
    (kept, dropped)
}

/// 「北電機の佐藤です。」「森です。」: the sender naming themselves, as a letter opens.
fn is_self_introduction(sentence: &str) -> bool {
    const TOPICS: [&str; 8] = [
        "件",
        "エラー",
        "問題",
        "について",
        "ログイン",
        "パスワード",
        "メール",
        "ID",
    ];
    sentence.chars().count() <= 40
        && !TOPICS.iter().any(|t| sentence.contains(t))
        && regex!(
            r"^(?:[^。]{0,30}(?:の|、)\s*)?[\p{Han}\p{Katakana}A-Za-z・ 　]{1,12}(?:と申します|でございます|です)[。．.]*$"
        )
        .is_match(sentence)
}

/// A line cut after each 。！？ (the mark stays with its sentence).
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let end = i + c.len_utf8();
            out.push(&line[start..end]);
            start = end;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

fn is_en_courtesy(line: &str) -> bool {
    regex!(
        r"(?ix)^(?:
          dear\b[^.!?]{0,60}[,:]?
        | (?:hi|hello|hey|good\s+(?:morning|afternoon|evening|day)|greetings)(?:\s+[\w.'&()-]+){0,6}\s*[,!:]
        | (?:hi|hello|hey)[.!]?
        | to\s+whom\s+it\s+may\s+concern[,:]?
        | (?:i\s+)?hope\s+(?:you\s+are|you're|this\s+(?:e-?mail|message|mail)\s+finds\s+you|all\s+is)\s+(?:well|doing\s+well|fine)[.!,]*
        | (?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?(?:\s+for\s+(?:your|the|any)\s+(?:help|support|assistance|time|reply|quick\s+reply|response|attention))?[.!,]*(?:\s*:\))?
        | (?:i\s+)?look(?:ing)?\s+forward\s+to\s+(?:hearing\s+from\s+you|your\s+(?:reply|response|answer|help|support))(?:\s+soon)?[.!,]*
        | (?:any|your)\s+(?:help|advice|support)\s+(?:would\s+be|is|will\s+be)\s+(?:much\s+|greatly\s+|very\s+much\s+|highly\s+)?appreciated[.!]*
        )$"
    )
    .is_match(line)
        || regex!(&format!(
            r"(?i)^(?:{PASS_ON}|{THANKS})(?:[\s,.;:!-]+(?:{PASS_ON}|{THANKS}))*[\s.!:,]*$"
        ))
        .is_match(line)
}

/// A note that only passes a message on: "FYI", "see below", "please help".
const PASS_ON: &str = r"(?:fyi|fw|fwd|see\s+below|please\s+see\s+below|please\s+see\s+(?:the\s+)?(?:mail|e-?mail|message|thread|request)\s+below|forwarding(?:\s+(?:this|the))?(?:\s+(?:mail|e-?mail|message|request))?(?:\s+below)?(?:\s+to\s+you)?|please\s+(?:help|advise|take\s+a\s+look|check|handle)(?:\s+(?:with\s+)?(?:this|the\s+below|below))?)";
/// A thank-you on a line of its own.
const THANKS: &str = r"(?:thanks|thank\s+you)";

/// 「SPHEREヘルプデスク ご担当者様」「各位」: the line naming who the mail is for.
fn is_addressee(line: &str) -> bool {
    line.chars().count() <= 40
        && regex!(r"(?:様|さま|さん|御中|各位|殿)[、,:：\s]*$").is_match(line)
        && !regex!(r"[。？！?!]").is_match(line)
}

fn is_ja_courtesy(sentence: &str) -> bool {
    if sentence.is_empty() {
        return false;
    }
    let greeting = regex!(
        r"^(?:[^。]{0,20}[、,]\s*)?(?:いつも|大変|たいへん)?(?:お世話になっております|お世話になります|お世話様です|お疲れ様です|お疲れさまです|おつかれさまです|お疲れ様でございます|突然のご連絡(?:にて)?失礼いたします|突然のご連絡失礼します|突然のメール失礼いたします|初めてご連絡いたします|はじめてご連絡いたします|初めてご連絡差し上げます|初めてメールいたします)[。．.！!]*$"
    );
    let intro = regex!(
        r"^[^。]{0,40}(?:の|、)\s*[\p{Han}\p{Katakana}A-Za-z・ 　]{1,12}(?:と申します|でございます|です)[。．.]*$"
    );
    let org = regex!(
        r"会社|㈱|（株）|\(株\)|部|課|担当|チーム|グループ|センター|室|事業所|支店|Inc|Ltd|Corp"
    );
    let thanks = regex!(
        r"^(?:いつも|ご連絡|ご回答|ご返信|ご返答|早速の(?:ご)?(?:回答|返信|ご連絡)|迅速な(?:ご)?(?:回答|対応)|ご対応)?(?:を)?(?:いただき)?(?:大変|誠に)?ありがとうございます[。．.！!]*$"
    );
    let addendum = regex!(
        r"^(?:補足(?:です|いたします|致します|させていただきます|になります)|追記(?:です|いたします|します))[。．.]*$"
    );
    let forward = regex!(
        r"^(?:(?:下記|以下)(?:の件|のメール|の問い合わせ|のお問い合わせ|の内容)?[、,]?\s*)?(?:お手数(?:ですが|をおかけしますが|をおかけいたしますが)[、,]?\s*)?(?:転送(?:します|いたします|致します|させていただきます)|ご確認(?:ください|をお願いします|お願いします|をお願いいたします|お願いいたします|いただけますか|いただけますでしょうか)|ご対応(?:ください|をお願いします|お願いします|お願いいたします|をお願いいたします)|(?:FYI|ご参考まで)です?)[。．.]*$"
    );
    greeting.is_match(sentence)
        || (sentence.chars().count() <= 60
            && (regex!(r"と申します[。．.]*$").is_match(sentence)
                || (intro.is_match(sentence) && org.is_match(sentence))))
        || thanks.is_match(sentence)
        || addendum.is_match(sentence)
        || forward.is_match(sentence)
        || is_ja_closing(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(r: &Reading) -> Vec<Part> {
        r.set_aside.iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn japanese_business_mail_keeps_only_the_problem() {
        let mail = "SPHEREヘルプデスク ご担当者様\n\
            \n\
            いつもお世話になっております。\n\
            株式会社サンプル商事 情報システム部の山田です。\n\
            \n\
            先週GIDを申請しましたが、Microsoftからの招待メールがまだ届いていません。\n\
            迷惑メールフォルダも確認しましたが見当たりませんでした。\n\
            \n\
            お手数ですが、ご確認のほどよろしくお願いいたします。\n\
            \n\
            ━━━━━━━━━━━━━━━━━━━━\n\
            株式会社サンプル商事\n\
            情報システム部　山田 太郎\n\
            〒100-0001 東京都千代田区千代田1-1\n\
            TEL: 03-1234-5678\n\
            Mail: taro.yamada@sample.co.jp\n\
            ━━━━━━━━━━━━━━━━━━━━\n\
            本メールは機密情報を含む場合があります。誤って受信された場合は、送信者にご連絡のうえ削除してください。\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "先週GIDを申請しましたが、Microsoftからの招待メールがまだ届いていません。\n\
             迷惑メールフォルダも確認しましたが見当たりませんでした。"
        );
        assert!(!r.from_history);
        let k = kinds(&r);
        assert!(k.contains(&Part::Greeting), "{k:?}");
        assert!(k.contains(&Part::Signature), "{k:?}");
        assert!(k.contains(&Part::Disclaimer), "{k:?}");
    }

    #[test]
    fn greeting_and_problem_on_one_line() {
        let r =
            read("お世話になっております。SPHEREにログインするとエラーコード1014が表示されます。");
        assert_eq!(
            r.problem,
            "SPHEREにログインするとエラーコード1014が表示されます。"
        );
        assert_eq!(
            r.set_aside,
            vec![(Part::Greeting, "お世話になっております。".to_string())]
        );
    }

    #[test]
    fn the_sender_introducing_themselves_is_a_greeting() {
        let r = read(
            "林さん\n\nお世話になっております。北電機の佐藤です。\n\n不審なメールと思い込み、誤って削除してしまいました。\n",
        );
        assert_eq!(
            r.problem,
            "不審なメールと思い込み、誤って削除してしまいました。"
        );
        let r = read("森です。補足いたします。\n\nエラー画面には AADSTS50020 と出ています。\n");
        assert_eq!(r.problem, "エラー画面には AADSTS50020 と出ています。");
        // Only at the opening, and never a sentence about the problem.
        for text in [
            "招待メールの件です。",
            "最初に書いたとおり、佐藤です。",
            "初期設定の件です。",
        ] {
            assert_eq!(read(text).problem, text);
        }
        let r = read("ログインできません。\n北電機の佐藤です。\n");
        assert_eq!(r.problem, "ログインできません。\n北電機の佐藤です。");
    }

    #[test]
    fn outlook_reply_sets_the_quoted_header_block_aside() {
        let mail = "Hi team,\n\
            \n\
            Thanks for the quick reply. I tried the InPrivate window in Edge but I still get the same error page.\n\
            \n\
            Best regards,\n\
            John Smith\n\
            IT Manager | Example Logistics Ltd.\n\
            Phone: +44 20 7946 0000\n\
            \n\
            ________________________________\n\
            From: SPHERE Helpdesk <sphere-helpdesk@sony.com>\n\
            Sent: Monday, June 3, 2024 10:15 AM\n\
            To: John Smith <john.smith@example.com>\n\
            Subject: RE: Error AADSTS50020 when signing in\n\
            \n\
            Dear John,\n\
            Please launch Microsoft Edge with InPrivate and try again.\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "Thanks for the quick reply. I tried the InPrivate window in Edge but I still get the same error page."
        );
        assert_eq!(
            kinds(&r),
            vec![Part::Greeting, Part::Signature, Part::Quoted]
        );
    }

    #[test]
    fn outlook_header_block_without_a_rule_in_japanese() {
        let mail = "招待メールのリンクを押しても何も起きません。\n\
            \n\
            差出人: SPHERE Helpdesk <sphere-helpdesk@sony.com>\n\
            送信日時: 2024年6月3日 10:15\n\
            宛先: 佐藤 花子 <hanako@example.jp>\n\
            件名: RE: SPHEREの利用開始について\n\
            \n\
            佐藤様\n\
            招待メールに従って初期設定を行ってください。\n";
        let r = read(mail);
        assert_eq!(r.problem, "招待メールのリンクを押しても何も起きません。");
        assert_eq!(kinds(&r), vec![Part::Quoted]);
    }

    #[test]
    fn gmail_attribution_over_two_lines_and_quoted_lines() {
        let mail = "I never received the invitation email, not even in the junk folder.\n\
            \n\
            On Mon, 3 Jun 2024 at 09:12, SPHERE Helpdesk <sphere-helpdesk@sony.com>\n\
            wrote:\n\
            \n\
            > Dear partner,\n\
            > Please complete the initial setting from the invitation e-mail.\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "I never received the invitation email, not even in the junk folder."
        );
        assert_eq!(kinds(&r), vec![Part::Quoted]);
    }

    #[test]
    fn japanese_gmail_attribution() {
        let mail = "パスワードをリセットしたいのですが、どこから行えばよいでしょうか。\n\
            \n\
            2024年6月3日(月) 9:12 SPHERE Helpdesk <sphere-helpdesk@sony.com>:\n\
            \n\
            > 佐藤様\n\
            > お問い合わせありがとうございます。\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "パスワードをリセットしたいのですが、どこから行えばよいでしょうか。"
        );
    }

    #[test]
    fn japanese_wrote_attribution_and_original_message() {
        let r = read(
            "GIDのパスワードを入れてもログインできません。\n\nOn 2024/06/03 9:12, 鈴木 一郎 wrote:\n> 初期設定は完了しましたか。\n",
        );
        assert_eq!(r.problem, "GIDのパスワードを入れてもログインできません。");
        let r = read(
            "AADB2B_0001 と表示されました。\n\n-----Original Message-----\nFrom: 鈴木 一郎\nSent: Monday\nTo: helpdesk\n招待メールから初期設定してください。\n",
        );
        assert_eq!(r.problem, "AADB2B_0001 と表示されました。");
        let r = read("エラーになります。\n-----元のメッセージ-----\n差出人: 鈴木\n前の話\n");
        assert_eq!(r.problem, "エラーになります。");
    }

    #[test]
    fn a_reply_written_below_the_quote_is_the_senders() {
        let mail = "On Tue, Jun 4, 2024 at 8:00 AM Helpdesk <sphere-helpdesk@sony.com> wrote:\n\
            > Which error code do you see?\n\
            \n\
            It says AADSTS50061 after I press the One Sony Concur button.\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "It says AADSTS50061 after I press the One Sony Concur button."
        );
        assert!(!r.from_history);
    }

    #[test]
    fn the_senders_one_sentence_outweighs_the_quoted_notice() {
        let mail = "招待メールが届いていません。\n\
            \n\
            ---------- 転送メッセージ ----------\n\
            From: 情報システム部 <it@example.co.jp>\n\
            Date: 2024年6月3日(月) 9:00\n\
            Subject: SPHERE利用開始のお知らせ\n\
            \n\
            招待メールに従って初期設定を行ってください。\n";
        let r = read(mail);
        assert_eq!(r.problem, "招待メールが届いていません。");
        assert_eq!(kinds(&r), vec![Part::Forwarded]);
    }

    #[test]
    fn a_forward_with_only_a_note_is_read_from_the_forwarded_mail() {
        let mail = "FYI, see below.\n\
            \n\
            ---------- Forwarded message ---------\n\
            From: Maria Garcia <maria.garcia@example.com>\n\
            Date: Mon, Jun 3, 2024 at 9:00 AM\n\
            Subject: SPHERE access\n\
            To: <it-support@example.com>\n\
            \n\
            Hello,\n\
            \n\
            The link in the Microsoft invitation email cannot be clicked; our mail client shows text only.\n\
            \n\
            Thanks,\n\
            Maria\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "The link in the Microsoft invitation email cannot be clicked; our mail client shows text only."
        );
        assert!(r.from_history);

        let mail = "下記の件、ご確認をお願いします。\n\n-------- 転送メッセージ --------\n件名: SPHEREについて\n日付: 2024/06/03\n差出人: 田中 <tanaka@example.jp>\n\nお世話になっております。\n「招待の利用に失敗しました」と表示されます。\nよろしくお願いいたします。\n田中\n";
        let r = read(mail);
        assert_eq!(r.problem, "「招待の利用に失敗しました」と表示されます。");
        assert!(r.from_history);
    }

    #[test]
    fn a_wholly_quoted_message_is_never_empty() {
        let r = read("> I cannot sign in to SPHERE.\n> Error 1014 is shown.\n");
        assert_eq!(
            r.problem,
            "I cannot sign in to SPHERE.\nError 1014 is shown."
        );
        assert!(r.from_history);
        let r = read("＞ログインできません。\n");
        assert_eq!(r.problem, "ログインできません。");
    }

    #[test]
    fn signature_after_dash_dash_and_disclaimers() {
        let mail = "The invitation link says it is invalid: AADB2B_0005.\n\
            --\n\
            Li Wei\n\
            Example Components Co., Ltd.\n\
            \n\
            This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please delete it.\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "The invitation link says it is invalid: AADB2B_0005."
        );
        assert_eq!(kinds(&r), vec![Part::Signature, Part::Disclaimer]);

        let mail = "CAUTION: This email originated from outside of the organization.\n\
            \n\
            I deleted the invitation email by mistake. How can I register?\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "I deleted the invitation email by mistake. How can I register?"
        );
        assert_eq!(kinds(&r), vec![Part::Disclaimer]);
    }

    #[test]
    fn a_contact_block_at_the_end_is_a_signature() {
        let mail = "Which e-mail address is my login ID for Azure AD?\n\
            \n\
            Ken Tanaka\n\
            Example Trading Inc.\n\
            Tel: 03-5555-0101\n";
        let r = read(mail);
        assert_eq!(
            r.problem,
            "Which e-mail address is my login ID for Azure AD?"
        );
    }

    #[test]
    fn text_that_merely_looks_polite_is_kept() {
        for text in [
            "Hello, I can't log in to SPHERE with my GID password.",
            "Hello I cannot log in to SPHERE",
            "Thanks for the reply, but the error still appears.",
            "招待メールを再送していただけますよう、よろしくお願いいたします。",
            "ログインできないのです。",
        ] {
            assert_eq!(read(text).problem, text);
        }
    }

    #[test]
    fn a_closing_followed_by_a_long_text_is_not_a_signature() {
        let long = "The portal shows my colleague's account name in the top right corner although I signed out. ".repeat(2);
        let mail = format!("Regards,\n{long}\n");
        assert!(read(&mail).problem.ends_with(long.trim_end()));
    }

    #[test]
    fn blank_and_courtesy_only_messages() {
        assert_eq!(read("").problem, "");
        assert_eq!(read("\n \n").problem, "");
        // Only a greeting and a signature: the text rather than nothing.
        let r = read("お世話になっております。\nよろしくお願いいたします。\n山田\n");
        assert!(!r.problem.is_empty());
        let r = read("Thanks!\n");
        assert_eq!(r.problem, "Thanks!");
        // A reply that only thanks asks nothing; a thank-you passing a message on does.
        let r =
            read("Thanks!\n\nOn Mon, 3 Jun 2024 Ken wrote:\n> My invitation e-mail never came.\n");
        assert_eq!(r.problem, "");
        let r = read("Thanks, see below.\n\n> My invitation e-mail never came.\n");
        assert_eq!(r.problem, "My invitation e-mail never came.");
        assert!(r.from_history);
    }

    #[test]
    fn crlf_and_nested_history() {
        let mail = "FYI\r\n\r\n-----Original Message-----\r\nFrom: A\r\nSent: today\r\nTo: B\r\n\r\nplease see below\r\n\r\n-----Original Message-----\r\nFrom: C\r\nSent: yesterday\r\nTo: A\r\n\r\nMy Azure AD login ID is unknown.\r\n";
        let r = read(mail);
        assert_eq!(r.problem, "My Azure AD login ID is unknown.");
        assert!(r.from_history);
    }
}

// The regular expressions that find codes in pasted text and the spans a line is never
// broken inside. They are the specification: the crate's build script (build.rs, which
// includes this file) compiles each to a pair of DFAs with regex-automata, the regex
// crate's own engine, and the program only searches those tables (`matcher`). The
// property tests hold every search to the `regex` crate's matches of these patterns.
//
// The text searched is already folded to upper case, so the patterns need no
// case-insensitive mode, and they spell out ASCII classes.

/// Pieces of pasted text that hold digits but are never error codes: URLs, e-mail
/// addresses, GUIDs (request and correlation ids), dates, times and timestamps.
pub const NOT_A_CODE_PATTERN: &str = concat!(
    r"(?:HTTPS?|FTP)://[^ \t\r\n<>]+",
    r"|WWW\.[^ \t\r\n<>]+",
    r"|[A-Z0-9._%+\-]+@[A-Z0-9\-]+(?:\.[A-Z0-9\-]+)+",
    r"|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?",
    r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?",
);

/// A number right after a label that says it is an error code ("Error Code: 50020",
/// "エラー コード: 53003", "error code 1014"). The number is the group, and every match
/// ends with it (no label ends in a digit).
pub const LABELLED_PATTERN: &str = r"(?:ERROR[ \t]*CODE|ERR(?:OR)?[ \t]*NO\.?|エラー[ \t]*コード|エラー[ \t]*番号)[ \t]*[:=#]?[ \t]*([0-9]{4,8})";

/// Microsoft's own error page address (`login.microsoftonline.com/error?code=50020`): the
/// code is the AADSTS number, the group, with which every match ends.
pub const ERROR_URL_PATTERN: &str =
    r"MICROSOFT[A-Z.]*/(?:[^ \t\r\n?]*/)?ERROR\?(?:[^ \t\r\n]*&)?CODE=([0-9]{4,8})";

/// Error codes as printed: spans a line is never broken inside, as URLs and e-mail
/// addresses.
pub const UNBROKEN_CODES_PATTERN: &str = r"(?:AADSTS|AADB2B|SSPR)[_\-]?[0-9]+";

/// Each pattern compiled by the build script, with the name of its tables.
pub const COMPILED: [(&str, &str); 4] = [
    ("not_a_code", NOT_A_CODE_PATTERN),
    ("labelled", LABELLED_PATTERN),
    ("error_url", ERROR_URL_PATTERN),
    ("unbroken_codes", UNBROKEN_CODES_PATTERN),
];

//! Every message of the tool, in both languages, in this one file: a translator finds
//! them all here. (The FAQ's own text is data, in `data/`; the command-line help is in
//! `cli.rs`, with its Japanese beside the English.)

use std::borrow::Cow;

use crate::lang::Lang;

/// A fixed text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct T {
    pub ja: &'static str,
    pub en: &'static str,
}

impl T {
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn t(ja: &'static str, en: &'static str) -> T {
    T { ja, en }
}

// ---- Labels of the output ----------------------------------------------------------
pub const CODES: T = t("エラーコード", "Error codes");
pub const SEE_ALSO: T = t("関連", "See also");
pub const NOTE: T = t(
    "補足（FAQ本文ではありません）",
    "Note (not part of the FAQ)",
);
pub const SOURCE: T = t("出典", "Source");
pub const NOTES_WHOLE: T = t(
    "（--notes を付けると補足を出典とともに全文表示します）",
    "(--notes shows the notes whole, with their sources)",
);
pub const CONTACT: T = t("お問い合わせ", "Contact");
pub const ALSO: T = t("ほかの候補", "Other matches");
pub const MATCHED: T = t("一致した語", "Matched");
pub const CLOSE: T = t(
    "次の項目もほぼ同じくらい当てはまります:",
    "These entries fit almost as well:",
);

// ---- Search ------------------------------------------------------------------------
pub const VAGUE_HEAD: T = t(
    "この説明に当てはまるFAQの項目が複数あります。当てはまるものをご覧ください:",
    "Your description fits several FAQ entries. Open the one that matches:",
);
pub const VAGUE_TIP: T = t(
    "画面に表示されたメッセージやエラーコード、何を入力したかを添えて検索すると、1つに絞り込めます。",
    "Add what the screen says (its message or error code) or what you typed, and the search can pick one.",
);
pub const SEARCHED_AS_SYMPTOM: T = t(
    "入力にエラーコードが見つからなかったため、症状として検索しました。",
    "No error code found in the text; searched it as a symptom instead.",
);

/// Over a topic outside the FAQ.
pub const OUTSIDE_FAQ: T = t(
    "この問題は SPHERE の FAQ にはありません。",
    "This problem is not in the SPHERE FAQ.",
);

/// A bare number of SPHERE's (1014) read as another product's code.
pub fn code_elsewhere(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "この文章の {code} は、SPHERE のエラーコード {code} ではなく、別の製品やサービスのコードのようです。SPHERE の FAQ にはその回答はありません。"
        ),
        Lang::En => format!(
            "The {code} in this text looks like another product's or service's code, not SPHERE's error code {code}. The SPHERE FAQ has no answer for it."
        ),
    }
}

/// Nothing in the FAQ matches `q` (already made safe and short).
pub fn no_match(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "「{q}」に当てはまるFAQの項目は見つかりませんでした。別の言葉で検索するか、sphere-faq list で質問の一覧をご覧ください。解決しない場合はヘルプデスクへお問い合わせください。"
        ),
        Lang::En => format!(
            "No FAQ entry matches “{q}”. Try other words, or see every question with `sphere-faq list`. If you are still stuck, contact the helpdesk."
        ),
    }
}

/// `show` for an id the FAQ does not have.
pub fn no_entry(lang: Lang, id: &str, first: &str, last: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "「{id}」という番号の質問はありません（{first}〜{last}）。一覧は sphere-faq list で表示できます。"
        ),
        Lang::En => {
            format!(
                "There is no entry “{id}” (the FAQ has {first} to {last}); see `sphere-faq list`."
            )
        }
    }
}

// ---- Guided mode, the helpdesk block, the console --------------------------------
pub const GUIDE_INTRO: T = t(
    "番号か言葉を入力して Enter を押してください（q で終了）。",
    "Type a number or your own words and press Enter (q to quit).",
);
pub const GUIDE_PASTE: T = t(
    "エラー画面を貼り付けるか、エラーコードを入力してください。最後に空の行で Enter を押します。",
    "Paste the error page or type the error code, then press Enter on an empty line.",
);
pub const GUIDE_PASTED: T = t(
    "貼り付けを受け取りました。空の行で Enter を押すと回答します。",
    "Paste received. Press Enter on an empty line for the answer.",
);
pub const GUIDE_AGAIN: T = t(
    "もう一度、当てはまるものを選んでください。",
    "Choose again from the questions.",
);
pub const GUIDE_TYPE: T = t(
    "困っていることを入力してください。",
    "Type what is wrong, in your own words.",
);

/// A number that is no choice of the question.
pub fn guide_no_choice(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("1〜{n} の番号を入力してください。"),
        Lang::En => format!("Type a number from 1 to {n}."),
    }
}

pub const HELPDESK_HEAD: T = t("ヘルプデスクへの連絡用", "For the helpdesk");
pub const HELPDESK_COPY: T = t(
    "次の内容をメールに貼り付けて、ヘルプデスクに送ってください（このツールは何も送信しません）。",
    "Copy this into a mail to the helpdesk (this tool sends nothing).",
);
pub const HELPDESK_TO: T = t("宛先", "To");
/// The labels of the details, in the order of `helpdesk::Details`.
pub const HELPDESK_FIELDS: [T; 6] = [
    t("エラーコード", "Error code"),
    t("アカウント", "Account"),
    t("要求 ID", "Request Id"),
    t("相関 ID", "Correlation Id"),
    t("タイムスタンプ", "Timestamp"),
    t("アプリ名", "App name"),
];
pub const PRESS_ENTER: T = t("Enter キーで閉じます", "Press Enter to close");

// ---- Codes -------------------------------------------------------------------------
pub const NOT_IN_FAQ: T = t("SPHERE FAQ に記載のないコードです", "not in the SPHERE FAQ");
pub const SUMMARY_BY_US: T = t(
    "以下は Microsoft の公開資料をもとにした sphere-faq の要約です（ヘルプデスクの回答ではありません）:",
    "Summary by sphere-faq from Microsoft's documentation (not the helpdesk's words):",
);
pub const WHAT_YOU_CAN_DO: T = t("できること", "What you can do");
pub const ASK_ADMIN: T = t(
    "ご自身の組織のIT担当者（システム管理者）にお問い合わせください。",
    "Ask your own organization's IT administrator.",
);
pub const ASK_ADMIN_OR_HELPDESK: T = t(
    "ご自身の組織のIT担当者、またはSPHEREヘルプデスクにお問い合わせください。",
    "Ask your own organization's IT administrator or the SPHERE helpdesk.",
);
pub const CLOSEST_ENTRY: T = t("最も近いFAQの項目:", "Closest FAQ entry:");
pub const DID_YOU_MEAN: T = t("もしかして", "Did you mean");
/// Near misses of a code Microsoft may define: named as a possible slip only.
pub const IF_MISTYPED: T = t("入力の誤りなら", "If you mistyped it");
pub const MICROSOFT_PAGE: T = t("Microsoft の説明", "Microsoft's explanation");

/// A code known to neither the FAQ nor the catalog (`code` is already coloured).
pub fn unknown_code(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Ja => format!("{code} は SPHERE FAQ に記載のないコードです。"),
        Lang::En => format!("{code} is not in the SPHERE FAQ."),
    }
}

// ---- Errors (after "sphere-faq: error:") -------------------------------------------
pub const ERROR: T = t("エラー", "error");

/// What went wrong with the input, rendered in the user's language when it is reported.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    CodeNeedsText,
    CodeEmpty,
    SearchNeedsText,
    SearchEmpty,
    NeedsText,
    Empty,
    NotACommand { word: String, meant: String },
    ArgNotUnicode { n: usize, shown: String },
    StdinUnreadable(String),
    StdinTooLong(usize),
    StdinNotText,
    InputTooLong(usize),
    Mangled,
    CannotWrite(String),
    CannotWriteFile { path: String, reason: String },
    DatabaseInvalid(String),
}

impl Problem {
    pub fn text(&self, lang: Lang) -> Cow<'static, str> {
        use Problem::*;
        let ja = lang == Lang::Ja;
        match self {
            CodeNeedsText => Cow::Borrowed(if ja {
                "コードを指定するか（sphere-faq code AADSTS50020）、エラーの文章をパイプで渡してください（… | sphere-faq code）"
            } else {
                "give a code (sphere-faq code AADSTS50020) or pipe the error text in (… | sphere-faq code)"
            }),
            CodeEmpty => Cow::Borrowed(if ja {
                "コードを探す文章がありません（入力が空です）"
            } else {
                "no text to look for a code in (the input is empty)"
            }),
            SearchNeedsText => Cow::Borrowed(if ja {
                "困っていることを書いてください（sphere-faq search 招待メールが届かない）。パイプで渡すこともできます"
            } else {
                "give what you see or want to do (sphere-faq search invitation not received), or pipe it in"
            }),
            SearchEmpty => Cow::Borrowed(if ja {
                "検索する言葉が空です"
            } else {
                "the search query is empty"
            }),
            NeedsText => Cow::Borrowed(if ja {
                "エラーコード、エラーメッセージ、または質問を書いてください: sphere-faq AADSTS50020、sphere-faq パスワードを忘れた（詳しくは sphere-faq --help）"
            } else {
                "give an error code, the error message or your question: sphere-faq AADSTS50020, sphere-faq パスワードを忘れた (sphere-faq --help for more)"
            }),
            Empty => Cow::Borrowed(if ja {
                "入力が空です"
            } else {
                "the input is empty"
            }),
            NotACommand { word, meant } => Cow::Owned(if ja {
                format!(
                    "「{word}」というコマンドはありません。`{meant}` のことですか？（コマンドの一覧は sphere-faq --help）"
                )
            } else {
                format!(
                    "{word:?} is not a command; did you mean `{meant}`? (sphere-faq --help lists the commands)"
                )
            }),
            ArgNotUnicode { n, shown } => Cow::Owned(if ja {
                format!(
                    "{n} 番目の引数が正しい Unicode ではありません（{shown}）。入力し直すか、標準入力に貼り付けてください"
                )
            } else {
                format!(
                    "argument {n} is not valid Unicode ({shown}); type it again or paste it into standard input"
                )
            }),
            StdinUnreadable(reason) => Cow::Owned(if ja {
                format!("標準入力を読めません: {reason}")
            } else {
                format!("cannot read standard input: {reason}")
            }),
            StdinTooLong(max) => Cow::Owned(if ja {
                format!(
                    "標準入力が {max} バイトを超えています。エラーメッセージの部分だけを貼り付けてください"
                )
            } else {
                format!("standard input is longer than {max} bytes; paste only the error message")
            }),
            StdinNotText => Cow::Borrowed(if ja {
                "標準入力が文字ではありません（NUL や制御文字、読めないバイトが含まれています。画像やプログラムなどのファイルではありませんか）。エラーメッセージの文章を貼り付けてください"
            } else {
                "standard input is not text (it holds NUL bytes or many control or undecodable bytes: an image, a program or an archive?); paste the error message as text"
            }),
            InputTooLong(max) => Cow::Owned(if ja {
                format!(
                    "入力が {max} バイトを超えています。エラーメッセージの部分だけを貼り付けてください"
                )
            } else {
                format!("the input is longer than {max} bytes; paste only the error message")
            }),
            Mangled => Cow::Borrowed(if ja {
                "入力が「???」になっています（Windows PowerShell 5.1 はパイプに渡す日本語を ? に変えます）。次の1行を実行してから、もう一度お試しください: $OutputEncoding = [Console]::OutputEncoding = [System.Text.UTF8Encoding]::new()"
            } else {
                "the text arrived as ??? (Windows PowerShell 5.1 turns Japanese sent into a pipe into ?); run this line, then try again: $OutputEncoding = [Console]::OutputEncoding = [System.Text.UTF8Encoding]::new()"
            }),
            CannotWrite(reason) => Cow::Owned(if ja {
                format!("出力を書き込めません: {reason}")
            } else {
                format!("cannot write output: {reason}")
            }),
            CannotWriteFile { path, reason } => Cow::Owned(if ja {
                format!("{path} に書き込めません: {reason}")
            } else {
                format!("cannot write {path}: {reason}")
            }),
            DatabaseInvalid(path) => Cow::Owned(if ja {
                format!("{path}: データベースに問題があります")
            } else {
                format!("{path}: the database is not valid")
            }),
        }
    }
}

/// A text over the query's limit, of which the first part was read (on stderr).
pub fn read_first_part(lang: Lang, max: usize) -> String {
    let kb = max / 1024;
    match lang {
        Lang::Ja => {
            format!("sphere-faq: 注意: 文章が長いため、最初の {kb} KB だけを読んで答えました。")
        }
        Lang::En => {
            format!("sphere-faq: note: the text is long; only its first {kb} KB were read.")
        }
    }
}

/// What to do while standard input is read from a terminal: paste, then end the input.
pub fn paste_prompt(lang: Lang, platform: crate::lang::Platform) -> &'static str {
    let windows = platform == crate::lang::Platform::Windows;
    match (lang, windows) {
        (Lang::Ja, false) => {
            "エラー画面の文章やメールを貼り付け、Enter のあと Ctrl+D を押してください。"
        }
        (Lang::Ja, true) => {
            "エラー画面の文章やメールを貼り付け、Enter のあと Ctrl+Z を押してから Enter を押してください。"
        }
        (Lang::En, false) => "Paste the error page or e-mail, then press Enter and Ctrl+D.",
        (Lang::En, true) => {
            "Paste the error page or e-mail, then press Enter, Ctrl+Z and Enter again."
        }
    }
}

// ---- Command-line usage errors (clap's, in Japanese) --------------------------------
// ---- Triage (`sphere-faq triage`) ---------------------------------------------------
pub const TRIAGE_HEADINGS: [T; 9] = [
    t("#", "#"),
    t("日時", "Date"),
    t("差出人", "From"),
    t("件名", "Subject"),
    t("回答", "Answer"),
    t("確度", "Confidence"),
    t("ほかの候補", "Also"),
    t("コード", "Codes"),
    t("スレッド", "Thread"),
];
pub const TRIAGE_NOT_READ: T = t("読めなかったメール:", "Not read:");
pub const TRIAGE_NO_MAIL: T = t(
    "メールが見つかりませんでした（.eml、.mbox のファイルまたはそれを含むフォルダを指定してください）。",
    "No mail found (give .eml or .mbox files, or folders holding them).",
);

/// The last lines of the table: how many mails, answered, to review, not read.
pub fn triage_summary(
    lang: Lang,
    mails: usize,
    threads: usize,
    sure: usize,
    review: usize,
    failed: usize,
) -> String {
    match lang {
        Lang::Ja => format!(
            "メール {mails} 通（スレッド {threads} 件）: FAQで回答できるもの {sure} 件、要確認 {review} 件、読めなかったもの {failed} 通"
        ),
        Lang::En => format!(
            "{mails} mails ({threads} threads): {sure} answered from the FAQ, {review} to review, {failed} not read"
        ),
    }
}

pub fn drafts_written(lang: Lang, n: usize, dir: &str) -> String {
    match lang {
        Lang::Ja => format!("返信の下書き {n} 件を {dir} に書き出しました（送信はしていません）。"),
        Lang::En => format!("{n} reply drafts written to {dir} (nothing was sent)."),
    }
}

pub fn csv_written(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Ja => format!("一覧を {path} に書き出しました。"),
        Lang::En => format!("The table was written to {path}."),
    }
}

/// Why a mail could not be read.
pub fn unread(lang: Lang, reason: &crate::mail::Unread) -> String {
    use crate::mail::Unread::*;
    let ja = lang == Lang::Ja;
    match reason {
        Io(why) => {
            if ja {
                format!("読めません: {why}")
            } else {
                format!("cannot read: {why}")
            }
        }
        OutlookMsg => (if ja {
            "Outlook の .msg ファイルには対応していません。メールを .eml として保存するか、添付ファイルとして転送したものを読み込んでください"
        } else {
            "Outlook .msg files are not supported: save the mail as .eml, or forward it as an attachment and read that"
        })
        .to_string(),
        NotAMail => (if ja {
            "メールではありません（From、Date、Subject などのヘッダーがありません）"
        } else {
            "not a mail (no From, Date, Subject or Message-ID header)"
        })
        .to_string(),
        NoSender => (if ja {
            "差出人（From）がありません"
        } else {
            "no sender (From header)"
        })
        .to_string(),
        NoText => (if ja {
            "本文がありません（テキストも HTML もないか、空です）"
        } else {
            "no text in the body (no text or HTML part, or an empty one)"
        })
        .to_string(),
        TooLarge => {
            let mib = crate::mail::MAX_MAIL_BYTES / (1024 * 1024);
            if ja {
                format!("{mib} MiB を超えるメールは読みません")
            } else {
                format!("larger than {mib} MiB")
            }
        }
        NotMailFile => (if ja {
            "メール（.eml）でも mbox でもフォルダでもありません"
        } else {
            "neither a mail (.eml), an mbox nor a folder"
        })
        .to_string(),
    }
}

// ---- Reply drafts (in the sender's language) ------------------------------------------
pub const DRAFT_TO: T = t("宛先", "To");
pub const DRAFT_SUBJECT: T = t("件名", "Subject");
pub const DRAFT_FAQ: T = t("FAQ", "FAQ");
pub const DRAFT_CONFIDENCE: T = t("確度", "confidence");
pub const DRAFT_ABOVE: T = t(
    "（この線より上は確認用です。返信には含めないでください）",
    "(Everything above this line is for review; leave it out of the reply.)",
);
pub const DRAFT_OPENING: T = t(
    "お世話になっております。SPHEREヘルプデスクです。",
    "Thank you for contacting us. This is the SPHERE Helpdesk.",
);
pub const DRAFT_LEAD: T = t(
    "お問い合わせの件について、下記のとおりご案内いたします。",
    "Regarding your inquiry, please see the following.",
);
pub const DRAFT_CLOSING: T = t("よろしくお願いいたします。", "Best regards,");

/// 「山田 太郎様」 / "Dear Taro Yamada,"; without a name 「ご担当者様」 / "Hello,".
pub fn draft_salutation(lang: Lang, name: Option<&str>) -> String {
    match (lang, name) {
        (Lang::Ja, Some(n)) if n.ends_with('様') => n.to_string(),
        (Lang::Ja, Some(n)) => format!("{n}様"),
        (Lang::Ja, None) => "ご担当者様".to_string(),
        (Lang::En, Some(n)) => format!("Dear {n},"),
        (Lang::En, None) => "Hello,".to_string(),
    }
}

/// Why a draft has no answer, in the place of the answer: never an answer made up.
#[derive(Debug, Clone, PartialEq)]
pub enum Placeholder {
    /// Several entries fit: which is for a person to tell.
    Candidates(Vec<String>),
    /// A code the FAQ does not answer, with the entries that may help.
    Related { code: String, entries: Vec<String> },
    /// About another service or topic.
    OtherTopic,
    /// Nothing in the FAQ.
    NoAnswer,
}

pub fn draft_placeholder(lang: Lang, p: &Placeholder) -> String {
    let ja = lang == Lang::Ja;
    let list = |v: &[String]| v.join(if ja { "、" } else { ", " });
    let why = match p {
        Placeholder::Candidates(c) if ja => {
            format!("FAQの回答を1つに絞れませんでした（候補: {}）。", list(c))
        }
        Placeholder::Candidates(c) => format!(
            "The FAQ answer could not be narrowed to one entry (candidates: {}).",
            list(c)
        ),
        Placeholder::Related { code, entries } if ja => {
            if entries.is_empty() {
                format!("エラーコード {code} は SPHERE FAQ に記載がありません。")
            } else {
                format!(
                    "エラーコード {code} は SPHERE FAQ に記載がありません（関連: {}）。",
                    list(entries)
                )
            }
        }
        Placeholder::Related { code, entries } => {
            if entries.is_empty() {
                format!("Error code {code} is not in the SPHERE FAQ.")
            } else {
                format!(
                    "Error code {code} is not in the SPHERE FAQ (related: {}).",
                    list(entries)
                )
            }
        }
        Placeholder::OtherTopic if ja => {
            "SPHERE FAQ の対象外のお問い合わせと思われます。".to_string()
        }
        Placeholder::OtherTopic => "This looks like a question outside the SPHERE FAQ.".to_string(),
        Placeholder::NoAnswer if ja => "FAQに当てはまる回答が見つかりませんでした。".to_string(),
        Placeholder::NoAnswer => "No FAQ entry answers this mail.".to_string(),
    };
    if ja {
        format!("【要確認】{why}メールを読み、ここに回答を記入してください。")
    } else {
        format!("[TO REVIEW] {why} Read the mail and write the answer here.")
    }
}

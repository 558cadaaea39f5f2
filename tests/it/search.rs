//! Symptom search behaviour: wording, typos, widths, mixed languages, codes inside a
//! query, abstention, and how the answer is shown.

use crate::common::run;

fn top(args: &[&str]) -> Option<String> {
    let mut a = vec!["search"];
    a.extend_from_slice(args);
    a.push("--json");
    run(&a).ids().into_iter().next()
}

#[test]
fn the_issue_examples() {
    assert_eq!(
        top(&["招待メール、ゴミ箱に入れたかも"]).as_deref(),
        Some("Q3")
    );
    assert_eq!(top(&["the invite never showed up"]).as_deref(), Some("Q2"));
    assert!(matches!(
        top(&["pasword wont work"]).as_deref(),
        Some("Q7" | "Q8")
    ));
    assert!(matches!(
        top(&["ﾛｸﾞｲﾝできない"]).as_deref(),
        Some("Q11" | "Q8" | "Q17")
    ));
    assert_eq!(top(&["メアド", "change"]).as_deref(), Some("Q10"));
}

#[test]
fn a_problem_is_answered_whether_or_not_it_names_the_portal() {
    // The corpus's writers mostly named SPHERE; people at its sign-in screen mostly do not.
    for (named, unnamed, id) in [
        ("SPHEREの招待メールが届かない", "招待メールが届かない", "Q2"),
        ("I forgot my SPHERE password", "I forgot my password", "Q9"),
        (
            "Guest with gmail is prompted for a password on SPHERE",
            "Guest w gmail is prompted for password",
            "Q7",
        ),
    ] {
        assert_eq!(top(&[named]).as_deref(), Some(id), "{named}");
        assert_eq!(top(&[unnamed]).as_deref(), Some(id), "{unnamed}");
    }
}

#[test]
fn everyday_sign_in_trouble_that_names_nothing_is_still_answered() {
    // Found in review: a guard against answering "what time is it" had dropped these.
    for q in ["can't get in", "it won't let me in"] {
        assert_eq!(top(&[q]).as_deref(), Some("Q11"), "{q}");
    }
    // A vague sign-in problem lists sign-in entries, not the invitation mail's (the
    // ranking alone put Q3, Q4, Q5 first for its incidental うまくいき).
    for q in ["ログインがうまくいきません", "サインインがうまくいきません"]
    {
        let r = run(&["search", q, "--json"]);
        assert_eq!(r.json()["confidence"], "vague", "{q}");
        let ids = r.ids();
        assert!(
            matches!(
                ids.first().map(String::as_str),
                Some("Q6" | "Q7" | "Q8" | "Q11")
            ),
            "{q}: {ids:?}"
        );
    }
}

#[test]
fn typos_are_tolerated() {
    assert_eq!(
        top(&["invitaton email not recieved"]).as_deref(),
        Some("Q2")
    );
    assert_eq!(top(&["emial adress change"]).as_deref(), Some("Q10"));
}

#[test]
fn width_and_kana_variants_meet() {
    assert_eq!(top(&["ﾊﾟｽﾜｰﾄﾞ変更"]), top(&["パスワード変更"]));
    assert_eq!(top(&["ぱすわーど変更"]), top(&["パスワード変更"]));
    assert_eq!(
        top(&["ＲＥＳＥＴ　ＰＡＳＳＷＯＲＤ"]).as_deref(),
        Some("Q9")
    );
}

#[test]
fn a_code_inside_a_query_decides() {
    assert_eq!(
        top(&["AADSTS50020 when signing in"]).as_deref(),
        Some("Q13")
    );
    assert_eq!(
        top(&["password problem aadb2b-0005"]).as_deref(),
        Some("Q16")
    );
    assert_eq!(top(&["1014エラー"]).as_deref(), Some("Q12"));
}

#[test]
fn either_language_finds_the_entry_and_answers_in_the_chosen_one() {
    let r = run(&["search", "deleted", "the", "invitation", "--lang", "ja"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("Q3  招待メールを破棄してしまった場合\n"),
        "{}",
        r.stdout
    );
    let r = run(&["search", "招待メールを削除"]);
    assert!(
        r.stdout
            .starts_with("Q3  招待メールを破棄してしまった場合\n"),
        "a Japanese query is answered in Japanese"
    );
    let r = run(&["search", "招待メールを削除", "--lang", "en"]);
    assert!(
        r.stdout
            .starts_with("Q3  When you delete the invitation email\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn off_topic_queries_answer_nothing() {
    for q in [
        "book a flight",
        "lunch menu",
        "会議室の予約",
        "quarterly sales report",
        // Everyday words that name nothing of the FAQ are not answered on the model's
        // word alone.
        "what time is it",
        "今日の天気は？",
    ] {
        let r = run(&["search", q, "--json"]);
        assert_eq!(r.code, 1, "{q}");
        assert_eq!(r.ids(), Vec::<String>::new(), "{q}");
        assert_eq!(r.json()["contact"]["email"], "sphere-helpdesk@sony.com");
    }
    let r = run(&["search", "会議室の予約"]);
    assert!(r.stdout.contains("見つかりませんでした"), "{}", r.stdout);
    assert!(r.stdout.contains("sphere-helpdesk@sony.com"));
}

#[test]
fn shows_what_matched_and_highlights_it_on_a_terminal() {
    let plain = run(&["search", "reset", "password"]);
    assert!(
        plain.stdout.contains("Matched: reset, password"),
        "{}",
        plain.stdout
    );
    assert!(plain.stdout.contains("Other matches"));
    let coloured = run(&["search", "reset", "password", "--color", "always"]);
    // The term is wrapped in bold yellow wherever it stands in the answer.
    assert!(
        coloured.stdout.contains("\u{1b}[1;33mpassword\u{1b}[0m"),
        "{}",
        coloured.stdout
    );
    let ja = run(&["search", "ぱすわーど"]);
    assert!(
        ja.stdout.contains("一致した語: ぱすわーど"),
        "{}",
        ja.stdout
    );
}

#[test]
fn limit_caps_the_results() {
    let r = run(&["search", "password", "--limit", "1", "--json"]);
    assert_eq!(r.ids().len(), 1);
    let r = run(&["search", "password", "--limit", "3", "--json"]);
    assert!(r.ids().len() <= 3 && !r.ids().is_empty());
}

/// The JSON of `search` for one query.
fn search_json(q: &str) -> serde_json::Value {
    run(&["search", q, "--json"]).json()
}

#[test]
fn the_first_things_people_type_issue_9() {
    // Vague: no single entry, so the likely ones, never the 1014 or Concur entry.
    for q in [
        "SPHEREにログインできない",
        "I can't log in to SPHERE",
        "ログインできない",
        "I can't log in",
    ] {
        let r = run(&["search", q, "--json"]);
        assert_eq!(r.json()["confidence"], "vague", "{q}");
        let ids = r.ids();
        assert!(ids.len() >= 2, "{q}: {ids:?}");
        assert!(
            !ids.iter()
                .any(|id| ["Q12", "Q13", "Q14", "Q15", "Q16"].contains(&id.as_str())),
            "{q}: {ids:?}"
        );
    }
    // Another service's password is not SPHERE's.
    let j = search_json("Gmailのパスワードを忘れました");
    assert_eq!(j["confidence"], "none");
    assert_eq!(j["reason"], "other_service");
    assert!(j["results"].as_array().unwrap().is_empty());
    // A text that names no other service is never told it is about one, whatever the
    // model makes of it.
    for q in [
        "ログイン出来ないでう",
        "lunch menu",
        "cant access sphere",
        "画面が進まない",
    ] {
        let j = search_json(q);
        assert_ne!(j["reason"], "other_service", "{q}");
    }
}

#[test]
fn a_vague_query_shows_its_candidates_with_the_command_to_open_each() {
    let r = run(&["search", "ログインできない"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("当てはまるFAQの項目が複数あります"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("sphere-faq show Q11"), "{}", r.stdout);
    // The guide's question for it (data/guide.json), each choice with its command.
    assert!(
        r.stdout.contains("どの画面で止まりますか？"),
        "{}",
        r.stdout
    );
    let j = run(&["search", "I can't sign in", "--json"]).json();
    assert_eq!(j["clarify"]["question"], "Where does it stop?");
    let commands: Vec<&str> = j["clarify"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert!(commands.contains(&"sphere-faq show Q11"), "{commands:?}");
    // No entry is printed in full: no answer text, only one line each.
    assert!(!r.stdout.contains("すべてからサインアウト"), "{}", r.stdout);
    let r = run(&["search", "I can't log in", "--lang", "en"]);
    assert!(
        r.stdout.contains("fits several FAQ entries"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("sphere-faq show Q6"), "{}", r.stdout);
}

#[test]
fn a_long_email_is_read_for_its_problem_not_its_greetings() {
    let mail = "いつも大変お世話になっております。有限会社ハマダ精工の浜田でございます。\
        先週金曜日にGID発行のご連絡をいただきましたが、Microsoftからの招待メールが本日時点でもまだ\
        届いておりません。迷惑メールフォルダも確認いたしました。何卒よろしくお願いいたします。";
    assert_eq!(top(&[mail]).as_deref(), Some("Q2"));
    // 届いた (arrived) is not 届いていない (not arrived).
    let arrived = "本日届いた招待メールの承諾ボタンを押したところ「招待の利用に失敗しました」と表示されました";
    assert_eq!(top(&[arrived]).as_deref(), Some("Q4"));
    let english = "Dear SPHERE team, Good day to you. My name is Ana from Lisbon Parts Lda. \
        I think I deleted the invitation from Microsoft by mistake. Can you help? \
        Thank you very much for your kind support. Best regards, Ana";
    assert_eq!(top(&[english]).as_deref(), Some("Q3"));
}

/// A message is read for the sender's own words: a quoted notice below them does not
/// outweigh their one sentence, and a reply that says thanks, or asks about something
/// else, is not its thread's question again.
#[test]
fn a_reply_is_read_for_its_own_words_not_its_thread() {
    let own_words = "招待メールがまだ届きません。\n\n> 招待メールに従って初期設定を行ってください。\n> SPHERE事務局";
    assert_eq!(top(&[own_words]).as_deref(), Some("Q2"));
    for reply in [
        "Thanks, that fixed it! All good now.\n\nOn Mon, 3 Jun 2024 Helpdesk wrote:\n\
         > Please check your junk folder for the invitation e-mail.\n>> I never received the invitation e-mail.",
        "the steps below worked, thanks\n\n> Please sign out of every Microsoft account first.\n>> AADSTS50020 when I sign in",
        "Could you also reset my VPN token? It expired.\n\n> Your SPHERE invitation e-mail was resent yesterday.",
        "Thanks!\n\nOn Mon, 3 Jun 2024 Helpdesk <sphere-helpdesk@sony.com> wrote:\n\
         > Please sign out of every account.\n>\n> > I get AADSTS50020 when I sign in.",
        "ありがとうございます！\n\n2024年6月3日(月) 9:12 ヘルプデスク <sphere-helpdesk@sony.com>:\n\
         > 迷惑メールフォルダをご確認ください。\n> > 招待メールが届きません。",
    ] {
        assert_eq!(top(&[reply]), None, "{reply}");
    }
    // A note that passes the history on still has it read.
    for passed_on in [
        "FYI\n\n> I never got the invitation e-mail.",
        "Thanks, see below.\n\n> I never got the invitation e-mail.",
    ] {
        assert_eq!(top(&[passed_on]).as_deref(), Some("Q2"), "{passed_on}");
    }
}

#[test]
fn ordinary_words_are_not_corrected_into_faq_words() {
    let engine = sphere_faq::Engine::load().unwrap();
    let terms = engine
        .index()
        .query_terms("I looked for a great gmail theme, recieved nothing");
    let tokens: Vec<&str> = terms.iter().map(|t| t.token.as_str()).collect();
    // looked is not locked (#reset), great is not create, gmail is not email (#mail) ...
    for wrong in ["#reset", "creat", "#create", "#mail", "email"] {
        assert!(!tokens.contains(&wrong), "{wrong} in {tokens:?}");
    }
    // ... but a real slip is still read: recieved is received.
    assert!(terms.iter().any(|t| t.fuzzy), "{tokens:?}");
}

#[test]
fn search_and_code_agree_on_codes_written_in_many_ways() {
    for (text, id) in [
        ("screen shows Error code AADB2B_OOO1", "Q15"),
        ("AADSTS5OO2O when I sign in", "Q13"),
        ("got AAD B2B_0005 in the browser", "Q16"),
        ("SPHERE ｴﾗｰ Error Code : 1O14", "Q12"),
        ("https://login.microsoftonline.com/error?code=50020", "Q13"),
        ("Error Code: 50061", "Q14"),
    ] {
        assert_eq!(top(&[text]).as_deref(), Some(id), "search {text}");
        let r = run(&["code", text, "--json"]);
        assert_eq!(r.ids().first().map(String::as_str), Some(id), "code {text}");
    }
}

#[test]
fn the_new_name_entra_finds_the_sign_in_entries() {
    for q in [
        "Entra ID サインインできない",
        "エントラにログインできない",
        "ME-IDのパスワードを忘れた",
    ] {
        let r = run(&["search", q, "--json"]);
        assert_eq!(r.code, 0, "{q}");
        let ids = r.ids();
        assert!(
            ids.iter()
                .any(|id| ["Q6", "Q7", "Q8", "Q9", "Q11", "Q17"].contains(&id.as_str())),
            "{q}: {ids:?}"
        );
    }
}

/// A long pasted thread is read as the search reads it: the sender's own words count
/// against the query's limit, not the quoted history below them.
#[test]
fn a_long_thread_with_a_short_message_of_its_own_is_answered() {
    let mut mail = String::from(
        "Hello,\nthe invitation email never arrived, can you resend it?\n\nBest regards,\nJohn\n\n-----Original Message-----\nFrom: Helpdesk\nSent: Monday\n",
    );
    for _ in 0..600 {
        mail.push_str("> earlier text about something else entirely, quoted history line\n");
    }
    assert!(mail.len() > sphere_faq::input::MAX_QUERY_BYTES);
    let r = crate::common::run_with(&["--json"], &[], Some(mail.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.ids().first().map(String::as_str), Some("Q2"));
}

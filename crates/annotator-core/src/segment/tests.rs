//! The segmenter's unit tests: one rule per test, on the shortest text that shows it (the
//! golden rules, the news cases and the property tests live in tests/native).

use super::*;

fn sents(text: &str) -> Vec<&str> {
    segment(text).iter().map(|s| &text[s.start..s.end]).collect()
}

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    assert_eq!(sents(text), expected, "input: {text:?}");
}

#[test]
fn empty_and_blank() {
    check("", &[]);
    check("  \n\n \t ", &[]);
    check("  One.  ", &["One."]);
}

#[test]
fn an_abbreviation_then_an_opening_parenthesis_at_the_very_end() {
    // Found by the property tests: the look for a name after "(" ran past the text's end.
    for text in ["U.S.\u{85}(", "U.S. (", "U.S.("] {
        let spans = segment(text);
        assert!(!spans.is_empty(), "{text:?}");
        assert_eq!(spans.last().map(|s| s.end), Some(text.len()), "{text:?}: the end is kept");
    }
}

#[test]
fn headlines_and_subheads() {
    check(
        "Russia rejects US claims\n\nThe ministry said so. It added more.\n\nTalks to resume today\n\nMore follows.",
        &[
            "Russia rejects US claims",
            "The ministry said so.",
            "It added more.",
            "Talks to resume today",
            "More follows.",
        ],
    );
    // A single line break after a headline also ends it.
    check("Markets fall sharply\nStocks fell on Monday.", &["Markets fall sharply", "Stocks fell on Monday."]);
}

#[test]
fn wrapped_lines() {
    check(
        "This is a sentence\ncut off in the middle because pdf.",
        &["This is a sentence\ncut off in the middle because pdf."],
    );
    check("It was a cold \nnight in the city.", &["It was a cold \nnight in the city."]);
    check(
        "A long sentence that\nwraps over\nthree lines. Next one.",
        &["A long sentence that\nwraps over\nthree lines.", "Next one."],
    );
    check("features\ncontact manager\nevents, activities\n", &["features", "contact manager", "events, activities"]);
    // A line ending with punctuation always ends.
    check("He left.\nthen he came back.", &["He left.", "then he came back."]);
    // A blank line always ends.
    check("Key points\n\nthe talks went on.", &["Key points", "the talks went on."]);
}

#[test]
fn datelines() {
    check(
        "WASHINGTON (AP) — The State Department on Monday confirmed the letter. Officials declined to comment.",
        &["WASHINGTON (AP) — The State Department on Monday confirmed the letter.", "Officials declined to comment."],
    );
    check(
        "ST. LOUIS (AP) — A judge ruled Friday. The case goes on.",
        &["ST. LOUIS (AP) — A judge ruled Friday.", "The case goes on."],
    );
}

#[test]
fn credits() {
    check(
        "The meeting ended.\n\nImage: AP/Twitter/@RusEmbUSA",
        &["The meeting ended.", "Image: AP/Twitter/@RusEmbUSA"],
    );
    check(
        "The meeting ended.\n\n(Inputs from AP)\n\n(Image: Twitter/MFA_Russia)",
        &["The meeting ended.", "(Inputs from AP)", "(Image: Twitter/MFA_Russia)"],
    );
}

#[test]
fn bullets_and_dash_lists() {
    check(
        "Key points:\n- Sanctions\n- Troops at the border\n• NATO talks",
        &["Key points:", "- Sanctions", "- Troops at the border", "• NATO talks"],
    );
    check("• 9. The first item • 10. The second item", &["• 9. The first item", "• 10. The second item"]);
    check("1) The first item 2) The second item", &["1) The first item", "2) The second item"]);
    check("a. The first item b. The second item", &["a. The first item", "b. The second item"]);
    check("1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]);
}

#[test]
fn quotes_with_attribution() {
    check(
        "\"We will not back down,\" he said. \"We are ready.\"",
        &["\"We will not back down,\" he said.", "\"We are ready.\""],
    );
    check("\"Is it legal?\" she asked. Nobody answered.", &["\"Is it legal?\" she asked.", "Nobody answered."]);
    check(
        "He said, \"This report is not true.\" As per the agency, no.",
        &["He said, \"This report is not true.\"", "As per the agency, no."],
    );
    check("\"Stop!\" he shouted.", &["\"Stop!\" he shouted."]);
}

#[test]
fn curly_quotes() {
    check("“This is great.” She held the book.", &["“This is great.”", "She held the book."]);
    check("“This is great,” she said. ‘Fine.’ He left.", &["“This is great,” she said.", "‘Fine.’", "He left."]);
    check("demands are non-starters,” as per AP. The talks", &["demands are non-starters,” as per AP.", "The talks"]);
}

#[test]
fn parentheses() {
    check(
        "He teaches science (He worked as an engineer.) at the university.",
        &["He teaches science (He worked as an engineer.) at the university."],
    );
    check("He left. (He had a plan.) Then he came back.", &["He left.", "(He had a plan.)", "Then he came back."]);
}

#[test]
fn ellipses() {
    check("I never meant that.... She left the store.", &["I never meant that....", "She left the store."]);
    check("We waited… Nothing came.", &["We waited…", "Nothing came."]);
    check("We waited… and waited.", &["We waited… and waited."]);
    check("the thing is . . . I didn’t mean it.", &["the thing is . . . I didn’t mean it."]);
    check("\"Bohr [...] used stairways [...]\" (Smith 55).", &["\"Bohr [...] used stairways [...]\" (Smith 55)."]);
    check("habit. . . . The practice was not abandoned.", &["habit.", ". . . The practice was not abandoned."]);
}

#[test]
fn decimals_and_money() {
    check("She has $100.00 in her bag.", &["She has $100.00 in her bag."]);
    check("She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]);
    check(
        "Growth was 3.5% in 2021. Prices rose by 1.2 percent.",
        &["Growth was 3.5% in 2021.", "Prices rose by 1.2 percent."],
    );
    check("It cost $4.5 billion. The deal closed.", &["It cost $4.5 billion.", "The deal closed."]);
}

#[test]
fn initials() {
    check("The book by J. K. Rowling sold well.", &["The book by J. K. Rowling sold well."]);
    check("J.R.R. Tolkien wrote it. He was British.", &["J.R.R. Tolkien wrote it.", "He was British."]);
    check("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]);
    check("George W. Bush spoke. He left.", &["George W. Bush spoke.", "He left."]);
}

#[test]
fn titles() {
    for t in ["Gen.", "Sen.", "Rep.", "Mr.", "Dr.", "St.", "Gov.", "Lt.", "Col.", "Prof.", "Mrs.", "Ms.", "Capt."] {
        let text = format!("They met {t} Smith on Monday. It went well.");
        let first = format!("They met {t} Smith on Monday.");
        check(&text, &[first.as_str(), "It went well."]);
    }
    check("Lt. Col. John Smith said no.", &["Lt. Col. John Smith said no."]);
    check(
        "St. Michael's Church is on 5th st. near the light.",
        &["St. Michael's Church is on 5th st. near the light."],
    );
    check("He lives on Main St. The house is old.", &["He lives on Main St.", "The house is old."]);
}

#[test]
fn months() {
    check(
        "Earlier on Dec. 17 last year, Russia released a draft.",
        &["Earlier on Dec. 17 last year, Russia released a draft."],
    );
    check("The vote is set for Sept. 30. Officials agreed.", &["The vote is set for Sept. 30.", "Officials agreed."]);
    check("The vote was held in Jan. The result was close.", &["The vote was held in Jan.", "The result was close."]);
    // "May" is a word: a period after it ends the sentence, except before a day number.
    check("The talks ended in May. Officials met again.", &["The talks ended in May.", "Officials met again."]);
    check("He said Theresa May. Nobody laughed.", &["He said Theresa May.", "Nobody laughed."]);
    check("It happened on May. 5, 2020 in Ohio.", &["It happened on May. 5, 2020 in Ohio."]);
    check("In May the talks resumed.", &["In May the talks resumed."]);
}

#[test]
fn us_mid_and_end() {
    check("I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]);
    check("I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]);
    check("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]);
    check("Troops left the U.S. They flew east.", &["Troops left the U.S.", "They flew east."]);
    check("The U.S. Rep. John Smith said it.", &["The U.S. Rep. John Smith said it."]);
    check("He lives in Washington, D.C. The city is big.", &["He lives in Washington, D.C.", "The city is big."]);
}

#[test]
fn number_abbreviation() {
    check("He is ranked No. 2 in the world.", &["He is ranked No. 2 in the world."]);
    check("Please turn to p. 55.", &["Please turn to p. 55."]);
    check("She said No. The talks failed.", &["She said No.", "The talks failed."]);
    check(
        "You can find it at N°. 1026.253.553. That is where.",
        &["You can find it at N°. 1026.253.553.", "That is where."],
    );
}

#[test]
fn am_pm() {
    check(
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."],
    );
    check("The vote is at 3 p.m. Tuesday in the Senate.", &["The vote is at 3 p.m. Tuesday in the Senate."]);
    check("The vote ended at 3 p.m. The results came later.", &["The vote ended at 3 p.m.", "The results came later."]);
    check("It starts at 9 a.m. and ends at noon.", &["It starts at 9 a.m. and ends at noon."]);
}

#[test]
fn eg_ie() {
    check("Some states, e.g. Texas, objected.", &["Some states, e.g. Texas, objected."]);
    check("Use the main one, i.e. The Times, for that.", &["Use the main one, i.e. The Times, for that."]);
    check("Fruit, e.g. apples. Then more.", &["Fruit, e.g. apples.", "Then more."]);
}

#[test]
fn domains_urls_emails() {
    check(
        "Her email is Jane.Doe@example.com. I sent her an email.",
        &["Her email is Jane.Doe@example.com.", "I sent her an email."],
    );
    check(
        "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
        &["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."],
    );
    check(
        "Amazon.com reported sales. Visit example.org. It is free.",
        &["Amazon.com reported sales.", "Visit example.org.", "It is free."],
    );
    check("Go to www.Example.Com for more.", &["Go to www.Example.Com for more."]);
}

#[test]
fn double_punctuation_and_names() {
    check("Hello!? Is that you?", &["Hello!?", "Is that you?"]);
    check("She works at Yahoo! in the accounting department.", &["She works at Yahoo! in the accounting department."]);
    check(
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
    );
}

#[test]
fn glued_sentences() {
    check("Hello world.Today is Tuesday.Mr. Smith went.", &["Hello world.", "Today is Tuesday.", "Mr. Smith went."]);
}

#[test]
fn company_abbreviations() {
    check(
        "They closed the deal with Pitt, Briggs & Co. at noon.",
        &["They closed the deal with Pitt, Briggs & Co. at noon."],
    );
    check(
        "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
        &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."],
    );
    check("Apple Inc. Chief Executive Tim Cook spoke.", &["Apple Inc. Chief Executive Tim Cook spoke."]);
}

#[test]
fn cjk_and_unicode_whitespace() {
    check("你好。今天很好。", &["你好。", "今天很好。"]);
    check("One.\u{a0}Two.\u{2003}Three.", &["One.", "Two.", "Three."]);
}

#[test]
fn spans_are_trimmed_and_cover_text() {
    let text = "  Alpha beta.  Gamma!\n\n  Delta  ";
    let spans = segment(text);
    let mut last = 0;
    for s in &spans {
        assert!(text[last..s.start].trim().is_empty());
        assert_eq!(text[s.start..s.end].trim(), &text[s.start..s.end]);
        last = s.end;
    }
    assert!(text[last..].trim().is_empty());
}

// ----- sa-rules@3 ---------------------------------------------------------------------------

#[test]
fn abbreviation_ends_sentence_before_news_starter() {
    check(
        "The envoy returned to the U.S. Lawmakers questioned him for hours.",
        &["The envoy returned to the U.S.", "Lawmakers questioned him for hours."],
    );
    check(
        "Aid was pledged by the U.N. Several donors hesitated.",
        &["Aid was pledged by the U.N.", "Several donors hesitated."],
    );
    check(
        "The U.S. Embassy and the U.K. Foreign Office objected.",
        &["The U.S. Embassy and the U.K. Foreign Office objected."],
    );
    check(
        "The unit was bought by Brandt & Co. Shares jumped.",
        &["The unit was bought by Brandt & Co.", "Shares jumped."],
    );
    check("The U.S. Forces Korea commander spoke.", &["The U.S. Forces Korea commander spoke."]);
    check("He flew to the U.S. Mr. Lee stayed home.", &["He flew to the U.S.", "Mr. Lee stayed home."]);
    check("Floods hit the U.K. Two people died.", &["Floods hit the U.K.", "Two people died."]);
    check(
        "The summit ended in the U.S. Kishida said it went well.",
        &["The summit ended in the U.S.", "Kishida said it went well."],
    );
    check("A memo from the U.S. Navy said the ship was safe.", &["A memo from the U.S. Navy said the ship was safe."]);
    check("J.R.R. Tolkien wrote it.", &["J.R.R. Tolkien wrote it."]);
    check("The U.S. Justice Department said no.", &["The U.S. Justice Department said no."]);
}

#[test]
fn time_abbreviation_before_capitalised_word() {
    check(
        "The curfew started at 10 p.m. Soldiers patrolled the streets.",
        &["The curfew started at 10 p.m.", "Soldiers patrolled the streets."],
    );
    check("Counting stopped at 2 A.M. Nobody slept.", &["Counting stopped at 2 A.M.", "Nobody slept."]);
    check("The vote closes at 7 p.m. EST on Tuesday.", &["The vote closes at 7 p.m. EST on Tuesday."]);
    check("The ferry leaves at 6 a.m. Sunday.", &["The ferry leaves at 6 a.m. Sunday."]);
    check("Talks start at 11 a.m. Beijing time.", &["Talks start at 11 a.m. Beijing time."]);
    check("Doors open at 8 a.m. (0700 GMT).", &["Doors open at 8 a.m. (0700 GMT)."]);
}

#[test]
fn currency_and_company_abbreviations() {
    check("The bank lent Rs. 3,400 crore to the firm.", &["The bank lent Rs. 3,400 crore to the firm."]);
    check("A Re. 1 coin was issued.", &["A Re. 1 coin was issued."]);
    check(
        "It paid Rp. 12 billion in fines. Nobody objected.",
        &["It paid Rp. 12 billion in fines.", "Nobody objected."],
    );
    check("Reliance Industries Ltd. (“RIL”) rose 2%.", &["Reliance Industries Ltd. (“RIL”) rose 2%."]);
    check("Sky Plc. (the \"Target\") agreed.", &["Sky Plc. (the \"Target\") agreed."]);
    // A bracket after a plain word still ends the sentence before a quoted aside.
    check("He left. (\"Fine,\" he said.)", &["He left.", "(\"Fine,\" he said.)"]);
}

#[test]
fn citation_and_footnote_markers() {
    let text = "The dam was finished in 1964.[7] It floods every spring.";
    check(text, &["The dam was finished in 1964.[7]", "It floods every spring."]);
    // Offsets slice the original text: the marker stays in the sentence, nothing is removed.
    let spans = segment(text);
    assert_eq!(spans[0], Span { start: 0, end: text.find(" It").unwrap() });
    check("Rates were cut twice.[a][b] Lenders balked.", &["Rates were cut twice.[a][b]", "Lenders balked."]);
    check("Who paid?[9] Nobody knows.", &["Who paid?[9]", "Nobody knows."]);
    check("The survey ended in 2019.14 Its authors retired.", &["The survey ended in 2019.14", "Its authors retired."]);
    check("Costs rose (table 3).5 Revenue did not.", &["Costs rose (table 3).5", "Revenue did not."]);
    check("The rule was dropped.³ Critics cheered.", &["The rule was dropped.³", "Critics cheered."]);
    // Decimals, versions and abbreviations before numbers stay whole.
    check("The index rose 3.14 Points above the open.", &["The index rose 3.14 Points above the open."]);
    check("Version 1.2.3 The update shipped.", &["Version 1.2.3 The update shipped."]);
    check("See Ch.3 The Return for more.", &["See Ch.3 The Return for more."]);
    check("Bohr [...] used stairways.", &["Bohr [...] used stairways."]);
    // At a line break the lines decide.
    check("Prices rose 3.5\npercent in May.", &["Prices rose 3.5\npercent in May."]);
    check("It was built in 1890.[2]\nThe roof came later.", &["It was built in 1890.[2]", "The roof came later."]);
}

#[test]
fn lists_in_running_text() {
    check(
        "Two steps remain. i) a vote ii) a signature iii) a ceremony",
        &["Two steps remain.", "i) a vote", "ii) a signature", "iii) a ceremony"],
    );
    check("(A) Wages rise. (B) Prices follow.", &["(A) Wages rise.", "(B) Prices follow."]);
    check(
        "The board decided the following: (i) a new chair (ii) a new budget",
        &["The board decided the following:", "(i) a new chair", "(ii) a new budget"],
    );
    check("IV) The fourth point V) The fifth point", &["IV) The fourth point", "V) The fifth point"]);
    // A letter list goes on through "i": h. then i. then j.
    check("h. eight i. nine j. ten", &["h. eight", "i. nine", "j. ten"]);
    // Items after commas, a time and a lone marker are running text.
    check("We need: 1. paper, 2. pens, and 3. ink.", &["We need: 1. paper, 2. pens, and 3. ink."]);
    check("It ended at 10:30 a.m. on Friday.", &["It ended at 10:30 a.m. on Friday."]);
    check("Note: a. is a vowel.", &["Note: a. is a vowel."]);
    check("He won. (i) was not enough.", &["He won. (i) was not enough."]);
}

#[test]
fn asides_in_dashes() {
    check("The mayor -- who knew? -- stayed silent.", &["The mayor -- who knew? -- stayed silent."]);
    check("The bridge — astonishingly! — held.", &["The bridge — astonishingly! — held."]);
    check("Why now? — Because the money ran out.", &["Why now?", "— Because the money ran out."]);
    check("The plan - bold, wasn't it? - passed.", &["The plan - bold, wasn't it? - passed."]);
    check("Who won? - Nobody knows.", &["Who won?", "- Nobody knows."]);
    check("The crowd – furious! – Marched on.", &["The crowd – furious! – Marched on."]);
}

#[test]
fn fullwidth_and_ideographic_stops() {
    check("雨が降った．試合は中止．", &["雨が降った．", "試合は中止．"]);
    check("Markets fell．Traders sold．", &["Markets fell．", "Traders sold．"]);
    check("金利は１．５％だ。", &["金利は１．５％だ。"]);
    check("ｱﾒ｡ﾊﾚ｡", &["ｱﾒ｡", "ﾊﾚ｡"]);
}

#[test]
fn times_in_brackets() {
    check("[7:40 p.m.] Rescuers reached the village.", &["[7:40 p.m.] Rescuers reached the village."]);
    check("The quake (at 5.12 a.m.) Woke the town.", &["The quake (at 5.12 a.m.) Woke the town."]);
    check(
        "Live [9:02 A.M.] Police closed the road. Traffic stopped.",
        &["Live [9:02 A.M.] Police closed the road.", "Traffic stopped."],
    );
}

#[test]
fn more_news_forms() {
    check("M/s. Kiran Traders won the tender.", &["M/s. Kiran Traders won the tender."]);
    check("Smt. Meena Rao and Sh. Ravi Kumar spoke.", &["Smt. Meena Rao and Sh. Ravi Kumar spoke."]);
    check(
        "The U.P. Police filed a case. The M.P. Government agreed.",
        &["The U.P. Police filed a case.", "The M.P. Government agreed."],
    );
    check("The launch is at 9 a.m. New York time.", &["The launch is at 9 a.m. New York time."]);
    check("The port reopened in 2020.7 Kenya objected.", &["The port reopened in 2020.7", "Kenya objected."]);
    check("I. Background II. Findings III. Advice", &["I. Background", "II. Findings", "III. Advice"]);
    check("I. M. Pei designed it.", &["I. M. Pei designed it."]);
}

#[test]
fn colon_lists_and_lower_case_times() {
    check(
        "Agenda: 1. Opening remarks 2. Budget 3. Elections",
        &["Agenda:", "1. Opening remarks", "2. Budget", "3. Elections"],
    );
    check("The list: a) one b) two.", &["The list:", "a) one", "b) two."]);
    check("Trains stop at 11 p.m. local time.", &["Trains stop at 11 p.m. local time."]);
}

#[test]
fn markers_at_the_very_start() {
    check(".3 The end.", &[".3 The end."]);
    check("[2] The end.", &["[2] The end."]);
    check(": a. x b. y", &[":", "a. x", "b. y"]);
    check("? -- x", &["? -- x"]);
    check("．５", &["．５"]);
}

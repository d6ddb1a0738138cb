//! The French rules as a table: the Imprimerie nationale's *Lexique des
//! règles typographiques en usage à l'Imprimerie nationale* (espaces avant
//! la ponctuation haute, guillemets) and JoliTypo's `FrenchNoBreakSpace` and
//! `FrenchQuotes` fixers, plus what a build must leave alone.
//!
//! In the table, `~` stands for U+202F (narrow no-break space) and `_` for
//! U+00A0 (no-break space), in inputs and in expectations alike.

use super::*;

fn visible(s: &str) -> String {
    s.replace(NARROW_NBSP, "~").replace(NBSP, "_")
}

fn invisible(s: &str) -> String {
    s.replace('~', "\u{202f}").replace('_', "\u{a0}")
}

/// (input, expected, the rule it shows)
const CASES: &[(&str, &str, &str)] = &[
    // Ponctuation haute : espace fine insécable avant ; ! ?
    ("Vraiment ?", "Vraiment~?", "space before ? becomes narrow"),
    (
        "Vraiment?",
        "Vraiment~?",
        "a missing space before ? is added",
    ),
    ("Vraiment   ?", "Vraiment~?", "a run of spaces becomes one"),
    ("Vraiment\t?", "Vraiment~?", "a tab too"),
    ("Oui !", "Oui~!", "space before !"),
    ("Oui!", "Oui~!", "missing space before !"),
    ("un ; deux", "un~; deux", "space before ;"),
    ("un; deux", "un~; deux", "missing space before ;"),
    ("Quoi ?!", "Quoi~?!", "one space before a group of marks"),
    (
        "Quoi !?",
        "Quoi~!?",
        "one space before a group, the other way",
    ),
    ("Non !!!", "Non~!!!", "repeated marks"),
    ("Quoi ? !", "Quoi~?!", "a space inside a group is dropped"),
    ("Qui ? Quoi ? Où ?", "Qui~? Quoi~? Où~?", "every mark"),
    ("Ah ?…", "Ah~?…", "before an ellipsis"),
    ("(vraiment ?)", "(vraiment~?)", "inside brackets"),
    ("(?)", "(?)", "a mark alone in brackets"),
    ("? au début", "? au début", "a mark that starts the text"),
    (
        "20 € ; 30 € ensuite",
        "20 €~; 30 € ensuite",
        "after a symbol",
    ),
    // Deux-points : espace insécable (justifiante) avant :
    (
        "Note : ceci",
        "Note_: ceci",
        "space before : becomes no-break",
    ),
    ("Note: ceci", "Note_: ceci", "missing space before :"),
    ("Note  : ceci", "Note_: ceci", "run of spaces before :"),
    ("Note\t: ceci", "Note_: ceci", "tab before :"),
    (
        "Il reste ceci :",
        "Il reste ceci_:",
        "a colon that ends the text",
    ),
    ("a : b : c", "a_: b_: c", "every colon"),
    (
        "Il est 9 h : on commence",
        "Il est 9 h_: on commence",
        "after a letter abbreviation",
    ),
    // Espaces déjà typées : gardées, et la suite réduite à elles
    ("Vraiment_?", "Vraiment_?", "a typed no-break space is kept"),
    (
        "Vraiment~?",
        "Vraiment~?",
        "a typed narrow no-break space is kept",
    ),
    (
        "Note_: ceci",
        "Note_: ceci",
        "a typed no-break space before :",
    ),
    (
        "Vraiment _?",
        "Vraiment_?",
        "a plain space beside a typed one is dropped",
    ),
    ("Vraiment_ ?", "Vraiment_?", "on either side"),
    (
        "Vraiment ~ ?",
        "Vraiment~?",
        "a run with a typed narrow space",
    ),
    // Guillemets français tapés : espace fine insécable à l'intérieur
    (
        "le « mentorat »",
        "le «~mentorat~»",
        "spaces inside guillemets become narrow",
    ),
    (
        "le «mentorat»",
        "le «~mentorat~»",
        "missing spaces inside guillemets",
    ),
    (
        "le «  mentorat  »",
        "le «~mentorat~»",
        "runs of spaces inside guillemets",
    ),
    (
        "le «~mentorat~»",
        "le «~mentorat~»",
        "typed narrow spaces are kept",
    ),
    (
        "le «_mentorat_»",
        "le «_mentorat_»",
        "typed no-break spaces are kept",
    ),
    (
        "«Oui», dit-il.",
        "«~Oui~», dit-il.",
        "a comma after the closing guillemet",
    ),
    (
        "« Oui ? » dit-il : non !",
        "«~Oui~?~» dit-il_: non~!",
        "marks inside and after",
    ),
    (
        "Attention : « oui ! »",
        "Attention_: «~oui~!~»",
        "a quote after a colon",
    ),
    ("«»", "«»", "empty guillemets"),
    // Guillemets droits : « » au premier niveau
    (
        "\"Bonjour\"",
        "«~Bonjour~»",
        "straight quotes become guillemets",
    ),
    (
        "Il dit \"oui\" et part.",
        "Il dit «~oui~» et part.",
        "in a sentence",
    ),
    (
        "\" Bonjour \"",
        "«~Bonjour~»",
        "typed spaces inside straight quotes",
    ),
    (
        "\"Bonjour !\"",
        "«~Bonjour~!~»",
        "a mark before the closing quote",
    ),
    (
        "\"Vraiment ?\", dit-elle.",
        "«~Vraiment~?~», dit-elle.",
        "a comma after it",
    ),
    ("(\"mot\")", "(«~mot~»)", "inside brackets"),
    ("l’\"idée\"", "l’«~idée~»", "after an apostrophe"),
    ("— \"Oui\", dit-il.", "— «~Oui~», dit-il.", "after a dash"),
    (
        "\"un\" et \"deux\"",
        "«~un~» et «~deux~»",
        "two quotes in a row",
    ),
    ("\"Quoi\" ?", "«~Quoi~»~?", "a mark after the closing quote"),
    (
        "\"Quoi\"?",
        "«~Quoi~»~?",
        "a mark right after the closing quote",
    ),
    (
        "\"J’en ai 27\"",
        "«~J’en ai 27~»",
        "a quote that ends on a digit",
    ),
    // Guillemets de second niveau : “ ” à l'intérieur de « »
    (
        "\"Il a dit \"non\" hier\"",
        "«~Il a dit “non” hier~»",
        "nested straight quotes",
    ),
    (
        "« Il a dit \"non\" hier »",
        "«~Il a dit “non” hier~»",
        "straight quotes inside typed guillemets",
    ),
    (
        "\"Il a dit “non” hier\"",
        "«~Il a dit “non” hier~»",
        "typed inner quotes inside straight ones",
    ),
    (
        "\"a \"b \"c\" d\" e\"",
        "«~a “b “c” d” e~»",
        "a third level stays “ ”",
    ),
    (
        "le “mentorat”",
        "le “mentorat”",
        "typed curly quotes are the author's choice",
    ),
    // Ce qui n'est pas un guillemet : pouces, guillemets orphelins
    (
        "un écran 27\" neuf",
        "un écran 27\" neuf",
        "an inch mark after a digit",
    ),
    (
        "un écran de 27\"",
        "un écran de 27\"",
        "an inch mark at the end",
    ),
    (
        "27\" et \"ceci\"",
        "27\" et «~ceci~»",
        "an inch mark, then a quote",
    ),
    ("5'10\"", "5'10\"", "feet and inches"),
    (
        "mot\" seul",
        "mot\" seul",
        "a quote that opens nothing stays",
    ),
    // Ce qui n'est pas de la ponctuation : heures, adresses, requêtes
    ("à 10:30 précises", "à 10:30 précises", "a time"),
    ("le format 3:2", "le format 3:2", "a ratio"),
    (
        "voir https://example.org/?lang=fr",
        "voir https://example.org/?lang=fr",
        "a URL's query",
    ),
    (
        "https://example.org/a;b?c=\"d\"!",
        "https://example.org/a;b?c=\"d\"!",
        "nothing inside a URL",
    ),
    (
        "Allez sur https://example.org !",
        "Allez sur https://example.org~!",
        "a mark after a URL",
    ),
    (
        "Voir : https://example.org",
        "Voir_: https://example.org",
        "a colon before a URL",
    ),
    (
        "mailto:marie@example.org",
        "mailto:marie@example.org",
        "a mail address",
    ),
    (
        "ajoutez ?lang=fr à l’adresse",
        "ajoutez ?lang=fr à l’adresse",
        "a mark before a letter",
    ),
    ("a;b", "a;b", "a code-like token"),
    (":)", ":)", "a smiley"),
    // Rien à faire
    ("", "", "empty"),
    ("Pas de ponctuation", "Pas de ponctuation", "nothing to do"),
    (
        "Noël, déjà",
        "Noël, déjà",
        "bytes that share « and »’s last byte",
    ),
];

#[test]
fn french_rules_table() {
    assert!(CASES.len() >= 60, "the table keeps at least 60 cases");
    let mut failures = Vec::new();
    for &(input, expected, rule) in CASES {
        let got = visible(&french(&invisible(input)));
        if got != expected {
            failures.push(format!(
                "{rule}: {input:?} gave {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn french_rules_are_idempotent() {
    for &(_, expected, rule) in CASES {
        let once = invisible(expected);
        assert_eq!(visible(&french(&once)), expected, "{rule}");
    }
}

#[test]
fn nothing_to_do_borrows() {
    assert!(matches!(
        french("Rien à faire, vraiment."),
        Cow::Borrowed(_)
    ));
}

/// Inline markup splits a block into pieces: `"*mot*" ?` arrives as `"`,
/// `mot`, `" ?`.
#[test]
fn quotes_pair_across_pieces_of_a_block() {
    let mut f = French::default();
    let pieces: Vec<String> = ["Il dit \"", "oui", "\" ?"]
        .iter()
        .map(|p| visible(&f.typeset(p)))
        .collect();
    assert_eq!(pieces, ["Il dit «~", "oui", "~»~?"]);
}

#[test]
fn a_mark_after_inline_code_is_spaced() {
    let mut f = French::default();
    assert_eq!(f.typeset("lancez "), "lancez ");
    f.pass("build");
    assert_eq!(visible(&f.typeset(" ?")), "~?");
    assert_eq!(visible(&f.typeset("?")), "?", "after a mark, no space");
}

#[test]
fn a_mark_after_a_piece_ending_in_a_word() {
    let mut f = French::default();
    f.typeset("Vraiment");
    assert_eq!(visible(&f.typeset("?")), "~?");
}

#[test]
fn a_new_block_forgets_open_quotes() {
    let mut f = French::default();
    f.typeset("\"ouvert");
    f.reset();
    assert_eq!(f.typeset("27\" neuf"), "27\" neuf");
}

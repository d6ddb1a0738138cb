//! `[search]`: a Pagefind index per language, a search page per language,
//! and `praxis serve` keeping the index current.

use std::io::Read;
use std::time::Duration;

use crate::server::{Server, eventually};
use crate::support::TestSite;

const SEARCH_ON: &str = "\n[search]\nenabled = true\n";

const ARTICLE_NL: &str = "+++\ntitle = \"Rouw\"\n+++\nOver rouwen en zwqrtx verder leven.\n";
const ARTICLE_FR: &str = "+++\ntitle = \"Deuil\"\n+++\nÀ propos du deuil et de qvbnmk la suite.\n";

/// The default theme with a Dutch and a French article, search on.
fn site_with_search() -> TestSite {
    let site = TestSite::with_default_theme()
        .file("content/rouw/nl.md", ARTICLE_NL)
        .file("content/rouw/fr.md", ARTICLE_FR);
    let config = site.read("site.toml") + SEARCH_ON;
    site.write("site.toml", &config);
    site
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzipped Pagefind file");
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The words of a language's index, read back through the files Pagefind
/// itself loads: `pagefind-entry.json` names the language's metadata,
/// which names its index chunks (among its pages' fragments). `read`
/// fetches a file of the bundle, `None` when there is none; `None` back
/// when the files do not make one index (the server changed it between
/// two requests).
fn index_words(read: impl Fn(&str) -> Option<Vec<u8>>, lang: &str) -> Option<Vec<u8>> {
    let entry: serde_json::Value =
        serde_json::from_slice(&read("pagefind-entry.json").expect("pagefind-entry.json"))
            .expect("pagefind-entry.json");
    let hash = entry["languages"][lang]["hash"]
        .as_str()
        .unwrap_or_else(|| panic!("no `{lang}` index in {entry}"))
        .to_owned();
    let meta = gunzip(&read(&format!("pagefind.{hash}.pf_meta"))?);
    let mut words = Vec::new();
    for name in chunk_names(&meta, lang) {
        if let Some(chunk) = read(&format!("index/{name}.pf_index")) {
            words.extend(gunzip(&chunk));
        }
    }
    (!words.is_empty()).then_some(words)
}

/// The file names in a language's metadata: `nl_` and hex digits.
fn chunk_names(meta: &[u8], lang: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(meta);
    let prefix = format!("{lang}_");
    let mut names = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find(&prefix) {
        let tail = &rest[at + prefix.len()..];
        let hex: String = tail.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        if hex.len() >= 7 {
            names.push(format!("{prefix}{hex}"));
        }
        rest = &tail[hex.len()..];
    }
    names.sort();
    names.dedup();
    names
}

fn built_words(site: &TestSite, lang: &str) -> Vec<u8> {
    let dir = site.path(&format!("public/{lang}/pagefind"));
    index_words(|name| std::fs::read(dir.join(name)).ok(), lang)
        .expect("an index with its metadata and chunks")
}

#[test]
fn each_language_gets_its_own_index_with_only_its_own_words() {
    let site = site_with_search();
    site.build(&[]).success();
    let nl = built_words(&site, "nl");
    let fr = built_words(&site, "fr");
    assert!(
        contains(&nl, "zwqrtx"),
        "the Dutch word is in the Dutch index"
    );
    assert!(
        !contains(&nl, "qvbnmk"),
        "no French word in the Dutch index"
    );
    assert!(
        contains(&fr, "qvbnmk"),
        "the French word is in the French index"
    );
    assert!(
        !contains(&fr, "zwqrtx"),
        "no Dutch word in the French index"
    );
    // Dutch stemming: "rouwen" is indexed under its stem, found by "rouw".
    assert!(contains(&nl, "rouw"));
    assert!(site.exists("public/nl/pagefind/pagefind.js"));
    assert!(site.exists("public/fr/pagefind/pagefind.js"));
    assert!(
        !site.exists("public/nl/pagefind/pagefind-ui.js"),
        "Pagefind's own interface is not published: the theme has its own"
    );
}

#[test]
fn the_menu_and_footer_are_not_indexed() {
    let site = site_with_search();
    site.build(&[]).success();
    let nl = built_words(&site, "nl");
    // "Onderwerpen" (the footer's link to the tags) and the feed link are
    // on every page, outside the article.
    assert!(!contains(&nl, "onderwerp"), "the footer was indexed");
    assert!(!contains(&nl, "atom"), "the footer was indexed");
}

#[test]
fn without_search_there_is_no_index_no_search_page_and_no_script() {
    let site = TestSite::with_default_theme()
        .file("content/rouw/nl.md", ARTICLE_NL)
        .file("content/rouw/fr.md", ARTICLE_FR);
    site.build(&[]).success();
    assert!(!site.exists("public/nl/pagefind"));
    assert!(!site.exists("public/nl/search/index.html"));
    assert!(
        !site.exists("public/search.js")
            || !site.read("public/nl/rouw/index.html").contains("search.js")
    );
    let page = site.read("public/nl/rouw/index.html");
    assert!(!page.contains("data-pagefind"), "{page}");
    assert!(!page.contains("<script type=\"module\""), "{page}");
}

#[test]
fn a_page_with_search_false_is_not_indexed() {
    let site = site_with_search().file(
        "content/geheim/nl.md",
        "+++\ntitle = \"Geheim\"\nsearch = false\n+++\nHet woord plvkjh staat hier.\n",
    );
    site.build(&[]).success();
    let nl = built_words(&site, "nl");
    assert!(
        !contains(&nl, "plvkjh"),
        "a page with search = false was indexed"
    );
    assert!(contains(&nl, "zwqrtx"));
}

#[test]
fn sections_limit_the_search_to_their_pages() {
    let site = site_with_search()
        .file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/artikels/een/nl.md",
            "+++\ntitle = \"Een\"\n+++\nHier staat grmblt.\n",
        );
    let config = site.read("site.toml") + "sections = [\"artikels\"]\n";
    site.write("site.toml", &config);
    site.build(&[]).success();
    let nl = built_words(&site, "nl");
    assert!(contains(&nl, "grmblt"), "a page of the section is found");
    assert!(
        !contains(&nl, "zwqrtx"),
        "a page outside the section was indexed"
    );
}

#[test]
fn a_search_section_that_does_not_exist_is_warned_about() {
    let site = site_with_search();
    let config = site.read("site.toml") + "sections = [\"artikles\"]\n";
    site.write("site.toml", &config);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr.contains("content/artikles/") && run.stderr.contains("site.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_search_key_is_a_located_error() {
    let site = site_with_search();
    let config = site.read("site.toml") + "enable = true\n";
    site.write("site.toml", &config);
    let lines = config.lines().count();
    site.build(&[])
        .failure()
        .error_at(&format!("site.toml:{lines}"), &["unknown field `enable`"]);
}

#[test]
fn a_search_enabled_that_is_no_boolean_is_a_located_error() {
    let site = TestSite::with_default_theme();
    let config = site.read("site.toml") + "\n[search]\nenabled = \"yes\"\n";
    site.write("site.toml", &config);
    let lines = config.lines().count();
    site.build(&[])
        .failure()
        .error_at(&format!("site.toml:{lines}"), &["enabled"]);
}

#[test]
fn an_invalid_search_path_is_a_located_error() {
    let site = site_with_search();
    let config = site.read("site.toml").replace(
        "[languages.nl]\n",
        "[languages.nl]\nsearch_path = \"zoe ken\"\n",
    );
    site.write("site.toml", &config);
    site.build(&[])
        .failure()
        .error_at("site.toml", &["invalid search_path"]);
}

#[test]
fn each_language_has_its_search_page_at_its_own_path_linked_from_every_page() {
    let site = site_with_search();
    let config = site
        .read("site.toml")
        .replace(
            "[languages.nl]\n",
            "[languages.nl]\nsearch_path = \"zoeken\"\n",
        )
        .replace(
            "[languages.fr]\n",
            "[languages.fr]\nsearch_path = \"recherche\"\n",
        );
    site.write("site.toml", &config);
    site.build(&[]).success();
    let nl = site.read("public/nl/zoeken/index.html");
    let fr = site.read("public/fr/recherche/index.html");
    assert!(
        nl.contains("<label for=\"search-input\">Zoek op deze site</label>"),
        "{nl}"
    );
    assert!(nl.contains("data-bundle=\"/nl/pagefind/\""), "{nl}");
    assert!(fr.contains("data-bundle=\"/fr/pagefind/\""), "{fr}");
    // The language switcher leads to the other language's search page.
    assert!(
        nl.contains("href=\"/fr/recherche/\" hreflang=\"fr\""),
        "{nl}"
    );
    assert!(fr.contains("href=\"/nl/zoeken/\" hreflang=\"nl\""), "{fr}");
    // Only the search page has a script; every page links to it.
    assert!(nl.contains("<script type=\"module\""));
    for page in ["public/nl/index.html", "public/nl/rouw/index.html"] {
        let html = site.read(page);
        assert!(html.contains("href=\"/nl/zoeken/\""), "{page}: {html}");
        assert!(!html.contains("<script type=\"module\""), "{page}");
        assert!(!html.contains("<script src"), "{page}");
    }
    let fr_page = site.read("public/fr/rouw/index.html");
    assert!(fr_page.contains("href=\"/fr/recherche/\""), "{fr_page}");
}

#[test]
fn the_search_page_without_javascript_links_to_the_lists_and_tags() {
    let site = site_with_search()
        .file("content/artikels/nl.md", "+++\ntitle = \"Artikels\"\n+++\n")
        .file(
            "content/artikels/een/nl.md",
            "+++\ntitle = \"Een\"\n+++\nTekst.\n",
        );
    site.build(&[]).success();
    let nl = site.read("public/nl/search/index.html");
    let fallback = nl
        .split("data-search-fallback>")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("the fallback block");
    assert!(fallback.contains("JavaScript"), "{fallback}");
    assert!(fallback.contains("href=\"/nl/artikels/\""), "{fallback}");
    assert!(fallback.contains("href=\"/nl/tags/\""), "{fallback}");
    // The form waits for the script.
    assert!(
        nl.contains("role=\"search\" action=\"/nl/search/\" method=\"get\" hidden"),
        "{nl}"
    );
}

#[test]
fn the_search_page_without_javascript_offers_every_menu_page_and_promises_no_more() {
    let site = site_with_search()
        .file(
            "content/artikels/nl.md",
            "+++\ntitle = \"Artikels\"\nweight = 1\n+++\n",
        )
        .file(
            "content/artikels/een/nl.md",
            "+++\ntitle = \"Een\"\n+++\nTekst.\n",
        )
        .file(
            "content/over-mij/nl.md",
            "+++\ntitle = \"Over mij\"\nweight = 2\n+++\nIk.\n",
        )
        .file(
            "content/tarieven/nl.md",
            "+++\ntitle = \"Tarieven\"\nweight = 3\n+++\nPrijs.\n",
        )
        .file(
            "content/verborgen/nl.md",
            "+++\ntitle = \"Verborgen\"\nmenu = false\n+++\nNiet in het menu.\n",
        );
    site.build(&[]).success();
    let nl = site.read("public/nl/search/index.html");
    let fallback = nl
        .split("data-search-fallback>")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("the fallback block");
    for href in [
        "/nl/artikels/",
        "/nl/over-mij/",
        "/nl/tarieven/",
        "/nl/tags/",
    ] {
        assert!(
            fallback.contains(&format!("href=\"{href}\"")),
            "{href}: {fallback}"
        );
    }
    assert!(
        !fallback.contains("/nl/verborgen/"),
        "a page left out of the menu: {fallback}"
    );
    assert!(
        fallback.contains("Je kunt ook rondkijken via:"),
        "{fallback}"
    );
    assert!(
        !fallback.contains("Alle teksten"),
        "it promises every text: {fallback}"
    );
    let fr = site.read("public/fr/search/index.html");
    assert!(fr.contains("Vous pouvez aussi parcourir le site"), "{fr}");
    assert!(!fr.contains("Tous les textes"), "{fr}");
}

/// Each file of a language's published index, with the inode it is
/// written in: a file written again gets a new one.
fn index_files_on_disk(site: &TestSite, lang: &str) -> Vec<(std::path::PathBuf, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut files = Vec::new();
    let mut folders = vec![site.path(&format!("public/{lang}/pagefind"))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the index's folder") {
            let entry = entry.expect("an entry of the index");
            let meta = entry.metadata().expect("its metadata");
            if meta.is_dir() {
                folders.push(entry.path());
            } else {
                files.push((entry.path(), meta.ino()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_edit_in_one_language_leaves_the_other_languages_index_untouched_on_disk() {
    let site = site_with_search();
    site.build(&[]).success();
    let fr = index_files_on_disk(&site, "fr");
    let nl = index_files_on_disk(&site, "nl");
    site.write(
        "content/rouw/nl.md",
        "+++\ntitle = \"Rouw\"\n+++\nOver rouwen en jkwplm verder leven.\n",
    );
    site.build(&[]).success();
    assert_eq!(
        index_files_on_disk(&site, "fr"),
        fr,
        "the French index was written again"
    );
    assert!(contains(&built_words(&site, "nl"), "jkwplm"));
    assert_ne!(index_files_on_disk(&site, "nl"), nl);
}

fn served_words(server: &Server, lang: &str) -> Vec<u8> {
    let read = |name: &str| {
        let response = server.get(&format!("/{lang}/pagefind/{name}"));
        (response.status == 200).then_some(response.bytes)
    };
    for _ in 0..50 {
        if let Some(words) = index_words(read, lang) {
            return words;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no consistent /{lang}/pagefind/ index served");
}

#[test]
fn serve_makes_a_new_word_findable_after_an_edit_and_leaves_the_other_language_alone() {
    let site = site_with_search();
    let server = Server::start(&site, &[]);
    assert!(contains(&served_words(&server, "nl"), "zwqrtx"));
    let fr_before = served_words(&server, "fr");
    let mut events = server.events();
    site.write(
        "content/rouw/nl.md",
        "+++\ntitle = \"Rouw\"\n+++\nOver rouwen en jkwplm verder leven.\n",
    );
    assert_eq!(
        events.next(Duration::from_secs(10)).as_deref(),
        Some("reload")
    );
    eventually("the new word is in the served Dutch index", || {
        contains(&served_words(&server, "nl"), "jkwplm")
    });
    let nl = served_words(&server, "nl");
    assert!(!contains(&nl, "zwqrtx"), "the removed word is still found");
    assert_eq!(
        served_words(&server, "fr"),
        fr_before,
        "the French index changed"
    );
}

#[test]
fn serve_forgets_a_removed_page() {
    let site = site_with_search().file(
        "content/weg/nl.md",
        "+++\ntitle = \"Weg\"\n+++\nHet woord brxqvl.\n",
    );
    let server = Server::start(&site, &[]);
    assert!(contains(&served_words(&server, "nl"), "brxqvl"));
    site.remove("content/weg");
    eventually("the removed page is gone from the index", || {
        !contains(&served_words(&server, "nl"), "brxqvl")
    });
    assert!(contains(&served_words(&server, "nl"), "zwqrtx"));
}

#[test]
fn serve_finds_a_new_pages_words_and_keeps_them_when_an_earlier_page_goes() {
    let site = site_with_search();
    let server = Server::start(&site, &[]);
    assert!(contains(&served_words(&server, "nl"), "zwqrtx"));
    site.write(
        "content/nieuw/nl.md",
        "+++\ntitle = \"Nieuw\"\n+++\nEen nieuw woord: plvxqz.\n",
    );
    eventually("the new page's word is in the served Dutch index", || {
        contains(&served_words(&server, "nl"), "plvxqz")
    });
    assert!(contains(&served_words(&server, "nl"), "zwqrtx"));
    // The page before it goes: the new page takes its place in the index.
    site.remove("content/rouw/nl.md");
    eventually("the removed page's word is gone", || {
        !contains(&served_words(&server, "nl"), "zwqrtx")
    });
    assert!(contains(&served_words(&server, "nl"), "plvxqz"));
}

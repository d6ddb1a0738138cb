//! The example site's structured data, parsed as JSON-LD and checked
//! against the schema.org vocabulary of the types it uses: every property
//! belongs to its type (inherited ones included), every value has a type
//! the property accepts, every `@id` reference points at a node some page
//! defines, and the practice is a node per language, each with one name
//! wherever it is written, and the same address and phone in all.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::TestSite;

/// schema.org properties of the types praxis writes, with what each
/// accepts: a type name, `Text`, `URL`, `Date` (ISO 8601) or `Language`.
/// From schema.org's definitions (ProfessionalService → LocalBusiness →
/// Organization and Place → Thing; Article → CreativeWork → Thing).
fn vocabulary() -> BTreeMap<&'static str, BTreeMap<&'static str, &'static [&'static str]>> {
    let thing: &[(&str, &[&str])] = &[
        ("name", &["Text"]),
        ("url", &["URL"]),
        ("description", &["Text"]),
        ("image", &["URL", "ImageObject"]),
        ("sameAs", &["URL"]),
        ("mainEntityOfPage", &["URL", "CreativeWork"]),
    ];
    let organization: &[(&str, &[&str])] = &[
        ("telephone", &["Text"]),
        ("email", &["Text"]),
        ("address", &["PostalAddress", "Text"]),
        ("knowsLanguage", &["Language", "Text"]),
        ("logo", &["URL", "ImageObject"]),
    ];
    let creative_work: &[(&str, &[&str])] = &[
        ("headline", &["Text"]),
        ("inLanguage", &["Language", "Text"]),
        ("datePublished", &["Date"]),
        ("dateModified", &["Date"]),
        ("author", &["Person", "Organization"]),
        ("translator", &["Person", "Organization"]),
        ("publisher", &["Person", "Organization"]),
        ("keywords", &["Text"]),
        ("workTranslation", &["CreativeWork"]),
        ("translationOfWork", &["CreativeWork"]),
    ];
    let postal: &[(&str, &[&str])] = &[
        ("streetAddress", &["Text"]),
        ("postalCode", &["Text"]),
        ("addressLocality", &["Text"]),
        ("addressRegion", &["Text"]),
        ("addressCountry", &["Text"]),
    ];
    let of = |parts: &[&[(&'static str, &'static [&'static str])]]| {
        parts
            .iter()
            .flat_map(|p| p.iter().copied())
            .collect::<BTreeMap<_, _>>()
    };
    BTreeMap::from([
        ("ProfessionalService", of(&[thing, organization])),
        ("Article", of(&[thing, creative_work])),
        ("Person", of(&[thing])),
        ("PostalAddress", of(&[thing, postal])),
    ])
}

/// Which types count as which (for a property that accepts `CreativeWork`
/// or `Organization`).
fn is_a(ty: &str, wanted: &str) -> bool {
    ty == wanted
        || matches!(
            (ty, wanted),
            ("Article", "CreativeWork") | ("ProfessionalService", "Organization")
        )
}

fn blocks(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let json = rest.split("</script>").next().unwrap();
            serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
        })
        .collect()
}

/// Checks one node; records the `@id`s it defines and refers to.
fn check_node(
    node: &Value,
    vocabulary: &BTreeMap<&'static str, BTreeMap<&'static str, &'static [&'static str]>>,
    defined: &mut BTreeMap<String, Value>,
    referred: &mut Vec<(String, &'static [&'static str])>,
    at: &str,
) -> String {
    let object = node
        .as_object()
        .unwrap_or_else(|| panic!("{at}: a node is an object"));
    let ty = object["@type"]
        .as_str()
        .unwrap_or_else(|| panic!("{at}: @type"));
    let properties = vocabulary
        .get(ty)
        .unwrap_or_else(|| panic!("{at}: @type {ty} is not one the site should write"));
    if let Some(id) = object.get("@id").and_then(Value::as_str) {
        defined.insert(id.to_owned(), node.clone());
    }
    for (key, value) in object {
        if key.starts_with('@') {
            continue;
        }
        let accepts = properties
            .get(key.as_str())
            .unwrap_or_else(|| panic!("{at}: `{key}` is not a property of schema.org/{ty}"));
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        for value in values {
            match value {
                Value::String(text) => {
                    let fits = accepts.iter().any(|a| match *a {
                        "Text" | "Language" => true,
                        "URL" => text.starts_with("https://"),
                        "Date" => {
                            jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", text).is_ok()
                                || text.parse::<jiff::Timestamp>().is_ok()
                        }
                        _ => false,
                    });
                    assert!(fits, "{at}: {ty}.{key} = {text:?} is not a {accepts:?}");
                }
                Value::Object(inner) if inner.contains_key("@type") => {
                    let inner_ty = check_node(value, vocabulary, defined, referred, at);
                    assert!(
                        accepts.iter().any(|a| is_a(&inner_ty, a)),
                        "{at}: {ty}.{key} is a {inner_ty}, not a {accepts:?}"
                    );
                }
                Value::Object(inner) if inner.len() == 1 && inner.contains_key("@id") => {
                    referred.push((inner["@id"].as_str().unwrap().to_owned(), accepts));
                }
                other => panic!("{at}: {ty}.{key} = {other} is not a {accepts:?}"),
            }
        }
    }
    ty.to_owned()
}

#[test]
fn structured_data_is_valid_schema_org_with_the_practice_named_once_per_language() {
    let site = TestSite::example();
    site.build(&[]).success();
    let vocabulary = vocabulary();
    let mut defined = BTreeMap::new();
    let mut referred = Vec::new();
    // Each practice node's @id, with every name any page gives it.
    let mut practice_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut articles = 0;
    for file in site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("public/") && f.ends_with(".html"))
    {
        let html = site.read(&file);
        for block in blocks(&html) {
            assert_eq!(block["@context"], "https://schema.org", "{file}");
            let ty = check_node(&block, &vocabulary, &mut defined, &mut referred, &file);
            match ty.as_str() {
                "ProfessionalService" => {
                    practice_names
                        .entry(block["@id"].as_str().unwrap().to_owned())
                        .or_default()
                        .insert(block["name"].as_str().unwrap().to_owned());
                    assert_eq!(block["address"]["@type"], "PostalAddress", "{file}");
                    assert_eq!(block["address"]["postalCode"], "3000", "{file}");
                }
                "Article" => {
                    articles += 1;
                    for required in ["headline", "datePublished", "author", "publisher"] {
                        assert!(
                            block.get(required).is_some(),
                            "{file}: an Article needs {required}"
                        );
                    }
                    let linked = block
                        .get("workTranslation")
                        .or(block.get("translationOfWork"));
                    assert!(
                        linked.is_some(),
                        "{file}: the article names its other version"
                    );
                }
                _ => {}
            }
        }
    }
    assert!(articles >= 4, "every article in both languages");
    // One node per language, at that language's home, carrying one name
    // on every page that writes it: no node has two names.
    let nl_id = "https://praktijk-debrug.example/nl/#practice";
    let fr_id = "https://praktijk-debrug.example/fr/#practice";
    assert_eq!(
        practice_names,
        BTreeMap::from([
            (
                nl_id.to_owned(),
                BTreeSet::from(["Praktijk De Brug — Marie Claes".to_owned()])
            ),
            (
                fr_id.to_owned(),
                BTreeSet::from(["Cabinet Le Pont — Marie Claes".to_owned()])
            ),
        ]),
        "the practice named once in each language"
    );
    // One business: what a search engine matches a business on is the same.
    for field in ["telephone", "email", "address"] {
        assert_eq!(defined[nl_id][field], defined[fr_id][field], "{field}");
    }
    // A page names the practice of its own language, as its publisher too.
    let essay_fr = blocks(&site.read("public/fr/articles/le-mentorat/index.html"));
    let article = essay_fr.iter().find(|b| b["@type"] == "Article").unwrap();
    assert_eq!(article["publisher"]["@id"], fr_id);
    for (id, accepts) in &referred {
        let node = defined
            .get(id)
            .unwrap_or_else(|| panic!("@id {id} is referred to but defined nowhere"));
        let ty = node["@type"].as_str().unwrap();
        assert!(
            accepts.iter().any(|a| is_a(ty, a)),
            "@id {id} is a {ty}, expected a {accepts:?}"
        );
    }
    // The essay is Luc's, in French first: the Dutch is its translation.
    let essay_nl = blocks(&site.read("public/nl/artikels/mentorschap/index.html"));
    let article = essay_nl.iter().find(|b| b["@type"] == "Article").unwrap();
    assert_eq!(article["author"][0]["name"], "Luc Claes");
    assert_eq!(article["translator"][0]["name"], "Marie Claes");
    assert!(
        article["translationOfWork"]["@id"]
            .as_str()
            .unwrap()
            .contains("/fr/articles/le-mentorat/")
    );
}

#[test]
fn sharing_metadata_names_the_page_its_image_and_its_dates() {
    let site = TestSite::example();
    site.build(&[]).success();
    let essay = site.read("public/fr/articles/le-mentorat/index.html");
    assert!(
        essay.contains(
            "<meta property=\"article:published_time\" content=\"2026-11-20T00:00:00Z\">"
        )
    );
    assert!(essay.contains("<meta name=\"twitter:card\""));
    // The home page's own description, not site.toml's.
    let home = site.read("public/nl/index.html");
    let own = site.read("content/nl.md");
    let description = own
        .lines()
        .find_map(|l| l.strip_prefix("description = \""))
        .map(|d| d.trim_end_matches('"'))
        .unwrap();
    assert!(
        home.contains(&format!(
            "<meta name=\"description\" content=\"{description}\">"
        )),
        "{description}"
    );
}

/// The value of `<meta property|name="key" content="…">` in `html`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attribute| {
        let start = format!("<meta {attribute}=\"{key}\" content=\"");
        let rest = html.split(&start).nth(1)?;
        rest.split('"').next()
    })
}

#[test]
fn the_share_image_is_a_card_of_1200_by_630_with_its_alt_in_the_pages_language() {
    let site = TestSite::example();
    site.build(&[]).success();
    for (page, alt) in [
        (
            "public/nl/artikels/mentorschap/index.html",
            "Twee zetels tegenover elkaar bij het raam van de praktijkruimte",
        ),
        (
            "public/fr/index.html",
            "Deux fauteuils face à face près de la fenêtre du cabinet",
        ),
        (
            "public/index.html",
            "Twee zetels tegenover elkaar bij het raam van de praktijkruimte",
        ),
    ] {
        let html = site.read(page);
        let url = meta(&html, "og:image").unwrap_or_else(|| panic!("{page}: og:image"));
        let file = url
            .strip_prefix("https://praktijk-debrug.example/")
            .unwrap_or_else(|| panic!("{page}: {url} is on the site"));
        let bytes = std::fs::read(site.path(&format!("public/{file}"))).unwrap();
        let card = image::load_from_memory(&bytes).unwrap();
        assert_eq!((card.width(), card.height()), (1200, 630), "{page}: {url}");
        assert_eq!(meta(&html, "og:image:width"), Some("1200"), "{page}");
        assert_eq!(meta(&html, "og:image:height"), Some("630"), "{page}");
        assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
        assert_eq!(meta(&html, "og:image:alt"), Some(alt), "{page}");
        assert_eq!(meta(&html, "twitter:image:alt"), Some(alt), "{page}");
    }
}

#[test]
fn a_pages_own_image_is_shared_as_its_card_with_its_own_alt() {
    let site = TestSite::example().file(
        "content/over-mij/nl.md",
        "+++\ntitle = \"Over mij\"\nslug = \"over-mij\"\n[extra]\nimage = \"portret.png\"\nimage_alt = \"Marie aan haar bureau\"\n+++\nTekst.\n",
    );
    // A portrait with a red band at its top and a blue one at its foot:
    // a card cut to 1.91 : 1 around the centre would lose both.
    let portrait = image::RgbImage::from_fn(900, 1400, |_, y| match y {
        0..100 => image::Rgb([200, 0, 0]),
        1300.. => image::Rgb([0, 0, 200]),
        _ => image::Rgb([120, 90, 60]),
    });
    portrait
        .save(site.path("content/over-mij/portret.png"))
        .unwrap();
    site.build(&[]).success();
    let html = site.read("public/nl/over-mij/index.html");
    let url = meta(&html, "og:image").unwrap();
    let file = url
        .strip_prefix("https://praktijk-debrug.example/")
        .unwrap();
    let card = image::open(site.path(&format!("public/{file}")))
        .unwrap()
        .to_rgb8();
    assert_eq!((card.width(), card.height()), (1200, 630), "{url}");
    // The whole portrait is on the card: its top and its foot.
    assert_eq!(card.get_pixel(600, 2).0, [200, 0, 0], "the top is kept");
    assert_eq!(card.get_pixel(600, 627).0, [0, 0, 200], "the foot is kept");
    assert_eq!(meta(&html, "og:image:alt"), Some("Marie aan haar bureau"));
    assert_eq!(
        meta(&html, "twitter:image:alt"),
        Some("Marie aan haar bureau")
    );
}

#[test]
fn the_chooser_at_the_root_is_a_page_to_share_with_the_practice_in_every_language() {
    let site = TestSite::example();
    site.build(&[]).success();
    let html = site.read("public/index.html");
    let description = meta(&html, "description").expect("a description");
    assert!(
        description.contains("Counselling, therapie")
            && description.contains("Counseling, thérapie")
    );
    assert_eq!(
        meta(&html, "og:title"),
        Some("Praktijk De Brug · Cabinet Le Pont")
    );
    assert_eq!(
        meta(&html, "og:url"),
        Some("https://praktijk-debrug.example/")
    );
    assert!(
        html.contains("<link rel=\"stylesheet\" href=\"/site.css\">"),
        "the site's own colours"
    );
    let practices: Vec<String> = blocks(&html)
        .iter()
        .filter(|b| b["@type"] == "ProfessionalService")
        .map(|b| b["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        practices,
        [
            "Praktijk De Brug — Marie Claes",
            "Cabinet Le Pont — Marie Claes"
        ]
    );
    let footer = html.split("<footer").nth(1).expect("a footer");
    for line in [
        "+32 470 12 34 56",
        "lang=\"nl\">De praktijk is geen hulpdienst.",
        "lang=\"fr\">Le cabinet n’est pas un service d’urgence.",
        "Praktijk De Brug — Marie Claes",
        "Cabinet Le Pont — Marie Claes",
    ] {
        assert!(footer.contains(line), "the footer: {line}\n{footer}");
    }
}

//! The desk's pages as HTML: plain forms that work without script (script
//! only adds a warning before leaving unsaved changes), labelled fields,
//! and one layout for every page.

use crate::html::escape_html as esc;

use super::page_file::{Fields, Invalid};
use super::words::Words;

/// A link, a state or a language, as the pages show them.
pub struct Version {
    pub lang: String,
    /// The language's own name.
    pub name: String,
    pub title: Option<String>,
    /// The state, in words.
    pub state: String,
    /// A class for the state's colour.
    pub class: &'static str,
}

/// A page of the site in the list.
pub struct Listed {
    pub key: String,
    pub depth: usize,
    pub date: Option<String>,
    pub versions: Vec<Version>,
}

/// What the editor shows below the fields of every language.
pub struct Beside<'a> {
    /// Every other page, by key and title: what a link can point to.
    pub links: &'a [(String, String)],
    /// The page's photos, as their section (empty when it has none).
    pub photos: &'a str,
}

/// One language column of the editor.
pub struct Column {
    /// The page's node key.
    pub key: String,
    pub lang: String,
    pub name: String,
    pub fields: Fields,
    /// The version of the file she opened (`None`: no file yet).
    pub opened: Option<String>,
    /// Where the page is served in the preview, if it is.
    pub url: Option<String>,
    /// Whether the page is in the menu (menu title and place are shown).
    pub in_menu: bool,
    /// Why it cannot be edited here, if it cannot.
    pub unreadable: Option<String>,
    /// Earlier versions: (name, shown as).
    pub history: Vec<(String, String)>,
    /// Another language changed since they last agreed.
    pub out_of_date: bool,
}

/// Everything a page of the desk needs around its content.
pub struct Frame<'a> {
    pub words: Words,
    pub token: &'a str,
    /// The path of this page, to come back to after changing the language.
    pub here: &'a str,
    /// Where her site is served: `http://127.0.0.1:1111`.
    pub site: &'a str,
}

fn t(frame: &Frame, id: &str) -> String {
    esc(&frame.words.get(id))
}

/// The layout of every page.
pub fn layout(frame: &Frame, title: &str, notice: Option<&str>, body: &str) -> String {
    layout_with_head(frame, title, "", notice, body)
}

/// The layout, with `head` (markup praxis made) added to the page's head.
pub fn layout_with_head(
    frame: &Frame,
    title: &str,
    head: &str,
    notice: Option<&str>,
    body: &str,
) -> String {
    let lang = frame.words.lang();
    let mut languages = String::new();
    for (code, name) in [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")] {
        let selected = if code == lang { " selected" } else { "" };
        languages.push_str(&format!(
            "<option value=\"{code}\" lang=\"{code}\"{selected}>{name}</option>"
        ));
    }
    let notice = notice
        .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(n)))
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · praxis</title><link rel=\"stylesheet\" href=\"/_praxis/desk.css\">\
<script src=\"/_praxis/desk.js\" defer></script>{head}</head><body>\
<a class=\"skip\" href=\"#main\">{skip}</a>\
<header><p class=\"brand\">praxis · {desk}</p><nav aria-label=\"{desk}\"><ul>\
<li><a href=\"/_praxis/\">{pages}</a></li><li><a href=\"/_praxis/new\">{new}</a></li>\
<li><a href=\"/_praxis/inbox/\">{inbox}</a></li>\
<li><a href=\"/_praxis/check\">{check}</a></li><li><a href=\"/_praxis/publish\">{publish}</a></li>\
<li><a href=\"{site_url}/\">{site}</a></li></ul></nav>\
<form method=\"post\" action=\"/_praxis/language\" class=\"language\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"back\" value=\"{here}\">\
<label for=\"desk-language\">{language}</label> <select id=\"desk-language\" name=\"lang\">{languages}</select> \
<button>{apply}</button></form></header>\
<main id=\"main\"><h1>{title}</h1>{notice}{body}</main></body></html>\n",
        title = esc(title),
        skip = t(frame, "skip"),
        desk = t(frame, "desk"),
        pages = t(frame, "nav-pages"),
        new = t(frame, "nav-new"),
        inbox = t(frame, "nav-inbox"),
        publish = t(frame, "nav-publish"),
        check = t(frame, "nav-check"),
        site = t(frame, "nav-site"),
        site_url = esc(frame.site),
        token = esc(frame.token),
        here = esc(frame.here),
        language = t(frame, "language-label"),
        apply = t(frame, "language-apply"),
    )
}

/// The list of pages, as the site's tree.
pub fn list(frame: &Frame, pages: &[Listed], filter: &str, notice: Option<&str>) -> String {
    let mut body = format!(
        "<form method=\"get\" action=\"/_praxis/\" class=\"filter\" role=\"search\">\
<label for=\"filter\">{label}</label> <input id=\"filter\" name=\"filter\" type=\"search\" value=\"{value}\"> \
<button>{apply}</button></form>",
        label = t(frame, "filter-label"),
        value = esc(filter),
        apply = t(frame, "filter-apply"),
    );
    if pages.is_empty() && !filter.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>",
            esc(&frame.words.with("filter-none", &[("text", filter.into())]))
        ));
    }
    body.push_str("<ul class=\"pages\">");
    for page in pages {
        let title = page
            .versions
            .iter()
            .find_map(|v| v.title.clone())
            .unwrap_or_else(|| page.key.clone());
        let title = if page.key.is_empty() {
            frame.words.get("home")
        } else {
            title
        };
        body.push_str(&format!(
            "<li class=\"depth-{depth}\"><a href=\"/_praxis/page?p={key}\">{title}</a>",
            depth = page.depth.min(5),
            key = esc(&super::encode(&page.key)),
            title = esc(&title),
        ));
        if let Some(date) = &page.date {
            body.push_str(&format!(
                " <time datetime=\"{d}\">{d}</time>",
                d = esc(date)
            ));
        }
        body.push_str("<ul class=\"versions\">");
        for v in &page.versions {
            body.push_str(&format!(
                "<li><span class=\"code\" title=\"{name}\">{code}</span> <span class=\"state {class}\">{state}</span>{title}</li>",
                name = esc(&v.name),
                code = esc(&v.lang.to_uppercase()),
                class = v.class,
                state = esc(&v.state),
                title = v
                    .title
                    .as_ref()
                    .map(|t| format!(" <span lang=\"{}\">{}</span>", esc(&v.lang), esc(t)))
                    .unwrap_or_default(),
            ));
        }
        body.push_str("</ul></li>");
    }
    body.push_str("</ul>");
    layout(frame, &frame.words.get("pages-heading"), notice, &body)
}

/// The editor: every language of one page side by side, in one form.
pub fn editor(
    frame: &Frame,
    key: &str,
    title: &str,
    columns: &[Column],
    beside: &Beside,
    notice: Option<&str>,
    problems: &[(String, Invalid)],
) -> String {
    let mut body = String::new();
    if !problems.is_empty() {
        body.push_str(&format!(
            "<section class=\"problems\" role=\"alert\" aria-labelledby=\"problems\"><h2 id=\"problems\">{}</h2><ul>",
            t(frame, "problems-heading")
        ));
        for (language, problem) in problems {
            let text = match problem {
                Invalid::EmptyTitle => frame.words.with(
                    "problem-title-empty",
                    &[("language", language.as_str().into())],
                ),
                Invalid::Slug { slug, why } => frame.words.with(
                    "problem-slug",
                    &[
                        ("language", language.as_str().into()),
                        ("slug", slug.as_str().into()),
                        ("why", why.as_str().into()),
                    ],
                ),
                Invalid::Unreadable(why) => frame.words.with(
                    "problem-unreadable",
                    &[
                        ("language", language.as_str().into()),
                        ("why", why.as_str().into()),
                    ],
                ),
                Invalid::Date(date) => frame.words.with(
                    "problem-date",
                    &[
                        ("language", language.as_str().into()),
                        ("date", date.as_str().into()),
                    ],
                ),
                Invalid::Weight(weight) => frame.words.with(
                    "problem-weight",
                    &[
                        ("language", language.as_str().into()),
                        ("weight", weight.as_str().into()),
                    ],
                ),
            };
            body.push_str(&format!("<li>{}</li>", esc(&text)));
        }
        body.push_str("</ul></section>");
    }
    // What the toolbar (desk.js) says, for it to say in her language.
    let mut labels = String::new();
    for action in [
        "bold", "italic", "heading", "list", "quote", "link", "link-to", "image",
    ] {
        labels.push_str(&format!(
            " data-t-{action}=\"{}\"",
            t(frame, &format!("toolbar-{action}"))
        ));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"/_praxis/page\" class=\"editor\" data-guard=\"{leave}\" data-t-toolbar=\"{toolbar}\"{labels}>\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\"><div class=\"columns\">",
        leave = t(frame, "leave"),
        toolbar = t(frame, "toolbar"),
        token = esc(frame.token),
        key = esc(key),
    ));
    for column in columns {
        body.push_str(&field_set(frame, column));
    }
    body.push_str(&format!(
        "</div><p class=\"actions\"><button class=\"primary\">{}</button></p></form>",
        t(frame, "save")
    ));
    body.push_str(&links_list(frame, beside.links));
    body.push_str(beside.photos);
    body.push_str(&photo_form(frame, key, columns));
    let previews: Vec<&Column> = columns.iter().filter(|c| c.url.is_some()).collect();
    if !previews.is_empty() {
        body.push_str(&format!(
            "<section class=\"preview\"><h2>{}</h2><div class=\"columns\">",
            t(frame, "preview")
        ));
        for column in previews {
            let url = column.url.as_deref().unwrap_or("/");
            body.push_str(&format!(
                "<figure><iframe src=\"{url}\" title=\"{preview} — {name}\" loading=\"lazy\"></iframe>\
<figcaption><a href=\"{url}\">{open} ({name})</a></figcaption></figure>",
                url = esc(url),
                preview = t(frame, "preview"),
                name = esc(&column.name),
                open = t(frame, "open-page"),
            ));
        }
        body.push_str("</div></section>");
    }
    body.push_str(&format!(
        "<section class=\"history\"><h2>{}</h2>",
        t(frame, "history-heading")
    ));
    let mut any = false;
    for column in columns.iter().filter(|c| !c.history.is_empty()) {
        any = true;
        body.push_str(&format!("<h3>{}</h3><ul>", esc(&column.name)));
        for (name, shown) in &column.history {
            body.push_str(&format!(
                "<li><form method=\"post\" action=\"/_praxis/restore\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\">\
<input type=\"hidden\" name=\"lang\" value=\"{lang}\"><input type=\"hidden\" name=\"version\" value=\"{name}\">\
<time>{shown}</time> <button>{restore}</button></form></li>",
                token = esc(frame.token),
                key = esc(key),
                lang = esc(&column.lang),
                name = esc(name),
                shown = esc(shown),
                restore = t(frame, "history-restore"),
            ));
        }
        body.push_str("</ul>");
    }
    if !any {
        body.push_str(&format!("<p>{}</p>", t(frame, "history-none")));
    }
    body.push_str("</section>");
    layout(frame, title, notice, &body)
}

/// The site's other pages and the `@/` address that links to each: a list
/// to copy from, and the choices of the toolbar's link (a datalist).
fn links_list(frame: &Frame, links: &[(String, String)]) -> String {
    let mut options = String::new();
    let mut items = String::new();
    for (key, title) in links {
        let address = format!("@/{key}");
        options.push_str(&format!(
            "<option value=\"{}\" label=\"{}\"></option>",
            esc(&address),
            esc(title)
        ));
        items.push_str(&format!(
            "<li><code>{}</code> {}</li>",
            esc(&address),
            esc(title)
        ));
    }
    format!(
        "<datalist id=\"desk-pages\">{options}</datalist><details class=\"links\"><summary>{heading}</summary><p>{hint}</p><ul>{items}</ul></details>",
        heading = t(frame, "links-heading"),
        hint = t(frame, "links-hint"),
    )
}

/// The form that adds a photo, with what it shows in each language the
/// page has.
fn photo_form(frame: &Frame, key: &str, columns: &[Column]) -> String {
    let with_text: Vec<&Column> = columns.iter().filter(|c| c.opened.is_some()).collect();
    if with_text.is_empty() {
        return String::new();
    }
    let mut alts = String::new();
    for c in with_text {
        alts.push_str(&format!(
            "<p lang=\"{lang}\"><label for=\"alt-{lang}\">{label}</label><input id=\"alt-{lang}\" name=\"alt.{lang}\" type=\"text\" required aria-describedby=\"alt-hint\"></p>",
            lang = esc(&c.lang),
            label = esc(&frame.words.with("photo-alt", &[("language", c.name.as_str().into())])),
        ));
    }
    format!(
        "<section class=\"photo\" aria-labelledby=\"photo-heading\" data-drop=\"{drop}\" data-dropped=\"{dropped}\"><h2 id=\"photo-heading\">{heading}</h2>\
<form method=\"post\" action=\"/_praxis/photo\" enctype=\"multipart/form-data\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\"><input type=\"hidden\" name=\"p\" value=\"{key}\">\
<p><label for=\"photo-file\">{file}</label><input id=\"photo-file\" name=\"photo\" type=\"file\" accept=\"image/jpeg,image/png,image/webp\" required></p>\
{alts}<p><small id=\"alt-hint\">{hint}</small></p><p><button>{add}</button></p></form></section>",
        heading = t(frame, "photo-heading"),
        // For the script: a photo dropped anywhere on the page comes here.
        drop = t(frame, "photo-drop"),
        dropped = esc(&frame
            .words
            .with("photo-dropped", &[("name", "{name}".into())])),
        token = esc(frame.token),
        key = esc(key),
        file = t(frame, "photo-file"),
        hint = t(frame, "photo-alt-hint"),
        add = t(frame, "photo-add"),
    )
}

/// One language's fields. (A newline follows each `<textarea>`: an HTML
/// parser drops the first one there, and the text's own first line — often
/// empty — must come back as it went.)
fn field_set(frame: &Frame, c: &Column) -> String {
    let lang = esc(&c.lang);
    let id = |field: &str| format!("{lang}-{field}");
    let mut html = format!(
        "<fieldset lang=\"{lang}\"><legend>{name}</legend>",
        name = esc(&c.name)
    );
    if let Some(why) = &c.unreadable {
        html.push_str(&format!("<p class=\"problem\">{}</p></fieldset>", esc(why)));
        return html;
    }
    if c.opened.is_none() {
        html.push_str(&format!(
            "<p class=\"hint\">{}</p>",
            t(frame, "missing-version")
        ));
    }
    if c.out_of_date {
        html.push_str(&format!(
            "<p class=\"stale\">{} <a href=\"/_praxis/translations/page?key={}\">{}</a></p>",
            t(frame, "stale"),
            esc(&super::encode(&c.key)),
            t(frame, "stale-link"),
        ));
    }
    if let Some(opened) = &c.opened {
        html.push_str(&format!(
            "<input type=\"hidden\" name=\"{lang}.opened\" value=\"{}\">",
            esc(opened)
        ));
    }
    let f = &c.fields;
    let text = |field: &str, label: &str, value: &str, hint: Option<&str>, kind: &str| {
        let hint_id = format!("{}-hint", id(field));
        let described = hint
            .map(|_| format!(" aria-describedby=\"{hint_id}\""))
            .unwrap_or_default();
        let hint = hint
            .map(|h| format!("<small id=\"{hint_id}\">{}</small>", t(frame, h)))
            .unwrap_or_default();
        format!(
            "<p><label for=\"{fid}\">{label}</label><input id=\"{fid}\" name=\"{lang}.{field}\" type=\"{kind}\" value=\"{value}\"{described}>{hint}</p>",
            fid = id(field),
            label = t(frame, label),
            value = esc(value),
        )
    };
    html.push_str(&text("title", "field-title", &f.title, None, "text"));
    let slug = text(
        "slug",
        "field-slug",
        &f.slug,
        Some("field-slug-hint"),
        "text",
    );
    // A draft's address follows its title as she types it (desk.js).
    let slug = if f.draft || c.opened.is_none() {
        slug.replace(
            "type=\"text\"",
            &format!("type=\"text\" data-follows=\"{}\"", id("title")),
        )
    } else {
        slug
    };
    html.push_str(&slug);
    // A date the browser's picker cannot show (one she typed where it
    // offers a text field) comes back as text, never blanked.
    let is_date = f.date.is_empty() || f.date.parse::<jiff::civil::Date>().is_ok();
    html.push_str(&text(
        "date",
        "field-date",
        &f.date,
        None,
        if is_date { "date" } else { "text" },
    ));
    html.push_str(&format!(
        "<p class=\"check\"><input id=\"{fid}\" name=\"{lang}.draft\" type=\"checkbox\" value=\"on\"{checked}><label for=\"{fid}\">{label}</label></p>",
        fid = id("draft"),
        checked = if f.draft { " checked" } else { "" },
        label = t(frame, "field-draft"),
    ));
    html.push_str(&format!(
        "<p><label for=\"{fid}\">{label}</label><textarea id=\"{fid}\" name=\"{lang}.description\" rows=\"3\" maxlength=\"600\" aria-describedby=\"{fid}-hint\">\n{value}</textarea><small id=\"{fid}-hint\">{hint}</small></p>",
        fid = id("description"),
        label = t(frame, "field-description"),
        value = esc(&f.description),
        hint = t(frame, "field-description-hint"),
    ));
    html.push_str(&text(
        "tags",
        "field-tags",
        &f.tags,
        Some("field-tags-hint"),
        "text",
    ));
    if c.in_menu {
        html.push_str(&text(
            "menu_title",
            "field-menu-title",
            &f.menu_title,
            None,
            "text",
        ));
        html.push_str(&text(
            "weight",
            "field-weight",
            &f.weight,
            Some("field-weight-hint"),
            "text",
        ));
    }
    html.push_str(&format!(
        "<div class=\"field\"><label for=\"{fid}\">{label}</label><textarea id=\"{fid}\" name=\"{lang}.body\" rows=\"18\" aria-describedby=\"{fid}-hint\">\n{value}</textarea><small id=\"{fid}-hint\">{hint}</small></div></fieldset>",
        fid = id("body"),
        label = t(frame, "field-body"),
        value = esc(&f.body),
        hint = t(frame, "field-body-hint"),
    ));
    html
}

/// The conflict: her version and the one on disk, and the two ways out.
pub fn conflict(
    frame: &Frame,
    key: &str,
    lang: &str,
    file: &str,
    yours: &str,
    theirs: &str,
    on_disk: &str,
) -> String {
    let body = format!(
        "<p>{intro}</p><p>{hint}</p><div class=\"columns\">\
<section><h2 id=\"yours\">{yours_heading}</h2><pre tabindex=\"0\" role=\"region\" aria-labelledby=\"yours\">{yours_text}</pre>\
<form method=\"post\" action=\"/_praxis/resolve\"><input type=\"hidden\" name=\"token\" value=\"{token}\">\
<input type=\"hidden\" name=\"p\" value=\"{key}\"><input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
<input type=\"hidden\" name=\"keep\" value=\"mine\"><input type=\"hidden\" name=\"text\" value=\"{yours_text}\">\
<input type=\"hidden\" name=\"on_disk\" value=\"{on_disk}\"><button class=\"primary\">{keep_mine}</button></form></section>\
<section><h2 id=\"theirs\">{theirs_heading}</h2><pre tabindex=\"0\" role=\"region\" aria-labelledby=\"theirs\">{theirs_text}</pre>\
<form method=\"post\" action=\"/_praxis/resolve\"><input type=\"hidden\" name=\"token\" value=\"{token}\">\
<input type=\"hidden\" name=\"p\" value=\"{key}\"><input type=\"hidden\" name=\"lang\" value=\"{lang}\">\
<input type=\"hidden\" name=\"keep\" value=\"theirs\"><input type=\"hidden\" name=\"text\" value=\"{yours_text}\">\
<input type=\"hidden\" name=\"on_disk\" value=\"{on_disk}\"><button>{take_theirs}</button></form></section></div>",
        intro = esc(&frame.words.with("conflict-intro", &[("file", file.into())])),
        hint = t(frame, "conflict-hint"),
        yours_heading = t(frame, "conflict-yours"),
        yours_text = esc(yours),
        theirs_heading = t(frame, "conflict-theirs"),
        theirs_text = esc(theirs),
        token = esc(frame.token),
        key = esc(key),
        lang = esc(lang),
        on_disk = esc(on_disk),
        keep_mine = t(frame, "conflict-keep-mine"),
        take_theirs = t(frame, "conflict-take-theirs"),
    );
    layout(frame, &frame.words.get("conflict-heading"), None, &body)
}

/// The form for a new page.
pub fn new_page(
    frame: &Frame,
    sections: &[(String, String)],
    languages: &[(String, String)],
    posted: &std::collections::HashMap<String, String>,
    notice: Option<&str>,
) -> String {
    let chosen = posted.get("section").map_or("", String::as_str);
    let mut options = format!("<option value=\"\">{}</option>", t(frame, "new-top"));
    for (key, title) in sections {
        options.push_str(&format!(
            "<option value=\"{}\"{}>{}</option>",
            esc(key),
            if key == chosen { " selected" } else { "" },
            esc(title)
        ));
    }
    let mut titles = String::new();
    for (code, name) in languages {
        titles.push_str(&format!(
            "<p lang=\"{code}\"><label for=\"new-{code}\">{label}</label><input id=\"new-{code}\" name=\"title.{code}\" type=\"text\" value=\"{typed}\"></p>",
            typed = esc(posted.get(&format!("title.{code}")).map_or("", String::as_str)),
            code = esc(code),
            label = esc(&frame.words.with("new-title", &[("language", name.as_str().into())])),
        ));
    }
    let body = format!(
        "<form method=\"post\" action=\"/_praxis/new\"><input type=\"hidden\" name=\"token\" value=\"{token}\">\
<p><label for=\"new-where\">{where_}</label><select id=\"new-where\" name=\"section\">{options}</select></p>\
<p class=\"hint\">{hint}</p>{titles}<p class=\"actions\"><button class=\"primary\">{create}</button></p></form>",
        token = esc(frame.token),
        where_ = t(frame, "new-where"),
        hint = t(frame, "new-titles-hint"),
        create = t(frame, "create"),
    );
    layout(frame, &frame.words.get("new-heading"), notice, &body)
}

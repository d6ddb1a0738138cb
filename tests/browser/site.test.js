// The example site in a real browser: switching language, the contact form
// from start to finish, small screens, the keyboard, accessibility rules
// (axe-core) and valid HTML (the Nu HTML Checker).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { exampleSite, serve, browser, praxis, cleanup } from "./site.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let dir, server, chrome;
// A second copy that lets one submission through in ten minutes, and whose
// intake form also asks for a date: the 429 page and every kind of field.
let limitedDir, limited;
before(async () => {
  dir = exampleSite();
  praxis(dir, "build");
  server = await serve(dir);
  limitedDir = exampleSite();
  const config = join(limitedDir, "site.toml");
  writeFileSync(config, readFileSync(config, "utf8")
    .replace("rate_limit = 5", "rate_limit = 1")
    .replace('{ name = "consent",', '{ name = "start", type = "date", required = true },\n  { name = "consent",'));
  for (const [lang, label] of [["nl", "Vanaf wanneer?"], ["fr", "À partir de quand ?"]]) {
    const ftl = join(limitedDir, "i18n", `${lang}.ftl`);
    writeFileSync(ftl, `${readFileSync(ftl, "utf8")}\nform-intake-start-label = ${label}\n`);
  }
  // A page not yet in French: its language switch says so, in the switch's longest words.
  mkdirSync(join(limitedDir, "content", "alleen-nl"));
  writeFileSync(join(limitedDir, "content", "alleen-nl", "nl.md"),
    '+++\ntitle = "Alleen in het Nederlands"\nmenu = false\n+++\nDeze pagina is er nog niet in het Frans.\n');
  limited = await serve(limitedDir);
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  server?.stop();
  limited?.stop();
  cleanup(dir);
  cleanup(limitedDir);
});

/** The error pages the tests below met, as the server sent them, for the Nu checker. */
const errorPages = [];

/** Submits the form on `page` and waits for the answer; returns its status and raw HTML. */
async function submitForm(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/forms/")),
    page.click('form.form button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  const html = await response.text();
  errorPages.push({ url: response.url(), status: response.status(), html });
  return { status: response.status(), html };
}

/** The colours an invalid field shows, and the theme's error colour, in the page. */
function invalidColours(page) {
  return page.evaluate(() => {
    const error = getComputedStyle(document.querySelector(".form-errors h2")).color;
    const fields = [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => {
      const style = getComputedStyle(el);
      const kind = el.tagName === "INPUT" ? el.type : el.tagName.toLowerCase();
      // A native checkbox draws no CSS border: it is outlined instead.
      const colour = kind === "checkbox" ? style.outlineColor : style.borderTopColor;
      return { kind, colour };
    });
    return { error, fields };
  });
}

/** Every page of the site: the sitemap's, the chooser, a 404 and a second list page. */
function allPages() {
  const sitemap = readFileSync(join(dir, "public", "sitemap.xml"), "utf8");
  const paths = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
  return ["/", ...paths, "/nl/404.html", "/fr/404.html"];
}

test("a Dutch article switches to its French translation", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}/nl/artikels/mentorschap/`);
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  await page.click('.language-switcher a[hreflang="fr"]');
  await page.waitForURL(`${server.url}/fr/articles/le-mentorat/`);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal((await page.textContent("h1")).trim(), "Le mentorat");
  await page.close();
});

test("the contact form reaches the thank-you page and the submission is stored", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}/nl/contact/`);
  await page.fill("#form-contact-name", "Anne Peeters");
  await page.fill("#form-contact-email", "anne@example.be");
  await page.fill("#form-contact-message", "Ik wil graag een eerste gesprek plannen.");
  await Promise.all([page.waitForURL(`${server.url}/nl/bedankt/`), page.click('form.form button[type="submit"]')]);
  assert.match(await page.textContent("h1"), /Bedankt/);
  const stored = JSON.parse(praxis(dir, "forms", "export", "--format", "json"));
  assert.ok(stored.some((s) => s.fields.some(([name, value]) => name === "message" && value.includes("eerste gesprek plannen"))));
  await page.close();
});

test("the form works without JavaScript", async () => {
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/fr/contact/`);
  await page.fill("#form-contact-name", "Luc");
  await page.fill("#form-contact-email", "luc@example.be");
  await page.fill("#form-contact-message", "x".repeat(10));
  await Promise.all([page.waitForURL(`${server.url}/fr/merci/`), page.click('form.form button[type="submit"]')]);
  await context.close();
});

test("a failed submission: the title says so, the summary takes the focus, every invalid field shows it", async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await chrome.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${limited.url}/fr/rendez-vous/`);
    await page.fill("#form-intake-email", "anne@");
    await page.fill("#form-intake-phone", "pas de numéro");
    const { status } = await submitForm(page);
    assert.equal(status, 422);
    assert.match(await page.title(), /^Erreur\u00a0: /, "the title says it failed, in French");
    assert.equal(await page.evaluate(() => document.activeElement.id), "form-intake-errors",
      `the summary has the focus (JavaScript ${javaScriptEnabled ? "on" : "off"})`);
    const summary = await page.textContent("#form-intake-errors");
    assert.ok(!summary.includes("?:") && !summary.includes("?\u00a0:"), summary);
    assert.match(summary, /De quoi souhaitez-vous parler\u202f\? Dites en quelques mots de quoi vous souhaitez parler\./);
    assert.match(summary, /Nom\u00a0: indiquez votre nom\./, "lower case after a French colon");
    const { error, fields } = await invalidColours(page);
    const kinds = fields.map((f) => f.kind).sort();
    assert.deepEqual(kinds, ["checkbox", "date", "email", "select", "select", "tel", "text", "textarea"]);
    for (const { kind, colour } of fields) assert.equal(colour, error, `an invalid ${kind} field is not in the error colour`);
    await context.close();
  }
  const page = await chrome.newPage();
  await page.goto(`${server.url}/nl/contact/`);
  await page.fill("#form-contact-name", "Anne");
  await page.fill("#form-contact-email", "anne@");
  await page.fill("#form-contact-message", "Hallo");
  assert.equal((await submitForm(page)).status, 422, "the browser leaves checking to the server");
  assert.match(await page.title(), /^Fout: /);
  assert.equal((await page.textContent(".form-errors h2")).trim(), "Een antwoord klopt nog niet",
    "a malformed e-mail is not a missing answer");
  await page.close();
});

test("a rate-limited visitor gets the form again, in their language, with what they typed", async () => {
  const page = await chrome.newPage();
  const fill = async (message) => {
    await page.goto(`${limited.url}/fr/contact/`);
    await page.fill("#form-contact-name", "Luc Dupont");
    await page.fill("#form-contact-email", "luc@example.be");
    await page.fill("#form-contact-message", message);
  };
  await fill("Une première question.");
  await Promise.all([page.waitForURL(`${limited.url}/fr/merci/`), page.click('form.form button[type="submit"]')]);
  await fill("Une seconde question, que je ne veux pas réécrire.");
  const { status } = await submitForm(page);
  assert.equal(status, 429);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.match(await page.title(), /^Erreur\u00a0: /);
  assert.match(await page.textContent("#form-contact-errors"), /Réessayez dans 10/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "form-contact-errors");
  assert.equal(await page.inputValue("#form-contact-name"), "Luc Dupont");
  assert.equal(await page.inputValue("#form-contact-message"), "Une seconde question, que je ne veux pas réécrire.");
  await page.close();
  // Without JavaScript too, the message takes the focus, as on validation errors.
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto(`${limited.url}/nl/contact/`);
  await noScript.fill("#form-contact-name", "Luc Dupont");
  await noScript.fill("#form-contact-email", "luc@example.be");
  await noScript.fill("#form-contact-message", "Nog een vraag.");
  assert.equal((await submitForm(noScript)).status, 429);
  assert.match(await noScript.textContent("#form-contact-errors"), /vanaf deze verbinding te veel berichten/);
  assert.equal(await noScript.evaluate(() => document.activeElement.id), "form-contact-errors",
    "the summary has the focus (JavaScript off)");
  await context.close();
});

test("axe-core finds no violation on the error pages (light and dark)", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const context = await chrome.newContext({ colorScheme });
    const page = await context.newPage();
    const problems = [];
    for (const { url, html } of errorPages) {
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
      await page.goto(url);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
      for (const v of result.violations) problems.push(`${url}: ${v.id} (${v.nodes.length}): ${v.help}`);
    }
    assert.ok(errorPages.length >= 4, `only ${errorPages.length} error pages met`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("at 360 px wide, no page scrolls sideways, asks anything of another host, or sets a cookie", async () => {
  const context = await chrome.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const elsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  for (const path of allPages()) {
    await page.goto(`${server.url}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  assert.deepEqual(elsewhere, [], "no third-party request");
  assert.deepEqual(await context.cookies(), [], "no cookie");
  await context.close();
});

/** What keeps a visitor from seeing or reaching a link of the header (the menu and the language switch) on `page`. */
function headerProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways by ${document.documentElement.scrollWidth - width}px`);
    for (const a of document.querySelectorAll(".site-header nav a")) {
      const name = a.textContent.trim();
      const r = a.getBoundingClientRect();
      if (a.scrollWidth > a.clientWidth) problems.push(`"${name}" is cut: ${a.scrollWidth}px of text in ${a.clientWidth}px`);
      if (r.left < 0 || r.right > width || r.top < 0) problems.push(`"${name}" is outside the window: ${r.left}–${r.right}px of ${width}px`);
      if (r.height < 44) problems.push(`"${name}" is a ${r.height}px target`);
      // A box that scrolls or clips (as the one-row menu did) shows only part of what it holds.
      for (let box = a.parentElement; box !== document.body; box = box.parentElement) {
        if (box.scrollWidth > box.clientWidth) problems.push(`"${name}" is in a ${box.tagName.toLowerCase()} that overflows by ${box.scrollWidth - box.clientWidth}px`);
      }
      // Its first letter, its middle and its last letter take a tap: nothing covers or clips them.
      for (const x of [r.left + 2, (r.left + r.right) / 2, r.right - 2]) {
        const hit = document.elementFromPoint(x, (r.top + r.bottom) / 2);
        if (!a.contains(hit)) problems.push(`"${name}" does not take a tap at ${Math.round(x)}px (${hit?.tagName ?? "nothing"} does)`);
      }
    }
    return problems;
  });
}

const menus = {
  nl: ["Artikels", "Over mij", "Aanbod", "Contact", "Aanmelden", "Zoeken"],
  fr: ["Articles", "À propos de moi", "Tarifs", "Contact", "Rendez-vous", "Rechercher"],
};

for (const width of [320, 375]) {
  test(`at ${width} px, every menu item and the language switch show their whole name and take a tap, in Dutch and French`, async () => {
    const context = await chrome.newContext({ viewport: { width, height: 640 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const pages = [
      [server, "/nl/"], [server, "/fr/"], [server, "/nl/artikels/mentorschap/"], [server, "/fr/articles/le-mentorat/"],
      [server, "/nl/zoeken/"], [server, "/fr/recherche/"], [limited, "/nl/alleen-nl/"],
    ];
    const problems = [];
    for (const [site, path] of pages) {
      await page.goto(`${site.url}${path}`);
      const lang = path.slice(1, 3);
      const names = await page.locator(".menu a").allTextContents();
      assert.deepEqual(names.map((n) => n.trim()), menus[lang], `${path}: the menu, search included`);
      for (const problem of await headerProblems(page)) problems.push(`${path}: ${problem}`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
      for (const v of result.violations) problems.push(`${path}: axe: ${v.id} (${v.nodes.length}): ${v.help}`);
    }
    assert.deepEqual(problems, []);

    // A tap on each link of the header leads where it says.
    for (const [site, path] of pages.filter(([, p]) => p.split("/").length === 3 || p.includes("alleen"))) {
      await page.goto(`${site.url}${path}`);
      const links = page.locator(".site-header nav a");
      const count = await links.count();
      for (let i = 0; i < count; i++) {
        if (i > 0) await page.goto(`${site.url}${path}`);
        const href = await links.nth(i).getAttribute("href");
        await links.nth(i).tap({ noWaitAfter: false });
        await page.waitForURL(`${site.url}${href}`);
      }
    }
    await context.close();
  });
}

test("on a phone, the keyboard reaches every menu item and the language switch, each in sight when it has the focus", async () => {
  const page = await chrome.newPage({ viewport: { width: 320, height: 640 } });
  for (const path of ["/nl/", "/fr/"]) {
    await page.goto(`${server.url}${path}`);
    const expected = await page.locator(".site-header nav a").evaluateAll((links) => links.map((a) => a.href));
    const reached = [];
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return { href: a.href, nav: !!a.closest(".site-header nav"), inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight, scrolled: scrollX };
      });
      if (!focused.nav) continue;
      reached.push(focused.href);
      assert.ok(focused.inside && focused.scrolled === 0, `${path}: ${focused.href} is out of sight when it has the focus`);
    }
    assert.deepEqual([...reached].sort(), [...expected].sort(), `${path}: Tab reaches every link of the header`);
  }
  await page.close();
});

test("the layout: a compact phone header, one column edge, a footer at the bottom, room above it", async () => {
  // The menu wraps (every item whole, above): on a common phone that is two
  // rows of 44px targets under the title, at most a fifth of the screen.
  const phone = await chrome.newPage({ viewport: { width: 360, height: 740 } });
  for (const path of ["/nl/artikels/mentorschap/", "/fr/articles/le-mentorat/", "/fr/contact/"]) {
    await phone.goto(`${server.url}${path}`);
    const header = await phone.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
    assert.ok(header <= 740 / 5, `${path}: the header takes ${header}px of a 740px phone screen`);
  }
  await phone.close();

  const desktop = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
  await desktop.goto(`${server.url}/nl/artikels/mentorschap/`);
  const edges = await desktop.evaluate(() =>
    [".site-title", "main h1", ".practice-name"].map((s) => Math.round(document.querySelector(s).getBoundingClientRect().left)),
  );
  assert.equal(new Set(edges).size, 1, `title, h1 and footer start on one edge: ${edges}`);
  // A short page: the footer ends at the bottom of the window, and the text
  // keeps its distance from the footer's border.
  await desktop.goto(`${server.url}/fr/merci/`);
  const { footerBottom, gap } = await desktop.evaluate(() => {
    const footer = document.querySelector(".site-footer").getBoundingClientRect();
    const last = [...document.querySelectorAll("main *")].pop().getBoundingClientRect();
    return { footerBottom: footer.bottom, gap: footer.top - last.bottom };
  });
  assert.ok(Math.abs(footerBottom - 900) <= 1, `the footer ends at ${footerBottom}, not at the window's bottom`);
  assert.ok(gap >= 24, `only ${gap}px between the text and the footer`);
  // Printed, lines stay readable: about 70 characters, not the page's width.
  await desktop.emulateMedia({ media: "print" });
  await desktop.goto(`${server.url}/nl/artikels/mentorschap/`);
  const ems = await desktop.evaluate(() => {
    const p = document.querySelector(".prose p");
    return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize);
  });
  assert.ok(ems <= 36, `printed lines are ${ems.toFixed(0)}em wide`);
  await desktop.close();
});

test("on a phone, the home page's image sits beside the title only; the lead and the button take the whole width, the button on one line", async () => {
  const page = await chrome.newPage({ viewport: { width: 360, height: 740 } });
  for (const path of ["/nl/", "/fr/"]) {
    await page.goto(`${server.url}${path}`);
    const hero = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const main = document.querySelector("main");
      const style = getComputedStyle(main);
      const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const button = document.querySelector(".call-to-action");
      const range = document.createRange();
      range.selectNodeContents(button);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return { image: box(".intro .portrait"), h1: box(".intro h1"), lead: box(".intro .lead"), button: box(".call-to-action"), column, lines };
    });
    assert.ok(hero.h1.right <= hero.image.left, `${path}: the title beside the image`);
    assert.ok(hero.h1.top < hero.image.bottom && hero.h1.bottom > hero.image.top, `${path}: the title level with the image`);
    assert.ok(hero.lead.top >= hero.image.bottom, `${path}: the lead below the image`);
    assert.ok(hero.lead.width >= hero.column - 1, `${path}: the lead is ${hero.lead.width}px of a ${hero.column}px column`);
    assert.ok(hero.button.width >= hero.column - 1, `${path}: the button is ${hero.button.width}px of a ${hero.column}px column`);
    assert.equal(hero.lines, 1, `${path}: the button's words on one line`);
  }
  // On a desktop, the image stands to the left of the whole introduction.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/fr/`);
  const wide = await page.evaluate(() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    return { image: box(".intro .portrait"), lead: box(".intro .lead"), button: box(".call-to-action") };
  });
  assert.ok(wide.lead.left >= wide.image.right && wide.button.left >= wide.image.right, "the words to the right of the image");
  await page.close();
});

/** The printed height that the last page of `path` still has free, in CSS px, measured by growing a block at its end until it takes one more page. */
async function lastPage(page, path) {
  await page.goto(`${server.url}${path}`);
  const pages = async () => (await page.pdf({ format: "A4" })).toString("latin1").match(/\/Type\s*\/Page[^s]/g).length;
  const count = await pages();
  let [fits, spills] = [0, 1123];
  while (spills - fits > 8) {
    const height = Math.floor((fits + spills) / 2);
    await page.evaluate((h) => {
      let probe = document.getElementById("print-probe");
      if (!probe) {
        probe = document.createElement("div");
        probe.id = "print-probe";
        document.body.append(probe);
      }
      probe.style.height = `${h}px`;
    }, height);
    if ((await pages()) > count) spills = height; else fits = height;
  }
  return { count, free: fits };
}

test("printed: the footer in one piece, no button, the emergency note once, the column centred, no last page of a few lines", async () => {
  const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
  await page.emulateMedia({ media: "print" });
  for (const path of ["/nl/contact/", "/fr/rendez-vous/"]) {
    await page.goto(`${server.url}${path}`);
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".emergency")].filter((e) => e.getClientRects().length > 0).length);
    assert.equal(shown, 1, `${path}: the emergency note printed once`);
  }
  await page.goto(`${server.url}/nl/`);
  const home = await page.evaluate(() => {
    const main = document.querySelector("main").getBoundingClientRect();
    return {
      cta: document.querySelector(".cta").getClientRects().length,
      footer: getComputedStyle(document.querySelector(".site-footer")).breakInside,
      margins: [main.left, document.documentElement.clientWidth - main.right],
    };
  });
  assert.equal(home.cta, 0, "the call to action is not printed");
  assert.equal(home.footer, "avoid", "the footer is never split");
  assert.ok(Math.abs(home.margins[0] - home.margins[1]) <= 1, `the column in the middle: ${home.margins}`);
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 1000);
  // The pages that ended on a page of 3 to 6 lines: now either one page, or
  // a last page holding more than the few lines of a note. An 11pt line is
  // 22px; an A4 page (1123px) holds 972px within print.css's 2cm margins.
  const [pageHeight, line] = [1123 - 151, 22];
  const few = [];
  for (const path of ["/nl/artikels/mentorschap/", "/fr/articles/le-mentorat/", "/fr/articles/le-premier-entretien/", "/nl/praktisch/", "/nl/privacy/", "/fr/confidentialite/"]) {
    const { count, free } = await lastPage(page, path);
    if (count > 1 && free > pageHeight - 7 * line) few.push(`${path}: ${count} pages, ${free}px free on the last`);
  }
  assert.deepEqual(few, []);
  await page.close();
});

test("French pages carry the French identity, plain pages no newer/older links", async () => {
  const page = await chrome.newPage();
  for (const path of allPages().filter((p) => p.startsWith("/fr/"))) {
    await page.goto(`${server.url}${path}`);
    const text = await page.evaluate(() => document.body.innerText + document.head.innerHTML);
    assert.ok(!text.includes("Praktijk De Brug"), `${path} names the Dutch practice`);
    assert.ok(!text.includes("beroepsvereniging"), `${path} has the Dutch registration line`);
  }
  for (const path of ["/nl/contact/", "/fr/a-propos-de-moi/", "/nl/over-mij/", "/fr/merci/"]) {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response.status(), 200, path);
    assert.equal(await page.locator(".neighbours").count(), 0, `${path} has newer/older links`);
  }
  await page.goto(`${server.url}/nl/404.html`);
  await page.click('.language-switcher a[hreflang="fr"]');
  await page.waitForURL(`${server.url}/fr/404.html`);
  await page.close();
});

test("built pages carry no script (only structured data, and a form's own for a field a choice makes required)", () => {
  for (const path of allPages()) {
    const file = path.endsWith(".html") ? path : `${path}index.html`;
    const html = readFileSync(join(dir, "public", file), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attrs, body] of scripts) {
      if (attrs === "" && html.includes("data-required-when=")) {
        assert.ok(!/src=|fetch|XMLHttpRequest|cookie|localStorage/.test(body), `${path}: the form's script only follows the choice`);
        continue;
      }
      assert.match(attrs, /type="application\/ld\+json"/, `${path} has a script`);
    }
  }
});

test("the phone number becomes required when she asks to be phoned, and says so", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}/nl/aanmelden/`);
  const required = () => page.evaluate(() => ({
    input: document.querySelector("#form-intake-phone").required,
    star: !document.querySelector('label[for="form-intake-phone"] [data-required-star]').hidden,
  }));
  assert.deepEqual(await required(), { input: false, star: false });
  assert.match(await page.textContent("#form-intake-phone-hint"), /Verplicht als je „Telefonisch” kiest\./);
  await page.selectOption("#form-intake-contact_by", "phone");
  assert.deepEqual(await required(), { input: true, star: true });
  await page.selectOption("#form-intake-contact_by", "email");
  assert.deepEqual(await required(), { input: false, star: false });
  await page.close();
});

test("at 360 px, the * of the consent label never stands alone on a line", async () => {
  const page = await chrome.newPage({ viewport: { width: 360, height: 800 } });
  for (const path of ["/nl/aanmelden/", "/fr/rendez-vous/"]) {
    await page.goto(`${server.url}${path}`);
    const alone = await page.evaluate(() => {
      const star = document.querySelector('label[for="form-intake-consent"] .required');
      const range = document.createRange();
      range.selectNodeContents(star.parentElement);
      const lines = [...range.getClientRects()].map((r) => Math.round(r.top));
      const starTop = Math.round(star.getBoundingClientRect().top);
      const label = star.parentElement.getBoundingClientRect();
      // The star's line holds more than the star: something else starts left of it.
      const range2 = document.createRange();
      range2.selectNodeContents(star.parentElement.firstChild);
      const textOnStarLine = [...range2.getClientRects()].some((r) => Math.round(r.top) === starTop);
      return { textOnStarLine, lines: new Set(lines).size, label: label.width };
    });
    assert.ok(alone.textOnStarLine, `${path}: the * shares its line with the label's last word`);
  }
  await page.close();
});

test("the keyboard alone reaches and fills the form", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}/nl/contact/`);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link", "the skip link comes first");
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.id === "form-contact-name");
  }
  assert.ok(reached, "Tab reaches the first field of the form");
  const focusStyle = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusStyle, "none", "the focused field shows it");
  await page.keyboard.type("Anne");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "form-contact-email");
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no WCAG 2.1 AA violation on any page (${scheme})`, async () => {
    const context = await chrome.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const problems = [];
    for (const path of allPages()) {
      await page.goto(`${server.url}${path}`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
      for (const v of result.violations) problems.push(`${path}: ${v.id} (${v.nodes.length}): ${v.help}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the Nu HTML Checker reports no error on any built page", () => {
  const out = join(dir, "public");
  const html = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html")) html.push(p);
    }
  };
  walk(out);
  assert.ok(html.length > 20, `only ${html.length} pages`);
  // The error pages the form tests met, as the server sent them.
  const saved = mkdtempSync(join(tmpdir(), "praxis-error-pages-"));
  errorPages.forEach(({ status, html: body }, i) => {
    const file = join(saved, `answer-${i}-${status}.html`);
    writeFileSync(file, body);
    html.push(file);
  });
  const vnu = resolve(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
  try {
    execFileSync("java", ["-jar", vnu, "--errors-only", ...html], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    // The error pages stay in `saved`, for the errors that name them.
    assert.fail(`the Nu HTML Checker found errors:\n${e.stderr}`);
  }
  rmSync(saved, { recursive: true, force: true });
});

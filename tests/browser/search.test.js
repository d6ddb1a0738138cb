// The search pages of the example site in a real browser: a Dutch word on
// the Dutch page finds the Dutch essay and nothing French, a French word on
// the French page the French essay and nothing Dutch; the keyboard alone;
// no request off the site; axe-core (light and dark), the Nu HTML Checker;
// the page without JavaScript; `praxis serve` finding a word written after
// it started; "coeur" finding "cœur", excerpts that say where they are cut
// and marks without punctuation; and praxis's index against the one
// Pagefind's own CLI makes from the same built pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, resolve, extname } from "node:path";
import { createRequire } from "node:module";
import { exampleSite, serve, browser, praxis, cleanup } from "./site.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const searchPages = { nl: "/nl/zoeken/", fr: "/fr/recherche/" };

let dir, server, chrome;
before(async () => {
  dir = exampleSite();
  praxis(dir, "build");
  server = await serve(dir, "--watch");
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  server?.stop();
  cleanup(dir);
});

/** A page that records every request leaving the site. */
async function watchedPage(context) {
  const page = await context.newPage();
  const elsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url)) elsewhere.push(request.url());
  });
  return { page, elsewhere };
}

/** Types `query` into the search field with the keyboard only, and waits for the answer. */
async function searchByKeyboard(page, query) {
  // From the top of the page, Tab until the search field has the focus.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "search-input");
  }
  assert.ok(reached, "Tab reaches the search field");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForFunction((q) => document.querySelector(".search-results").dataset.query === q, query);
  return page.evaluate(() => ({
    status: document.querySelector("#search-status").textContent.trim(),
    results: [...document.querySelectorAll(".search-results li a")].map((a) => a.getAttribute("href")),
  }));
}

test("a Dutch word on the Dutch search page finds the Dutch essay, and nothing French", async () => {
  const context = await chrome.newContext();
  const { page, elsewhere } = await watchedPage(context);
  await page.goto(`${server.url}${searchPages.nl}`);
  // Only the Dutch essay has "levensdomeinen": Dutch stemming finds it from "levensdomein".
  const { status, results } = await searchByKeyboard(page, "levensdomein");
  assert.ok(results.includes("/nl/artikels/mentorschap/"), `results: ${results}`);
  assert.ok(results.every((url) => url.startsWith("/nl/")), `a result not in Dutch: ${results}`);
  assert.match(status, /^\d+ resultaten?$|^1 resultaat$/);
  assert.deepEqual(elsewhere, [], "no request off the site");
  await context.close();
});

test("a French word on the French search page finds the French essay, and nothing Dutch", async () => {
  const context = await chrome.newContext();
  const { page, elsewhere } = await watchedPage(context);
  await page.goto(`${server.url}${searchPages.fr}`);
  const { status, results } = await searchByKeyboard(page, "apprentissage");
  assert.ok(results.includes("/fr/articles/le-mentorat/"), `results: ${results}`);
  assert.ok(results.every((url) => url.startsWith("/fr/")), `a result not in French: ${results}`);
  assert.match(status, /résultats?$/);
  // A word of the Dutch essay brings no Dutch page here (Pagefind may
  // still match French words inside it, as it does for compounds).
  await page.fill("#search-input", "");
  await page.keyboard.press("Shift+Tab");
  const dutch = await searchByKeyboard(page, "levensdomeinen");
  assert.ok(dutch.results.every((url) => url.startsWith("/fr/")), `a result not in French: ${dutch.results}`);
  await page.fill("#search-input", "");
  await page.keyboard.press("Shift+Tab");
  const none = await searchByKeyboard(page, "qqqzzzxxx");
  assert.equal(none.status, "Aucun résultat");
  assert.deepEqual(none.results, []);
  assert.deepEqual(elsewhere, [], "no request off the site");
  await context.close();
});

test("the search field is labelled, and results are announced in a live region", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}${searchPages.nl}`);
  await page.waitForSelector("form.search-form:not([hidden])");
  const label = await page.evaluate(() => document.querySelector("#search-input").labels[0].textContent.trim());
  assert.equal(label, "Zoek op deze site");
  assert.equal(await page.getAttribute("#search-status", "role"), "status");
  await page.fill("#search-input", "qqqzzzxxx");
  await page.waitForFunction(() => document.querySelector(".search-results").dataset.query === "qqqzzzxxx");
  assert.equal((await page.textContent("#search-status")).trim(), "Geen resultaten");
  await page.close();
});

test("the language switcher of a search page leads to the other language's search page", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}${searchPages.nl}`);
  await page.click('.language-switcher a[hreflang="fr"]');
  await page.waitForURL(`${server.url}${searchPages.fr}`);
  await page.close();
});

test("every page links to its language's search page", async () => {
  const page = await chrome.newPage();
  for (const [path, target] of [["/nl/artikels/mentorschap/", searchPages.nl], ["/fr/articles/le-mentorat/", searchPages.fr]]) {
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.locator(`.menu a[href="${target}"]`).count(), 1, `${path} has no link to ${target}`);
  }
  await page.close();
});

test("without JavaScript the search page says so and links to the articles and the tags", async () => {
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [lang, path] of Object.entries(searchPages)) {
    await page.goto(`${server.url}${path}`);
    const fallback = page.locator("[data-search-fallback]");
    assert.ok(await fallback.isVisible(), `${path}: the fallback is hidden`);
    assert.match(await fallback.textContent(), /JavaScript/);
    const links = await fallback.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const tags = lang === "nl" ? "/nl/onderwerpen/" : "/fr/sujets/";
    const articles = lang === "nl" ? "/nl/artikels/" : "/fr/articles/";
    assert.ok(links.includes(tags) && links.includes(articles), `${path}: ${links}`);
    assert.ok(!(await page.locator("form.search-form").isVisible()), `${path}: a form that cannot work`);
  }
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no WCAG 2.1 AA violation on the search pages, with results (${scheme})`, async () => {
    const context = await chrome.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const problems = [];
    for (const [lang, path] of Object.entries(searchPages)) {
      await page.goto(`${server.url}${path}`);
      await page.fill("#search-input", lang === "nl" ? "mentor" : "mentorat");
      await page.waitForSelector(".search-results li");
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
      for (const v of result.violations) problems.push(`${path}: ${v.id} (${v.nodes.length}): ${v.help}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the Nu HTML Checker reports no error on the search pages, as built and with results", async () => {
  const files = Object.values(searchPages).map((p) => join(dir, "public", p, "index.html"));
  // And the page as the script leaves it, results shown.
  const page = await chrome.newPage();
  await page.goto(`${server.url}${searchPages.nl}`);
  await page.fill("#search-input", "mentor");
  await page.waitForSelector(".search-results li");
  const live = join(dir, "search-with-results.html");
  writeFileSync(live, `<!doctype html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`);
  files.push(live);
  await page.close();
  const vnu = resolve(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
  try {
    execFileSync("java", ["-jar", vnu, "--errors-only", ...files], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`the Nu HTML Checker found errors:\n${e.stderr}`);
  }
});

test("praxis serve: a word added to the essay becomes findable", async () => {
  const file = join(dir, "content", "articles", "mentorschap", "nl.md");
  const before = readFileSync(file, "utf8");
  try {
    writeFileSync(file, `${before}\n\nEen nieuw woord: zwerfkeibegeleiding.\n`);
    const page = await chrome.newPage();
    let results = [];
    for (let i = 0; i < 40 && !results.includes("/nl/artikels/mentorschap/"); i++) {
      await page.goto(`${server.url}${searchPages.nl}`);
      await page.fill("#search-input", "zwerfkeibegeleiding");
      await page.waitForFunction(() => document.querySelector(".search-results").dataset.query === "zwerfkeibegeleiding");
      results = await page.evaluate(() => [...document.querySelectorAll(".search-results li a")].map((a) => a.getAttribute("href")));
      if (!results.length) await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual(results, ["/nl/artikels/mentorschap/"]);
    await page.close();
  } finally {
    writeFileSync(file, before);
  }
});

/** The results of `query` as the search page shows them: each one's link, excerpt and marks. */
async function shownResults(page, query) {
  await page.fill("#search-input", query);
  await page.waitForFunction((q) => document.querySelector(".search-results").dataset.query === q, query);
  return page.evaluate(() =>
    [...document.querySelectorAll(".search-results li")].map((li) => ({
      url: li.querySelector("a").getAttribute("href"),
      excerpt: li.querySelector("p").textContent,
      marks: [...li.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  );
}

test("coeur finds cœur, and cœur finds it too", async () => {
  const page = await chrome.newPage();
  await page.goto(`${server.url}${searchPages.fr}`);
  for (const query of ["coeur", "cœur", "COEUR"]) {
    const results = await shownResults(page, query);
    const essay = results.find((r) => r.url === "/fr/articles/le-mentorat/");
    assert.ok(essay, `${query}: ${JSON.stringify(results)}`);
    assert.ok(essay.marks.includes("cœur"), `${query}: the word is marked as written: ${JSON.stringify(essay)}`);
  }
  await page.close();
});

test("an excerpt cut mid-sentence says so with an ellipsis, and a mark holds the word without its punctuation", async () => {
  const page = await chrome.newPage();
  const seen = { cut: 0, marks: 0 };
  for (const [path, queries] of [
    [searchPages.fr, ["relation", "mentorat", "séance", "remboursement"]],
    [searchPages.nl, ["relatie", "mentor", "gesprek"]],
  ]) {
    await page.goto(`${server.url}${path}`);
    for (const query of queries) {
      for (const { url, excerpt, marks } of await shownResults(page, query)) {
        const text = excerpt.trim();
        // Where it does not start a sentence, it starts with "…"; where it
        // does not end one, it ends with "…".
        assert.ok(/^(…|[\p{Lu}\p{N}«"])/u.test(text), `${query}, ${url}: "${text}"`);
        assert.ok(/(…|[.!?:;»"”)])$/u.test(text), `${query}, ${url}: "${text}"`);
        if (text.startsWith("…") || text.endsWith("…")) seen.cut++;
        for (const mark of marks) {
          assert.match(mark, /^[\p{L}\p{N}](.*[\p{L}\p{N}])?$/su, `${query}, ${url}: a mark with punctuation: "${mark}"`);
          seen.marks++;
        }
      }
    }
  }
  assert.ok(seen.cut > 0 && seen.marks > 0, `nothing was tested: ${JSON.stringify(seen)}`);
  await page.close();
});

/** Serves the folders of `routes` (URL prefix → folder) over HTTP, as any static host would. */
function staticHost(routes) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  const http = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const [prefix, folder] = Object.entries(routes).find(([p]) => path.startsWith(p));
    let file = join(folder, path.slice(prefix.length));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  return new Promise((done) =>
    http.listen(0, "127.0.0.1", () => done({ url: `http://127.0.0.1:${http.address().port}`, stop: () => http.close() })),
  );
}

// Pagefind's CLI, as npm installs it beside these tests (package.json), or
// where PAGEFIND_BIN says. Without it this test fails: it never skips.
const pagefindBin =
  process.env.PAGEFIND_BIN ??
  join(import.meta.dirname, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended");

test("praxis's index finds the pages that Pagefind's CLI finds in the same built pages, in Dutch and French", async () => {
  assert.ok(existsSync(pagefindBin), `no Pagefind CLI at ${pagefindBin}: npm ci in tests/browser, or set PAGEFIND_BIN`);
  const cliBundle = join(dir, "pagefind-cli");
  execFileSync(pagefindBin, ["--site", join(dir, "public"), "--output-path", cliBundle, "--silent"]);
  const host = await staticHost({ "/_cli/": cliBundle, "/": join(dir, "public") });
  // Pages the two read differently, on purpose: the thank-you pages are
  // noindex (praxis leaves them out; the CLI reads what is marked), and the
  // privacy notice's template marks nothing for Pagefind, so the CLI skips
  // it, while praxis reads its text.
  const different = ["/nl/bedankt/", "/fr/merci/", "/nl/privacy/", "/fr/confidentialite/"];
  const queries = {
    nl: ["mentor", "relatie", "tarieven", "zelfdoding", "levensdomein", "één", "een", "therapie", "beïnvloeden", "gesprek"],
    fr: ["mentorat", "relation", "remboursement", "thérapie", "therapie", "Louvain", "cœur", "séance", "mentoré", "expérience", "sécurité"],
  };
  const page = await chrome.newPage();
  try {
    for (const [lang, words] of Object.entries(queries)) {
      await page.goto(`${host.url}${searchPages[lang]}`);
      const found = await page.evaluate(
        async ({ lang, words }) => {
          const ours = await import(`/${lang}/pagefind/pagefind.js`);
          const cli = await import("/_cli/pagefind.js");
          await ours.options({ baseUrl: "/" });
          await cli.options({ baseUrl: "/" });
          const urls = async (pagefind, word) => {
            const search = await pagefind.search(word);
            return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url).sort();
          };
          const out = {};
          for (const word of words) out[word] = { ours: await urls(ours, word), cli: await urls(cli, word) };
          return out;
        },
        { lang, words },
      );
      for (const [word, { ours, cli }] of Object.entries(found)) {
        const kept = (urls) => urls.filter((u) => !different.includes(u));
        assert.ok(ours.length > 0, `${lang} "${word}": praxis's index finds nothing`);
        assert.deepEqual(kept(ours), kept(cli), `${lang} "${word}"`);
      }
    }
  } finally {
    await page.close();
    host.stop();
  }
});

// The translator's view (praxis serve, /_praxis/translations/) in Chromium:
// it follows an edit live through the reload stream, it is usable with the
// keyboard and without JavaScript, axe-core finds nothing, and the Nu HTML
// Checker finds its HTML valid.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { exampleSite, serve, browser, cleanup } from "./site.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const essay = "articles/mentorschap";
const view = "/_praxis/translations/";
const before_ = "Le mentor n'est donc pas un expert qui apporte une solution toute faite.";
const after_ = "Le mentor n'est donc pas un expert qui arrive avec une réponse toute prête.";

let dir, server, chrome;
before(async () => {
  dir = exampleSite();
  server = await serve(dir, "--watch");
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  server?.stop();
  cleanup(dir);
});

const frFile = () => join(dir, "content", "articles", "mentorschap", "fr.md");
const nlState = (page) => page.getAttribute('.versions li[data-lang="nl"]', "data-state");

/** Edits the French essay: one paragraph, as the author would. */
function editParagraph(from, to) {
  const text = readFileSync(frFile(), "utf8");
  assert.ok(text.includes(from), "the paragraph to edit is in the essay");
  writeFileSync(frFile(), text.replace(from, to));
}

test("the view follows an edit of the source live, and Accept is reachable with the keyboard", async () => {
  const page = await chrome.newPage();
  // The page listens to the reload stream once its response has come.
  const listening = page.waitForResponse((r) => r.url().endsWith("/__praxis/events"));
  await page.goto(`${server.url}${view}page?key=${essay}`);
  await listening;
  assert.equal(await nlState(page), "in-step");

  editParagraph(before_, after_);
  // No navigation of ours: the reload stream brings the change.
  await page.waitForSelector('.versions li[data-lang="nl"][data-state="out-of-date"]', { timeout: 10000 });
  const changed = page.locator("table.compare tr.changed");
  assert.equal(await changed.count(), 1);
  // Struck, and said so to a screen reader.
  assert.equal(await changed.locator("del").first().textContent(), "eerst: apporte");
  assert.match(await changed.locator("td").nth(1).textContent(), /De mentor is dus geen expert/);

  // Tab to the Accept button, press Enter: the versions agree again.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.matches('form[action$="/accept"] button'));
  }
  assert.ok(reached, "Tab reaches the Accept button");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused button shows it");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.equal(await nlState(page), "in-step");
  await page.close();
});

test("the view can be read without JavaScript", async () => {
  editParagraph(after_, before_);
  const context = await chrome.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Back to the seed's text, away from the one just accepted: out of date again.
  for (let i = 0; i < 50; i++) {
    await page.goto(`${server.url}${view}`);
    if ((await page.getAttribute(`tr[data-key="${essay}"] td[data-lang="nl"]`, "data-state")) === "out-of-date") break;
    await page.waitForTimeout(100);
  }
  assert.equal(await page.getAttribute(`tr[data-key="${essay}"] td[data-lang="nl"]`, "data-state"), "out-of-date");
  await page.click(`tr[data-key="${essay}"] th a`);
  assert.equal(await page.locator("table.compare tr.changed").count(), 1);
  await context.close();
});

test("axe-core finds no WCAG 2.1 AA violation on the view, and its HTML is valid", async () => {
  // The view's policy forbids inline scripts; axe is injected as one.
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  const html = [];
  const out = mkdtempSync(join(tmpdir(), "praxis-view-html-"));
  for (const path of [view, `${view}?lang=fr`, `${view}page?key=${essay}`, `${view}page?key=${essay}&lang=fr`, `${view}page?key=over-mij`]) {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response.status(), 200, path);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
    for (const v of result.violations) problems.push(`${path}: ${v.id} (${v.nodes.length}): ${v.help}`);
    const file = join(out, `view-${html.length}.html`);
    writeFileSync(file, await response.text());
    html.push(file);
  }
  assert.deepEqual(problems, []);
  const vnu = resolve(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
  try {
    execFileSync("java", ["-jar", vnu, "--errors-only", ...html], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`the Nu HTML Checker found errors:\n${e.stderr}`);
  } finally {
    cleanup(out);
  }
  await context.close();
});

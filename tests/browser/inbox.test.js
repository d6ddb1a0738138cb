// The practitioner's inbox (`praxis forms inbox`) in a real browser: she
// opens the printed address, reads a submission sent through the site's
// form, marks it done and deletes it — with the keyboard, in her language,
// with no accessibility violation (axe-core) and valid HTML (Nu).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { exampleSite, serve, browser, praxisBin, cleanup } from "./site.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** `praxis forms inbox --port 0`; resolves to { url (with its key), stop }. */
function inbox(dir, ...extra) {
  const child = spawn(praxisBin, ["--root", dir, "forms", "inbox", "--no-open", "--port", "0", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`praxis forms inbox did not start:\n${output}`)), 20000);
    const read = (data) => {
      output += data;
      const match = output.match(/your submissions: (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], stop: () => child.kill("SIGINT") });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`praxis forms inbox exited with ${code}:\n${output}`)));
  });
}

let dir, chrome;
before(async () => {
  dir = exampleSite();
  chrome = await browser();
  // A visitor writes through the French contact form.
  const site = await serve(dir);
  const page = await chrome.newPage();
  await page.goto(`${site.url}/fr/contact/`);
  await page.fill("#form-contact-name", "Anne Dupré");
  await page.fill("#form-contact-email", "anne@example.be");
  await page.fill("#form-contact-message", "Bonjour,\nje cherche un accompagnement <b>pour mon fils</b>.");
  await Promise.all([page.waitForNavigation(), page.click("form button[type=submit]")]);
  await page.close();
  site.stop();
});
after(async () => {
  await chrome?.close();
  cleanup(dir);
});

test("she reads, marks done and deletes a submission with the keyboard, in French", async () => {
  const box = await inbox(dir, "--lang", "fr");
  // The inbox's own policy forbids scripts; axe is injected by the test only.
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(box.url);
  assert.equal(new URL(page.url()).search, "", "the key leaves the address bar");
  assert.equal(await page.locator("h1").textContent(), "Messages reçus");
  await page.addScriptTag({ content: axeSource });
  let result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  assert.deepEqual(result.violations.map((v) => v.id), [], "the list");

  await page.getByRole("link", { name: "Anne Dupré" }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const text = await page.locator("dl.answers").textContent();
  assert.match(text, /je cherche un accompagnement <b>pour mon fils<\/b>/, "shown as text, never as markup");
  assert.equal(await page.locator("dl.answers b").count(), 0);
  await page.addScriptTag({ content: axeSource });
  result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  assert.deepEqual(result.violations.map((v) => v.id), [], "a submission");

  await page.getByRole("button", { name: "Marquer comme traité" }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  assert.equal(await page.getByRole("button", { name: "Remettre à traiter" }).count(), 1, await page.content());
  // Deleting asks first.
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Supprimer…" }).click()]);
  assert.match(await page.locator("h1").textContent(), /^Supprimer le message nº\s1\s\?$/);
  await page.addScriptTag({ content: axeSource });
  result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  assert.deepEqual(result.violations.map((v) => v.id), [], "the question before deleting");
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Supprimer définitivement" }).click()]);
  assert.match(await page.locator("[role=status]").textContent(), /supprimé/);
  assert.match(await page.locator("main").textContent(), /Aucun message/);
  const origin = new URL(box.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), [], "no request leaves the inbox");

  // Nu HTML Checker on both pages as served.
  const html = mkdtempSync(join(tmpdir(), "praxis-inbox-"));
  writeFileSync(join(html, "list.html"), await page.content());
  const vnu = resolve(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
  execFileSync("java", ["-jar", vnu, "--errors-only", join(html, "list.html")], { encoding: "utf8", stdio: "pipe" });
  cleanup(html);
  await context.close();
  box.stop();
});

test("a page on another site cannot change anything in the inbox", async () => {
  const box = await inbox(dir);
  const context = await chrome.newContext();
  const page = await context.newPage();
  await page.goto(box.url);
  const before = await page.content();
  // Another origin (the preview of some site) posts to the inbox.
  const other = await serve(dir);
  const attacker = await context.newPage();
  await attacker.goto(`${other.url}/nl/`);
  const target = new URL(box.url).origin;
  const status = await attacker.evaluate(async (url) => {
    try {
      const r = await fetch(`${url}/s/1/delete`, { method: "POST", body: new URLSearchParams({ token: "guess", confirmed: "yes" }), credentials: "include", mode: "no-cors" });
      return r.type;
    } catch (e) { return String(e); }
  }, target);
  assert.ok(status === "opaque" || status.includes("Failed"), status);
  await page.reload();
  assert.equal(await page.content(), before, "nothing changed");
  other.stop();
  await context.close();
  box.stop();
});

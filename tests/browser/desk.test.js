// The desk (`praxis desk`) in a real browser, as the practitioner uses it:
// she writes a new article in both languages, saves, sees it on her site,
// publishes it to a folder and reads it there; a file changed on disk
// while she edits is shown, not overwritten, and both texts survive; she
// restores an earlier version — with the keyboard, in her language, with
// no accessibility violation (axe-core) and valid HTML (Nu) on every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, appendFileSync, mkdtempSync, readdirSync, existsSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { exampleSite, browser, praxis, praxisBin, cleanup } from "./site.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const vnu = resolve(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");

/** `praxis desk --no-open --port 0`, with her configuration folder at
 * `config`; resolves to { url (with its key), origin, stop }. */
function desk(dir, config) {
  const env = { ...process.env, XDG_CONFIG_HOME: config };
  const child = spawn(praxisBin, ["--root", dir, "desk", "--no-open", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env });
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`praxis desk did not start:\n${output}`)), 30000);
    const read = (data) => {
      output += data;
      const match = output.match(/desk: (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], origin: new URL(match[1]).origin, stop: () => child.kill("SIGINT") });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`praxis desk exited with ${code}:\n${output}`)));
  });
}

async function axeClean(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], what);
}

/** Keeps each page's HTML as served, for the Nu checker at the end. */
const pages = [];
async function keep(page, name) {
  pages.push([name, await page.content()]);
}

/** `praxis forms serve --port 0` on `dir` (the server's side); resolves to { origin, stop }. */
function endpoint(dir) {
  const child = spawn(praxisBin, ["--root", dir, "forms", "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`praxis forms serve did not start:\n${output}`)), 30000);
    const read = (data) => {
      output += data;
      const match = output.match(/answering forms at (http:\/\/[^/\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ origin: match[1], stop: () => child.kill("SIGINT") });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`praxis forms serve exited with ${code}:\n${output}`)));
  });
}

/** A visitor's message through the site's contact form, as her browser posts it to the endpoint. */
function submit(origin, fields) {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolvePromise, reject) => {
    const sent = request(`${origin}/forms/contact`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://praktijk-debrug.example" },
    }, (answer) => { answer.resume(); answer.on("end", () => resolvePromise(answer.statusCode)); });
    sent.on("error", reject);
    sent.end(body);
  });
}

let dir, target, chrome, running, server, forms, config, secret;
before(async () => {
  // The server: the site's form endpoint, where a visitor has written.
  server = exampleSite();
  forms = await endpoint(server);
  const status = await submit(forms.origin, {
    _lang: "nl", _page: "/nl/contact/", name: "Anne Dupré", email: "anne@example.be",
    message: "Goeiedag,\nik zoek begeleiding voor mijn zoon.", website: "",
  });
  assert.equal(status, 303, "the endpoint kept the message");
  secret = praxis(server, "forms", "token").trim();
  // Her computer: the site, pulling from that endpoint, and her own configuration folder.
  dir = exampleSite();
  config = mkdtempSync(join(tmpdir(), "praxis-desk-config-"));
  target = mkdtempSync(join(tmpdir(), "praxis-desk-target-"));
  const toml = readFileSync(join(dir, "site.toml"), "utf8").replace("[submissions]\n", `[submissions]\nendpoint = "${forms.origin}"\n`);
  writeFileSync(join(dir, "site.toml"), toml);
  appendFileSync(join(dir, "site.toml"), `\n[publish.site]\nto = "${join(target, "www")}"\n`);
  chrome = await browser();
  running = await desk(dir, config);
});
after(async () => {
  running?.stop();
  forms?.stop();
  await chrome?.close();
  cleanup(dir);
  cleanup(server);
  cleanup(config);
  cleanup(target);
});

/** Presses Enter on what `locator` finds, as the keyboard does, and waits for the page it loads. */
async function press(page, locator) {
  await locator.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
}

test("she writes an article in both languages, sees it on her site and publishes it, by keyboard", async () => {
  // The desk's own policy allows its own script only; axe is injected by the test.
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(running.url);
  assert.equal(new URL(page.url()).search, "", "the key leaves the address bar");
  assert.equal(await page.locator("h1").textContent(), "De pagina’s van de site");
  await keep(page, "list");
  await axeClean(page, "the list of pages");

  await press(page, page.getByRole("link", { name: "Nieuwe pagina" }));
  await page.getByLabel("Waar komt de pagina?").selectOption("articles");
  await page.getByLabel("Titel (Nederlands)").focus();
  await page.keyboard.type("Stilte na het verlies");
  await page.getByLabel("Titel (Français)").focus();
  await page.keyboard.type("Le silence après la perte");
  await keep(page, "new");
  await axeClean(page, "the new page form");
  await press(page, page.getByRole("button", { name: "De pagina maken" }));
  assert.match(await page.locator("[role=status]").textContent(), /gemaakt/);
  assert.equal(await page.locator("h1").textContent(), "Stilte na het verlies");

  // She writes the Dutch text with the toolbar, publishes both versions, and saves.
  await page.locator("#nl-body").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nNa een verlies wordt het stil. Die stilte mag er zijn.\nDat is belangrijk");
  for (let i = 0; i < "belangrijk".length; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.getByRole("toolbar", { name: /Opmaak — Tekst/ }).first().getByRole("button", { name: "Vet" }).click();
  await page.locator("#nl-body").press("End");
  await page.keyboard.type(". Lees ook ");
  const bar = page.getByRole("toolbar").first();
  await bar.getByLabel("Link naar de pagina").fill("@/over-mij");
  await bar.getByRole("button", { name: "Link", exact: true }).click();
  await page.keyboard.type(".\n");
  await page.locator("#fr-body").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nAprès une perte, tout se tait. Ce silence a sa place.\n");
  await page.locator("#nl-draft").focus();
  await page.keyboard.press("Space");
  await page.locator("#fr-draft").focus();
  await page.keyboard.press("Space");
  await keep(page, "editor");
  await axeClean(page, "the editor");
  await press(page, page.getByRole("button", { name: "Opslaan" }));
  assert.equal(await page.locator("[role=status]").textContent(), "Opgeslagen.");
  const written = readFileSync(join(dir, "content/articles/stilte-na-het-verlies/nl.md"), "utf8");
  assert.match(written, /Die stilte mag er zijn\./);
  assert.match(written, /Dat is \*\*belangrijk\*\*\. Lees ook \[Over mij\]\(@\/over-mij\)\./, written);
  assert.doesNotMatch(written, /draft = true/);

  // A photo, described in both languages.
  const jpeg = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 640; canvas.height = 400;
    const g = canvas.getContext("2d");
    g.fillStyle = "#4a7a9c"; g.fillRect(0, 0, 640, 400);
    g.fillStyle = "#e8d9b0"; g.fillRect(0, 260, 640, 140);
    return canvas.toDataURL("image/jpeg", 0.8).split(",")[1];
  });
  await page.getByLabel(/Foto \(JPEG/).setInputFiles({ name: "Strand bij Oostende.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpeg, "base64") });
  await page.getByLabel("Wat de foto toont (Nederlands)").fill("Het strand bij Oostende, in de winter");
  await page.getByLabel("Wat de foto toont (Français)").fill("La plage d’Ostende, en hiver");
  await press(page, page.getByRole("button", { name: "De foto toevoegen" }));
  assert.match(await page.locator("[role=status]").textContent(), /De foto staat onderaan de tekst/);
  assert.ok(existsSync(join(dir, "content/articles/stilte-na-het-verlies/strand-bij-oostende.jpg")));
  assert.match(readFileSync(join(dir, "content/articles/stilte-na-het-verlies/fr.md"), "utf8"), /!\[La plage d’Ostende, en hiver\]\(strand-bij-oostende\.jpg\)/);

  // On her site, as soon as the preview has it (read as served: the page
  // itself reloads at each rebuild).
  let shown = "";
  for (let i = 0; i < 50 && !shown.includes("Die stilte mag er zijn."); i++) {
    await new Promise((r) => setTimeout(r, 100));
    const response = await fetch(`${running.origin}/nl/artikels/stilte-na-het-verlies/`);
    shown = response.ok ? await response.text() : "";
  }
  assert.match(shown, /Die stilte mag er zijn\./, "the preview shows the saved text");

  // Publishing: what will change, then the publish itself.
  await press(page, page.getByRole("link", { name: "Publiceren" }));
  await keep(page, "publish");
  await axeClean(page, "the publish page");
  await press(page, page.getByRole("button", { name: "Tonen wat er verandert" }));
  assert.match(await page.locator("main").textContent(), /nieuw: nl\/artikels\/stilte-na-het-verlies\/index\.html/);
  assert.ok(!existsSync(join(target, "www")), "showing what will change sent nothing");
  await keep(page, "plan");
  await axeClean(page, "the plan");
  await press(page, page.getByRole("button", { name: "Deze wijzigingen publiceren" }));
  // The publish's page follows it in a region a screen reader reads out,
  // and says when it is done.
  const run = page.locator("#publish-run");
  assert.equal(await run.getAttribute("role"), "status");
  assert.equal(await run.getAttribute("aria-live"), "polite");
  await run.getByText(/gepubliceerd/).waitFor({ timeout: 30000 });
  await keep(page, "published");
  await axeClean(page, "the publish's page");
  const published = readFileSync(join(target, "www/nl/artikels/stilte-na-het-verlies/index.html"), "utf8");
  assert.match(published, /Die stilte mag er zijn\./);
  assert.match(published, /<strong>belangrijk<\/strong>/);
  assert.match(published, /href="\/nl\/over-mij\/"/, "the @/ link points at the Dutch page");
  assert.match(published, /alt="Het strand bij Oostende, in de winter"/);
  assert.match(readFileSync(join(target, "www/fr/articles/le-silence-apres-la-perte/index.html"), "utf8"), /Ce silence a sa place\./);

  // The desk is at localhost, her site beside it at 127.0.0.1: nothing else.
  const site = `http://127.0.0.1:${new URL(running.origin).port}`;
  assert.deepEqual(requests.filter((u) => !u.startsWith(running.origin) && !u.startsWith(site)), [], "no request leaves this computer");
  await context.close();
});

test("a publish is followed on its page, with the desk's own policy and without script", async () => {
  for (const javaScriptEnabled of [true, false]) {
    // Her own policy (no bypass): the script may only ask the desk itself.
    const context = await chrome.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(running.url);
    const file = join(dir, "content/over-mij/nl.md");
    writeFileSync(file, readFileSync(file, "utf8") + `\nEen zin om te publiceren (${javaScriptEnabled}).\n`);
    await page.goto(`${running.origin}/_praxis/publish`);
    // The preview has the change once the plan shows it.
    for (let i = 0; i < 50; i++) {
      await press(page, page.getByRole("button", { name: "Tonen wat er verandert" }));
      if (await page.getByRole("button", { name: "Deze wijzigingen publiceren" }).count()) break;
      await page.goto(`${running.origin}/_praxis/publish`);
    }
    await press(page, page.getByRole("button", { name: "Deze wijzigingen publiceren" }));
    assert.equal(new URL(page.url()).pathname, "/_praxis/publish/progress");
    await page.locator("#publish-run").getByText(/gepubliceerd/).waitFor({ timeout: 30000 });
    assert.match(readFileSync(join(target, "www/nl/over-mij/index.html"), "utf8"), new RegExp(`Een zin om te publiceren \\(${javaScriptEnabled}\\)`));
    await context.close();
  }
});

test("a page saved without an edit is not written at all", async () => {
  const context = await chrome.newContext();
  const page = await context.newPage();
  await page.goto(running.url);
  await page.goto(`${running.origin}/_praxis/page?p=contact`);
  const nl = readFileSync(join(dir, "content/contact/nl.md"), "utf8");
  const fr = readFileSync(join(dir, "content/contact/fr.md"), "utf8");
  await press(page, page.getByRole("button", { name: "Opslaan" }));
  assert.equal(await page.locator("[role=status]").textContent(), "Er was niets gewijzigd, dus er is niets opgeslagen.");
  assert.equal(readFileSync(join(dir, "content/contact/nl.md"), "utf8"), nl);
  assert.equal(readFileSync(join(dir, "content/contact/fr.md"), "utf8"), fr);
  assert.ok(!existsSync(join(dir, ".praxis/history/content/contact")), "nothing replaced, nothing kept");
  await context.close();
});

test("a file changed on disk while she edits is shown beside hers, and both survive", async () => {
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(running.url);
  await page.goto(`${running.origin}/_praxis/page?p=over-mij`);
  const file = join(dir, "content/over-mij/nl.md");
  const original = readFileSync(file, "utf8");
  // Another editor saves the file meanwhile.
  const theirs = original.replace(/\+\+\+\n([\s\S]*)$/, (m, body) => `+++\n${body}\nEen zin uit de andere editor.\n`);
  writeFileSync(file, theirs);
  await page.locator("#nl-body").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nMijn eigen nieuwe zin.\n");
  await press(page, page.getByRole("button", { name: "Opslaan" }));
  assert.equal(await page.locator("h1").textContent(), "Deze pagina werd ondertussen elders gewijzigd");
  const shown = await page.locator("main").textContent();
  assert.match(shown, /Een zin uit de andere editor\./);
  assert.match(shown, /Mijn eigen nieuwe zin\./);
  assert.equal(readFileSync(file, "utf8"), theirs, "nothing was overwritten");
  await keep(page, "conflict");
  await axeClean(page, "the conflict");
  await press(page, page.getByRole("button", { name: "Mijn versie houden" }));
  assert.match(readFileSync(file, "utf8"), /Mijn eigen nieuwe zin\./);
  const history = join(dir, ".praxis/history/content/over-mij/nl.md");
  const kept = readdirSync(history).map((f) => readFileSync(join(history, f), "utf8"));
  assert.ok(kept.includes(theirs), "the version on disk is in the history");

  // And back: the version before hers is restored from the history.
  await page.goto(`${running.origin}/_praxis/page?p=over-mij`);
  await press(page, page.getByRole("button", { name: "Deze versie terugzetten" }).first());
  assert.match(await page.locator("[role=status]").textContent(), /eerdere versie is terug/);
  assert.doesNotMatch(readFileSync(file, "utf8"), /Mijn eigen nieuwe zin\./);
  await context.close();
});

test("the desk speaks French or English when she picks it, and stays clean", async () => {
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(running.url);
  for (const [lang, heading, apply] of [["fr", "Les pages du site", "Wijzigen"], ["en", "The pages of the site", "Changer"]]) {
    await page.getByLabel(/Taal van het bureau|Langue du bureau|Language of the desk/).selectOption(lang);
    await press(page, page.getByRole("button", { name: apply }));
    assert.equal(await page.locator("h1").textContent(), heading);
    assert.equal(await page.locator("html").getAttribute("lang"), lang);
    await axeClean(page, `the list in ${lang}`);
    await page.goto(`${running.origin}/_praxis/page?p=articles`);
    await keep(page, `editor-${lang}`);
    await axeClean(page, `the editor in ${lang}`);
    await page.goto(`${running.origin}/_praxis/`);
  }
  await context.close();
});

test("a draft's address follows its title as she types, until she writes one herself", async () => {
  const context = await chrome.newContext();
  const page = await context.newPage();
  await page.goto(running.url);
  await page.goto(`${running.origin}/_praxis/new`);
  await page.getByLabel("Titel (Nederlands)").fill("Een eerste stap");
  await press(page, page.getByRole("button", { name: "De pagina maken" }));
  await page.locator("#nl-title").fill("Één eerste stap, samen");
  assert.equal(await page.locator("#nl-slug").inputValue(), "een-eerste-stap-samen");
  await page.locator("#nl-slug").fill("samen");
  await page.locator("#nl-title").fill("Een andere titel");
  assert.equal(await page.locator("#nl-slug").inputValue(), "samen", "her own address stays");
  // A published page's address does not move with its title.
  await page.goto(`${running.origin}/_praxis/page?p=over-mij`);
  const before = await page.locator("#nl-slug").inputValue();
  await page.locator("#nl-title").fill("Wie ik ben");
  assert.equal(await page.locator("#nl-slug").inputValue(), before);
  await context.close();
});

test("she fetches her new messages, reads one, marks it done and deletes it, by keyboard", async () => {
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(running.url);
  await press(page, page.getByRole("link", { name: "Inzendingen" }));
  assert.equal(await page.locator("h1").textContent(), "Inzendingen");
  await keep(page, "inbox-first");
  await axeClean(page, "the messages before the first fetch");

  // The first time, she pastes the token the server gave.
  await page.getByLabel("Token om op te halen").focus();
  await page.keyboard.type(secret);
  await press(page, page.getByRole("button", { name: "Nieuwe inzendingen ophalen" }));
  assert.equal(await page.locator("[role=status]").textContent(), "Eén nieuwe inzending opgehaald.");
  assert.equal(await page.getByLabel("Token om op te halen").count(), 0, "the token is kept: no field any more");
  const tokens = join(config, "praxis", "tokens");
  const [kept] = readdirSync(tokens);
  assert.equal(readFileSync(join(tokens, kept), "utf8").trim(), secret);
  assert.equal(statSync(join(tokens, kept)).mode & 0o777, 0o600, "readable by her only");
  assert.match(await page.locator("table.messages").textContent(), /Het contactformulier/);
  await keep(page, "inbox");
  await axeClean(page, "the messages");

  // The whole row opens the message: here, a click on when it arrived.
  // (The mouse, not Playwright's click: that one refuses a cell whose
  // clicks go to the row's link, which is the point.)
  const cell = await page.locator("table.messages tbody tr").first().locator("td").nth(1).boundingBox();
  await Promise.all([page.waitForNavigation(), page.mouse.click(cell.x + cell.width / 2, cell.y + cell.height / 2)]);
  assert.equal(await page.locator("h1").textContent(), "Inzending 1");
  assert.match(await page.locator("dl.answers").textContent(), /ik zoek begeleiding voor mijn zoon/);
  assert.equal(await page.getByRole("link", { name: "anne@example.be" }).getAttribute("href"), "mailto:anne@example.be");
  await keep(page, "message");
  await axeClean(page, "a message");

  await press(page, page.getByRole("button", { name: "Markeren als afgehandeld" }));
  assert.match(await page.locator("[role=status]").textContent(), /Gemarkeerd als afgehandeld/);

  // Deleting asks first; she confirms with the keyboard.
  await press(page, page.getByRole("link", { name: "Verwijderen…" }));
  assert.equal(await page.locator("h1").textContent(), "Inzending 1 verwijderen?");
  await keep(page, "delete");
  await axeClean(page, "the question before deleting");
  await press(page, page.getByRole("button", { name: "Definitief verwijderen" }));
  assert.equal(await page.locator("[role=status]").textContent(), "De inzending is verwijderd.");
  assert.match(await page.locator("main").textContent(), /Geen inzendingen/);

  const site = `http://127.0.0.1:${new URL(running.origin).port}`;
  assert.deepEqual(requests.filter((u) => !u.startsWith(running.origin) && !u.startsWith(site)), [], "no request leaves this computer");
  await context.close();
});

test("a photo dragged onto the editor is chosen for the photo form, then added", async () => {
  const context = await chrome.newContext();
  const page = await context.newPage();
  await page.goto(running.url);
  await page.goto(`${running.origin}/_praxis/page?p=over-mij`);
  assert.equal(await page.locator(".drop-hint").textContent(), "Of sleep een foto naar deze pagina.");
  // Dropped on the Dutch text, far from the photo form.
  await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 320; canvas.height = 200;
    const g = canvas.getContext("2d");
    g.fillStyle = "#7a9c4a"; g.fillRect(0, 0, 320, 200);
    const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
    const data = new DataTransfer();
    data.items.add(new File([blob], "Tuin.png", { type: "image/png" }));
    const text = document.querySelector("#nl-body");
    text.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    text.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  assert.match(await page.locator(".photo .dropped").textContent(), /^De foto Tuin\.png is gekozen/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "alt-nl", "on to what it shows");
  await page.keyboard.type("De tuin in de lente");
  await page.getByLabel("Wat de foto toont (Français)").fill("Le jardin au printemps");
  await press(page, page.getByRole("button", { name: "De foto toevoegen" }));
  assert.match(await page.locator("[role=status]").textContent(), /De foto staat onderaan de tekst/);
  assert.ok(existsSync(join(dir, "content/over-mij/tuin.png")));
  assert.match(readFileSync(join(dir, "content/over-mij/nl.md"), "utf8"), /!\[De tuin in de lente\]\(tuin\.png\)/);
  await context.close();
});

test("she removes a photo by keyboard: asked first, told where the text still shows it, then puts it back", async () => {
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(running.url);
  await page.goto(`${running.origin}/_praxis/page?p=over-mij`);
  const photos = page.getByRole("region", { name: "Foto’s van deze pagina" });
  await press(page, photos.getByRole("button", { name: "tuin.png weghalen" }));
  assert.equal(await page.locator("h1").textContent(), "Een foto weghalen");
  assert.match(await page.getByRole("alert").textContent(), /Nederlands: regel \d+/);
  assert.ok(existsSync(join(dir, "content/over-mij/tuin.png")), "asking removed nothing");
  await keep(page, "photo-remove");
  await axeClean(page, "the question before a photo is removed");
  await press(page, page.getByRole("button", { name: "De foto weghalen" }));
  assert.match(await page.locator("[role=status]").textContent(), /De foto is van de pagina weggehaald/);
  assert.ok(!existsSync(join(dir, "content/over-mij/tuin.png")));
  await axeClean(page, "the editor with a photo taken away");
  await press(page, page.getByRole("button", { name: "tuin.png terugzetten" }));
  assert.match(await page.locator("[role=status]").textContent(), /De foto staat weer bij de pagina/);
  assert.ok(existsSync(join(dir, "content/over-mij/tuin.png")));
  await context.close();
});

test("without her private key, she gives it on the messages page, by keyboard, and it is checked", async () => {
  // A computer of hers where site.toml names no key: the file is elsewhere.
  const laptop = exampleSite();
  const home = mkdtempSync(join(tmpdir(), "praxis-desk-key-"));
  const keyFile = join(home, "sleutel.txt");
  writeFileSync(keyFile, readFileSync(join(laptop, "demo/forms-demo-identity.txt"), "utf8"));
  writeFileSync(join(laptop, "site.toml"), readFileSync(join(laptop, "site.toml"), "utf8").replace('identity = "demo/forms-demo-identity.txt"\n', ""));
  const own = await desk(laptop, home);
  const context = await chrome.newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto(own.url);
    await page.goto(`${own.origin}/_praxis/inbox/`);
    const asked = page.getByRole("region", { name: "Je privésleutel" });
    await keep(page, "inbox-key");
    await axeClean(page, "the messages page asking for the key");
    await asked.getByLabel("Of plak de sleutel").focus();
    await page.keyboard.type("mijn wachtwoord");
    await Promise.all([page.waitForNavigation(), asked.getByRole("button", { name: "De sleutel bewaren en de inzendingen openen" }).press("Enter")]);
    assert.match(await page.getByRole("alert").textContent(), /Dat is geen privésleutel/);
    await keep(page, "inbox-key-refused");
    await axeClean(page, "the key refused");
    await page.getByLabel("Het sleutelbestand").setInputFiles(keyFile);
    await press(page, page.getByRole("button", { name: "De sleutel bewaren en de inzendingen openen" }));
    assert.equal(new URL(page.url()).pathname, "/_praxis/inbox/");
    assert.equal(await page.getByRole("region", { name: "Je privésleutel" }).count(), 0, "no longer asked");
    const kept = execFileSync("grep", ["-rl", "AGE-SECRET-KEY-", join(home, "praxis")], { encoding: "utf8" }).trim().split("\n");
    assert.equal(kept.length, 1, "kept once, in her own configuration folder");
    assert.equal(statSync(kept[0]).mode & 0o777, 0o600);
  } finally {
    await context.close();
    own.stop();
    cleanup(laptop);
    cleanup(home);
  }
});

test("every desk page is valid HTML (Nu)", () => {
  const html = mkdtempSync(join(tmpdir(), "praxis-desk-"));
  const files = pages.map(([name, content]) => {
    const path = join(html, `${name}.html`);
    writeFileSync(path, content);
    return path;
  });
  assert.ok(files.length >= 6, `pages kept: ${files.length}`);
  execFileSync("java", ["-jar", vnu, "--errors-only", ...files], { encoding: "utf8", stdio: "pipe" });
  cleanup(html);
});

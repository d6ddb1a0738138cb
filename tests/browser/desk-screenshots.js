// Writes docs/screenshots/desk-*.png for the README's "Without a terminal":
// the desk's pages as the practitioner meets them, in Dutch, at desktop
// width (the editor at phone width too). Run: node desk-screenshots.js
import { join } from "node:path";
import { mkdirSync, appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { exampleSite, browser, praxisBin, cleanup, repo } from "./site.js";

const out = join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dir = exampleSite();
const target = mkdtempSync(join(tmpdir(), "praxis-desk-shots-"));
appendFileSync(join(dir, "site.toml"), `\n[publish.site]\nto = "${join(target, "www")}"\n`);
// Her own configuration folder: no token kept yet, as on her first day.
const config = mkdtempSync(join(tmpdir(), "praxis-desk-shots-config-"));
const child = spawn(praxisBin, ["--root", dir, "desk", "--no-open", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, XDG_CONFIG_HOME: config } });
const url = await new Promise((resolve) => {
  let output = "";
  const read = (d) => { output += d; const m = output.match(/desk: (http:\/\/\S+)/); if (m) resolve(m[1]); };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
});
const origin = new URL(url).origin;
const chrome = await browser();
const page = await chrome.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(url);
await page.screenshot({ path: join(out, "desk-pages.png") });
await page.goto(`${origin}/_praxis/page?p=articles/mentorschap`);
await page.screenshot({ path: join(out, "desk-editor.png") });
await page.setViewportSize({ width: 360, height: 780 });
await page.screenshot({ path: join(out, "desk-editor-phone.png") });
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(`${origin}/_praxis/new`);
await page.screenshot({ path: join(out, "desk-new.png") });
await page.goto(`${origin}/_praxis/publish`);
await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Tonen wat er verandert" }).click()]);
await page.screenshot({ path: join(out, "desk-publish.png") });
await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Deze wijzigingen publiceren" }).click()]);
await page.locator("#publish-run").getByText(/gepubliceerd/).waitFor({ timeout: 60000 });
await page.screenshot({ path: join(out, "desk-published.png") });
// Two slips in a page, for the Check page: a link to a page that does not
// exist, and a table without a header (a finding the desk has no words of
// its own for yet, shown in praxis's English, marked).
appendFileSync(join(dir, "content/over-mij/nl.md"), "\nLees ook [mijn werkwijze](@/werkwijze).\n\n|   | Tarief |\n|---|---|\n| Gesprek | 60 euro |\n");
await page.goto(`${origin}/_praxis/check`);
await page.getByText("Een link leidt naar geen enkele pagina").waitFor({ timeout: 30000 });
await page.screenshot({ path: join(out, "desk-check.png") });

// Two visitors write through the site's forms (the preview keeps them as
// the endpoint would), and she reads them in the desk.
const site = `http://127.0.0.1:${new URL(origin).port}`;
const submit = (form, fields) => new Promise((resolve, reject) => {
  const sent = request(`${site}/forms/${form}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site },
  }, (answer) => { answer.resume(); answer.on("end", resolve); });
  sent.on("error", reject);
  sent.end(new URLSearchParams(fields).toString());
});
await submit("contact", { _lang: "nl", _page: "/nl/contact/", name: "Anne Peeters", email: "anne.peeters@example.be", message: "Goeiedag,\nik zoek begeleiding na het overlijden van mijn vader. Kan ik eerst eens bellen?", website: "" });
await submit("intake", { _lang: "fr", _page: "/fr/contact/", name: "Lucie Lambert", email: "lucie.lambert@example.be", phone: "0470 12 34 56", language: "fr", contact_by: "phone", reason: "Je voudrais un premier entretien pour mon fils de seize ans.", consent: "yes", website: "" });
await page.goto(`${origin}/_praxis/inbox/`);
await page.screenshot({ path: join(out, "desk-inbox.png") });
await page.goto(`${origin}/_praxis/inbox/s/2`);
await page.screenshot({ path: join(out, "desk-message.png") });
await chrome.close();
child.kill("SIGINT");
cleanup(dir);
cleanup(target);
cleanup(config);

// Writes docs/screenshots/desk-*.png for the README's "Without a terminal":
// the desk's pages as the practitioner meets them, in Dutch, at desktop
// width (the editor at phone width too). Run: node desk-screenshots.js
import { join } from "node:path";
import { mkdirSync, appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import { exampleSite, browser, praxisBin, cleanup, repo } from "./site.js";

const out = join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dir = exampleSite();
const target = mkdtempSync(join(tmpdir(), "praxis-desk-shots-"));
appendFileSync(join(dir, "site.toml"), `\n[publish.site]\nto = "${join(target, "www")}"\n`);
const child = spawn(praxisBin, ["--root", dir, "desk", "--no-open", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
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
await chrome.close();
child.kill("SIGINT");
cleanup(dir);
cleanup(target);

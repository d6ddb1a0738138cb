// Writes docs/screenshots/translations-*.png: the translator's view on the
// example site with one paragraph of the French essay edited (so its Dutch
// translation is out of date). Run: node translations-screenshot.js
import { join } from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { exampleSite, serve, browser, cleanup, repo } from "./site.js";

const out = join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dir = exampleSite();
const fr = join(dir, "content", "articles", "mentorschap", "fr.md");
writeFileSync(fr, readFileSync(fr, "utf8").replace(
  "Le mentor n'est donc pas un expert qui apporte une solution toute faite.",
  "Le mentor n'est donc pas un expert qui arrive avec une réponse toute prête.",
));
const server = await serve(dir);
const chrome = await browser();
const shots = {
  "translations-overview": { path: "/_praxis/translations/", viewport: { width: 1280, height: 1000 } },
  "translations-page": { path: "/_praxis/translations/page?key=articles/mentorschap", viewport: { width: 1280, height: 1000 }, jump: true },
};
for (const [name, { path, viewport, jump }] of Object.entries(shots)) {
  const page = await chrome.newPage({ viewport });
  await page.goto(`${server.url}${path}`);
  if (jump) {
    // Follow "to the changes", then step back to show the rows before it.
    await page.click("p.jumps a");
    await page.evaluate(() => window.scrollBy(0, -260));
  }
  await page.screenshot({ path: join(out, `${name}.png`) });
  await page.close();
}
await chrome.close();
server.stop();
cleanup(dir);
console.log(`screenshots in ${out}`);

// Writes docs/screenshots/*.png: the home page and an article in Dutch and
// French, at phone and desktop width. Run: node screenshots.js
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { exampleSite, serve, browser, praxis, cleanup, repo } from "./site.js";

const out = join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dir = exampleSite();
praxis(dir, "build");
const server = await serve(dir);
const chrome = await browser();
const pages = {
  "home-nl": "/nl/",
  "home-fr": "/fr/",
  "article-nl": "/nl/artikels/mentorschap/",
  "article-fr": "/fr/articles/le-mentorat/",
};
const widths = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 900 } };
for (const [name, path] of Object.entries(pages)) {
  for (const [size, viewport] of Object.entries(widths)) {
    const page = await chrome.newPage({ viewport, deviceScaleFactor: size === "phone" ? 2 : 1 });
    await page.goto(`${server.url}${path}`);
    await page.screenshot({ path: join(out, `${name}-${size}.png`) });
    await page.close();
  }
}
await chrome.close();
server.stop();
cleanup(dir);
console.log(`screenshots in ${out}`);

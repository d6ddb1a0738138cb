// A running `praxis serve` on a temporary copy of the example site, and a
// headless Chromium (Debian's) driven by Playwright.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const repo = resolve(import.meta.dirname, "..", "..");
export const praxisBin = process.env.PRAXIS_BIN ?? join(repo, "target", "debug", "praxis");
export const chromiumBin = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

/** A copy of the example site in a temporary folder. */
export function exampleSite() {
  const dir = mkdtempSync(join(tmpdir(), "praxis-browser-"));
  for (const entry of ["site.toml", "content", "themes", "i18n", "static", "demo", "translations.lock"]) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Runs praxis with --root `dir`; returns stdout. */
export function praxis(dir, ...args) {
  return execFileSync(praxisBin, ["--root", dir, ...args], { encoding: "utf8" });
}

/** `praxis serve --port 0` on `dir`; resolves to { url, stop }. */
export function serve(dir, ...extra) {
  if (!existsSync(praxisBin)) throw new Error(`no praxis binary at ${praxisBin}: run cargo build first`);
  const child = spawn(praxisBin, ["--root", dir, "serve", "--port", "0", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolvePromise, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`praxis serve did not start:\n${output}`)), 20000);
    const read = (data) => {
      output += data;
      const match = output.match(/ at (http:\/\/[^/\s]+)\//);
      if (match) {
        clearTimeout(timer);
        resolvePromise({
          url: match[1],
          stop: () => { child.kill("SIGINT"); },
        });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`praxis serve exited with ${code}:\n${output}`)));
  });
}

/** Debian's Chromium, headless, with no network beyond localhost. */
export async function browser() {
  if (!existsSync(chromiumBin)) {
    throw new Error(`Chromium is not installed at ${chromiumBin}: run ./scripts/test.sh, which installs it`);
  }
  return chromium.launch({
    executablePath: chromiumBin,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}

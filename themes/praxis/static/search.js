// The search page: Pagefind's search API, loaded from this language's
// bundle on this site, and the results written in the theme's own markup.
// Until it runs (or without JavaScript) the page shows where else to look.

const root = document.querySelector("[data-search]");
if (root) {
  start(root);
}

async function start(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("[data-search-results]");
  let pagefind;
  try {
    pagefind = await import(root.dataset.bundle + "pagefind.js");
    // The URLs in the index are the pages' own hrefs already.
    await pagefind.options({ baseUrl: "/", excerptLength: 24 });
    pagefind.init();
  } catch (error) {
    status.textContent = root.dataset.failed;
    return;
  }
  for (const fallback of root.querySelectorAll("[data-search-fallback]")) {
    fallback.hidden = true;
  }
  form.hidden = false;

  // Only the answer to the latest query is shown, however the searches finish.
  let latest = 0;
  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      list.dataset.query = "";
      status.textContent = "";
      return;
    }
    const found = await searchAllSpellings(pagefind, query);
    const results = await Promise.all(found.slice(0, 20).map((r) => r.data()));
    if (ticket !== latest) {
      return;
    }
    list.replaceChildren(...results.map(item));
    // What the results answer, for whoever waits for them.
    list.dataset.query = query;
    const n = found.length;
    status.textContent =
      n === 0
        ? root.dataset.none
        : n === 1
          ? root.dataset.one
          : `${n.toLocaleString(document.documentElement.lang)} ${root.dataset.other}`;
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run();
  }
}

// "coeur" finds "cœur" and "cœur" finds "coeur" (and "ae", "æ" alike): French
// is written with the ligature, and typed without it. The query is searched
// as typed, with every ligature spelled out and with every "oe"/"ae" joined,
// and the pages found by any of these are given once each, best first.
async function searchAllSpellings(pagefind, query) {
  const typed = query.toLowerCase();
  const spellings = new Set([
    typed,
    typed.replaceAll("œ", "oe").replaceAll("æ", "ae"),
    typed.replaceAll("oe", "œ").replaceAll("ae", "æ"),
  ]);
  const searches = await Promise.all([...spellings].map((s) => pagefind.search(s)));
  const best = new Map();
  for (const search of searches) {
    for (const result of search.results) {
      const seen = best.get(result.id);
      if (!seen || result.score > seen.score) {
        best.set(result.id, result);
      }
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

// One result: its title as a link, and the words around the match.
function item(result) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...withEllipses(marked(result.excerpt), result.content));
  li.append(heading, excerpt);
  return li;
}

// Pagefind's excerpt is text with <mark> around the words found: keep
// exactly those, as text and <mark> nodes, never as HTML. Pagefind marks a
// whole word with what clings to it ("relation," or "(relation)"): the
// punctuation is left outside the mark, so that only the word is lit.
function marked(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  return [...parsed.body.childNodes].flatMap((node) => {
    if (node.nodeName !== "MARK") {
      return [document.createTextNode(node.textContent)];
    }
    const [, before, word, after] = node.textContent.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
    const mark = document.createElement("mark");
    mark.textContent = word;
    return [document.createTextNode(before), ...(word ? [mark] : []), document.createTextNode(after)].filter(
      (n) => n.textContent !== "" || n.nodeName === "MARK",
    );
  });
}

// An excerpt is a window of words in the page's text: where it starts or
// stops in the middle of a sentence, an ellipsis says that the sentence
// goes on. The window is found in the text by its words; where it cannot
// be, the excerpt is shown as it is.
function withEllipses(nodes, content) {
  const words = (text) => text.split(/\s+/).filter(Boolean);
  const shown = words(nodes.map((n) => n.textContent).join(""));
  const text = words(new DOMParser().parseFromString(content ?? "", "text/html").body.textContent);
  if (shown.length === 0) {
    return nodes;
  }
  const head = shown.slice(0, Math.min(3, shown.length));
  let at = -1;
  for (let i = 0; i + head.length <= text.length && at < 0; i++) {
    if (head.every((w, k) => text[i + k] === w)) {
      at = i;
    }
  }
  if (at < 0) {
    return nodes;
  }
  const ends = (word) => /[.!?…:;]["»”’)]*$/u.test(word);
  const before = at > 0 && !ends(text[at - 1]);
  const after = at + shown.length < text.length && !ends(shown[shown.length - 1]);
  return [
    ...(before ? [document.createTextNode("… ")] : []),
    ...nodes,
    ...(after ? [document.createTextNode(" …")] : []),
  ];
}

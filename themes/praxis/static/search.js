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
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    if (ticket !== latest) {
      return;
    }
    list.replaceChildren(...results.map(item));
    // What the results answer, for whoever waits for them.
    list.dataset.query = query;
    const n = search.results.length;
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

// One result: its title as a link, and the words around the match.
function item(result) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...marked(result.excerpt));
  li.append(heading, excerpt);
  return li;
}

// Pagefind's excerpt is text with <mark> around the words found: keep
// exactly those, as text and <mark> nodes, never as HTML.
function marked(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  return [...parsed.body.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

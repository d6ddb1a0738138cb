// The desk works without this script. With it: a warning before she
// leaves a page whose changes are not saved, a small toolbar above each
// text (bold, italic, heading, list, quote, a link to another page of the
// site, a photo), and a photo dropped on the page chosen for the photo
// form. Its words come from the page (data-t-*, data-drop…), in her
// language.

for (const form of document.querySelectorAll("form[data-guard]")) {
  let changed = false;
  form.addEventListener("input", () => { changed = true; });
  form.addEventListener("submit", () => { changed = false; });
  window.addEventListener("beforeunload", (event) => {
    if (changed) { event.preventDefault(); event.returnValue = form.dataset.guard; }
  });

  const say = (action) => form.dataset["t" + action.replace(/(^|-)(\w)/g, (m, d, c) => c.toUpperCase())];
  for (const area of form.querySelectorAll("textarea[name$='.body']")) {
    const bar = document.createElement("div");
    bar.className = "toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", `${say("toolbar")} — ${area.labels[0]?.textContent ?? ""}`);
    bar.setAttribute("aria-controls", area.id);

    // Replaces the selection with what `edit` makes of it.
    const apply = (edit) => {
      const { selectionStart: start, selectionEnd: end, value } = area;
      const made = edit(value.slice(start, end));
      // The caret after what was made: she goes on typing from there.
      area.setRangeText(made, start, end, "end");
      area.focus();
      area.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const wrap = (mark) => (text) => `${mark}${text}${mark}`;
    // Each selected line (or the one the caret is on) gets `prefix`.
    const lines = (prefix) => () => {
      const { value } = area;
      const start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
      let end = value.indexOf("\n", area.selectionEnd);
      if (end === -1) end = value.length;
      area.setSelectionRange(start, end);
      apply((text) => text.split("\n").map((line) => prefix + line).join("\n"));
    };
    const button = (action, run) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = say(action);
      b.addEventListener("click", run);
      bar.append(b);
      return b;
    };
    button("bold", () => apply(wrap("**")));
    button("italic", () => apply(wrap("*")));
    button("heading", lines("## "));
    button("list", lines("- "));
    button("quote", lines("> "));

    // A link: to the page whose @/ address she picks from the site's pages.
    const to = document.createElement("input");
    to.type = "text";
    to.setAttribute("list", "desk-pages");
    to.setAttribute("aria-label", say("link-to"));
    to.placeholder = "@/…";
    to.className = "link-to";
    bar.append(to);
    button("link", () => {
      const address = to.value.trim();
      if (!address) { to.focus(); return; }
      const title = document.querySelector(`#desk-pages option[value="${CSS.escape(address)}"]`)?.label ?? address;
      apply((text) => `[${text || title}](${address})`);
    });
    button("image", () => document.querySelector("#photo-file")?.focus());
    area.before(bar);
  }
}

// A draft's address follows its title while the two agree: the slug is
// made as praxis makes it (accents folded, lower case, words joined by -).
const slugify = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
  .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
for (const slug of document.querySelectorAll("input[data-follows]")) {
  const title = document.getElementById(slug.dataset.follows);
  if (!title) continue;
  let following = slug.value === "" || slug.value === slugify(title.value);
  slug.addEventListener("input", () => { following = slug.value === ""; });
  title.addEventListener("input", () => {
    if (following) slug.value = slugify(title.value);
  });
}

// A photo dragged onto the editor goes to the photo form, wherever it is
// dropped: the browser would otherwise open the file in place of the page
// (and of what she has not saved yet).
const photo = document.querySelector("section.photo[data-drop]");
const photoInput = photo?.querySelector("input[type=file]");
if (photo && photoInput) {
  const hint = document.createElement("p");
  hint.className = "drop-hint";
  hint.textContent = photo.dataset.drop;
  const said = document.createElement("p");
  said.setAttribute("aria-live", "polite");
  said.className = "dropped";
  photoInput.closest("p").after(hint, said);
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  window.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    photo.classList.add("dropping");
  });
  window.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) photo.classList.remove("dropping");
  });
  window.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    photo.classList.remove("dropping");
    const files = event.dataTransfer.files;
    if (files.length === 0) return;
    const chosen = new DataTransfer();
    chosen.items.add(files[0]);
    photoInput.files = chosen.files;
    said.textContent = photo.dataset.dropped.replace("{name}", files[0].name);
    photo.scrollIntoView({ block: "center" });
    photo.querySelector("input[name^='alt.']")?.focus();
  });
}

// A publish under way: its page follows it by asking for what it shows of
// the publish, instead of reloading itself (which the page does without
// script), so that a screen reader hears each step once, where it is.
const run = document.querySelector("[data-follow]");
if (run && run.querySelector("[data-running]")) {
  let shown = run.innerHTML;
  const follow = async () => {
    try {
      const answer = await fetch(run.dataset.follow, { credentials: "same-origin", cache: "no-store" });
      if (answer.ok) {
        const stage = await answer.text();
        if (stage !== shown) { run.innerHTML = stage; shown = stage; }
      }
    } catch { /* The desk is restarting: ask again. */ }
    if (run.querySelector("[data-running]")) setTimeout(follow, 700);
  };
  setTimeout(follow, 700);
}

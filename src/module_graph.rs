//! Arrows point down: no module reaches, through the paths its files name,
//! back to itself — neither between the top-level modules of `src/` nor
//! between the modules of any one folder (`render::outputs` and
//! `render::context`). A cycle means two parts each need the other, and
//! neither can be read, tested or changed alone; the usual way out is to
//! move the declaration both read (as `config::forms` was moved out of the
//! form endpoint) into the lower one. The top-level modules must moreover
//! keep the layer order that `tests/README.md` writes down, so that the
//! order is read in one place and checked here.
//!
//! The rule is textual, so that it needs nothing but the sources. Every
//! path a file names that starts with `crate::`, `super::` or `self::` (in
//! code and doc links alike; `{…}` groups count entry by entry) is resolved
//! from the file's module to the deepest module it reaches: from
//! `src/render/aliases.rs`, `super::outputs::Output` reaches
//! `render::outputs`. Where the two modules part, there is an arrow
//! between siblings: from `render::aliases` to `render::outputs`, and, for
//! `crate::model::Site` named in `src/render/feeds.rs`, from `render` to
//! `model`. A module naming its parent's own items (`super::SharedValues`,
//! or all of them with `super::*`) or its own children makes no arrow: the
//! check is between siblings, and a folder's `mod.rs` is read as the top
//! of it. Paths that start otherwise (a name brought in by `use`, an
//! external crate) are not followed; the `use` that brought the name in
//! was. Test code (`#[cfg(test)]` items, and files only they include) may
//! reach anywhere. The layer order is the numbered list of the section
//! "The module graph" in `tests/README.md`, read from there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module (`render::outputs`) → sibling it names → the imports that name it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<Import>>>;

/// One path named in one file: what a failure points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    /// The file, from `src/`: `render/aliases.rs`.
    file: String,
    /// The path as written, groups expanded: `super::outputs::Output`.
    named: String,
}

/// A module's path from the crate root (`["render", "outputs"]`); the
/// crate root is empty.
type ModPath = Vec<String>;

/// The arrows between sibling modules that the files under `src` make.
fn graph(src: &Path) -> Graph {
    let files = library_files(src);
    let modules: BTreeSet<ModPath> = files.iter().map(|(_, m, _)| m.clone()).collect();
    let mut graph = Graph::new();
    for (relative, module, text) in &files {
        for named in paths_named(text) {
            let target = resolve(&modules, module, &named);
            let Some((from, to)) = siblings(module, &target) else {
                continue;
            };
            graph
                .entry(from)
                .or_default()
                .entry(to)
                .or_default()
                .insert(Import {
                    file: relative.clone(),
                    named: named.clone(),
                });
        }
    }
    graph
}

/// Each file of the library under `src` that is not test code: its path
/// from `src`, its module and its text without its `#[cfg(test)]` items.
fn library_files(src: &Path) -> Vec<(String, ModPath, String)> {
    let mut test_only = BTreeSet::new();
    let mut texts = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let (kept, test_files) = without_tests(&path, &text);
            test_only.extend(test_files);
            texts.insert(path, kept);
        }
    }
    texts
        .into_iter()
        .filter(|(path, _)| !test_only.contains(path))
        .filter_map(|(path, text)| {
            let relative = path.strip_prefix(src).unwrap();
            let module = module_of(relative)?;
            Some((relative.display().to_string(), module, text))
        })
        .collect()
}

/// The module a file holds: `render/mod.rs` and `render.rs` hold
/// `render`, `lib.rs` the crate root; `None` for `main.rs`, the binary.
fn module_of(relative: &Path) -> Option<ModPath> {
    let mut parts: ModPath = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.last().map(String::as_str) {
        Some("main") if parts.len() == 1 => return None,
        Some("lib") if parts.len() == 1 => parts.pop(),
        Some("mod") => parts.pop(),
        _ => None,
    };
    Some(parts)
}

/// Every path starting with `crate::`, `super::` or `self::` in `text`,
/// as written, with `{…}` groups expanded: `super::{a, b::C}` gives
/// `super::a` and `super::b::C`.
fn paths_named(text: &str) -> Vec<String> {
    let start = regex::Regex::new(r"(?:^|[^A-Za-z0-9_:])\$?((?:crate|super|self)::)").unwrap();
    let mut out = Vec::new();
    for found in start.captures_iter(text) {
        let at = found.get(1).unwrap().start();
        let mut cursor = Cursor { text, at };
        cursor.path(String::new(), &mut out);
    }
    out
}

/// Reads a path (`a::b`, `a::{b, c::d}`, `a::*`) from a position in a text.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    /// Reads the rest of a path after `prefix`, adding each path it names to `out`.
    fn path(&mut self, prefix: String, out: &mut Vec<String>) {
        let mut current = prefix;
        loop {
            self.skip_space();
            if self.eat("{") {
                self.group(&current, out);
                return;
            }
            let name = self.ident();
            if name.is_empty() {
                // `a::*` names `a` whole.
                out.push(current);
                return;
            }
            if name != "self" || current.is_empty() {
                current = if current.is_empty() {
                    name.to_owned()
                } else {
                    format!("{current}::{name}")
                };
            }
            if !self.eat("::") {
                out.push(current);
                return;
            }
        }
    }

    /// The entries of a `{…}` group after `prefix`, up to its `}`.
    fn group(&mut self, prefix: &str, out: &mut Vec<String>) {
        loop {
            self.skip_space();
            if self.eat("}") || self.at >= self.text.len() {
                return;
            }
            self.path(prefix.to_owned(), out);
            // Past `as name`, to the next entry.
            let rest = &self.text[self.at..];
            let end = rest.find([',', '}', '{']).unwrap_or(rest.len());
            self.at += end;
            self.eat(",");
        }
    }

    fn ident(&mut self) -> &str {
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.text[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }
}

/// The deepest module of `modules` that `named`, written in `module`,
/// reaches: from `render::aliases`, `super::outputs::Output` reaches
/// `render::outputs`.
fn resolve(modules: &BTreeSet<ModPath>, module: &[String], named: &str) -> ModPath {
    let mut segments = named.split("::").peekable();
    let mut reached: ModPath = match segments.next() {
        Some("self") => module.to_vec(),
        Some("super") => module[..module.len().saturating_sub(1)].to_vec(),
        _ => Vec::new(),
    };
    while segments.peek() == Some(&"super") {
        segments.next();
        reached.pop();
    }
    for segment in segments {
        reached.push(segment.to_owned());
        if !modules.contains(&reached) {
            reached.pop();
            break;
        }
    }
    reached
}

/// The arrow, between siblings, that `from` naming `to` makes: the two
/// modules under the folder where their paths part (`None` when one holds
/// the other).
fn siblings(from: &[String], to: &[String]) -> Option<(String, String)> {
    let shared = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    if shared == from.len() || shared == to.len() {
        return None;
    }
    Some((from[..=shared].join("::"), to[..=shared].join("::")))
}

/// The text without its `#[cfg(test)]` items, and the files those items
/// include (`#[cfg(test)] mod tests;`).
fn without_tests(path: &Path, text: &str) -> (String, Vec<PathBuf>) {
    let dir = path.parent().unwrap();
    let own_dir = match path.file_stem().and_then(|s| s.to_str()) {
        Some("mod" | "lib" | "main") => dir.to_path_buf(),
        Some(stem) => dir.join(stem),
        None => dir.to_path_buf(),
    };
    let mut kept = String::new();
    let mut test_files = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        let end = item_end(item);
        let head = &item[..end];
        if let Some(name) = head
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        {
            let by_path = head.lines().find_map(|l| {
                let l = l.trim().strip_prefix("#[path = \"")?;
                Some(dir.join(l.split('"').next()?))
            });
            test_files.extend(by_path);
            test_files.push(own_dir.join(format!("{name}.rs")));
            test_files.push(own_dir.join(name).join("mod.rs"));
        }
        rest = &item[end..];
    }
    kept.push_str(rest);
    (kept, test_files)
}

/// Where the item at the start of `text` ends: after its `;`, or after the
/// brace that closes its first `{`.
fn item_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            ';' if depth == 0 => return i + 1,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// A cycle of the graph, as the modules on it, the first repeated last.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(|t| t.keys()) {
            if let Some(cycle) = visit(graph, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(graph, start, &mut Vec::new(), &mut done))
}

/// How a cycle reads: each arrow with the files that make it, then the
/// imports in them that name the module it points to.
fn describe(graph: &Graph, cycle: &[String]) -> String {
    cycle
        .windows(2)
        .map(|pair| {
            let imports = &graph[&pair[0]][&pair[1]];
            let files: BTreeSet<&str> = imports.iter().map(|i| i.file.as_str()).collect();
            let files: Vec<&str> = files.into_iter().collect();
            let mut text = format!("{} -> {} (in {})", pair[0], pair[1], files.join(", "));
            for import in imports {
                text.push_str(&format!("\n    {} names {}", import.file, import.named));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layers of the top-level modules that `readme` (tests/README.md)
/// writes down, lowest first, as the numbered list of its section "The
/// module graph": each module with the number of its layer.
fn layers(readme: &str) -> BTreeMap<String, usize> {
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("The module graph"))
        .expect("tests/README.md has a section \"The module graph\"");
    let item = regex::Regex::new(r"^(\d+)\. ").unwrap();
    let name = regex::Regex::new(r"`([a-z_][a-z0-9_]*)`").unwrap();
    let mut layers = BTreeMap::new();
    for line in section.lines() {
        let Some(number) = item.captures(line) else {
            continue;
        };
        let layer: usize = number[1].parse().unwrap();
        for module in name.captures_iter(line) {
            layers.insert(module[1].to_owned(), layer);
        }
    }
    layers
}

/// What breaks the layer order among the top-level modules of `graph`: a
/// module in no layer, or an import that names a module of its own layer
/// or of one after it.
fn layer_faults(graph: &Graph, layers: &BTreeMap<String, usize>) -> Vec<String> {
    let top_level = |m: &String| !m.contains("::");
    let mut faults = Vec::new();
    let named: BTreeSet<&String> = graph
        .iter()
        .flat_map(|(from, to)| std::iter::once(from).chain(to.keys()))
        .filter(|m| top_level(m))
        .collect();
    for module in named {
        if !layers.contains_key(module) {
            faults.push(format!(
                "`{module}` is in no layer: add it to the list in tests/README.md"
            ));
        }
    }
    for (from, to) in graph.iter().filter(|(from, _)| top_level(from)) {
        for (target, imports) in to {
            let (Some(&low), Some(&high)) = (layers.get(target), layers.get(from)) else {
                continue;
            };
            if low < high {
                continue;
            }
            for import in imports {
                faults.push(format!(
                    "{} names {}: `{from}` (layer {high}) may only name the layers before it, \
                     and `{target}` is in layer {low}",
                    import.file, import.named
                ));
            }
        }
    }
    faults
}

/// The arrows between top-level modules only.
fn top_level(graph: &Graph) -> Graph {
    graph
        .iter()
        .filter(|(from, _)| !from.contains("::"))
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect()
}

/// The arrows between the modules of folders only.
fn inside_folders(graph: &Graph) -> Graph {
    graph
        .iter()
        .filter(|(from, _)| from.contains("::"))
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect()
}

#[test]
fn no_top_level_module_reaches_back_to_itself() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = top_level(&graph(&src));
    assert!(
        graph.len() > 10,
        "the sources were not read: {:?}",
        graph.keys()
    );
    assert_no_cycle(&graph, "the top-level modules");
}

/// Fails, naming every import of the cycle, if `graph` has one.
fn assert_no_cycle(graph: &Graph, what: &str) {
    if let Some(cycle) = cycle(graph) {
        panic!(
            "{what} form a cycle:\n{}\nmove what both sides need into the lower one",
            describe(graph, &cycle)
        );
    }
}

#[test]
fn no_module_of_a_folder_reaches_back_to_itself() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = inside_folders(&graph(&src));
    assert!(
        graph.keys().any(|m| m.starts_with("render::")),
        "the folders were not read: {:?}",
        graph.keys()
    );
    assert_no_cycle(&graph, "modules of one folder");
}

#[test]
fn the_top_level_modules_keep_the_layer_order_of_the_tests_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("tests/README.md")).unwrap();
    let layers = layers(&readme);
    assert!(layers.len() > 10, "no layers read: {layers:?}");
    let faults = layer_faults(&graph(&root.join("src")), &layers);
    assert!(
        faults.is_empty(),
        "the layer order of tests/README.md is broken:\n{}",
        faults.join("\n")
    );
}

#[test]
fn a_cycle_between_the_modules_of_a_folder_is_found_with_the_imports_that_make_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "pub mod r;\npub mod m;\n").unwrap();
    std::fs::write(src.join("m.rs"), "").unwrap();
    std::fs::create_dir(src.join("r")).unwrap();
    std::fs::write(
        src.join("r/mod.rs"),
        "mod a;\nmod b;\nmod c;\nuse self::a::X;\npub struct Shared;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("r/a.rs"),
        "use super::{Shared, b::{self, Y as Z}};\nuse crate::m::W;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("r/b.rs"),
        "/// See [`crate::r::c::V`].\npub struct Y;\n",
    )
    .unwrap();
    std::fs::write(src.join("r/c.rs"), "fn f() { super::a::g() }\n").unwrap();

    let graph = graph(src);
    let edges: Vec<(&str, &str)> = graph
        .iter()
        .flat_map(|(from, to)| to.keys().map(move |t| (from.as_str(), t.as_str())))
        .collect();
    // The parent's own items (`Shared`, `self::a`) make no arrow.
    assert_eq!(
        edges,
        [
            ("r", "m"),
            ("r::a", "r::b"),
            ("r::b", "r::c"),
            ("r::c", "r::a")
        ]
    );
    let found = cycle(&graph).unwrap();
    assert_eq!(found, ["r::a", "r::b", "r::c", "r::a"]);
    let text = describe(&graph, &found);
    assert!(text.contains("r::a -> r::b (in r/a.rs)"), "{text}");
    assert!(text.contains("r/a.rs names super::b::Y"), "{text}");
    assert!(text.contains("r/b.rs names crate::r::c::V"), "{text}");

    std::fs::write(src.join("r/c.rs"), "").unwrap();
    assert_eq!(cycle(&crate::module_graph::graph(src)), None);
}

#[test]
fn an_import_against_the_layer_order_is_named() {
    let readme = "# Tests\n\n## The module graph\n\n1. `low`\n2. `mid`, `side`\n3. `high`\n\n## Next\n\n4. `other`\n";
    let layers = layers(readme);
    assert_eq!(layers.len(), 4);
    let import = |file: &str, named: &str| Import {
        file: file.into(),
        named: named.into(),
    };
    let mut graph = Graph::new();
    let mut arrow = |from: &str, to: &str, i: Import| {
        graph
            .entry(from.into())
            .or_default()
            .entry(to.into())
            .or_default()
            .insert(i);
    };
    arrow("high", "low", import("high.rs", "crate::low::A"));
    arrow("mid", "side", import("mid/x.rs", "crate::side::B"));
    arrow("low", "high", import("low.rs", "crate::high::C"));
    arrow("new", "low", import("new.rs", "crate::low::D"));
    arrow("mid::a", "mid::b", import("mid/a.rs", "super::b::E"));
    let faults = layer_faults(&graph, &layers);
    assert_eq!(faults.len(), 3, "{faults:#?}");
    assert!(faults[0].starts_with("`new` is in no layer"));
    assert!(faults[1].starts_with("low.rs names crate::high::C: `low` (layer 1)"));
    assert!(faults[2].starts_with("mid/x.rs names crate::side::B"));
}

#[test]
fn a_cycle_is_found_and_test_code_is_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\nmod c;\n").unwrap();
    std::fs::write(
        src.join("a.rs"),
        "use crate::b::X;\n#[cfg(test)]\nmod tests {\n    use crate::c::Y;\n}\n",
    )
    .unwrap();
    std::fs::create_dir(src.join("b")).unwrap();
    std::fs::write(
        src.join("b/mod.rs"),
        "pub mod x;\n#[cfg(test)]\nmod helpers;\n",
    )
    .unwrap();
    std::fs::write(src.join("b/x.rs"), "use crate::c::Z;\n").unwrap();
    std::fs::write(src.join("b/helpers.rs"), "use crate::a::W;\n").unwrap();
    std::fs::write(src.join("c.rs"), "//! See [`crate::a`].\n").unwrap();

    let graph = graph(src);
    let edges: Vec<(&str, &str)> = graph
        .iter()
        .flat_map(|(from, to)| to.keys().map(move |t| (from.as_str(), t.as_str())))
        .collect();
    assert_eq!(edges, [("a", "b"), ("b", "c"), ("c", "a")]);
    let found = cycle(&graph).unwrap();
    assert_eq!(found, ["a", "b", "c", "a"]);
    assert!(describe(&graph, &found).contains("b -> c (in b/x.rs)"));

    std::fs::write(src.join("c.rs"), "//! Nothing above.\n").unwrap();
    assert_eq!(cycle(&crate::module_graph::graph(src)), None);
}

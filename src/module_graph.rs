//! Arrows point down: no top-level module reaches, through the `crate::…`
//! paths its files name, back to itself. A cycle means two stages each
//! need the other, and neither can be read, tested or changed alone; the
//! usual way out is to move the declaration both read (as `config::forms`
//! was moved out of the form endpoint) into the lower one.
//!
//! The rule is textual, so that it needs nothing but the sources: every
//! `crate::NAME` in a file (code and doc links alike) is an edge from the
//! file's top-level module to `NAME`, when `NAME` is a module `lib.rs`
//! declares. Test code (`#[cfg(test)]` items, and files only they include)
//! may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// Module → module it names → the files that name it.
fn graph(src: &Path) -> Graph {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let modules: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("pub ").unwrap_or(l.trim());
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    let mut test_only = BTreeSet::new();
    let mut texts = BTreeMap::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (kept, test_files) = without_tests(path, &text);
        test_only.extend(test_files);
        texts.insert(path.clone(), kept);
    }
    let word = regex::Regex::new(r"crate::([a-z_][a-z0-9_]*)").unwrap();
    let mut graph = Graph::new();
    for (path, text) in &texts {
        let relative = path.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = Path::new(first).with_extension("");
        let module = module.to_string_lossy().into_owned();
        if test_only.contains(path) || !modules.contains(&module) {
            continue;
        }
        for named in word.captures_iter(text) {
            let target = &named[1];
            if target != module && modules.contains(target) {
                graph
                    .entry(module.clone())
                    .or_default()
                    .entry(target.to_owned())
                    .or_default()
                    .insert(relative.display().to_string());
            }
        }
    }
    graph
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

/// How a cycle reads: each arrow with a file that makes it.
fn describe(graph: &Graph, cycle: &[String]) -> String {
    cycle
        .windows(2)
        .map(|pair| {
            let files = &graph[&pair[0]][&pair[1]];
            let shown: Vec<&str> = files.iter().map(String::as_str).collect();
            format!("{} -> {} (in {})", pair[0], pair[1], shown.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_top_level_module_reaches_back_to_itself() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(
        graph.len() > 10,
        "the sources were not read: {:?}",
        graph.keys()
    );
    if let Some(cycle) = cycle(&graph) {
        panic!(
            "the top-level modules form a cycle:\n{}\nmove what both sides need into the lower one",
            describe(&graph, &cycle)
        );
    }
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

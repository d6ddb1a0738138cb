use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let mut ws = praxis::build::Workspace::new(&root, Default::default());
    let t = Instant::now();
    let b = ws.build();
    println!("full: {:?} ok={}", t.elapsed(), b.succeeded());
    let article = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap()
        .path()
        .join("nl.md");
    for i in 0..std::env::var("N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
    {
        let text = std::fs::read_to_string(&article).unwrap();
        std::fs::write(
            &article,
            text.replacen("\n\n", &format!("\n\nEdit {i}.\n\n"), 1),
        )
        .unwrap();
        ws.forget(&article);
        let t = Instant::now();
        let b = ws.build();
        println!("incremental: {:?} ok={}", t.elapsed(), b.succeeded());
    }
}

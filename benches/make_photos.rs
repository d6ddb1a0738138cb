//! The image benchmark's sites: phone photos (4000 × 3000 JPEGs with EXIF
//! orientation, GPS position, XMP and a colour profile) in articles, once
//! for praxis and once for Zola, asking both for the same copies.
//!
//!     cargo run --example make_photos -- DIR [PHOTOS] [PER_ARTICLE]
//!
//! writes DIR/praxis (add a theme with `praxis init`, see benches/images.sh)
//! and DIR/zola, each with PHOTOS photos (default 50), PER_ARTICLE (default
//! 10) to an article. See benches/README.md.

use std::path::Path;

#[path = "photos.rs"]
mod photos;

const WIDTHS: [u32; 3] = [480, 960, 1600];

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: make_photos DIR [PHOTOS] [PER_ARTICLE]"),
    );
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let per_article: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let (praxis, zola) = (dir.join("praxis"), dir.join("zola"));
    write(
        &zola.join("config.toml"),
        "base_url = \"https://example.org\"\ntitle = \"Foto's\"\n",
    );
    write(
        &zola.join("templates/index.html"),
        "<h1>{{ section.title }}</h1>",
    );
    write(
        &zola.join("templates/section.html"),
        "<h1>{{ section.title }}</h1>",
    );
    // The same copies praxis makes: each width, as JPEG and WebP, quality 80.
    let widths = WIDTHS.map(|w| w.to_string()).join(", ");
    write(
        &zola.join("templates/page.html"),
        format!(
            "<h1>{{{{ page.title }}}}</h1>{{{{ page.content | safe }}}}\n\
             {{% for asset in page.assets %}}{{% if asset is ending_with(\".jpg\") %}}\
             {{% for w in [{widths}] %}}\
             {{% set j = resize_image(path=asset, width=w, op=\"fit_width\", format=\"jpg\", quality=80) %}}\
             {{% set p = resize_image(path=asset, width=w, op=\"fit_width\", format=\"webp\", quality=80) %}}\
             <img src=\"{{{{ j.url }}}}\" width=\"{{{{ j.width }}}}\"><img src=\"{{{{ p.url }}}}\">\
             {{% endfor %}}{{% endif %}}{{% endfor %}}\n"
        ),
    );
    write(
        &zola.join("content/_index.md"),
        "+++\ntitle = \"Foto's\"\n+++\n",
    );
    // Every fourth photo was taken with the phone held upright.
    let upright = photos::phone_jpeg(4000, 3000, 6, 92);
    let level = photos::phone_jpeg(4000, 3000, 1, 92);
    for i in 0..count {
        let article = i / per_article;
        let photo = unique(if i % 4 == 3 { &upright } else { &level }, i);
        let name = format!("foto-{i:03}.jpg");
        for dir in [
            praxis.join(format!("content/articles/fotos-{article}")),
            zola.join(format!("content/fotos-{article}")),
        ] {
            write(&dir.join(&name), &photo);
        }
        eprintln!("{name}: {} kB", photo.len() / 1000);
    }
    for article in 0..count.div_ceil(per_article) {
        let images: String = (article * per_article..((article + 1) * per_article).min(count))
            .map(|i| format!("![Foto {i}](foto-{i:03}.jpg)\n\n"))
            .collect();
        let praxis_dir = praxis.join(format!("content/articles/fotos-{article}"));
        write(
            &praxis_dir.join("nl.md"),
            format!(
                "+++\ntitle = \"Foto's {article}\"\nslug = \"fotos-{article}\"\n+++\nFoto's van de praktijk.\n\n{images}"
            ),
        );
        write(
            &praxis_dir.join("fr.md"),
            format!(
                "+++\ntitle = \"Photos {article}\"\nslug = \"photos-{article}\"\n+++\nPhotos du cabinet.\n\n{images}"
            ),
        );
        write(
            &zola.join(format!("content/fotos-{article}/index.md")),
            format!("+++\ntitle = \"Foto's {article}\"\n+++\nFoto's van de praktijk.\n"),
        );
    }
}

/// The photo with a comment naming it: every file has bytes of its own, so
/// that no cache can take one photo for another.
fn unique(photo: &[u8], i: usize) -> Vec<u8> {
    use img_parts::jpeg::{Jpeg, JpegSegment, markers};
    let mut jpeg = Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(photo)).unwrap();
    let comment = img_parts::Bytes::from(format!("photo {i}"));
    jpeg.segments_mut()
        .insert(1, JpegSegment::new_with_contents(markers::COM, comment));
    let mut out = Vec::new();
    jpeg.encoder().write_to(&mut out).unwrap();
    out
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

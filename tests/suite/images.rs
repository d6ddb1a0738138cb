//! Images beside a page: published in the widths `[images]` asks for, as
//! WebP and in their own format, oriented, without their metadata; cached
//! outside public/; bad images named, never a panic.

use std::io::Cursor;
use std::path::Path;

use image::ImageDecoder;

use crate::support::TestSite;

#[path = "../../benches/photos.rs"]
pub mod photos;

const DIR: &str = "public/nl/artikels/zomer/";

/// A Dutch and French article, a photo beside them, small widths.
fn site_with_photo(body: &str, photo: &[u8]) -> TestSite {
    let site = TestSite::minimal()
        .file(
            "content/artikels/nl.md",
            "+++\ntitle = \"Artikels\"\nslug = \"artikels\"\n+++\n",
        )
        .file(
            "content/artikels/fr.md",
            "+++\ntitle = \"Articles\"\nslug = \"articles\"\n+++\n",
        )
        .file(
            "content/artikels/zomer/nl.md",
            &format!("+++\ntitle = \"Zomer\"\nslug = \"zomer\"\n+++\n{body}"),
        )
        .file(
            "content/artikels/zomer/fr.md",
            "+++\ntitle = \"Été\"\nslug = \"ete\"\n+++\nTexte.\n",
        );
    let config = site.read("site.toml") + "\n[images]\nwidths = [100, 200]\n";
    site.write("site.toml", &config);
    site.write_bytes("content/artikels/zomer/foto.jpg", photo);
    site
}

fn read_bytes(site: &TestSite, path: &str) -> Vec<u8> {
    std::fs::read(site.path(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Width, height and format of a published image, decoded for real.
fn decoded(site: &TestSite, path: &str) -> (u32, u32, image::ImageFormat) {
    let bytes = read_bytes(site, path);
    let format = image::guess_format(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (img.width(), img.height(), format)
}

fn icc_of(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut decoder = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .into_decoder()
        .unwrap();
    decoder.icc_profile().unwrap()
}

const PUBLISHED: [&str; 5] = [
    "foto-100w.jpg",
    "foto-200w.jpg",
    "foto-100w.webp",
    "foto-200w.webp",
    "foto.jpg",
];

#[test]
fn a_photo_is_published_in_each_width_as_webp_and_jpeg_beside_each_language() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    site.build(&[]).success();
    use image::ImageFormat::{Jpeg, WebP};
    for dir in [DIR, "public/fr/articles/ete/"] {
        assert_eq!(
            decoded(&site, &format!("{dir}foto-100w.jpg")),
            (100, 75, Jpeg)
        );
        assert_eq!(
            decoded(&site, &format!("{dir}foto-200w.jpg")),
            (200, 150, Jpeg)
        );
        assert_eq!(
            decoded(&site, &format!("{dir}foto-100w.webp")),
            (100, 75, WebP)
        );
        assert_eq!(
            decoded(&site, &format!("{dir}foto-200w.webp")),
            (200, 150, WebP)
        );
        // Under its own name: the widest copy, not the original.
        assert_eq!(decoded(&site, &format!("{dir}foto.jpg")), (200, 150, Jpeg));
    }
    assert!(!site.exists(&format!("{DIR}foto-400w.jpg")));
}

#[test]
fn a_photo_is_never_enlarged_and_reaches_its_own_width_when_a_wider_one_is_asked() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(300, 200, 1, 90));
    let config = site
        .read("site.toml")
        .replace("widths = [100, 200]", "widths = [100, 200, 800]");
    site.write("site.toml", &config);
    site.build(&[]).success();
    use image::ImageFormat::{Jpeg, WebP};
    assert_eq!(
        decoded(&site, &format!("{DIR}foto-300w.webp")),
        (300, 200, WebP)
    );
    assert_eq!(decoded(&site, &format!("{DIR}foto.jpg")), (300, 200, Jpeg));
    assert!(!site.exists(&format!("{DIR}foto-800w.jpg")));
    assert!(!site.exists(&format!("{DIR}foto-800w.webp")));
}

#[test]
fn no_published_copy_keeps_exif_gps_or_xmp_and_every_one_keeps_the_colour_profile() {
    let photo = photos::phone_jpeg(400, 300, 1, 90);
    // The fixture does carry what must go.
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(&photo))
        .expect("the test photo has EXIF");
    assert!(
        exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    );
    let site = site_with_photo("Tekst.\n", &photo);
    site.build(&[]).success();
    for name in PUBLISHED {
        let bytes = read_bytes(&site, &format!("{DIR}{name}"));
        match exif::Reader::new().read_from_container(&mut Cursor::new(&bytes)) {
            Err(exif::Error::NotFound(_)) => {}
            Err(other) => panic!("{name}: {other}"),
            Ok(exif) => panic!(
                "{name} still has EXIF: {:?}",
                exif.fields().map(|f| f.tag).collect::<Vec<_>>()
            ),
        }
        let marker = photos::XMP_MARKER.as_bytes();
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker),
            "{name} still has XMP"
        );
        assert_eq!(
            icc_of(&bytes).as_deref(),
            Some(&photos::icc_profile()[..]),
            "{name} lost its colour profile"
        );
    }
}

#[test]
fn the_cameras_orientation_is_applied() {
    // Stored sideways (landscape, left half red), to be turned a quarter
    // clockwise (EXIF orientation 6): shown upright, red on top.
    let site = site_with_photo("![foto](foto.jpg)\n", &photos::phone_jpeg(400, 300, 6, 95));
    site.build(&[]).success();
    let bytes = read_bytes(&site, &format!("{DIR}foto-200w.webp"));
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (200, 267));
    let top = img.get_pixel(100, 20);
    let bottom = img.get_pixel(100, 247);
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
    let html = site.read(&format!("{DIR}index.html"));
    assert!(html.contains("width=\"200\" height=\"267\""), "{html}");
}

#[test]
fn markdown_images_get_srcset_sizes_dimensions_and_lazy_loading_after_the_first() {
    let body = "![Twee stoelen](foto.jpg)\n\nTekst.\n\n![De stoelen \"weer\"](foto.jpg \"Titel\")\n\n![Elders](https://example.org/x.jpg)\n";
    let site = site_with_photo(body, &photos::phone_jpeg(400, 300, 1, 90));
    site.build(&[]).success();
    let html = site.read(&format!("{DIR}index.html"));
    let first = "<picture><source type=\"image/webp\" \
        srcset=\"/nl/artikels/zomer/foto-100w.webp 100w, /nl/artikels/zomer/foto-200w.webp 200w\" \
        sizes=\"(min-width: 42rem) 40rem, 100vw\">\
        <img src=\"/nl/artikels/zomer/foto.jpg\" \
        srcset=\"/nl/artikels/zomer/foto-100w.jpg 100w, /nl/artikels/zomer/foto-200w.jpg 200w\" \
        sizes=\"(min-width: 42rem) 40rem, 100vw\" width=\"200\" height=\"150\" alt=\"Twee stoelen\" \
        decoding=\"async\"></picture>";
    assert!(html.contains(first), "{html}");
    assert!(
        html.contains(
            "alt=\"De stoelen “weer”\" title=\"Titel\" loading=\"lazy\" decoding=\"async\"></picture>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"https://example.org/x.jpg\" alt=\"Elders\" />"),
        "an image elsewhere is left alone: {html}"
    );
}

/// The files in the image cache, with their modification times.
fn cache_files(site: &TestSite) -> Vec<(String, std::time::SystemTime)> {
    let dir = site.path(".praxis-cache/images");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_second_build_takes_every_image_from_the_cache_outside_public() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    let first = site.build(&[]);
    first.success();
    assert!(
        first.stdout.contains("images: 4 made, 0 reused"),
        "{}",
        first.stdout
    );
    let cached = cache_files(&site);
    assert_eq!(cached.len(), 4, "two widths in two formats: {cached:?}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = site.build(&[]);
    assert!(
        second.stdout.contains("images: 0 made, 4 reused"),
        "{}",
        second.stdout
    );
    assert_eq!(cache_files(&site), cached, "no cached file written again");
    assert!(!Path::new(&site.path("public/.praxis-cache")).exists());
}

#[test]
fn an_edit_to_the_text_processes_no_image_again_and_an_edit_to_the_photo_does() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    site.build(&[]).success();
    let cached = cache_files(&site);
    site.write(
        "content/artikels/zomer/nl.md",
        "+++\ntitle = \"Zomer\"\nslug = \"zomer\"\n+++\nAndere tekst, ![foto](foto.jpg).\n",
    );
    let edited = site.build(&[]);
    assert!(
        edited.stdout.contains("images: 0 made, 4 reused"),
        "{}",
        edited.stdout
    );
    assert_eq!(cache_files(&site), cached);
    site.write_bytes(
        "content/artikels/zomer/foto.jpg",
        &photos::phone_jpeg(400, 200, 1, 90),
    );
    let replaced = site.build(&[]);
    assert!(
        replaced.stdout.contains("images: 4 made, 0 reused"),
        "{}",
        replaced.stdout
    );
    assert!(
        site.read(&format!("{DIR}index.html"))
            .contains("width=\"200\" height=\"100\"")
    );
    let now = cache_files(&site);
    assert_eq!(now.len(), 4, "the old photo's copies are gone: {now:?}");
    assert!(
        now.iter()
            .all(|(name, _)| !cached.iter().any(|(old, _)| old == name))
    );
}

#[test]
fn the_preview_serves_the_copies_and_follows_an_edited_photo() {
    let site = site_with_photo("![foto](foto.jpg)\n", &photos::phone_jpeg(400, 300, 1, 90));
    let server = crate::server::Server::start(&site, &[]);
    let webp = server.get("/nl/artikels/zomer/foto-200w.webp");
    assert_eq!(webp.status, 200);
    assert_eq!(webp.header("content-type"), Some("image/webp"));
    assert!(
        server
            .get("/nl/artikels/zomer/")
            .body
            .contains("height=\"150\"")
    );
    site.write_bytes(
        "content/artikels/zomer/foto.jpg",
        &photos::phone_jpeg(400, 200, 1, 90),
    );
    crate::server::eventually("the page shows the new photo's size", || {
        server
            .get("/nl/artikels/zomer/")
            .body
            .contains("height=\"100\"")
    });
}

#[test]
fn broken_images_are_named_errors_never_a_panic() {
    let photo = photos::phone_jpeg(400, 300, 1, 90);
    let text = b"not a photo at all".to_vec();
    let truncated = photo[..photo.len() / 2].to_vec();
    // A PNG header claiming 100 000 × 100 000 pixels: a decompression bomb.
    let mut bomb = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bomb)
        .write_image(&[0; 3], 1, 1, image::ExtendedColorType::Rgb8)
        .unwrap();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    for (name, bytes, words) in [
        ("tekst.jpg", text, "not an image"),
        ("afgebroken.jpg", truncated, "cut short"),
        ("bom.png", bomb, "larger than praxis decodes"),
        ("bewegend.png", gif, "does not resize"),
    ] {
        let site = site_with_photo("Tekst.\n", &photo);
        site.write_bytes(&format!("content/artikels/zomer/{name}"), &bytes);
        let run = site.build(&[]);
        run.failure()
            .error_at(&format!("content/artikels/zomer/{name}"), &[words]);
    }
}

use image::ImageEncoder;

/// PNG's chunk checksum, so that the bomb's header is otherwise valid.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_png_named_jpg_is_published_as_a_real_jpeg_with_a_warning() {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(photos::pixels(400, 300))
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let site = site_with_photo("Tekst.\n", &png);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr.contains("content/artikels/zomer/foto.jpg")
            && run.stderr.contains("is a PNG image named as a JPEG"),
        "{}",
        run.stderr
    );
    use image::ImageFormat::Jpeg;
    assert_eq!(decoded(&site, &format!("{DIR}foto.jpg")), (200, 150, Jpeg));
}

#[test]
fn check_warns_about_a_copy_too_heavy_for_a_visitor() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 100));
    let config = site.read("site.toml") + "max_kilobytes = 1\n";
    site.write("site.toml", &config);
    let run = site.praxis(&["check"]);
    assert!(
        run.stderr
            .contains("warning: content/artikels/zomer/foto.jpg: a published copy")
            && run.stderr.contains("more than a visitor should download"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn a_wrong_images_table_is_refused_where_it_is_written() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    let config = site
        .read("site.toml")
        .replace("widths = [100, 200]", "widths = [100, 0]\nquality = 101");
    site.write("site.toml", &config);
    site.build(&[])
        .failure()
        .error_at("site.toml", &["widths: 0 is not a width"])
        .error_at("site.toml", &["quality 101"]);
}

#[test]
fn resize_image_follows_zolas_operations_and_names() {
    let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    site.write_bytes("static/kamer.jpg", &photos::phone_jpeg(400, 300, 6, 90));
    site.write(
        "themes/plain/templates/index.html",
        r#"{% set a = resize_image(path="artikels/zomer/foto.jpg", width=100, height=100) %}{% set b = resize_image(path="kamer.jpg", width=150, op="fit_width", format="webp") %}{% set c = resize_image(path="/kamer.jpg", width=1000, height=1000, op="fit") %}
fill {{ a.width }}x{{ a.height }} of {{ a.orig_width }}x{{ a.orig_height }} {{ a.url }} {{ a.static_path }}
fit_width {{ b.width }}x{{ b.height }} of {{ b.orig_width }}x{{ b.orig_height }} {{ b.static_path }}
fit {{ c.width }}x{{ c.height }}
"#,
    );
    site.build(&[]).success();
    let home = site.read("public/nl/index.html");
    let line = |op: &str| {
        home.lines()
            .find(|l| l.starts_with(op))
            .unwrap_or_else(|| panic!("{home}"))
            .to_owned()
    };
    let fill = line("fill ");
    assert!(
        fill.starts_with("fill 100x100 of 400x300 https://example.org/processed_images/foto."),
        "{fill}"
    );
    let static_path = fill.rsplit(' ').next().unwrap();
    assert!(static_path.starts_with("processed_images/foto.") && static_path.ends_with(".jpg"));
    assert_eq!(decoded(&site, &format!("public/{static_path}")).0, 100);
    // The static photo stands upright: 300 × 400 as shown.
    let fit_width = line("fit_width ");
    assert!(
        fit_width.starts_with("fit_width 150x200 of 300x400 processed_images/kamer."),
        "{fit_width}"
    );
    let webp = fit_width.rsplit(' ').next().unwrap();
    assert_eq!(
        decoded(&site, &format!("public/{webp}")),
        (150, 200, image::ImageFormat::WebP)
    );
    assert_eq!(line("fit "), "fit 300x400", "fit never enlarges");
}

#[test]
fn resize_image_on_a_missing_file_or_with_a_wrong_op_is_a_template_error() {
    for call in [
        r#"resize_image(path="nergens.jpg", width=10, height=10)"#,
        r#"resize_image(path="artikels/zomer/foto.jpg", width=10, op="crop")"#,
        r#"resize_image(path="../site.toml", width=10, height=10)"#,
    ] {
        let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
        site.write(
            "themes/plain/templates/index.html",
            &format!("{{% set a = {call} %}}{{{{ a.url }}}}"),
        );
        let run = site.build(&[]);
        run.failure();
        assert!(run.stderr.contains("index.html"), "{call}: {}", run.stderr);
    }
}

#[test]
fn a_photo_in_static_that_tells_where_it_was_taken_is_warned_about() {
    // static/ is published byte for byte: its photos keep their EXIF.
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(photos::pixels(40, 30))
        .write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg)
        .unwrap();
    let site = TestSite::minimal()
        .file("static/praktijk.jpg", "")
        .file("static/logo.jpg", "");
    site.write_bytes("static/praktijk.jpg", &photos::phone_jpeg(80, 60, 1, 80));
    site.write_bytes("static/logo.jpg", &plain);
    let run = site.build(&[]);
    run.success();
    assert!(
        run.stderr.contains("static/praktijk.jpg") && run.stderr.contains("GPS position"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("static/logo.jpg"), "{}", run.stderr);
}

/// A PNG chunk: length, type, data, checksum.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// A two-frame animated PNG (APNG) of `width` × `height`.
fn animated_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(photos::pixels(width, height))
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // The still PNG's chunks, and its pixels (the IDAT chunks' data).
    let mut chunks = Vec::new();
    let mut at = 8;
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        chunks.push((
            png[at + 4..at + 8].to_vec(),
            png[at + 8..at + 8 + len].to_vec(),
        ));
        at += len + 12;
    }
    let data: Vec<u8> = chunks
        .iter()
        .filter(|(k, _)| k == b"IDAT")
        .flat_map(|(_, d)| d.clone())
        .collect();
    let frame = |sequence: u32| {
        let mut fctl = sequence.to_be_bytes().to_vec();
        for v in [width, height, 0, 0] {
            fctl.extend_from_slice(&v.to_be_bytes());
        }
        fctl.extend_from_slice(&[0, 1, 0, 10, 0, 0]);
        png_chunk(b"fcTL", &fctl)
    };
    let mut out = png[..8].to_vec();
    out.extend(png_chunk(b"IHDR", &chunks[0].1));
    out.extend(png_chunk(b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0]));
    out.extend(frame(0));
    out.extend(png_chunk(b"IDAT", &data));
    out.extend(frame(1));
    let mut fdat = 2u32.to_be_bytes().to_vec();
    fdat.extend_from_slice(&data);
    out.extend(png_chunk(b"fdAT", &fdat));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

/// A RIFF chunk of a WebP file, padded to an even length.
fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = kind.to_vec();
    chunk.extend_from_slice(&(data.len() as u32).to_le_bytes());
    chunk.extend_from_slice(data);
    if data.len() % 2 == 1 {
        chunk.push(0);
    }
    chunk
}

/// A two-frame animated WebP of `width` × `height`.
fn animated_webp(width: u32, height: u32) -> Vec<u8> {
    let mut still = Vec::new();
    image::DynamicImage::ImageRgb8(photos::pixels(width, height))
        .write_to(&mut Cursor::new(&mut still), image::ImageFormat::WebP)
        .unwrap();
    // "RIFF" size "WEBP", then the one VP8L chunk of a still picture.
    let bitstream = &still[12..];
    let u24 = |v: u32| v.to_le_bytes()[..3].to_vec();
    let mut vp8x = vec![0x02, 0, 0, 0];
    vp8x.extend(u24(width - 1));
    vp8x.extend(u24(height - 1));
    let mut body = b"WEBP".to_vec();
    body.extend(riff_chunk(b"VP8X", &vp8x));
    body.extend(riff_chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]));
    for _ in 0..2 {
        let mut anmf = [u24(0), u24(0), u24(width - 1), u24(height - 1), u24(100)].concat();
        anmf.push(0);
        anmf.extend_from_slice(bitstream);
        body.extend(riff_chunk(b"ANMF", &anmf));
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

#[test]
fn an_animated_png_or_webp_is_published_as_its_first_frame_with_a_warning() {
    for (name, bytes) in [
        ("beweging.png", animated_png(64, 48)),
        ("beweging.webp", animated_webp(64, 48)),
    ] {
        let site = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
        site.write_bytes(&format!("content/artikels/zomer/{name}"), &bytes);
        let run = site.build(&[]);
        run.success();
        let warning = run
            .stderr
            .split("\n\n")
            .find(|b| b.starts_with(&format!("warning: content/artikels/zomer/{name}")))
            .unwrap_or_else(|| panic!("a warning about {name}:\n{}", run.stderr));
        assert!(
            warning.contains("animated") && warning.contains("only its first frame"),
            "{warning}"
        );
        assert!(site.exists(&format!("{DIR}{name}")));
    }
    let still = site_with_photo("Tekst.\n", &photos::phone_jpeg(400, 300, 1, 90));
    let run = still.build(&[]);
    assert!(!run.stderr.contains("animated"), "{}", run.stderr);
}

#[test]
fn an_image_whose_size_its_file_is_far_too_small_for_is_refused_before_decoding() {
    // 631 bytes or so that claim 10 000 × 9 999 pixels: the decoder would
    // fill them with grey, a gigabyte of it.
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 50)
        .write_image(&[128; 8 * 8 * 3], 8, 8, image::ExtendedColorType::Rgb8)
        .unwrap();
    let sof = jpeg.windows(2).position(|w| w == [0xff, 0xc0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&9_999u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&10_000u16.to_be_bytes());
    assert!(jpeg.len() < 1_000);
    let site = site_with_photo("Tekst.\n", &jpeg);
    for run in [site.build(&[]), site.praxis(&["check"])] {
        run.failure().error_at(
            "content/artikels/zomer/foto.jpg",
            &["10000 × 9999", &format!("{} bytes", jpeg.len()), "help:"],
        );
    }
}

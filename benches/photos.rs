//! Photos as a phone writes them: a JPEG with EXIF (orientation, camera,
//! GPS position), XMP and a colour profile. Used by `make_photos` (the
//! image benchmark) and by the test suite (tests/suite/images.rs).

#![allow(dead_code)]

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::{Bytes, ImageEXIF};

/// Where the test photos claim to be taken: a house in Ghent.
pub const LATITUDE: [u32; 3] = [51, 3, 12];
pub const LONGITUDE: [u32; 3] = [3, 43, 30];
/// A marker in the XMP packet, to look for in published files.
pub const XMP_MARKER: &str = "http://ns.adobe.com/xap/1.0/";

/// A stand-in colour profile: encoders carry its bytes without reading them.
pub fn icc_profile() -> Vec<u8> {
    let mut icc = vec![0u8; 132];
    icc[..4].copy_from_slice(&132u32.to_be_bytes());
    icc[36..40].copy_from_slice(b"acsp");
    icc[100..112].copy_from_slice(b"praxis test ");
    icc
}

/// The pixels as the sensor stored them: the left half red, the right
/// half blue, with grain (so that the JPEG weighs what a photo does).
pub fn pixels(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x9e37_79b9u32;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed & 31) as u8;
        let shade = ((x + y) % 64) as u8;
        if x < width / 2 {
            image::Rgb([200 + grain / 2, 20 + shade / 2, 20 + grain])
        } else {
            image::Rgb([20 + grain, 20 + shade / 2, 200 + grain / 2])
        }
    })
}

/// A JPEG of `pixels(width, height)` as a phone writes it, EXIF
/// `orientation` (1–8) and GPS position included.
pub fn phone_jpeg(width: u32, height: u32, orientation: u16, quality: u8) -> Vec<u8> {
    let mut plain = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut plain, quality);
    encoder
        .set_icc_profile(icc_profile())
        .expect("JPEG takes ICC");
    encoder
        .encode_image(&pixels(width, height))
        .expect("encode the test photo");
    let mut jpeg = Jpeg::from_bytes(Bytes::from(plain)).expect("read back the test photo");
    jpeg.set_exif(Some(Bytes::from(exif(orientation))));
    let xmp = format!(
        "{XMP_MARKER}\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>51,3.2N</exif:GPSLatitude></x:xmpmeta>"
    );
    jpeg.segments_mut().insert(
        2,
        JpegSegment::new_with_contents(markers::APP1, Bytes::from(xmp)),
    );
    let mut out = Vec::new();
    jpeg.encoder()
        .write_to(&mut out)
        .expect("write the test photo");
    out
}

/// A little-endian TIFF block with IFD0 (make, orientation, GPS pointer)
/// and a GPS IFD (latitude, longitude).
pub fn exif(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    let u16le = |t: &mut Vec<u8>, v: u16| t.extend_from_slice(&v.to_le_bytes());
    let u32le = |t: &mut Vec<u8>, v: u32| t.extend_from_slice(&v.to_le_bytes());
    // Header, then IFD0 at 8: three entries.
    t.extend_from_slice(b"II");
    u16le(&mut t, 42);
    u32le(&mut t, 8);
    let ifd0_len = 2 + 3 * 12 + 4;
    let gps_at = 8 + ifd0_len;
    let gps_len = 2 + 4 * 12 + 4;
    let data_at = gps_at + gps_len;
    let make_at = data_at + 48;
    u16le(&mut t, 3);
    // Make (ASCII, stored after the rationals).
    u16le(&mut t, 0x010f);
    u16le(&mut t, 2);
    u32le(&mut t, 8);
    u32le(&mut t, make_at as u32);
    // Orientation (SHORT, inline).
    u16le(&mut t, 0x0112);
    u16le(&mut t, 3);
    u32le(&mut t, 1);
    u16le(&mut t, orientation);
    u16le(&mut t, 0);
    // GPSInfo IFD pointer (LONG).
    u16le(&mut t, 0x8825);
    u16le(&mut t, 4);
    u32le(&mut t, 1);
    u32le(&mut t, gps_at as u32);
    u32le(&mut t, 0);
    // GPS IFD: N, latitude, E, longitude.
    u16le(&mut t, 4);
    u16le(&mut t, 1);
    u16le(&mut t, 2);
    u32le(&mut t, 2);
    t.extend_from_slice(b"N\0\0\0");
    u16le(&mut t, 2);
    u16le(&mut t, 5);
    u32le(&mut t, 3);
    u32le(&mut t, data_at as u32);
    u16le(&mut t, 3);
    u16le(&mut t, 2);
    u32le(&mut t, 2);
    t.extend_from_slice(b"E\0\0\0");
    u16le(&mut t, 4);
    u16le(&mut t, 5);
    u32le(&mut t, 3);
    u32le(&mut t, (data_at + 24) as u32);
    u32le(&mut t, 0);
    assert_eq!(t.len(), data_at);
    for v in LATITUDE.iter().chain(&LONGITUDE) {
        u32le(&mut t, *v);
        u32le(&mut t, 1);
    }
    t.extend_from_slice(b"Phone\0\0\0");
    t
}

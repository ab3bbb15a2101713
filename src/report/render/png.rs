//! The smallest PNG encoder a chart needs: 8-bit RGB, one zlib stream, the resolution so word
//! processors place it at the intended size.

use std::io::Write;

use flate2::Crc;
use flate2::write::ZlibEncoder;

/// Encodes `rgb` (three bytes per pixel, rows top to bottom) as a PNG of `width` × `height`
/// at `dpi` dots per inch.
pub fn encode(width: u32, height: u32, rgb: &[u8], dpi: u32) -> Vec<u8> {
    let row = width as usize * 3;
    debug_assert_eq!(rgb.len(), row * height as usize);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    let mut physical = Vec::with_capacity(9);
    physical.extend_from_slice(&per_metre.to_be_bytes());
    physical.extend_from_slice(&per_metre.to_be_bytes());
    physical.push(1);
    chunk(&mut out, b"pHYs", &physical);
    let mut encoder = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for line in rgb.chunks(row.max(1)) {
        // Filter type 0: charts are flat colour, which deflate packs well as it is.
        encoder
            .write_all(&[0])
            .and_then(|()| encoder.write_all(line))
            .expect("writing to memory cannot fail");
    }
    let data = encoder.finish().expect("writing to memory cannot fail");
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_has_its_signature_size_and_chunks() {
        let png = encode(2, 1, &[255, 0, 0, 0, 0, 255], 150);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 2);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 1);
        assert_eq!(&png[png.len() - 8..png.len() - 4], b"IEND");
        // The CRC of an empty IEND chunk is fixed by the format.
        assert_eq!(&png[png.len() - 4..], [0xAE, 0x42, 0x60, 0x82]);
    }
}

//! Resized copies of wide images, and their cache.
//!
//! A copy is made once: it is kept in `.brief-cache/images/` at the site root under a
//! name made of the image's content hash, its length, the copy's width and format. A
//! later build that finds every copy of an image there does not decode the image at
//! all; a changed image has another hash, so its old copies are never used again.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, imageops::FilterType};

use super::image::{COLUMN, Copy, CopyMode, Format, Image, Size};
use crate::error::{Error, ImageProblem};

/// The cache folder, at the site root (beside the default output, `public/`). `brief
/// init`'s `.gitignore` lists it: it is made again from the images whenever it is lost.
pub const CACHE_FOLDER: &str = ".brief-cache";

/// Inside the cache folder; a new number when brief makes its copies differently
/// (another filter or quality), so copies made the old way are not taken for new ones.
const COPIES: &str = "images/v1";

/// JPEG quality of a JPEG's copies: past 80 the files grow faster than anyone can see.
const JPEG_QUALITY: u8 = 82;

/// The copies `path` gets: one at each of `widths` narrower than the image, when the
/// image is PNG, JPEG or WebP and wider than the text column. A PNG's copies are WebP
/// and PNG, a WebP's WebP. A JPEG's are JPEG alone: the WebP brief can write is
/// lossless, which for a photograph is larger than the JPEG it would replace. GIFs
/// are not resized, as a copy would lose an animation's frames.
pub(super) fn plan(path: &str, size: Size, format: Format, widths: &[u32]) -> Vec<Copy> {
    let formats: &[Format] = match format {
        Format::Png => &[Format::Webp, Format::Png],
        Format::Jpeg => &[Format::Jpeg],
        Format::Webp => &[Format::Webp],
        _ => return Vec::new(),
    };
    if size.width <= COLUMN {
        return Vec::new();
    }
    let stem = match path.rfind('.') {
        Some(dot) if dot > path.rfind('/').unwrap_or(0) => &path[..dot],
        _ => path,
    };
    let mut copies = Vec::new();
    for &format in formats {
        for &width in widths.iter().filter(|&&w| w < size.width) {
            let height = (f64::from(size.height) * f64::from(width) / f64::from(size.width))
                .round()
                .max(1.0) as u32;
            copies.push(Copy {
                url: format!("{stem}-{width}w.{}", format.extension()),
                width,
                height,
                format,
            });
        }
    }
    copies
}

/// Why an image's copies could not be provided.
pub(super) enum Failure {
    /// The image itself: the writer's to fix.
    Image(ImageProblem),
    /// The cache could not be written (boxed: the image's own problem is the common one).
    Cache(Box<Error>),
}

/// The name of an image's content in the cache: a hash of its bytes and their length.
/// The standard library's hasher, because a cache key needs no more: a toolchain that
/// hashes differently only makes every copy once more.
pub(super) fn content_key(bytes: &[u8]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), bytes.len())
}

/// The folder of the copies (and of the record of what was read) in the cache `cache`.
pub(super) fn folder(cache: &Path) -> PathBuf {
    cache.join(COPIES)
}

/// Where the copy of the image with content `key` is kept in the cache at `cache`.
pub(super) fn cached(cache: &Path, key: &str, copy: &Copy) -> PathBuf {
    folder(cache).join(format!("{key}-{}.{}", copy.width, copy.format.extension()))
}

/// Whether the cache has every copy of `image`, whose content has key `key`.
pub(super) fn all_cached(cache: &Path, key: &str, image: &Image) -> bool {
    image
        .copies
        .iter()
        .all(|copy| cached(cache, key, copy).is_file())
}

/// Sees that the cache has every copy of `image` (content `bytes`, key `key`): makes
/// those it lacks, or with `CopyMode::Verify` only decodes the image to find out that
/// it can be. True when the image was decoded.
pub(super) fn provide(
    bytes: &[u8],
    key: &str,
    image: &Image,
    mode: &CopyMode,
) -> Result<bool, Failure> {
    let (cache, make) = match mode {
        CopyMode::Make { cache } => (cache, true),
        CopyMode::Verify { cache } => (cache, false),
        CopyMode::None => return Ok(false),
    };
    let mut missing: Vec<&Copy> = image
        .copies
        .iter()
        .filter(|copy| !cached(cache, key, copy).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let decoded = image::load_from_memory(bytes)
        .map_err(|e| Failure::Image(ImageProblem::Unreadable(e.to_string())))?;
    if !make {
        return Ok(true);
    }
    let folder = folder(cache);
    fs::create_dir_all(&folder).map_err(|source| {
        Failure::Cache(Box::new(Error::Write {
            path: folder.clone(),
            source,
        }))
    })?;
    // Widest first, each from the one before: every step shrinks less than the whole
    // way down, and reads fewer pixels.
    missing.sort_by_key(|copy| std::cmp::Reverse(copy.width));
    let mut current = decoded;
    let mut at_width: Option<(u32, DynamicImage)> = None;
    for copy in missing {
        let resized = match &at_width {
            Some((width, resized)) if *width == copy.width => resized.clone(),
            _ => {
                let resized = current.resize_exact(copy.width, copy.height, FilterType::Triangle);
                current = resized.clone();
                at_width = Some((copy.width, resized.clone()));
                resized
            }
        };
        let encoded = encode(&resized, copy.format)
            .map_err(|e| Failure::Image(ImageProblem::Unreadable(e.to_string())))?;
        let target = cached(cache, key, copy);
        write_whole(&target, &encoded).map_err(|source| {
            Failure::Cache(Box::new(Error::Write {
                path: target.clone(),
                source,
            }))
        })?;
    }
    Ok(true)
}

fn encode(image: &DynamicImage, format: Format) -> image::ImageResult<Vec<u8>> {
    let mut bytes = Vec::new();
    match format {
        Format::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder)?;
        }
        Format::Webp => {
            let encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut bytes);
            if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8()).write_with_encoder(encoder)?;
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder)?;
            }
        }
        _ => image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)?,
    }
    Ok(bytes)
}

/// Writes a file whole or not at all: under a name of its own, then renamed into
/// place, so a build killed while writing, or two builds at once, never leave a cut-off
/// copy for the next build to publish.
pub(super) fn write_whole(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temporary = target.with_file_name(format!(".{name}.{}.part", std::process::id()));
    fs::write(&temporary, bytes)
        .and_then(|()| fs::rename(&temporary, target))
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_png_gets_webp_and_png_copies_narrower_than_itself() {
        let size = Size {
            width: 1200,
            height: 600,
        };
        let copies = plan("/img/chart.v2.png", size, Format::Png, &[480, 960, 1440]);
        let urls: Vec<&str> = copies.iter().map(|c| c.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/img/chart.v2-480w.webp",
                "/img/chart.v2-960w.webp",
                "/img/chart.v2-480w.png",
                "/img/chart.v2-960w.png"
            ]
        );
        assert_eq!((copies[0].width, copies[0].height), (480, 240));
        assert!(
            plan("/a.jpg", size, Format::Jpeg, &[480])
                .iter()
                .all(|c| c.format == Format::Jpeg)
        );
        assert!(plan("/a.gif", size, Format::Gif, &[480]).is_empty());
        let narrow = Size {
            width: COLUMN,
            height: 100,
        };
        assert!(plan("/a.png", narrow, Format::Png, &[480]).is_empty());
    }
}

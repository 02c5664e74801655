//! One image as a page shows it: its size, its format and its resized copies, and
//! what a build does about copies. Plain data, shared by the stage (`images`) and the
//! copies it makes (`copies`).

use std::path::PathBuf;

/// The width in CSS pixels of the built-in theme's text column (`--measure`, 44rem):
/// an image at most this wide is shown at its own size, and needs no smaller copies.
pub const COLUMN: u32 = 704;

/// What a page needs to know of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// In pixels; None for an SVG whose root element gives no size in pixels.
    pub size: Option<Size>,
    pub format: Format,
    /// Resized copies, narrowest first; empty unless the image is a raster image wider
    /// than the text column and this build makes copies.
    pub copies: Vec<Copy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Its site path, beside the image's (`/images/chart-960w.webp`).
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// The kinds of image brief knows the size of; only PNG, JPEG and WebP are resized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Png,
    Jpeg,
    Webp,
    Gif,
    Svg,
    /// Another raster format whose header gives its size (AVIF, BMP, ICO, TIFF...).
    Other,
}

impl Format {
    /// The media type of a `<source>` that offers copies in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
            Format::Svg => "image/svg+xml",
            Format::Other => "image",
        }
    }

    pub(super) fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
            Format::Other => "img",
        }
    }
}

/// What to do about copies.
#[derive(Debug, Clone)]
pub enum CopyMode {
    /// `build`: make every copy the cache lacks, and keep it there.
    Make { cache: PathBuf },
    /// `check`: decode every image whose copies the cache lacks, to find broken ones,
    /// and write nothing.
    Verify { cache: PathBuf },
    /// `serve`: sizes only; the preview shows the images themselves.
    None,
}

//! An image's size and format from the first bytes of its file, without decoding it:
//! raster formats through `imagesize`, SVG from its root element's `width` and
//! `height`.

use super::image::{Format, Size};
use crate::error::ImageProblem;
use crate::markdown::tags;

/// The size (None for an SVG that gives none in pixels) and format of the image at
/// site path `path`.
pub(super) fn survey(path: &str, bytes: &[u8]) -> Result<(Option<Size>, Format), ImageProblem> {
    if path.to_ascii_lowercase().ends_with(".svg") {
        return svg_size(bytes).map(|size| (size, Format::Svg));
    }
    let kind = imagesize::image_type(bytes).map_err(|_| ImageProblem::UnknownFormat)?;
    let format = match kind {
        imagesize::ImageType::Png => Format::Png,
        imagesize::ImageType::Jpeg => Format::Jpeg,
        imagesize::ImageType::Webp => Format::Webp,
        imagesize::ImageType::Gif => Format::Gif,
        _ => Format::Other,
    };
    let size = imagesize::blob_size(bytes).map_err(|e| ImageProblem::Unreadable(e.to_string()))?;
    match (u32::try_from(size.width), u32::try_from(size.height)) {
        (Ok(width), Ok(height)) if width > 0 && height > 0 => {
            Ok((Some(Size { width, height }), format))
        }
        _ => Err(ImageProblem::Unreadable(format!(
            "its header says it is {} by {} pixels",
            size.width, size.height
        ))),
    }
}

/// The size an SVG's root element gives in pixels (`width="640" height="360"`, or with
/// `px`); None when it gives none, or gives it in other units (`100%`, `20em`), which
/// only the page's layout can turn into pixels.
fn svg_size(bytes: &[u8]) -> Result<Option<Size>, ImageProblem> {
    // The root element is near the start, after an XML declaration and comments.
    let head = &bytes[..bytes.len().min(8192)];
    let text = String::from_utf8_lossy(head);
    let root = tags::start_tags(&text)
        .into_iter()
        .find(|tag| tag.is("svg"))
        .ok_or(ImageProblem::NotSvg)?;
    let pixels = |name: &str| {
        let value = root
            .attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))?
            .value;
        let number = value.trim().strip_suffix("px").unwrap_or(value.trim());
        let pixels: f64 = number.parse().ok()?;
        (1.0..1e6).contains(&pixels).then(|| pixels.round() as u32)
    };
    Ok(match (pixels("width"), pixels("height")) {
        (Some(width), Some(height)) => Some(Size { width, height }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_has_the_size_its_root_element_gives_in_pixels_or_none() {
        let size = |svg: &str| svg_size(svg.as_bytes());
        assert_eq!(
            size(
                "<?xml version=\"1.0\"?>\n<!-- a chart -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360.4px\">"
            ),
            Ok(Some(Size {
                width: 640,
                height: 360
            }))
        );
        assert_eq!(size("<svg viewBox=\"0 0 10 10\">"), Ok(None));
        assert_eq!(size("<svg width=\"100%\" height=\"20em\">"), Ok(None));
        assert_eq!(size("not an image"), Err(ImageProblem::NotSvg));
    }

    #[test]
    fn a_raster_image_has_the_size_of_its_header_and_bad_bytes_have_none() {
        let mut png = Vec::new();
        image::RgbImage::new(3, 2)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert_eq!(
            survey("/a.png", &png),
            Ok((
                Some(Size {
                    width: 3,
                    height: 2
                }),
                Format::Png
            ))
        );
        assert_eq!(
            survey("/a.png", b"this is text, not a picture"),
            Err(ImageProblem::UnknownFormat)
        );
    }
}

//! `--images N`: N synthetic pictures in `static/images/synthetic/`, each shown by one
//! briefing, so a build's cost of images can be measured (`bench/images.sh`).
//!
//! The pictures are made up: a seeded random bar chart on a tinted background, with a
//! little noise so that they compress like real charts and photographs rather than
//! like flat colour. Seven in ten are wide PNG charts (1,200 to 1,800 pixels, wider
//! than the text column, so brief resizes them), two in ten wide JPEGs, and one in ten
//! a small PNG (320 to 640 pixels) that needs no copies. `IMAGES.md` at the site root
//! says they are synthetic. They draw from a random stream of their own, so a seed
//! gives the same briefings with and without them, apart from the line that shows one.

use std::path::Path;

use image::{ImageFormat, Rgb, RgbImage};

use super::Rng;

/// One picture: where it is published, and the Markdown that shows it.
pub struct Picture {
    /// Site path: `/images/synthetic/chart-0042.png`.
    pub url: String,
    /// The briefing that shows it.
    pub briefing: usize,
}

impl Picture {
    /// The line a briefing's body ends with: a titled image, which brief shows as a
    /// figure with its caption.
    pub fn markdown(&self, number: usize) -> String {
        format!(
            "\n\n![Synthetic bar chart {number}, made up for the benchmark]({} \"Chart {number}: synthetic data.\")\n",
            self.url
        )
    }
}

/// Writes `count` pictures under `out/static/images/synthetic/`, spread evenly over
/// `briefings` briefings, and `out/IMAGES.md`.
pub fn write(
    out: &Path,
    count: usize,
    briefings: usize,
    seed: u64,
) -> Result<Vec<Picture>, String> {
    let folder = out.join("static/images/synthetic");
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    super::write_new(
        &out.join("IMAGES.md"),
        "The pictures in static/images/synthetic/ are synthetic: random bar charts made \
         by the corpus generator (`--images`) to measure what images cost a build. \
         They show no real data.\n",
    )?;
    // A stream of its own: the briefings' stream is not touched.
    let mut rng = Rng::new(seed ^ 0x1a6e_5000_0000_0001);
    let mut pictures = Vec::with_capacity(count);
    for number in 0..count {
        let kind = rng.below(10);
        let (width, format, extension) = match kind {
            0..=6 => (rng.between(1200, 1800), ImageFormat::Png, "png"),
            7 | 8 => (rng.between(1200, 1800), ImageFormat::Jpeg, "jpg"),
            _ => (rng.between(320, 640), ImageFormat::Png, "png"),
        };
        let height = width * 9 / 16;
        let picture = chart(&mut rng, width as u32, height as u32);
        let name = format!("chart-{number:04}.{extension}");
        let path = folder.join(&name);
        picture
            .save_with_format(&path, format)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        pictures.push(Picture {
            url: format!("/images/synthetic/{name}"),
            briefing: number * briefings.max(1) / count.max(1),
        });
    }
    Ok(pictures)
}

/// A bar chart: a tinted background, 6 to 24 bars of random heights, and noise.
fn chart(rng: &mut Rng, width: u32, height: u32) -> RgbImage {
    let tint = [
        rng.between(220, 250),
        rng.between(220, 250),
        rng.between(220, 250),
    ];
    let bar = [
        rng.between(20, 120),
        rng.between(60, 160),
        rng.between(120, 220),
    ];
    let bars = rng.between(6, 24) as u32;
    let tops: Vec<u32> = (0..bars)
        .map(|_| height - (rng.between(10, 90) as u32 * height / 100))
        .collect();
    let mut noise = rng.next_u64();
    RgbImage::from_fn(width, height, |x, y| {
        noise ^= noise << 13;
        noise ^= noise >> 7;
        noise ^= noise << 17;
        let jitter = (noise % 9) as i32 - 4;
        let slot = x * bars / width;
        let in_bar = x % (width / bars).max(1) > (width / bars) / 6 && y >= tops[slot as usize];
        let base = if in_bar { bar } else { tint };
        let shade = |c: usize| (c as i32 + jitter - (y * 12 / height) as i32).clamp(0, 255) as u8;
        Rgb([shade(base[0]), shade(base[1]), shade(base[2])])
    })
}

//! Generates a synthetic briefing site, for benchmarks and stress tests of `brief build`.
//!
//! ```text
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/corpus10k [--seed 7]
//! brief build --root /tmp/corpus10k --output /tmp/out10k
//! ```
//!
//! It writes `site.toml` (four ecosystems and a registry of 60 made-up companies) and
//! `content/` with N briefings and an About page, in the shape of SITE_FORMAT.md:
//! TOML front matter with dates over five years in `+08:00` or `Z`, a summary on about
//! half, one or two ecosystems (as a string or a list), one to five tickers (listings and
//! keys of private companies); Markdown bodies of 500 to 1,200 words with headings, lists,
//! a table of moves, a footnote and links to other briefings. About 70% of briefings sit
//! in `YYYY/MM/` folders, the rest directly in content/.
//!
//! The output depends only on `--articles` and `--seed` (a built-in SplitMix64, not the
//! clock), and every link resolves and every ticker is registered, so the site builds with
//! no errors and no warnings. It never deletes or overwrites anything: an output folder
//! that exists and is not empty is refused.
//!
//! With `--hugo DIR` it also writes the same site for Hugo (0.111, Debian's `hugo`), so
//! that `bench/run.sh` can build the same content with both (`--out` may be left out to
//! write only the Hugo site; the briefings are the same either way):
//!
//! ```text
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/c10k --hugo /tmp/h10k
//! hugo --source /tmp/h10k --destination /tmp/hugo-out10k --quiet
//! ```
//!
//! The Hugo site has the same briefings, bodies and dates, with TOML front matter in
//! Hugo's terms: `description` for the summary, `<!--more-->` for the summary marker,
//! taxonomies `ecosystem` and `tickers`, and links to other briefings as the URLs brief
//! would give them (`/2024/03/slug/`), so Hugo needs no ref resolution. brief groups
//! briefings by company, whichever listing names it, so the Hugo `tickers` of a briefing
//! are its companies' keys and every company gets one term page, as in brief; each term
//! has an `_index.md` with the company's name, full name, listings and ecosystem, the
//! data brief reads from site.toml. `hugo.toml` paginates by the same `per_page` (10),
//! limits feeds to the same `feed_limit` (20) and has an RSS feed for the home page and
//! every term (Hugo has no Atom); the layouts, embedded from `bench/hugo/layouts/`, do
//! the work of brief's theme page for page: articles with their ecosystems, company
//! chips, table of contents and neighbours; paginated lists of cards with summaries;
//! company and ecosystem pages; feeds with full content; heading anchors; the sitemap,
//! robots.txt and 404 page. The stylesheet is brief's own. One thing is left out:
//! related briefings, as Hugo's related content alone triples its build time (see
//! `bench/hugo/layouts/_default/single.html`), so Hugo does a little less than brief.
//!
//! With `--images N` the brief site also gets N synthetic pictures (`images.rs`), each
//! shown by one briefing as a captioned figure; `bench/images.sh` measures them.
//!
//! With `--market` the brief site also gets the market layer (`market.rs`): `[moves]`
//! in most briefings, in the numbers of the body's table of moves, some with `close`,
//! `currency` and `on`; cashtags (`$0981.HK`, `$qilin-ai`) where the text names a
//! company; and `data/prices/<ticker>.csv`, five years of daily closes for every
//! listing. The prices are synthetic, a seeded random walk over weekdays, made up like
//! the companies, and `data/README.md` in the corpus says so. The layer draws from
//! random streams of its own, so the same seed gives the same briefings with and
//! without it (the same paths, titles, dates, tickers and words), and the two builds
//! measure what the layer costs (`bench/market.sh`). The Hugo site never has it: Hugo
//! has no moves, cashtags or prices, and its briefings are the plain ones.
//!
//! With `--code 30`, 30 percent of the briefings (of both sites) end with a fenced code
//! block in one of nine languages (`code.rs`), drawn from a stream of its own, so the
//! same seed with and without it measures what highlighting costs.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

mod code;
mod images;
mod market;

#[derive(Parser)]
#[command(about = "Generate a synthetic briefing site for benchmarking brief")]
struct Args {
    /// How many briefings to write.
    #[arg(long)]
    articles: usize,
    /// The site folder to create; must not exist or be empty.
    #[arg(long, required_unless_present = "hugo")]
    out: Option<PathBuf>,
    /// Also write the same site for Hugo into this folder; must not exist or be empty.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Seed of the generator; the same seed and count give the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add the market layer to the brief site: moves, cashtags and synthetic prices.
    #[arg(long)]
    market: bool,
    /// Add this many synthetic pictures to the brief site, each shown by one briefing.
    #[arg(long, default_value_t = 0)]
    images: usize,
    /// End this percent of briefings (0 to 100) with a fenced code block, for both
    /// sites, to measure what highlighting costs.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    code: u8,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match generate(&args) {
        Ok(()) => {
            if let Some(out) = &args.out {
                let market = if args.market {
                    " (with moves, cashtags and synthetic prices in data/prices)"
                } else {
                    ""
                };
                let images = if args.images > 0 {
                    format!(
                        " and {} synthetic pictures in static/images/synthetic",
                        args.images
                    )
                } else {
                    String::new()
                };
                println!(
                    "Wrote {} briefings{market}{images}, 1 page and site.toml to {}",
                    args.articles,
                    out.display()
                );
            }
            if let Some(hugo) = &args.hugo {
                println!(
                    "Wrote the same {} briefings, 1 page, hugo.toml and layouts to {}",
                    args.articles,
                    hugo.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the whole site, for brief, for Hugo or both. Each briefing's text is made
/// once and written in each format, so both sites hold the same words.
fn generate(args: &Args) -> Result<(), String> {
    for out in [&args.out, &args.hugo].into_iter().flatten() {
        refuse_non_empty(out)?;
    }
    let mut rng = Rng::new(args.seed);
    let plans = plan_briefings(&mut rng, args.articles);
    let mut market = args.market.then(|| market::Market::new(args.seed));
    let mut pictures: Vec<images::Picture> = Vec::new();
    let mut code = (args.code > 0).then(|| code::Code::new(args.seed, args.code.into()));
    if let Some(out) = &args.out {
        create_dir(&out.join("content"))?;
        write_new(&out.join("site.toml"), &site_toml())?;
        if let Some(market) = &market {
            market.write_prices(out)?;
        }
        if args.images > 0 {
            pictures = images::write(out, args.images, plans.len(), args.seed)?;
        }
        let about = resolve_links(&about_body(&plans), |i| {
            relative("about.md", &plans[i].path)
        });
        write_new(
            &out.join("content/about.md"),
            &format!("{ABOUT_FRONT_MATTER}{about}"),
        )?;
    }
    if let Some(hugo) = &args.hugo {
        hugo::write_skeleton(hugo, &plans)?;
    }
    for (index, plan) in plans.iter().enumerate() {
        let mut body = body(&mut rng, &plans, index);
        if let Some(block) = code.as_mut().and_then(|c| c.block(plan)) {
            body.text.push('\n');
            body.text.push_str(&block);
        }
        if let Some(out) = &args.out {
            let moves = market.as_mut().and_then(|m| m.moves(plan, &body.moves));
            let mut text = resolve_cashtags(&body.text, market.is_some());
            for (number, picture) in pictures.iter().enumerate() {
                if picture.briefing == index {
                    text.push_str(&picture.markdown(number));
                }
            }
            let text = briefing_file(plan, &text, moves.as_deref(), |i| {
                relative(&plan.path, &plans[i].path)
            });
            write_content(&out.join("content").join(&plan.path), &text)?;
        }
        if let Some(hugo) = &args.hugo {
            let text = hugo::briefing_file(plan, &resolve_cashtags(&body.text, false), &plans);
            write_content(&hugo.join("content").join(&plan.path), &text)?;
        }
    }
    Ok(())
}

fn create_dir(folder: &Path) -> Result<(), String> {
    fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))
}

/// Writes a content file, creating its `YYYY/MM/` folders.
fn write_content(path: &Path, text: &str) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        create_dir(folder)?;
    }
    write_new(path, text)
}

fn refuse_non_empty(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| {
        format!(
            "{} exists and cannot be read as a folder: {e}",
            out.display()
        )
    })?;
    if entries.next().is_some() {
        return Err(format!(
            "{} exists and is not empty; give a new or empty folder",
            out.display()
        ));
    }
    Ok(())
}

/// Creates `path`, failing rather than replacing a file that is already there.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct items (fewer if there are not that many), in random order.
    fn pick_distinct<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let count = count.min(items.len());
        for i in 0..count {
            let j = i + self.below(indices.len() - i);
            indices.swap(i, j);
        }
        indices[..count].iter().map(|&i| &items[i]).collect()
    }
}

// ---------------------------------------------------------------------------------------
// The registry

struct Ecosystem {
    key: &'static str,
    name: &'static str,
    description: &'static str,
}

const ECOSYSTEMS: &[Ecosystem] = &[
    Ecosystem {
        key: "china",
        name: "China's domestic stack",
        description: "Domestic accelerators, foundries, memory and the models built to run on them",
    },
    Ecosystem {
        key: "us",
        name: "The US stack",
        description: "American chip designers, memory makers, clouds and model labs",
    },
    Ecosystem {
        key: "allies",
        name: "US-aligned Asia",
        description: "Memory from Korea, foundry and packaging from Taiwan, materials and tools from Japan",
    },
    Ecosystem {
        key: "europe",
        name: "European suppliers",
        description: "Lithography, optics, materials and data centres from the Netherlands",
    },
];

struct Company {
    key: &'static str,
    name: &'static str,
    full_name: &'static str,
    /// Every listing, the primary one first; empty for a private company.
    tickers: &'static [&'static str],
    ecosystem: &'static str,
}

const fn company(
    key: &'static str,
    name: &'static str,
    full_name: &'static str,
    tickers: &'static [&'static str],
    ecosystem: &'static str,
) -> Company {
    Company {
        key,
        name,
        full_name,
        tickers,
        ecosystem,
    }
}

/// Made-up companies with plausible Yahoo-style tickers; no ticker is listed twice.
#[rustfmt::skip]
const COMPANIES: &[Company] = &[
    company("jinling-micro", "Jinling Microelectronics", "Jinling Microelectronics Co., Ltd.", &["688417.SS"], "china"),
    company("pearl-river-semi", "Pearl River Semiconductor", "Pearl River Semiconductor Manufacturing Corp.", &["2618.HK", "688512.SS"], "china"),
    company("huaxin-compute", "Huaxin Compute", "Huaxin Compute Technology Co., Ltd.", &["300974.SZ"], "china"),
    company("dongfang-wafer", "Dongfang Wafer", "Dongfang Wafer Materials Co., Ltd.", &["002856.SZ"], "china"),
    company("tianshan-cloud", "Tianshan Cloud", "Tianshan Cloud Holdings Limited", &["2391.HK"], "china"),
    company("qilin-ai", "Qilin AI", "Beijing Qilin Intelligence Technology Co., Ltd.", &[], "china"),
    company("yangtze-lithography", "Yangtze Lithography", "Yangtze Lithography Systems Co., Ltd.", &[], "china"),
    company("longmen-memory", "Longmen Memory", "Longmen Memory Technologies Co., Ltd.", &["688653.SS"], "china"),
    company("xinghe-networks", "Xinghe Networks", "Xinghe Networks Group Limited", &["0783.HK", "XHNW"], "china"),
    company("shenlan-models", "Shenlan Models", "Hangzhou Shenlan Model Research Co., Ltd.", &[], "china"),
    company("hanshan-eda", "Hanshan EDA", "Hanshan Design Automation Co., Ltd.", &["301269.SZ"], "china"),
    company("baiyun-datacenters", "Baiyun Data Centers", "Baiyun Data Center Holdings Limited", &["1610.HK"], "china"),
    company("zhongke-photonics", "Zhongke Photonics", "Zhongke Photonics Technology Co., Ltd.", &["688721.SS"], "china"),
    company("lingxi-servers", "Lingxi Servers", "Lingxi Server Systems Co., Ltd.", &["002977.SZ"], "china"),
    company("moyu-labs", "Moyu Labs", "Shenzhen Moyu Labs Co., Ltd.", &[], "china"),
    company("jiangnan-packaging", "Jiangnan Advanced Packaging", "Jiangnan Advanced Packaging Co., Ltd.", &["603379.SS"], "china"),
    company("chuanyun-optical", "Chuanyun Optical", "Chuanyun Optical Communication Co., Ltd.", &["300863.SZ"], "china"),
    company("tengyun-ai", "Tengyun Intelligence", "Tengyun Intelligence Holdings Limited", &["9676.HK"], "china"),
    company("huabei-grid", "Huabei Grid Equipment", "Huabei Grid Equipment Co., Ltd.", &["601862.SS"], "china"),
    company("xiamen-substrate", "Xiamen Substrate", "Xiamen Substrate Technology Co., Ltd.", &["002735.SZ"], "china"),
    company("arclight-semi", "Arclight Semiconductor", "Arclight Semiconductor, Inc.", &["ARLT"], "us"),
    company("northfield-memory", "Northfield Memory", "Northfield Memory Corporation", &["NFMY"], "us"),
    company("cobalt-compute", "Cobalt Compute", "Cobalt Compute Corp.", &["CBLT"], "us"),
    company("summit-networks", "Summit Networks", "Summit Networks, Inc.", &["SMNT"], "us"),
    company("redwood-ai", "Redwood AI", "Redwood Artificial Intelligence, Inc.", &[], "us"),
    company("meridian-cloud", "Meridian Cloud", "Meridian Cloud Services, Inc.", &["MRDC"], "us"),
    company("lakeshore-foundry", "Lakeshore Foundry", "Lakeshore Foundry Holdings, Inc.", &["LKSF"], "us"),
    company("granite-data", "Granite Data Systems", "Granite Data Systems Corporation", &["GRDS"], "us"),
    company("halcyon-labs", "Halcyon Labs", "Halcyon Labs, Inc.", &[], "us"),
    company("vantage-power", "Vantage Power & Cooling", "Vantage Power & Cooling Technologies, Inc.", &["VPWR"], "us"),
    company("ironwood-eda", "Ironwood Design Automation", "Ironwood Design Automation, Inc.", &["IWDA"], "us"),
    company("tessellate-ai", "Tessellate AI", "Tessellate AI, Inc.", &[], "us"),
    company("bluepeak-optics", "Bluepeak Optics", "Bluepeak Optics Corporation", &["BPKO"], "us"),
    company("atlas-interconnect", "Atlas Interconnect", "Atlas Interconnect, Inc.", &["ATIC"], "us"),
    company("harborline-hosting", "Harborline Hosting", "Harborline Hosting Group, Inc.", &["HBLN"], "us"),
    company("prairie-servers", "Prairie Servers", "Prairie Server Works, Inc.", &["PRSV"], "us"),
    company("hanbit-memory", "Hanbit Memory", "Hanbit Memory Co., Ltd.", &["034620.KS"], "allies"),
    company("daesung-electronics", "Daesung Electronics", "Daesung Electronics Co., Ltd.", &["011790.KS"], "allies"),
    company("seorin-materials", "Seorin Materials", "Seorin Materials Corporation", &["097410.KS"], "allies"),
    company("busan-packaging", "Busan Advanced Packaging", "Busan Advanced Packaging Co., Ltd.", &["247310.KS"], "allies"),
    company("nuri-ai", "Nuri AI", "Nuri AI Co., Ltd.", &[], "allies"),
    company("kanto-precision", "Kanto Precision", "Kanto Precision Industries, Ltd.", &["6872.T"], "allies"),
    company("hokuriku-chemical", "Hokuriku Chemical", "Hokuriku Chemical Co., Ltd.", &["4193.T"], "allies"),
    company("sakuragawa-test", "Sakuragawa Test Systems", "Sakuragawa Test Systems K.K.", &["6941.T"], "allies"),
    company("osaka-photomask", "Osaka Photomask", "Osaka Photomask Co., Ltd.", &["7739.T"], "allies"),
    company("tsukuba-ai", "Tsukuba AI Research", "Tsukuba AI Research K.K.", &[], "allies"),
    company("hsinchu-wafer", "Hsinchu Wafer Works", "Hsinchu Wafer Works Corporation", &["3587.TW"], "allies"),
    company("taoyuan-packaging", "Taoyuan Packaging", "Taoyuan Packaging Technology Co., Ltd.", &["6249.TW"], "allies"),
    company("jade-mountain", "Jade Mountain Design", "Jade Mountain Design Inc.", &["4968.TW", "JMDN"], "allies"),
    company("tainan-opto", "Tainan Optoelectronics", "Tainan Optoelectronics Corp.", &["3381.TW"], "allies"),
    company("kaohsiung-substrates", "Kaohsiung Substrates", "Kaohsiung Substrates Co., Ltd.", &["8147.TW"], "allies"),
    company("eindhoven-optics", "Eindhoven Optics", "Eindhoven Optics N.V.", &["EHVO.AS"], "europe"),
    company("noordzee-lithography", "Noordzee Lithography", "Noordzee Lithography Holding N.V.", &["NZLT.AS", "NZLT"], "europe"),
    company("delft-photonics", "Delft Photonics", "Delft Photonics N.V.", &["DLFP.AS"], "europe"),
    company("rijnmond-datacentres", "Rijnmond Data Centres", "Rijnmond Data Centres B.V.", &["RJMD.AS"], "europe"),
    company("lumen-models", "Lumen Models", "Lumen Models B.V.", &[], "europe"),
    company("zeeland-materials", "Zeeland Materials", "Zeeland Materials N.V.", &["ZLMT.AS"], "europe"),
    company("groningen-grid", "Groningen Grid Systems", "Groningen Grid Systems N.V.", &["GRGS.AS"], "europe"),
    company("maas-semiconductor", "Maas Semiconductor", "Maas Semiconductor N.V.", &["MAAS.AS"], "europe"),
    company("veluwe-ai", "Veluwe AI", "Veluwe AI B.V.", &[], "europe"),
];

fn site_toml() -> String {
    let mut out = String::from(
        "title = \"Synthetic Briefings\"\n\
         base_url = \"https://corpus.example.org\"\n\
         description = \"A generated briefing site for benchmarking brief\"\n\
         language = \"en\"\n\
         theme = \"briefing\"\n\
         per_page = 10\n\
         feed_limit = 20\n\
         timezone = \"UTC\"\n",
    );
    for eco in ECOSYSTEMS {
        let _ = write!(
            out,
            "\n[ecosystems.{}]\nname = {}\ndescription = {}\n",
            eco.key,
            toml_string(eco.name),
            toml_string(eco.description)
        );
    }
    for c in COMPANIES {
        let _ = write!(
            out,
            "\n[companies.{}]\nname = {}\nfull_name = {}\n",
            c.key,
            toml_string(c.name),
            toml_string(c.full_name)
        );
        if !c.tickers.is_empty() {
            let tickers: Vec<String> = c.tickers.iter().map(|t| toml_string(t)).collect();
            let _ = writeln!(out, "tickers = [{}]", tickers.join(", "));
        }
        let _ = writeln!(out, "ecosystem = \"{}\"", c.ecosystem);
        if !c.tickers.is_empty() {
            let _ = writeln!(
                out,
                "url = \"https://www.{}.example.com\"",
                c.key.replace('-', "")
            );
        }
    }
    out
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------
// Planning: every briefing's path, title, date and tags, decided before any body is
// written so that bodies can link to any other briefing.

struct Plan {
    /// Path under content/, with `/` separators.
    path: String,
    title: String,
    date: DateTime,
    /// Indices into COMPANIES, with the name each is tagged by (a listing or the key).
    tags: Vec<(usize, &'static str)>,
    ecosystems: Vec<&'static str>,
    ecosystem_as_list: bool,
    summary: Option<String>,
}

fn plan_briefings(rng: &mut Rng, count: usize) -> Vec<Plan> {
    // Stems a briefing may not take: the About page's and the site's own list pages.
    let mut taken: HashSet<String> = ["about", "companies", "ecosystems", "page", "404"]
        .map(String::from)
        .into();
    (0..count)
        .map(|_| {
            let date = DateTime::random(rng);
            let primary = rng.pick(ECOSYSTEMS).key;
            let tags = pick_tags(rng, primary);
            let mut ecosystems = vec![primary];
            let other = tags
                .iter()
                .map(|&(c, _)| COMPANIES[c].ecosystem)
                .find(|&e| e != primary);
            if let Some(other) = other
                && rng.chance(60)
            {
                ecosystems.push(other);
            }
            let ecosystem_as_list = ecosystems.len() > 1 || rng.chance(50);
            let title = title(rng, &tags);
            let stem = unique_stem(&slugify(&title), &mut taken);
            let path = if rng.chance(70) {
                format!("{:04}/{:02}/{stem}.md", date.year, date.month)
            } else {
                format!("{stem}.md")
            };
            let summary = rng.chance(50).then(|| summary(rng, &tags));
            Plan {
                path,
                title,
                date,
                tags,
                ecosystems,
                ecosystem_as_list,
                summary,
            }
        })
        .collect()
}

/// One to five distinct companies, mostly from `primary`, each named by a listing or,
/// for a private company, its key.
fn pick_tags(rng: &mut Rng, primary: &str) -> Vec<(usize, &'static str)> {
    let home: Vec<usize> = (0..COMPANIES.len())
        .filter(|&i| COMPANIES[i].ecosystem == primary)
        .collect();
    let wanted = rng.between(1, 5);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < wanted {
        let candidate = if chosen.is_empty() || rng.chance(75) {
            *rng.pick(&home)
        } else {
            rng.below(COMPANIES.len())
        };
        if !chosen.contains(&candidate) {
            chosen.push(candidate);
        }
    }
    chosen
        .into_iter()
        .map(|c| {
            let company = &COMPANIES[c];
            let name = match company.tickers {
                [] => company.key,
                [primary, ..] if rng.chance(75) => primary,
                tickers => rng.pick(tickers),
            };
            (c, name)
        })
        .collect()
}

fn unique_stem(slug: &str, taken: &mut HashSet<String>) -> String {
    let mut stem = slug.to_string();
    let mut n = 2;
    while !taken.insert(stem.clone()) {
        stem = format!("{slug}-{n}");
        n += 1;
    }
    stem
}

/// `text` in lowercase words joined by hyphens.
fn slugify(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("-")
}

// ---------------------------------------------------------------------------------------
// Dates

struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    /// Written with `+08:00`, else with `Z`.
    east_asia: bool,
}

impl DateTime {
    /// A time of day between 06:00 and 21:59 on a day from 2021-01-01 to 2025-12-31.
    fn random(rng: &mut Rng) -> Self {
        let first = days_from_civil(2021, 1, 1);
        let last = days_from_civil(2025, 12, 31);
        let (year, month, day) =
            civil_from_days(first + rng.between(0, (last - first) as usize) as i64);
        DateTime {
            year,
            month,
            day,
            hour: rng.between(6, 21) as u32,
            minute: rng.below(60) as u32,
            east_asia: rng.chance(60),
        }
    }

    fn toml(&self) -> String {
        let offset = if self.east_asia { "+08:00" } else { "Z" };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00{offset}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// "14 March 2023".
    fn long(&self) -> String {
        #[rustfmt::skip]
        const MONTHS: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

// ---------------------------------------------------------------------------------------
// Text

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "{c} shares jump as accelerator orders build",
    "{c} raises capital spending on advanced packaging",
    "{c} and {o} sign a multi-year supply deal",
    "{c} slips after guidance misses estimates",
    "{c} wins an export licence for high-bandwidth memory",
    "Why {c} is betting on domestic lithography",
    "{c} doubles data centre capacity in {p}",
    "{c} falls as new export rules bite",
    "{c} lifts its outlook on demand from model labs",
    "{c} delays its next-generation accelerator",
    "{c} rallies after {o} names it a supplier",
    "Investors rotate from {o} into {c}",
    "{c} opens a new fab in {p}",
    "{c} cuts prices to win cloud customers",
    "What {c}'s results say about the memory cycle",
    "{c} and {o} race for packaging capacity",
];

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Shenzhen", "Hsinchu", "Kumamoto", "Pyeongtaek", "Arizona", "Eindhoven", "Penang", "Ohio",
    "Hefei", "Wuxi", "Osaka", "Groningen", "Texas", "Chengdu",
];

#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "The foundry", "Analysts", "The company", "Domestic buyers", "Cloud operators", "Investors",
    "Regulators", "The memory makers", "Chip designers", "The largest clouds", "The ministry",
    "Suppliers", "Model labs", "Equipment makers", "Its biggest customer", "Rivals",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "raised", "cut", "confirmed", "signalled", "doubled", "delayed", "expanded", "questioned",
    "welcomed", "played down", "brought forward", "reaffirmed", "revised", "tied up",
];

#[rustfmt::skip]
const OBJECTS: &[&str] = &[
    "capacity at advanced nodes", "its capital spending plan", "orders for accelerators",
    "export licences", "high-bandwidth memory supply", "guidance for the quarter",
    "the timeline for the next tape-out", "long-term supply contracts",
    "prices for mature-node wafers", "the share of revenue from data centres",
    "plans for a second packaging line", "inventory of finished modules",
    "its forecast for server shipments", "subsidies for local tools",
];

#[rustfmt::skip]
const TAILS: &[&str] = &[
    "after a weak quarter", "ahead of the earnings call", "despite new export controls",
    "as demand from model labs grew", "for the second time this year",
    "on the back of cloud orders", "while the sector traded lower", "in a filing to the exchange",
    "before the holiday break", "as rivals struggled with yields", "without giving a timeline",
];

#[rustfmt::skip]
const SOURCES: &[&str] = &[
    "people familiar with the matter", "its own filing", "a note from brokers",
    "the exchange's disclosure", "two of its suppliers",
];

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "capacity", "wafer", "yield", "node", "demand", "export", "licence", "memory", "accelerator",
    "cluster", "training", "inference", "model", "supply", "chain", "order", "book", "margin",
    "guidance", "quarter", "revenue", "packaging", "substrate", "lithography", "tool", "subsidy",
    "policy", "tariff", "controls", "cloud", "data", "centre", "power", "cooling", "bandwidth",
    "interconnect", "design", "customer", "contract", "shipment", "inventory", "price",
    "spending", "investment", "fab", "expansion", "roadmap", "software", "stack", "compiler",
    "framework", "benchmark", "efficiency", "cost", "share", "market", "investor", "analyst",
    "estimate", "forecast", "risk", "rule", "regulator", "partner", "domestic", "advanced",
    "mature", "leading-edge", "new", "slower", "faster", "higher", "lower", "record", "weak",
    "strong", "tight", "steady", "the", "the", "a", "of", "of", "and", "and", "for", "with", "in",
    "on", "as", "while", "but", "that", "its", "their", "more", "less", "than", "from", "by",
];

#[rustfmt::skip]
const HEADINGS: &[&str] = &[
    "What changed", "Why it matters", "The supply side", "What to watch", "Policy backdrop",
    "Demand from model labs", "Valuation check", "The numbers", "Risks", "Background",
    "Customers and capacity", "Export controls", "Earnings detail", "How the market read it",
    "The competition", "Looking ahead",
];

#[rustfmt::skip]
const NOTES: &[&str] = &[
    "record close", "heaviest volume in a month", "reversed early losses",
    "no change to guidance", "gap up at the open", "extends a three-day run", "lagged the index",
    "first fall in a week",
];

const FOOTNOTES: &[&str] = &[
    "Closing prices as reported by the exchange; moves are rounded to one decimal place.",
    "Figures from the company's filing; the call transcript gives slightly different numbers.",
    "Estimates are the median of analysts polled before the results.",
    "Capacity is quoted in wafer starts per month, as the company reports it.",
];

fn title(rng: &mut Rng, tags: &[(usize, &str)]) -> String {
    let main = tags[0].0;
    let other = match tags.get(1) {
        Some(&(c, _)) => c,
        None => (main + rng.between(1, COMPANIES.len() - 1)) % COMPANIES.len(),
    };
    let place = *rng.pick(PLACES);
    rng.pick(TITLES)
        .replace("{c}", COMPANIES[main].name)
        .replace("{o}", COMPANIES[other].name)
        .replace("{p}", place)
}

fn summary(rng: &mut Rng, tags: &[(usize, &str)]) -> String {
    format!(
        "{} {} {} {}.",
        COMPANIES[tags[0].0].name,
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

/// A day's move, in tenths of a percent: 0.2% to 12.5%.
fn percent_tenths(rng: &mut Rng) -> usize {
    rng.between(2, 125)
}

fn percent(rng: &mut Rng) -> String {
    let tenths = percent_tenths(rng);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One sentence: a phrase template, a market move or words from the word list.
fn sentence(rng: &mut Rng, tags: &[(usize, &str)]) -> String {
    let (c, ticker) = *rng.pick(tags);
    let name = COMPANIES[c].name;
    match rng.below(6) {
        0 | 1 => format!(
            "{} {} {} {}.",
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(TAILS)
        ),
        2 if COMPANIES[c].tickers.is_empty() => format!(
            "{name}{}, which is not listed, {} {} {}.",
            cashtag("", &format!(" (${ticker})")),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(TAILS)
        ),
        2 => {
            let direction = if rng.chance(55) { "rose" } else { "fell" };
            format!(
                "{name} ({}) {direction} {} {}.",
                cashtag(ticker, &format!("${ticker}")),
                percent(rng),
                rng.pick(TAILS)
            )
        }
        3 => format!(
            "According to {}, **{name}** {} {}.",
            rng.pick(SOURCES),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ),
        _ => {
            let words: Vec<&str> = (0..rng.between(8, 18)).map(|_| *rng.pick(WORDS)).collect();
            let mut text = capitalized(&words.join(" "));
            if rng.chance(20) {
                let _ = write!(text, ", *{}*", rng.pick(WORDS));
            }
            text.push('.');
            text
        }
    }
}

fn paragraph(rng: &mut Rng, tags: &[(usize, &str)]) -> String {
    let sentences: Vec<String> = (0..rng.between(3, 6))
        .map(|_| sentence(rng, tags))
        .collect();
    sentences.join(" ")
}

/// The path from the article at `from` to the file at `to`, both relative to content/.
fn relative(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.split('/').collect();
    from_dir.pop();
    let to: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to[..to.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; from_dir.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// The table of the day's moves: every listing the briefing names, or if it names only
/// private companies, the listings of a few others in its ecosystem; with each row's
/// listing and change (in tenths of a percent), for the market layer's `[moves]`.
fn moves_table(rng: &mut Rng, plan: &Plan) -> (String, Vec<(&'static str, i32)>) {
    let mut rows: Vec<(usize, &str)> = plan
        .tags
        .iter()
        .flat_map(|&(c, _)| COMPANIES[c].tickers.iter().map(move |&t| (c, t)))
        .collect();
    if rows.is_empty() {
        let listed: Vec<usize> = (0..COMPANIES.len())
            .filter(|&i| {
                COMPANIES[i].ecosystem == plan.ecosystems[0] && !COMPANIES[i].tickers.is_empty()
            })
            .collect();
        rows = rng
            .pick_distinct(&listed, 3)
            .into_iter()
            .map(|&c| (c, COMPANIES[c].tickers[0]))
            .collect();
    }
    let mut table =
        String::from("| Company | Ticker | Move | Note |\n| --- | --- | ---: | --- |\n");
    let mut moves = Vec::with_capacity(rows.len());
    for (c, ticker) in rows {
        let up = rng.chance(55);
        let tenths = percent_tenths(rng);
        let _ = writeln!(
            table,
            "| {} | {} | {}{}.{}% | {} |",
            COMPANIES[c].name,
            cashtag(ticker, &format!("${ticker}")),
            if up { "+" } else { "-" },
            tenths / 10,
            tenths % 10,
            rng.pick(NOTES)
        );
        let tenths = tenths as i32;
        moves.push((ticker, if up { tenths } else { -tenths }));
    }
    (table, moves)
}

fn bullets(rng: &mut Rng, tags: &[(usize, &str)]) -> String {
    let ordered = rng.chance(25);
    let mut list = String::new();
    for i in 1..=rng.between(3, 5) {
        let marker = if ordered {
            format!("{i}.")
        } else {
            "-".to_string()
        };
        let _ = writeln!(list, "{marker} {}", sentence(rng, tags));
    }
    list
}

/// A whole briefing file for brief: front matter (ending with `moves`, a `[moves]`
/// table, when the market layer gives one) and `body`, its links resolved by `link`.
fn briefing_file(
    plan: &Plan,
    body: &str,
    moves: Option<&str>,
    link: impl Fn(usize) -> String,
) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&plan.title));
    let _ = writeln!(out, "date = {}", plan.date.toml());
    if let Some(summary) = &plan.summary {
        let _ = writeln!(out, "summary = {}", toml_string(summary));
    }
    let ecosystems: Vec<String> = plan.ecosystems.iter().map(|e| toml_string(e)).collect();
    if plan.ecosystem_as_list {
        let _ = writeln!(out, "ecosystem = [{}]", ecosystems.join(", "));
    } else {
        let _ = writeln!(out, "ecosystem = {}", ecosystems[0]);
    }
    let tickers: Vec<String> = plan.tags.iter().map(|(_, t)| toml_string(t)).collect();
    let _ = writeln!(out, "tickers = [{}]", tickers.join(", "));
    if let Some(moves) = moves {
        out.push_str(moves);
    }
    out.push_str("+++\n\n");
    out.push_str(&resolve_links(body, link));
    out
}

/// Stands for a link to another briefing in a generated body: `LINK`, the briefing's
/// index, `LINK`. Bodies are made once and written for brief (relative paths to `.md`
/// files) and for Hugo (URLs), each replacing these with its own links.
const LINK: char = '\u{1}';

fn link_to(index: usize) -> String {
    format!("{LINK}{index}{LINK}")
}

/// Stands for a name the market layer writes as a cashtag: `CASHTAG`, the plain text,
/// `CASHTAG_OR`, the text with the cashtag, `CASHTAG`. A body is made once and written
/// with either, so that the briefings are the same with and without the layer.
const CASHTAG: char = '\u{2}';
const CASHTAG_OR: char = '\u{3}';

/// `plain` without the market layer, `tagged` with it.
fn cashtag(plain: &str, tagged: &str) -> String {
    format!("{CASHTAG}{plain}{CASHTAG_OR}{tagged}{CASHTAG}")
}

/// `text` with every cashtag placeholder replaced by its tagged form or its plain one.
fn resolve_cashtags(text: &str, tagged: bool) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut parts = text.split(CASHTAG);
    out.push_str(parts.next().unwrap_or(""));
    while let (Some(choice), Some(rest)) = (parts.next(), parts.next()) {
        let (plain, with_tag) = choice
            .split_once(CASHTAG_OR)
            .expect("a cashtag's two forms");
        out.push_str(if tagged { with_tag } else { plain });
        out.push_str(rest);
    }
    out
}

/// `text` with every link placeholder replaced by `link` of its briefing's index.
fn resolve_links(text: &str, link: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut parts = text.split(LINK);
    out.push_str(parts.next().unwrap_or(""));
    while let (Some(index), Some(rest)) = (parts.next(), parts.next()) {
        out.push_str(&link(index.parse().expect("a briefing index")));
        out.push_str(rest);
    }
    out
}

/// A briefing's body, with the moves its table reports.
struct Body {
    /// Markdown, its links to other briefings and its cashtags as placeholders.
    text: String,
    /// Each row of the table of moves: the listing and its change in tenths of a percent.
    moves: Vec<(&'static str, i32)>,
}

/// A body of 500 to 1,200 words, its links to other briefings and its cashtags as
/// placeholders.
fn body(rng: &mut Rng, plans: &[Plan], index: usize) -> Body {
    let plan = &plans[index];
    let tags = &plan.tags;
    let target = rng.between(520, 1060);

    // Blocks of Markdown, joined by blank lines at the end; prose paragraphs are kept
    // apart so that links and the footnote reference can go into them.
    let mut blocks: Vec<String> = Vec::new();
    let mut prose: Vec<usize> = Vec::new();
    let (lead, lead_ticker) = tags[0];
    let listing = if COMPANIES[lead].tickers.is_empty() {
        cashtag("", &format!(" (${lead_ticker})"))
    } else {
        format!(" ({})", cashtag(lead_ticker, &format!("${lead_ticker}")))
    };
    blocks.push(format!(
        "**{}**{listing} was the story on {}. {}",
        COMPANIES[lead].name,
        plan.date.long(),
        paragraph(rng, tags)
    ));
    prose.push(0);
    if rng.chance(40) {
        blocks.push("<!-- more -->".to_string());
    }

    let (table, moves) = moves_table(rng, plan);
    let table = format!("## The day's moves\n\n{table}");
    let list = format!("## {}\n\n{}", "Things to keep in mind", bullets(rng, tags));
    let mut words = count_words(&blocks) + count_words(&[table.clone(), list.clone()]);
    let mut headings = rng.pick_distinct(HEADINGS, HEADINGS.len()).into_iter();
    let mut sections = 0;
    while words < target {
        if let Some(heading) = headings.next() {
            blocks.push(format!("## {heading}"));
        }
        for _ in 0..rng.between(1, 3) {
            let text = paragraph(rng, tags);
            words += count_words(std::slice::from_ref(&text)) + 2;
            prose.push(blocks.len());
            blocks.push(text);
            if words >= target {
                break;
            }
        }
        sections += 1;
        match sections {
            1 => blocks.push(table.clone()),
            2 => blocks.push(list.clone()),
            _ => {}
        }
    }
    if sections < 1 {
        blocks.push(table);
    }
    if sections < 2 {
        blocks.push(list);
    }

    // Links to other briefings, each its own sentence at the end of a prose paragraph.
    if plans.len() > 1 {
        for _ in 0..rng.between(1, 3) {
            let mut other = rng.below(plans.len() - 1);
            if other >= index {
                other += 1;
            }
            let target = &plans[other];
            let at = *rng.pick(&prose);
            let _ = write!(
                blocks[at],
                " We covered the background in [{}]({}).",
                target.title,
                link_to(other)
            );
        }
    }
    let at = *rng.pick(&prose);
    blocks[at].push_str("[^1]");
    blocks.push(format!("[^1]: {}", rng.pick(FOOTNOTES)));

    let blocks: Vec<&str> = blocks.iter().map(|b| b.trim_end()).collect();
    let mut text = blocks.join("\n\n");
    text.push('\n');
    Body { text, moves }
}

/// Words as the plain text has them, so that the market layer's cashtags change no
/// word count, and with it no draw of the briefings' own random stream.
fn count_words(blocks: &[String]) -> usize {
    blocks
        .iter()
        .map(|b| resolve_cashtags(b, false).split_whitespace().count())
        .sum()
}

/// The About page's front matter for brief.
const ABOUT_FRONT_MATTER: &str = "+++\n\
     title = \"About Synthetic Briefings\"\n\
     kind = \"page\"\n\
     date = 2021-01-01T09:00:00+08:00\n\
     summary = \"What this generated site is for.\"\n\
     +++\n\n";

/// The About page's body, its links to briefings as placeholders.
fn about_body(plans: &[Plan]) -> String {
    let mut out = String::from(
        "This site is generated by `examples/corpus/` to measure how fast brief builds a \
         large briefing site. Its companies and tickers are made up.\n\n\
         ## How to follow along\n\n\
         Every company and every ecosystem has its own page and its own Atom feed: see the \
         [company index](/companies/) and the [ecosystem index](/ecosystems/).\n",
    );
    if !plans.is_empty() {
        out.push_str("\n## Where to start\n\n");
        for (index, plan) in plans.iter().enumerate().take(3) {
            let _ = writeln!(out, "- [{}]({})", plan.title, link_to(index));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The same site for Hugo

mod hugo {
    use super::*;

    macro_rules! layout {
        ($path:literal) => {
            (
                concat!("layouts/", $path),
                include_str!(concat!("../../bench/hugo/layouts/", $path)),
            )
        };
    }

    /// The layouts, kept as files in bench/hugo/layouts/ so they read as templates.
    const LAYOUTS: &[(&str, &str)] = &[
        layout!("404.html"),
        layout!("_default/baseof.html"),
        layout!("_default/single.html"),
        layout!("_default/page.html"),
        layout!("_default/rss.xml"),
        layout!("_default/_markup/render-heading.html"),
        layout!("index.html"),
        layout!("partials/card.html"),
        layout!("partials/chips.html"),
        layout!("partials/company-table.html"),
        layout!("partials/eco-links.html"),
        layout!("partials/pager.html"),
        layout!("tickers/term.html"),
        layout!("tickers/taxonomy.html"),
        layout!("ecosystem/term.html"),
        layout!("ecosystem/taxonomy.html"),
    ];

    /// brief's own stylesheet, so both sites copy the same static file.
    const STYLE: &str = include_str!("../../themes/briefing/static/style.css");

    /// The settings of site.toml in Hugo's terms: the same per_page (`paginate`) and
    /// feed_limit (`services.rss.limit`).
    const CONFIG: &str = r#"baseURL = "https://corpus.example.org/"
title = "Synthetic Briefings"
languageCode = "en"
timeZone = "UTC"
paginate = 10
enableRobotsTXT = true
# brief has no list pages for the YYYY/ and YYYY/MM/ folders; Hugo's section pages
# for them would be work brief does not do.
disableKinds = ["section"]

[params]
description = "A generated briefing site for benchmarking brief"

[services.rss]
limit = 20

[taxonomies]
ecosystem = "ecosystem"
ticker = "tickers"

# A feed for the site and for every term, as brief writes an Atom feed for the site,
# every company and every ecosystem.
[outputs]
home = ["HTML", "RSS"]
page = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]

# brief passes raw HTML through (goldmark's footnotes, tables, typographer and heading
# ids are on by default).
[markup.goldmark.renderer]
unsafe = true

[markup.tableOfContents]
startLevel = 2
endLevel = 3

"#;

    /// The URL brief gives the content file at `path`, which is also Hugo's.
    fn url(path: &str) -> String {
        format!("/{}/", path.trim_end_matches(".md"))
    }

    /// Everything but the briefings: hugo.toml, layouts, the stylesheet, the About page
    /// and a page of data for every company and every ecosystem (their taxonomy terms).
    pub fn write_skeleton(root: &Path, plans: &[Plan]) -> Result<(), String> {
        create_dir(&root.join("content"))?;
        write_new(&root.join("hugo.toml"), CONFIG)?;
        for (path, text) in LAYOUTS {
            write_content(&root.join(path), text)?;
        }
        write_content(&root.join("static/style.css"), STYLE)?;

        let about = resolve_links(&about_body(plans), |i| url(&plans[i].path))
            .replace("(/companies/)", "(/tickers/)")
            .replace("(/ecosystems/)", "(/ecosystem/)");
        write_new(
            &root.join("content/about.md"),
            &format!(
                "+++\n\
                 title = \"About Synthetic Briefings\"\n\
                 date = 2021-01-01T09:00:00+08:00\n\
                 description = \"What this generated site is for.\"\n\
                 layout = \"page\"\n\
                 [_build]\n\
                 list = \"never\"\n\
                 +++\n\n{about}"
            ),
        )?;

        write_content(
            &root.join("content/tickers/_index.md"),
            "+++\ntitle = \"Companies\"\n+++\n",
        )?;
        for c in COMPANIES {
            write_content(
                &root.join(format!("content/tickers/{}/_index.md", c.key)),
                &company_page(c),
            )?;
        }
        write_content(
            &root.join("content/ecosystem/_index.md"),
            "+++\ntitle = \"Ecosystems\"\n+++\n",
        )?;
        for (i, eco) in ECOSYSTEMS.iter().enumerate() {
            write_content(
                &root.join(format!("content/ecosystem/{}/_index.md", eco.key)),
                &format!(
                    "+++\ntitle = {}\ndescription = {}\nkey = \"{}\"\nweight = {}\n+++\n",
                    toml_string(eco.name),
                    toml_string(eco.description),
                    eco.key,
                    i + 1
                ),
            )?;
        }
        Ok(())
    }

    /// A company's term page: what brief reads from `[companies.<key>]` in site.toml.
    fn company_page(c: &Company) -> String {
        let mut out = String::from("+++\n");
        let _ = writeln!(out, "title = {}", toml_string(c.name));
        let _ = writeln!(out, "full_name = {}", toml_string(c.full_name));
        let _ = writeln!(out, "ecosystem_key = \"{}\"", c.ecosystem);
        if let Some(primary) = c.tickers.first() {
            let _ = writeln!(out, "ticker = {}", toml_string(primary));
            let _ = writeln!(
                out,
                "website = \"https://www.{}.example.com\"",
                c.key.replace('-', "")
            );
        } else {
            out.push_str("listings = []\n");
        }
        for t in c.tickers {
            let _ = write!(
                out,
                "[[listings]]\nsymbol = {}\nexchange = {}\n",
                toml_string(t),
                toml_string(exchange(t))
            );
        }
        out.push_str("+++\n");
        out
    }

    /// The exchange of a Yahoo-style symbol, as brief names it (`src/keys.rs`).
    fn exchange(ticker: &str) -> &'static str {
        match ticker.rsplit_once('.').map(|(_, suffix)| suffix) {
            None => "US (NASDAQ / NYSE)",
            Some("HK") => "Hong Kong Stock Exchange",
            Some("SS") => "Shanghai Stock Exchange",
            Some("SZ") => "Shenzhen Stock Exchange",
            Some("KS") => "Korea Exchange (KOSPI)",
            Some("T") => "Tokyo Stock Exchange",
            Some("TW") => "Taiwan Stock Exchange",
            Some("AS") => "Euronext Amsterdam",
            Some(_) => "other exchange",
        }
    }

    /// A briefing for Hugo: the same title, date, summary, ecosystems and body; its
    /// companies by key (one term per company, as brief has one page per company).
    pub fn briefing_file(plan: &Plan, body: &str, plans: &[Plan]) -> String {
        let mut out = String::with_capacity(body.len() + 512);
        out.push_str("+++\n");
        let _ = writeln!(out, "title = {}", toml_string(&plan.title));
        let _ = writeln!(out, "date = {}", plan.date.toml());
        if let Some(summary) = &plan.summary {
            let _ = writeln!(out, "description = {}", toml_string(summary));
        }
        let ecosystems: Vec<String> = plan.ecosystems.iter().map(|e| toml_string(e)).collect();
        let _ = writeln!(out, "ecosystem = [{}]", ecosystems.join(", "));
        let companies: Vec<String> = plan
            .tags
            .iter()
            .map(|&(c, _)| toml_string(COMPANIES[c].key))
            .collect();
        let _ = writeln!(out, "tickers = [{}]", companies.join(", "));
        out.push_str("+++\n\n");
        // Hugo's summary divider has no spaces.
        let body = body.replace("<!-- more -->", "<!--more-->");
        out.push_str(&resolve_links(&body, |i| url(&plans[i].path)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_out_of_and_into_folders() {
        assert_eq!(relative("2023/04/a.md", "2023/04/b.md"), "b.md");
        assert_eq!(relative("2023/04/a.md", "2023/05/b.md"), "../05/b.md");
        assert_eq!(
            relative("2023/04/a.md", "2021/04/b.md"),
            "../../2021/04/b.md"
        );
        assert_eq!(relative("2023/04/a.md", "b.md"), "../../b.md");
        assert_eq!(relative("a.md", "2023/04/b.md"), "2023/04/b.md");
        assert_eq!(relative("a.md", "b.md"), "b.md");
    }

    #[test]
    fn links_resolve_per_format() {
        let text = format!("See [a]({}) and [b]({}).", link_to(0), link_to(12));
        let out = resolve_links(&text, |i| format!("/{i}/"));
        assert_eq!(out, "See [a](/0/) and [b](/12/).");
        assert_eq!(resolve_links("no links", |_| unreachable!()), "no links");
    }

    #[test]
    fn dates_round_trip() {
        for days in [-1, 0, 59, 365, 18_993, 20_453] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    /// Every file under `root`, by its path relative to `root`.
    fn files(root: &Path) -> std::collections::BTreeMap<PathBuf, String> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| {
                let path = entry.path().strip_prefix(root).unwrap().to_path_buf();
                (path, fs::read_to_string(entry.path()).unwrap())
            })
            .collect()
    }

    /// A briefing of the market corpus without its `[moves]` and with its cashtags
    /// written as plain text again.
    fn without_market(text: &str) -> String {
        let mut text = match (text.find("\n[moves]\n"), text.find("+++\n\n")) {
            (Some(moves), Some(end)) => format!("{}{}", &text[..moves], &text[end..]),
            _ => text.to_string(),
        };
        for c in COMPANIES {
            text = text.replace(&format!(" (${})", c.key), "");
            for t in c.tickers {
                text = text.replace(&format!("${t}"), t);
            }
        }
        text
    }

    #[test]
    fn the_same_seed_gives_the_same_briefings_with_and_without_the_market_layer() {
        let temp = tempfile::tempdir().unwrap();
        let generate_into = |name: &str, market: bool| {
            let out = temp.path().join(name);
            generate(&Args {
                articles: 200,
                out: Some(out.clone()),
                hugo: None,
                seed: 5,
                market,
                images: 0,
                code: 0,
            })
            .unwrap();
            files(&out)
        };
        let plain = generate_into("plain", false);
        let market = generate_into("market", true);

        let content = |files: &std::collections::BTreeMap<PathBuf, String>| {
            files
                .keys()
                .filter(|p| p.starts_with("content"))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(content(&plain), content(&market), "the same briefings");
        let (mut with_moves, mut with_cashtags) = (0, 0);
        for path in content(&plain) {
            let (plain, market) = (&plain[&path], &market[&path]);
            assert_eq!(&without_market(market), plain, "{}", path.display());
            with_moves += usize::from(market.contains("\n[moves]\n"));
            with_cashtags += usize::from(market.contains(" ($"));
        }
        assert!(
            with_moves > 130,
            "most of 200 briefings have moves: {with_moves}"
        );
        assert!(with_cashtags > 190, "cashtags: {with_cashtags}");

        let listings: usize = COMPANIES.iter().map(|c| c.tickers.len()).sum();
        let prices: Vec<&PathBuf> = market
            .keys()
            .filter(|p| p.starts_with("data/prices"))
            .collect();
        assert_eq!(prices.len(), listings, "a price file for every listing");
        assert!(market[Path::new("data/README.md")].contains("synthetic"));
        assert!(!plain.keys().any(|p| p.starts_with("data")));
    }

    #[test]
    fn the_same_seed_gives_the_same_briefings_with_and_without_code_blocks() {
        let temp = tempfile::tempdir().unwrap();
        let generate_into = |name: &str, code: u8| {
            let out = temp.path().join(name);
            generate(&Args {
                articles: 200,
                out: Some(out.clone()),
                hugo: None,
                seed: 5,
                market: false,
                images: 0,
                code,
            })
            .unwrap();
            files(&out)
        };
        let plain = generate_into("plain", 0);
        let with_code = generate_into("code", 30);
        assert_eq!(
            plain.keys().collect::<Vec<_>>(),
            with_code.keys().collect::<Vec<_>>()
        );
        let mut blocks = HashSet::new();
        for (path, text) in &with_code {
            let plain = &plain[path];
            match text.find("\nThe figures above, as the desk pulls them:\n\n```") {
                Some(at) => {
                    assert_eq!(&text[..at], plain.as_str(), "{}", path.display());
                    assert!(text.ends_with("```\n"), "{}", path.display());
                    blocks.insert(text[at..].to_string());
                }
                None => assert_eq!(text, plain, "{}", path.display()),
            }
        }
        assert!(
            (40..=80).contains(&blocks.len()),
            "about 30% of 200: {}",
            blocks.len()
        );
    }

    #[test]
    fn no_name_is_registered_twice() {
        let mut names = HashSet::new();
        for c in COMPANIES {
            assert!(names.insert(c.key.to_uppercase()), "{}", c.key);
            for t in c.tickers {
                assert!(names.insert(t.to_uppercase()), "{t}");
            }
        }
    }
}

//! One email of briefings (`brief digest`), as HTML that survives email clients and as
//! plain text that reads on its own, from the theme's `digest.html` and `digest.txt`.
//!
//! Email clients drop `<style>` elements and stylesheets, so the CSS the theme writes
//! in `digest.html` is moved into each element's `style` attribute (`css-inline`), and
//! every link and image is absolute, built from `base_url`. Gmail clips a message whose
//! HTML passes 102 KB: past that the digest gives each briefing's summary and a link
//! instead of its text, then as many summaries as fit, and says so in the email.
//! No file access: the command writes what this returns.

mod mail;
mod text;

pub use mail::{Content, Mailbox, eml};

use jiff::civil::Date;
use serde::Serialize;

use super::Renderer;
use super::chart::{self, number};
use super::context::Dates;
use super::views::MoveView;
use crate::error::Error;
use crate::keys::ArticleId;
use crate::markdown::relative::resolve_in_html;
use crate::model::archives::Period;
use crate::model::digest::Digest;
use crate::model::feeds::moves_told;
use crate::model::{FeedOf, Page, Site};

/// Gmail shows "[Message clipped]" past 102 KB of HTML; the digest stays under it.
pub const CLIP_BYTES: usize = 102 * 1000;

/// The theme's templates for the two versions.
pub const HTML_TEMPLATE: &str = "digest.html";
pub const TEXT_TEMPLATE: &str = "digest.txt";

/// How much of each briefing the email carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Each briefing's whole text.
    Full,
    /// Each briefing's summary and a link to the rest, because the whole text would
    /// pass the clipping limit.
    Summaries,
}

/// A digest, written.
#[derive(Debug, Clone)]
pub struct DigestEmail {
    /// The email's subject: the site's title and what the digest holds.
    pub subject: String,
    pub html: String,
    pub text: String,
    pub form: Form,
    /// How many briefings it shows, and how many it leaves to the site to stay under
    /// the clipping limit.
    pub shown: usize,
    pub left_out: usize,
}

/// The context of `digest.html` and `digest.txt` (the theme API of the digest). Every
/// URL in it is absolute.
#[derive(Debug, Clone, Serialize)]
pub struct DigestView {
    pub site: DigestSiteView,
    /// `Briefings of Thursday 2 October 2025`, `Briefings from 1 to 7 October 2025`.
    pub title: String,
    /// The company and ecosystem the digest is narrowed to, as a reader names them
    /// (`SMIC · China's domestic stack`), or empty.
    pub filters: String,
    /// The subject line: the site's title, the title and the filters.
    pub subject: String,
    /// Where the same briefings are on the site (the day's archive, the company's or
    /// the ecosystem's page, else the home page), and what that page is.
    pub more_url: String,
    pub more_name: String,
    /// `full` or `summaries`.
    pub form: Form,
    /// How many briefings the digest selected, and how many of them it shows.
    pub briefing_count: usize,
    pub shown: usize,
    /// Briefings left to the site so the email is not clipped (summaries form only).
    pub left_out: usize,
    /// The size limit the summaries form keeps under, in kilobytes (`102`).
    pub clip_kb: usize,
    /// Every move the shown briefings report, largest rise first (newest day first
    /// when they span several days).
    pub moves: Vec<DigestMoveView>,
    /// Whether the moves table needs a column for the trading day (some move is on
    /// a day other than the digest's one day).
    pub moves_days: bool,
    /// Whether some move gives its close, so the table needs a column for it.
    pub moves_closes: bool,
    pub briefings: Vec<DigestBriefingView>,
    /// The first words of the first briefing: the line a mail client shows beside
    /// the subject.
    pub preheader: String,
    /// The feed of the digest's subject (company, ecosystem or site), to follow it.
    pub feed_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DigestSiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    /// The home page.
    pub url: String,
}

/// One briefing of the digest.
#[derive(Debug, Clone, Serialize)]
pub struct DigestBriefingView {
    pub title: String,
    pub url: String,
    /// `2 October 2025, 09:30 HKT`.
    pub date_display: String,
    pub author: String,
    pub companies: Vec<DigestLinkView>,
    pub ecosystems: Vec<DigestLinkView>,
    /// Its moves, one line each: `SMIC 0981.HK ▲ 10.9 %`, as the feeds tell them.
    pub moves: Vec<String>,
    /// Its text (the whole body, or the summary in the summaries form) as HTML with
    /// absolute links, and as wrapped plain text whose links are footnote numbers.
    pub html: String,
    pub text: String,
    /// The links of `text`, numbered across the whole digest.
    pub footnotes: Vec<FootnoteView>,
    /// For the text version, wrapped at 72 columns: the title, and the date, author,
    /// ecosystems and companies.
    pub title_text: String,
    pub about_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DigestLinkView {
    pub name: String,
    pub url: String,
    /// A company's primary ticker, or empty.
    pub ticker: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FootnoteView {
    pub number: usize,
    pub url: String,
}

/// A row of the moves table.
#[derive(Debug, Clone, Serialize)]
pub struct DigestMoveView {
    pub company: String,
    pub company_url: String,
    /// The listing that moved, as the company lists it; empty for a private company.
    pub ticker: String,
    #[serde(rename = "move")]
    pub change: MoveView,
    /// The close with its currency (`79.10 HKD`), or empty.
    pub close: String,
    /// The trading day, `2 October 2025`.
    pub on_display: String,
    pub briefing_title: String,
    pub briefing_url: String,
}

/// The digest as HTML and text, in its full form when that fits under the clipping
/// limit, else in the summaries form with as many briefings as fit.
pub fn render(site: &Site, renderer: &Renderer, digest: &Digest) -> Result<DigestEmail, Error> {
    let inliner = inliner();
    let all = &digest.briefings;
    let written = |form: Form, shown: &[ArticleId]| {
        let view = digest_view(site, digest, form, shown);
        render_html(renderer, &inliner, &view).map(|html| (view, html))
    };
    let (full, html) = written(Form::Full, all)?;
    if html.len() <= CLIP_BYTES {
        return finish(renderer, full, html);
    }
    let (summaries, html) = written(Form::Summaries, all)?;
    if html.len() <= CLIP_BYTES {
        return finish(renderer, summaries, html);
    }
    // The most briefings, newest first, whose summaries fit: at least one, whatever
    // its size, so the email always says where the rest are.
    let (mut fits, mut too_many) = (1, all.len());
    let mut best = None;
    while fits + 1 < too_many {
        let middle = (fits + too_many) / 2;
        let (view, html) = written(Form::Summaries, &all[..middle])?;
        if html.len() <= CLIP_BYTES {
            fits = middle;
            best = Some((view, html));
        } else {
            too_many = middle;
        }
    }
    let (view, html) = match best {
        Some(found) if found.0.shown == fits => found,
        _ => written(Form::Summaries, &all[..fits])?,
    };
    finish(renderer, view, html)
}

fn finish(renderer: &Renderer, view: DigestView, html: String) -> Result<DigestEmail, Error> {
    let text = renderer.render_template(TEXT_TEMPLATE, &view)?;
    Ok(DigestEmail {
        subject: view.subject,
        html,
        text,
        form: view.form,
        shown: view.shown,
        left_out: view.left_out,
    })
}

/// The theme's `<style>` moved into `style` attributes, and the `<style>` dropped.
fn inliner() -> css_inline::CSSInliner<'static> {
    css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .build()
}

fn render_html(
    renderer: &Renderer,
    inliner: &css_inline::CSSInliner,
    view: &DigestView,
) -> Result<String, Error> {
    let written = renderer.render_template(HTML_TEMPLATE, view)?;
    inliner.inline(&written).map_err(|e| Error::Template {
        origin: renderer.origin(HTML_TEMPLATE),
        location: None,
        message: format!("its CSS could not be moved into the elements: {e}"),
    })
}

/// The view of `shown`, the first briefings of `digest`, in `form`.
fn digest_view(site: &Site, digest: &Digest, form: Form, shown: &[ArticleId]) -> DigestView {
    let config = &site.config;
    let dates = Dates(&config.timezone);
    let title = title(digest.from, digest.until);
    let filters: Vec<String> = digest
        .company
        .map(|c| site.company(c).name.clone())
        .into_iter()
        .chain(
            digest
                .ecosystem
                .map(|e| site.ecosystem(e).ecosystem.name.clone()),
        )
        .collect();
    let filters = filters.join(" · ");
    let subject = if filters.is_empty() {
        format!("{}: {title}", config.title)
    } else {
        format!("{}: {title} ({filters})", config.title)
    };
    let (more, feed) = match (digest.company, digest.ecosystem) {
        (Some(company), _) => (Page::Company { company, page: 1 }, FeedOf::Company(company)),
        (None, Some(ecosystem)) => (
            Page::Ecosystem { ecosystem, page: 1 },
            FeedOf::Ecosystem(ecosystem),
        ),
        (None, None) if digest.is_one_day() => (
            Page::Archive {
                period: Period::Day(digest.from),
                page: 1,
            },
            FeedOf::Site,
        ),
        (None, None) => (Page::Home { page: 1 }, FeedOf::Site),
    };
    let mut footnotes = 0;
    let briefings: Vec<DigestBriefingView> = shown
        .iter()
        .map(|&id| briefing(site, id, form, &dates, &mut footnotes))
        .collect();
    let (moves, moves_days) = moves(site, digest, shown);
    let moves_closes = moves.iter().any(|m| !m.close.is_empty());
    let preheader = briefings
        .first()
        .map(|b| preheader(&b.text))
        .unwrap_or_default();
    DigestView {
        site: DigestSiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            url: site.permalink("/"),
        },
        title,
        filters,
        subject,
        more_url: site.permalink(&more.url(site)),
        more_name: match (digest.company, digest.ecosystem) {
            (Some(c), _) => format!("{}'s page", site.company(c).name),
            (None, Some(e)) => format!("the page of {}", site.ecosystem(e).ecosystem.name),
            (None, None) if digest.is_one_day() => "the day's page".to_string(),
            (None, None) => "the home page".to_string(),
        },
        form,
        briefing_count: digest.briefings.len(),
        shown: shown.len(),
        left_out: digest.briefings.len() - shown.len(),
        clip_kb: CLIP_BYTES / 1000,
        moves,
        moves_closes,
        moves_days,
        briefings,
        preheader,
        feed_url: site.permalink(&Page::Feed(feed, crate::model::FeedFormat::Atom).url(site)),
    }
}

/// `Briefings of Thursday 2 October 2025`, `Briefings from 1 to 7 October 2025`.
fn title(from: Date, until: Date) -> String {
    if from == until {
        return format!("Briefings of {}", from.strftime("%A %-d %B %Y"));
    }
    let start = if from.year() != until.year() {
        from.strftime("%-d %B %Y")
    } else if from.month() != until.month() {
        from.strftime("%-d %B")
    } else {
        from.strftime("%-d")
    };
    format!("Briefings from {start} to {}", until.strftime("%-d %B %Y"))
}

fn briefing(
    site: &Site,
    id: ArticleId,
    form: Form,
    dates: &Dates,
    footnotes: &mut usize,
) -> DigestBriefingView {
    let article = site.article(id);
    let permalink = site.permalink(&article.url);
    let source = match form {
        Form::Full => &article.content_html,
        Form::Summaries => &article.summary_html,
    };
    let html = without_heading_anchors(&resolve_in_html(&site.html(source, article), &permalink));
    let first_note = *footnotes + 1;
    let (text, notes) = text::plain(&html, &permalink, first_note);
    *footnotes += notes.len();
    let companies: Vec<DigestLinkView> = site
        .companies_of(id)
        .iter()
        .map(|&c| {
            let company = site.company(c);
            DigestLinkView {
                name: company.name.clone(),
                url: site.permalink(
                    &Page::Company {
                        company: c,
                        page: 1,
                    }
                    .url(site),
                ),
                ticker: company
                    .tickers
                    .first()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let ecosystems: Vec<DigestLinkView> = site
        .ecosystems_of(id)
        .iter()
        .map(|&e| DigestLinkView {
            name: site.ecosystem(e).ecosystem.name.clone(),
            url: site.permalink(
                &Page::Ecosystem {
                    ecosystem: e,
                    page: 1,
                }
                .url(site),
            ),
            ticker: String::new(),
        })
        .collect();
    let date_display = article
        .date
        .map(|d| dates.display_dated(d, article.date_has_time))
        .unwrap_or_default();
    let about: Vec<&str> = std::iter::once(date_display.as_str())
        .chain((!article.author.is_empty()).then_some(article.author.as_str()))
        .chain(ecosystems.iter().map(|e| e.name.as_str()))
        .filter(|part| !part.is_empty())
        .collect();
    let named: Vec<String> = companies
        .iter()
        .map(|c| {
            if c.ticker.is_empty() {
                c.name.clone()
            } else {
                format!("{} {}", c.name, c.ticker)
            }
        })
        .collect();
    let mut about_text = text::wrap(&about.join(" · "), text::WIDTH);
    about_text.extend(text::wrap(&named.join(", "), text::WIDTH));
    DigestBriefingView {
        title_text: text::wrap(&article.title, text::WIDTH).join("\n"),
        about_text: about_text.join("\n"),
        title: article.title.clone(),
        date_display,
        author: article.author.clone(),
        companies,
        ecosystems,
        moves: moves_told(site, id),
        html,
        text,
        footnotes: notes
            .into_iter()
            .enumerate()
            .map(|(i, url)| FootnoteView {
                number: first_note + i,
                url,
            })
            .collect(),
        url: permalink,
    }
}

/// The `#` beside each heading links to the heading on the site's page: in an email it
/// is a stray character, and the heading's text is what the reader wants.
fn without_heading_anchors(html: &str) -> String {
    const OPEN: &str = " <a class=\"anchor\" href=\"";
    const CLOSE: &str = "\" aria-label=\"Link to this section\">#</a>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        match after.find(CLOSE) {
            Some(end) if !after[..end].contains(['"', '<', '>']) => {
                out.push_str(&rest[..start]);
                rest = &after[end + CLOSE.len()..];
            }
            _ => {
                out.push_str(&rest[..start + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The moves of the shown briefings, for the table: largest rise first within each
/// trading day, newest day first; and whether a day column is needed.
fn moves(site: &Site, digest: &Digest, shown: &[ArticleId]) -> (Vec<DigestMoveView>, bool) {
    let mut rows = Vec::new();
    for &id in shown {
        let article = site.article(id);
        for (reported, company) in site.moves_of(id) {
            let entry = site.company(company);
            let ticker = if entry.tickers.is_empty() {
                String::new()
            } else {
                site.spelled(reported, company).to_string()
            };
            let close = reported.close.map_or(String::new(), |close| {
                number::close(close, reported.currency.as_ref())
            });
            rows.push((
                reported.on,
                reported.rounded(),
                DigestMoveView {
                    company: entry.name.clone(),
                    company_url: site.permalink(&Page::Company { company, page: 1 }.url(site)),
                    ticker,
                    change: number::move_view(reported.change),
                    close,
                    on_display: chart::day(reported.on),
                    briefing_title: article.title.clone(),
                    briefing_url: site.permalink(&article.url),
                },
            ));
        }
    }
    // Stable: equal moves keep the briefings' order, newest first.
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let one_day = digest.is_one_day().then_some(digest.from);
    let moves_days = rows.iter().any(|(on, ..)| Some(*on) != one_day);
    (rows.into_iter().map(|(.., row)| row).collect(), moves_days)
}

/// About the first 140 characters of `text`, cut at a word: what a mail client shows
/// after the subject in a list of messages.
fn preheader(text: &str) -> String {
    let flat: String = text
        .split_whitespace()
        .filter(|word| !(word.starts_with('[') && word.ends_with(']')))
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= 140 {
        return flat;
    }
    let cut: String = flat.chars().take(140).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => format!("{cut}…"),
    }
}

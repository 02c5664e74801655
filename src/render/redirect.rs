//! The page at an old URL of an article (`aliases`): it sends the reader on at once
//! (a meta refresh, as a static host cannot answer with a redirect), names the new
//! URL as the canonical one so search engines move their entry, asks not to be
//! indexed itself, and shows a link for a reader whose browser does not follow.
//!
//! Written here rather than by a theme template: the page is not looked at, and it
//! must stay the same small, valid page whatever the theme.

use crate::keys::ArticleId;
use crate::markdown::escape;
use crate::model::Site;

/// Enough style for the moment the page is seen, in the reader's light or dark scheme,
/// without asking the theme for a stylesheet it may not have.
const STYLE: &str = "body{margin:3rem auto;max-width:38rem;padding:0 1rem;\
font:1.1rem/1.5 system-ui,sans-serif;background:#fff;color:#111}\
a{color:#0645ad;overflow-wrap:anywhere}\
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#9ec1ff}}";

/// The redirect of `article`'s old URL to its page.
pub fn page(site: &Site, article: ArticleId) -> String {
    let article = site.article(article);
    let href = escape(&site.href(&article.url));
    let permalink = escape(&site.permalink(&article.url));
    let title = escape(&article.title);
    let language = escape(&site.config.language);
    format!(
        "<!DOCTYPE html>\n\
         <html lang=\"{language}\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>Moved: {title}</title>\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n\
         <style>{STYLE}</style>\n\
         </head>\n\
         <body>\n\
         <main>\n\
         <h1>{title}</h1>\n\
         <p>This page has moved to <a href=\"{href}\">{permalink}</a>.</p>\n\
         </main>\n\
         </body>\n\
         </html>\n"
    )
}

//! What the browser gets around every HTML page in `brief serve`: the live-reload
//! script (never put into built files) and the error overlay over the last good page.
//! Pure text; knows nothing of HTTP or of the snapshot it is served from.
//!
//! The script knows the generation its page was rendered in and listens to the event
//! stream of `live`: it reloads when its page is behind, swaps its stylesheets for a
//! CSS-only change, and reloads when the server it reconnects to has restarted.
//! Inline, small, and talks to no host but the one that served the page.

use super::problem::Problem;
use crate::markdown::escape;

/// Where the script listens; no content URL can take it (URLs are slugs).
pub const EVENTS_PATH: &str = "/__brief/events";

/// Which server and generation a page is served by, for the script in it.
#[derive(Debug, Clone, Copy)]
pub struct Served<'a> {
    pub instance: &'a str,
    pub generation: u64,
}

/// `html` with the script for the page's generation and, if given, `problem` shown
/// over the page.
pub fn inject(html: &[u8], served: Served<'_>, problem: Option<&Problem>) -> Vec<u8> {
    let mut addition = String::new();
    if let Some(problem) = problem {
        addition.push_str(&overlay(problem));
    }
    addition.push_str(&script(served.instance, served.generation));
    // Before the last `</body>`, or at the end of a page without one.
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn script(instance: &str, generation: u64) -> String {
    format!(
        r#"<script id="brief-live">
(() => {{
  const page = {{ instance: "{instance}", generation: {generation} }};
  let wait = 250;
  const swapStylesheets = (generation) => {{
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {{
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("brief", generation);
      const next = link.cloneNode();
      next.href = url.href;
      next.onload = () => link.remove();
      link.after(next);
    }}
  }};
  const listen = () => {{
    const events = new EventSource("{EVENTS_PATH}");
    events.onopen = () => {{ wait = 250; }};
    events.onmessage = (message) => {{
      const news = JSON.parse(message.data);
      if (news.instance !== page.instance) {{ location.reload(); return; }}
      if (news.generation <= page.generation) return;
      if (news.kind === "stylesheets" && news.generation === page.generation + 1) {{
        page.generation = news.generation;
        swapStylesheets(news.generation);
        return;
      }}
      location.reload();
    }};
    events.onerror = () => {{
      events.close();
      setTimeout(listen, wait);
      wait = Math.min(wait * 2, 2000);
    }};
  }};
  listen();
}})();
</script>
"#
    )
}

/// The error over the last good page: where, what, and the full report.
fn overlay(problem: &Problem) -> String {
    let mut items = String::new();
    for item in &problem.items {
        let place = item
            .place
            .as_deref()
            .map(|p| format!("<strong>{}</strong> ", escape(p)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<p style=\"margin:1.5em 0 .5em;font-size:1.05em\">{place}{}</p>\n<pre style=\"margin:0;padding:1em;background:#000;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere\">{}</pre>\n",
            escape(&item.message),
            escape(item.report.trim_end()),
        ));
    }
    format!(
        r#"<div id="brief-problem" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,27,.95);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">
<div style="max-width:60rem;margin:0 auto">
<p style="margin:0;color:#fca5a5;font-size:1.2em"><strong>The last change did not build.</strong></p>
<p style="margin:.5em 0 0">Under this is the last good page. Save a fix and this goes away by itself.</p>
{items}<button type="button" onclick="this.closest('#brief-problem').remove()" style="margin-top:1.5em;font:inherit;padding:.3em 1em">Hide</button>
</div>
</div>
"#
    )
}

{#-
  The search page's script, the one script of the site: it reads the static index
  brief writes under /search/ (see src/render/search/ for its files) and shows the
  briefings found. Rendered as a template, so a theme or a site can replace it; it
  uses nothing of the context (`site`), and the raw block keeps its braces as they
  are.
-#}
{% raw %}"use strict";
(() => {
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = document.getElementById("search-query");
  const companySelect = document.getElementById("search-company");
  const ecosystemSelect = document.getElementById("search-ecosystem");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const more = document.getElementById("search-more");

  const indexUrl = new URL(form.dataset.index, location.href);
  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  // The index's rule for words (src/render/search/words.rs): letters and digits.
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;
  const PER_PAGE = 10;
  const PASSAGE_WORDS = 36;

  const loaded = new Map();
  const fetchJson = (path) => {
    if (!loaded.has(path)) {
      loaded.set(path, fetch(new URL(path, indexUrl)).then((response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      }));
    }
    return loaded.get(path);
  };

  let index = null;
  const named = new Map(); // a ticker, key or one-word name, upper case → company
  let found = [];
  let shown = 0;
  let asked = 0;

  // FNV-1a of the term's UTF-8 bytes, as model/search.rs picks a term's shard.
  const shardOf = (term) => {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(term)) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return hash % index.term_shards;
  };

  // Briefing → weight, for every briefing with `term` (postings.rs writes them).
  const postings = async (term) => {
    const shard = await fetchJson(`terms/${shardOf(term)}.json`);
    const list = new Map();
    if (!Object.hasOwn(shard, term)) return list;
    let number = 0;
    let briefing = 0;
    for (const c of shard[term]) {
      const digit = DIGITS.indexOf(c);
      number = number * 32 + (digit & 31);
      if (digit < 32) {
        briefing += Math.floor(number / 16);
        list.set(briefing, number % 16);
        number = 0;
      }
    }
    return list;
  };

  const wordsOf = (text) => text.toLowerCase().match(WORD) || [];

  // The words to find, and the companies a ticker, key or name in the box names.
  const parse = (query) => {
    const words = [];
    const companies = [];
    for (const part of query.split(/\s+/)) {
      const bare = part.replace(/^[$"'(]+|[.,;:!?"')]+$/g, "");
      if (!bare) continue;
      const company = named.get(bare.toUpperCase());
      if (company !== undefined) {
        if (!companies.includes(company)) companies.push(company);
        continue;
      }
      for (const word of wordsOf(bare)) if (!words.includes(word)) words.push(word);
    }
    return { words, companies };
  };

  // Briefings with every word and filter, best first: a word counts more where it is
  // rare, and most in the title, then the summary, then by how often the text has it.
  const find = async (words, filters) => {
    const lists = await Promise.all([...words, ...filters].map(postings));
    if (lists.length === 0) return [];
    const [first, ...rest] = [...lists].sort((a, b) => a.size - b.size);
    const scored = [];
    for (const briefing of first.keys()) {
      if (!rest.every((list) => list.has(briefing))) continue;
      let score = 0;
      words.forEach((_, i) => {
        const weight = lists[i].get(briefing);
        const rarity = Math.log(1 + index.briefings / lists[i].size);
        score += rarity * ((weight & 8 ? 6 : 0) + (weight & 4 ? 2 : 0) + (weight & 3));
      });
      scored.push([briefing, score]);
    }
    // Equal scores keep the newest first: briefings are numbered from the oldest.
    scored.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
    return scored.map(([briefing]) => briefing);
  };

  const element = (name, attributes = {}, ...children) => {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  };

  // `text` with each of `words` marked.
  const marked = (text, words) => {
    const parts = [];
    let at = 0;
    for (const match of text.matchAll(WORD)) {
      if (!words.includes(match[0].toLowerCase())) continue;
      parts.push(text.slice(at, match.index), element("mark", {}, match[0]));
      at = match.index + match[0].length;
    }
    parts.push(text.slice(at));
    return parts;
  };

  // The stretch of the text around the first word found, or its opening.
  const passage = (text, words) => {
    const all = [...text.matchAll(WORD)];
    const hit = all.findIndex((m) => words.includes(m[0].toLowerCase()));
    const from = hit < 0 ? 0 : Math.max(0, hit - Math.floor(PASSAGE_WORDS / 3));
    const to = Math.min(all.length, from + PASSAGE_WORDS);
    if (all.length === 0) return "";
    const start = from === 0 ? 0 : all[from].index;
    const end = to === all.length ? text.length : all[to - 1].index + all[to - 1][0].length;
    return (from > 0 ? "… " : "") + text.slice(start, end) + (to < all.length ? " …" : "");
  };

  const result = (record, words) => {
    const meta = element("div", { class: "card-meta" },
      element("time", { datetime: record.date }, record.shown));
    if (record.ecosystems.length) {
      meta.append(" ", element("ul", { class: "eco-links", "aria-label": "Ecosystems" },
        ...record.ecosystems.map((i) => element("li", {},
          element("a", { class: "eco", href: index.ecosystems[i].url }, index.ecosystems[i].name)))));
    }
    const card = element("article", { class: "card search-result" },
      element("h2", { class: "card-title" },
        element("a", { href: record.url }, ...marked(record.title, words))),
      meta,
      element("p", { class: "search-passage" }, ...marked(passage(record.text, words), words)));
    if (record.companies.length) {
      card.append(element("ul", { class: "chips", "aria-label": "Companies" },
        ...record.companies.map((i) => {
          const company = index.companies[i];
          const ticker = company.tickers[0];
          const chip = element("a", { class: "chip", href: company.url });
          if (ticker && ticker === company.name) {
            chip.append(element("span", { class: "chip-ticker" }, ticker));
          } else {
            chip.append(element("span", { class: "chip-name" }, company.name));
            if (ticker) chip.append(" ", element("span", { class: "chip-ticker" }, ticker));
          }
          return element("li", {}, chip);
        })));
    }
    return card;
  };

  const showMore = async (words, ask) => {
    const next = found.slice(shown, shown + PER_PAGE);
    const records = await Promise.all(next.map((briefing) => fetchJson(`records/${briefing}.json`)));
    if (ask !== asked) return;
    results.append(...records.map((record) => result(record, words)));
    shown += next.length;
    more.hidden = shown >= found.length;
  };

  const say = (text) => { status.textContent = text; };

  const run = async () => {
    const ask = ++asked;
    const query = input.value.trim();
    const { words, companies } = parse(query);
    const filters = companies.map((i) => `c:${index.companies[i].key}`);
    if (companySelect.value) filters.push(`c:${companySelect.value}`);
    if (ecosystemSelect.value) filters.push(`e:${ecosystemSelect.value}`);
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    if (companySelect.value) params.set("company", companySelect.value);
    if (ecosystemSelect.value) params.set("ecosystem", ecosystemSelect.value);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
    results.replaceChildren();
    more.hidden = true;
    found = [];
    shown = 0;
    if (words.length === 0 && filters.length === 0) {
      say("");
      return;
    }
    say("Searching…");
    try {
      const briefings = await find(words, [...new Set(filters)]);
      if (ask !== asked) return;
      found = briefings;
      if (found.length === 0) {
        say("No briefing matches. Try fewer words, or another company or ecosystem.");
        return;
      }
      say(found.length === 1 ? "1 briefing found." : `${found.length} briefings found.`);
      await showMore(words, ask);
    } catch (error) {
      if (ask === asked) say(`The search index could not be read (${error.message}).`);
    }
  };

  // On Enter, not on every key: each word typed half-way would fetch a shard of its
  // own, and a reader's first query is kept small.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  companySelect.addEventListener("change", run);
  ecosystemSelect.addEventListener("change", run);
  more.addEventListener("click", () => showMore(parse(input.value).words, asked));

  fetchJson("index.json").then((loadedIndex) => {
    index = loadedIndex;
    const option = (value, label) => element("option", { value }, label);
    const byName = (a, b) => a.name.localeCompare(b.name);
    index.companies.forEach((company, i) => {
      for (const ticker of company.tickers) named.set(ticker.toUpperCase(), i);
      named.set(company.key.toUpperCase(), i);
      if (!/\s/.test(company.name)) named.set(company.name.toUpperCase(), i);
    });
    companySelect.append(...[...index.companies].sort(byName).map((company) => option(company.key,
      company.tickers.length && company.tickers[0] !== company.name
        ? `${company.name} (${company.tickers[0]})` : company.name)));
    ecosystemSelect.append(...[...index.ecosystems].sort(byName).map((e) => option(e.key, e.name)));
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    companySelect.value = params.get("company") || "";
    ecosystemSelect.value = params.get("ecosystem") || "";
    form.hidden = false;
    if (input.value || companySelect.value || ecosystemSelect.value) run();
  }, (error) => say(`The search index could not be read (${error.message}).`));
})();
{% endraw %}

// The query editor: runs the textarea's query against the endpoint and renders the results.
// Data is only ever written with textContent (never as HTML); only http(s) IRIs become links.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  if (!form) return;
  const text = document.getElementById("query-text");
  const out = document.getElementById("results");
  const endpoint = form.dataset.endpoint;
  const base = form.dataset.base;
  const root = form.dataset.root;

  function el(name, content, cls) {
    const node = document.createElement(name);
    if (content !== undefined && content !== null) node.textContent = content;
    if (cls) node.className = cls;
    return node;
  }

  function href(iri) {
    if (base && iri.startsWith(base)) return root + "id/" + iri.slice(base.length);
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const target = href(term.value);
      const a = el(target ? "a" : "span", term.value);
      if (target) a.href = target;
      a.dataset.iri = term.value;
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.appendChild(el("span", "_:" + term.value, "bnode"));
    } else {
      td.appendChild(el("span", term.value, "literal"));
      if (term["xml:lang"]) td.appendChild(el("span", " @" + term["xml:lang"], "lang"));
    }
    return td;
  }

  function table(data) {
    const vars = data.head.vars || [];
    const t = el("table");
    const head = el("tr");
    vars.forEach((v) => head.appendChild(el("th", v)));
    t.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    data.results.bindings.forEach((row) => {
      const tr = el("tr");
      vars.forEach((v) => tr.appendChild(cell(row[v])));
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  // IRIs in the results are shown by their labels (asked of the endpoint in one query), the IRI kept
  // as the link's title.
  const SAFE_IRI = /^https?:\/\/[^<>"{}|^`\\\s]+$/;
  async function labels(t) {
    const links = Array.from(t.querySelectorAll("[data-iri]"));
    const iris = Array.from(new Set(links.map((a) => a.dataset.iri))).filter((i) => SAFE_IRI.test(i)).slice(0, 300);
    if (!iris.length) return;
    const query = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + iris.map((i) => "<" + i + ">").join(" ") +
      " } ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://purl.org/dc/terms/title> ?l } GROUP BY ?s";
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
        body: new URLSearchParams({ query: query }),
      });
      if (!response.ok) return;
      const found = {};
      (await response.json()).results.bindings.forEach((b) => { if (b.label) found[b.s.value] = b.label.value; });
      links.forEach((a) => { if (found[a.dataset.iri]) { a.textContent = found[a.dataset.iri]; a.classList.add("labelled"); } });
    } catch (e) { /* the IRIs stay */ }
  }

  // A chart for results with a number column (bars, labelled by the first other column) or, failing
  // that, a date column (rows per year). Drawn as SVG with text nodes only.
  const NUMBER = /#(integer|decimal|double|float|int|long|short|nonNegativeInteger)$/;
  function column(data, test) {
    const rows = data.results.bindings;
    return (data.head.vars || []).find((v) => rows.length && rows.every((r) => r[v] && test(r[v])));
  }
  function svg(name, attrs, text) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function chart(data) {
    const rows = data.results.bindings;
    if (rows.length < 2) return null;
    let pairs = null;
    let title = "";
    const num = column(data, (t) => t.type === "literal" && NUMBER.test(t.datatype || ""));
    if (num && rows.length <= 60) {
      const other = (data.head.vars || []).find((v) => v !== num);
      const name = (t) => (!t ? "" : t.type === "uri" ? t.value.replace(/^.*[/#]/, "") : t.value);
      pairs = rows.map((r) => [name(other && r[other]), Number(r[num].value)]);
      title = num + (other ? " by " + other : "");
    } else {
      const day = column(data, (t) => t.type === "literal" && /#(date|dateTime)$/.test(t.datatype || ""));
      if (!day) return null;
      const years = {};
      rows.forEach((r) => { const y = r[day].value.slice(0, 4); years[y] = (years[y] || 0) + 1; });
      const keys = Object.keys(years).sort();
      const all = [];
      for (let y = Number(keys[0]); y <= Number(keys[keys.length - 1]); y++) all.push([String(y), years[String(y)] || 0]);
      pairs = all;
      title = "rows per year of " + day;
    }
    const width = 760, height = 160, slot = Math.min((width - 50) / pairs.length, 60);
    const top = Math.max(...pairs.map((p) => p[1]), 1);
    const root = svg("svg", { viewBox: "0 0 " + width + " " + (height + 24), width: width, role: "img", class: "plot result-chart" });
    root.appendChild(svg("title", {}, title));
    pairs.forEach(([label, value], i) => {
      const h = Math.max(0, (height - 16) * value / top);
      const x = 40 + i * slot;
      const bar = svg("rect", { x: x + slot * 0.12, y: height - h, width: slot * 0.76, height: h, class: "bar" });
      bar.appendChild(svg("title", {}, label + ": " + value));
      root.appendChild(bar);
      if (pairs.length <= 30) root.appendChild(svg("text", { x: x + slot / 2, y: height - h - 3, class: "value" }, String(value)));
      if (i % Math.max(1, Math.floor(pairs.length / 16)) === 0) {
        root.appendChild(svg("text", { x: x + slot / 2, y: height + 14, class: "tick middle" }, label.slice(0, 12)));
      }
    });
    const figure = el("figure", null, "result-chart");
    figure.appendChild(el("figcaption", title, "note"));
    figure.appendChild(root);
    return figure;
  }

  async function run() {
    const started = performance.now();
    out.replaceChildren(el("p", "Running…", "status"));
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: text.value }),
      });
    } catch (err) {
      out.replaceChildren(el("p", "The endpoint could not be reached: " + err, "error"));
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const body = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      let message = body;
      try { message = JSON.parse(body).detail || body; } catch (e) { /* plain text */ }
      out.replaceChildren(el("p", response.status + ": " + message, "error"));
      return;
    }
    const parts = [];
    if (type.includes("sparql-results+json")) {
      const data = JSON.parse(body);
      if (typeof data.boolean === "boolean") {
        parts.push(el("p", "Answer: " + data.boolean, "answer"));
      } else {
        const n = data.results.bindings.length;
        parts.push(el("p", n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s", "status"));
        const t = table(data);
        const figure = chart(data);
        if (figure) parts.push(figure);
        parts.push(t);
        labels(t);
      }
    } else {
      parts.push(el("p", "Graph (Turtle) in " + seconds + " s", "status"));
      parts.push(el("pre", body));
    }
    if (response.headers.get("X-SPARQL-Truncated") === "true") {
      parts.push(el("p", "Only the first " + response.headers.get("X-SPARQL-Max-Rows") +
        " rows are shown: the endpoint's row limit cut the results.", "note truncated"));
    }
    out.replaceChildren(...parts);
    const url = new URL(window.location.href);
    url.searchParams.set("query", text.value);
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => { text.value = button.dataset.query; run(); });
  });
  if (form.dataset.autorun === "1") run();
})();

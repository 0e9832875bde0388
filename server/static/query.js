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
        parts.push(table(data));
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

// Search as you type: the box in every page's header asks /search.json and lists the best hits under
// it. Without JavaScript the box is a plain form that opens /search. Data is written as text only.
(function () {
  "use strict";
  function attach(form) {
    const input = form.querySelector("input[name=q]");
    const list = form.querySelector(".suggestions");
    const url = form.dataset.suggest;
    if (!input || !list || !url) return;
    let timer = null;
    let asked = 0;
    function clear() { list.replaceChildren(); list.hidden = true; }
    function show(data, n) {
      if (n !== asked) return; // an older answer arriving late
      list.replaceChildren();
      data.hits.forEach(function (hit) {
        const a = document.createElement("a");
        a.className = "suggestion";
        a.setAttribute("role", "option");
        if (hit.href) a.href = hit.href;
        const kind = document.createElement("span");
        kind.className = "kind kind-" + hit.kind;
        kind.textContent = hit.kind;
        const label = document.createElement("span");
        label.textContent = " " + hit.label + (hit.date ? " (" + hit.date + ")" : "");
        a.append(kind, label);
        list.appendChild(a);
      });
      const all = document.createElement("a");
      all.className = "suggestion all";
      all.href = form.action + "?q=" + encodeURIComponent(input.value);
      all.textContent = data.hits.length ? "All hits…" : "No hits";
      list.appendChild(all);
      list.hidden = false;
    }
    function ask() {
      const q = input.value.trim();
      if (!q) { clear(); return; }
      const n = ++asked;
      fetch(url + "?limit=8&count=0&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) show(data, n); })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 60);
    });
    input.addEventListener("keydown", function (e) {
      const items = Array.from(list.querySelectorAll("a"));
      const at = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); items[0].focus(); }
      if (e.key === "Escape") clear();
      if (at >= 0) e.preventDefault();
    });
    list.addEventListener("keydown", function (e) {
      const items = Array.from(list.querySelectorAll("a"));
      const at = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && at < items.length - 1) { e.preventDefault(); items[at + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? items[at - 1] : input).focus(); }
      if (e.key === "Escape") { clear(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) clear(); });
    list.hidden = true;
  }
  function start() { document.querySelectorAll("form.search[data-suggest]").forEach(attach); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* "My country": a reader picks a country once, and the choice is kept on this device
 * (localStorage: no server, no cookie; it works from the files of the offline pack too).
 *
 * Every page that shows countries gets a picker under its title. With a country chosen:
 * - the evidence lists grouped by country (div.course-grouped[data-group-by=Country]) open on it,
 *   its group first;
 * - the alignment matrix puts its row first, marked;
 * - the schedule shows its clock first: its time column first in the session table, its row
 *   first in the start-and-end table;
 * and a line under the picker links to what the page holds for it.
 * Nothing here adds markup from data: names are read from the page and set as text.
 */
(function () {
  "use strict";
  var KEY = "course-country";

  function stored() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function store(value) {
    try {
      if (value) window.localStorage.setItem(KEY, value); else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage refused (private browsing): the choice lasts for this page */ }
  }
  function text(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  /* The country-keyed blocks of this page. */
  function countryGroups() {
    return all('.course-grouped[data-group-by="Country"] > details.course-group');
  }
  function matrixRows() {
    return all("table.alignment-matrix tbody tr").filter(function (tr) { return tr.querySelector("th[scope=row]"); });
  }
  function scheduleTables() {
    /* the schedule: a table whose first heading is "Country" (start and end), and one whose time
     * headings name countries ("UTC+7 (Indonesia, Thailand)") */
    var places = null, sessions = null;
    all(".bd-article table").forEach(function (table) {
      var heads = all("thead th", table).map(text);
      if (heads[0] === "Country" && heads.indexOf("Starts") >= 0) places = table;
      if (heads.some(function (h) { return /^UTC[+-−]?[\d:]*\s*\(/.test(h); })) sessions = table;
    });
    return { places: places, sessions: sessions };
  }

  function names() {
    var seen = [];
    function add(name) { if (name && seen.indexOf(name) < 0) seen.push(name); }
    matrixRows().forEach(function (tr) { add(text(tr.querySelector("th[scope=row]"))); });
    countryGroups().forEach(function (d) { add(d.getAttribute("data-group")); });
    var s = scheduleTables();
    if (s.places) all("tbody tr", s.places).forEach(function (tr) { add(text(tr.cells[0])); });
    return seen;
  }

  /* Put the chosen item first among its siblings, others back in their first order. */
  function reorder(items, isMine) {
    items.forEach(function (el, i) { if (!el.hasAttribute("data-order")) el.setAttribute("data-order", i); });
    var sorted = items.slice().sort(function (a, b) {
      var ma = isMine(a) ? 0 : 1, mb = isMine(b) ? 0 : 1;
      return ma - mb || a.getAttribute("data-order") - b.getAttribute("data-order");
    });
    if (!sorted.length) return;
    var parent = sorted[0].parentNode, anchor = sorted[sorted.length - 1].nextSibling;
    sorted.forEach(function (el) { parent.insertBefore(el, anchor); });
    items.forEach(function (el) { el.classList.toggle("course-mine", isMine(el)); });
  }

  function applyGroups(country) {
    var groups = countryGroups();
    var byParent = new Map();
    groups.forEach(function (d) {
      if (!byParent.has(d.parentNode)) byParent.set(d.parentNode, []);
      byParent.get(d.parentNode).push(d);
    });
    byParent.forEach(function (list) {
      reorder(list, function (d) { return d.getAttribute("data-group") === country; });
    });
    groups.forEach(function (d) { if (d.getAttribute("data-group") === country) d.open = true; });
  }

  function applyMatrix(country) {
    all("table.alignment-matrix tbody").forEach(function (tbody) {
      var rows = all(":scope > tr", tbody);
      reorder(rows, function (tr) { return text(tr.querySelector("th[scope=row]")) === country; });
    });
  }

  function applySchedule(country) {
    var s = scheduleTables();
    if (s.places) {
      reorder(all("tbody > tr", s.places), function (tr) { return text(tr.cells[0]) === country; });
    }
    if (!s.sessions) return;
    var heads = all("thead th", s.sessions);
    heads.forEach(function (th, i) { if (!th.hasAttribute("data-col")) th.setAttribute("data-col", i); });
    var mine = -1;
    heads.forEach(function (th) {
      var m = /\((.*)\)\s*$/.exec(text(th));
      if (m && country && m[1].split(/,\s*/).indexOf(country) >= 0) mine = +th.getAttribute("data-col");
    });
    all("tr", s.sessions).forEach(function (tr) {
      var cells = Array.prototype.slice.call(tr.cells);
      cells.forEach(function (c, i) { if (!c.hasAttribute("data-col")) c.setAttribute("data-col", i); });
      cells.sort(function (a, b) {
        var ca = +a.getAttribute("data-col"), cb = +b.getAttribute("data-col");
        return (ca === mine ? -1 : ca) - (cb === mine ? -1 : cb);
      }).forEach(function (c) {
        c.classList.toggle("course-mine", +c.getAttribute("data-col") === mine);
        tr.appendChild(c);
      });
    });
  }

  function describe(note, country) {
    note.textContent = "";
    if (!country) { note.textContent = "Choose your country: this page will open on it, on this device."; return; }
    var group = countryGroups().filter(function (d) { return d.getAttribute("data-group") === country; })[0];
    var parts = [];
    if (group) {
      if (!group.id) group.id = "mine-" + country.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();
      var count = group.querySelector(".course-count");
      parts.push(["its reports " + (count ? text(count) : ""), "#" + group.id]);
    }
    var row = matrixRows().filter(function (tr) { return text(tr.querySelector("th[scope=row]")) === country; })[0];
    if (row) {
      var table = row.closest("table");
      if (!table.id) table.id = "mine-matrix";
      parts.push(["its row in the matrix", "#" + table.id]);
    }
    var page = all("nav.bd-docs-nav a, .bd-sidebar-primary a").filter(function (a) {
      return text(a) === country || text(a).indexOf(country + ":") === 0;
    })[0];
    if (page) parts.push(["its country page", page.getAttribute("href")]);
    note.appendChild(document.createTextNode("Your country: " + country + (parts.length ? ". See " : ".")));
    parts.forEach(function (p, i) {
      if (i) note.appendChild(document.createTextNode(i === parts.length - 1 ? " and " : ", "));
      var a = document.createElement("a");
      a.href = p[1];
      a.textContent = p[0].trim();
      note.appendChild(a);
    });
    if (parts.length) note.appendChild(document.createTextNode("."));
  }

  function apply(country, note) {
    applyGroups(country);
    applyMatrix(country);
    applySchedule(country);
    describe(note, country);
  }

  function picker(list, country) {
    var box = document.createElement("div");
    box.className = "course-mycountry";
    var label = document.createElement("label");
    label.textContent = "My country ";
    var select = document.createElement("select");
    select.className = "course-mycountry-select";
    var none = document.createElement("option");
    none.value = "";
    none.textContent = "(not chosen)";
    select.appendChild(none);
    list.forEach(function (name) {
      var o = document.createElement("option");
      o.value = name;
      o.textContent = name;
      select.appendChild(o);
    });
    select.value = list.indexOf(country) >= 0 ? country : "";
    label.appendChild(select);
    var note = document.createElement("p");
    note.className = "course-mycountry-note";
    box.appendChild(label);
    box.appendChild(note);
    select.addEventListener("change", function () {
      store(select.value);
      apply(select.value, note);
    });
    return { box: box, note: note };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = names();
    if (!list.length) return;
    var country = stored();
    var made = picker(list, country);
    var title = document.querySelector(".bd-article h1");
    if (title) title.parentNode.insertBefore(made.box, title.nextSibling);
    apply(list.indexOf(country) >= 0 ? country : "", made.note);
  });
})();

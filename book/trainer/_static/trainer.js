/* Trainer edition only (added to the trainer site by course.py build): the agenda cards' second
   clock, in the zone the trainer picks, and the block under way highlighted by this device's clock.
   No network: time zones come from the browser's own Intl data. */
(function () {
  "use strict";
  var KEY = "ocsea-agenda-second-zone";

  function clock(date, zone) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(date);
  }
  function dayOf(date, zone) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(date);
  }
  function withDay(date, zone, day) {
    var text = clock(date, zone);
    if (dayOf(date, zone) === day) return text;
    return text + " (" + new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "short" })
      .format(date) + ")";
  }
  function offset(date, zone) {
    try {
      var part = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "shortOffset" })
        .formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value.replace("GMT", "UTC") : zone;
    } catch (e) { return zone; }
  }
  function chosen(select) {
    return select.value === "device" ? Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" : select.value;
  }

  function setUp(root) {
    var select = root.querySelector(".agenda-zone-select");
    var cards = Array.prototype.slice.call(root.querySelectorAll(".agenda-card"));
    var day = root.getAttribute("data-day");
    if (!select || !cards.length) return;
    try {
      var stored = window.localStorage.getItem(KEY);
      if (stored && select.querySelector('option[value="' + stored.replace(/"/g, "") + '"]')) select.value = stored;
    } catch (e) { /* storage refused (private window): keep the default */ }

    function render() {
      var zone = chosen(select);
      cards.forEach(function (card) {
        var start = new Date(card.getAttribute("data-start")), end = new Date(card.getAttribute("data-end"));
        var shown = card.querySelector(".agenda-clock-second");
        if (shown) shown.textContent = withDay(start, zone, day) + "\u2013" + withDay(end, zone, day) + " " + offset(start, zone);
      });
      var name = root.querySelector(".agenda-second-name");
      if (name) name.textContent = zone + " (" + offset(new Date(cards[0].getAttribute("data-start")), zone) + ")";
    }
    function highlight() {
      var now = Date.now();
      cards.forEach(function (card) {
        var on = Date.parse(card.getAttribute("data-start")) <= now && now < Date.parse(card.getAttribute("data-end"));
        card.classList.toggle("agenda-card-now", on);
        if (on) card.setAttribute("aria-current", "time"); else card.removeAttribute("aria-current");
      });
    }
    select.addEventListener("change", function () {
      try { window.localStorage.setItem(KEY, select.value); } catch (e) { /* not kept: fine */ }
      render();
    });
    render();
    highlight();
    window.setInterval(highlight, 30000);
  }

  function start() { document.querySelectorAll(".agenda-cards").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

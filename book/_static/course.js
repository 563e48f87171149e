/* The course's small fixes to the theme's behaviour (loaded with `defer` on every page).
 *
 * Colour button: pydata-sphinx-theme cycles light -> auto -> dark; on a light system "auto" looks
 * like light, so the first press seemed to do nothing. Here each press switches between light and
 * dark, the way the theme itself records a choice (localStorage "mode" and "theme", read by the
 * inline script at the top of every page). The listener runs in the capture phase, before the
 * theme's own, and stops it.
 */
(function () {
  "use strict";
  function label(mode) {
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      button.setAttribute("aria-label", mode === "dark" ? "Colour mode: dark (switch to light)"
                                                        : "Colour mode: light (switch to dark)");
    });
  }
  function setMode(mode) {
    var root = document.documentElement;
    root.dataset.mode = mode;
    root.dataset.theme = mode;
    try {
      localStorage.setItem("mode", mode);
      localStorage.setItem("theme", mode);
    } catch (e) { /* private browsing: the choice lasts for this page only */ }
    document.querySelectorAll(".dropdown-menu").forEach(function (menu) {
      menu.classList.toggle("dropdown-menu-dark", mode === "dark");
    });
    label(mode);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".theme-switch-button");
    if (!button) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    setMode(document.documentElement.dataset.theme === "dark" ? "light" : "dark");
  }, true);
  /* A visible cue on every box whose table is wider than the column (and so scrolls sideways). */
  /* A box that scrolls is also given the keyboard focus (tabindex) and a name, so it can be
   * scrolled without a mouse (axe: scrollable-region-focusable). */
  function scrollBoxes() {
    return Array.prototype.filter.call(document.querySelectorAll(".bd-article div"), function (el) {
      var overflow = getComputedStyle(el).overflowX;
      return overflow === "auto" || overflow === "scroll";
    });
  }
  function markScrolling() {
    scrollBoxes().forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("course-scrolls", scrolls);
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
      }
      var cue = box.previousElementSibling;
      var hasCue = cue && cue.classList.contains("course-scroll-cue");
      if (scrolls && !hasCue) {
        cue = document.createElement("p");
        cue.className = "course-scroll-cue";
        cue.textContent = "More columns: swipe or scroll sideways \u2192";
        box.parentNode.insertBefore(cue, box);
      } else if (!scrolls && hasCue) {
        cue.remove();
      }
    });
  }
  /* Tables folded for phones (details.course-phone-fold) are open on a screen wide enough to read them. */
  function openWideFolds() {
    if (!window.matchMedia("(min-width: 960px)").matches) return;
    document.querySelectorAll("details.course-phone-fold").forEach(function (d) { d.open = true; });
  }
  document.addEventListener("DOMContentLoaded", openWideFolds);
  window.addEventListener("resize", markScrolling);
  window.addEventListener("load", markScrolling);
  /* Printing shows every collapsed block (long evidence tables, practice answers). */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
  document.addEventListener("DOMContentLoaded", function () {
    label(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
  });
})();

"""The library's own words in the page's language: gettext catalogues keyed by the English text.

A translated edition's notebooks start with ``i18n.use("id")`` (a hidden cell the build adds), so
every chart title, axis label, legend, table header, notice and caption a unit draws comes out in
that language. Two catalogues are read, both ``.po`` files a translator edits in Poedit or Weblate:

- ``locales/<code>/LC_MESSAGES/coursekit.po``: the library's words, marked ``_("...")`` in
  ``coursekit.book`` (``translate extract`` collects them with babel);
- ``locales/<code>/LC_MESSAGES/data.po``: data text readers see (glossary, challenges, steps taken,
  practice questions), keyed by the English text. A build reads it merged against the current English
  (``model.data_text``), so a changed English text is shown in English with a notice, never with the
  translation of its old English.

Both files are recorded as read by the unit (as data files are), so the build re-runs a
language's units when its catalogues change, and only that language's. English needs no catalogue:
``_`` returns its argument unchanged, and no file is read.

Charts are drawn with a font fallback list (``FONT_FALLBACK``) so Thai, Lao, Sinhala, Tamil and
Thaana letters render from the Noto fonts of Debian's fonts-noto-core package.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from ..model import languages as langs
from ..model.evidence import MARK
from ..model.text import html_text
from . import data

SOURCE = langs.SOURCE_LANGUAGE
# Noto families of fonts-noto-core for the region's scripts, after the default Latin font; matplotlib
# (3.6+) takes each glyph from the first family of the list that has it.
FONT_FALLBACK = ["DejaVu Sans", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Sinhala", "Noto Sans Tamil",
                 "Noto Sans Thaana", "Noto Sans"]

_state: dict[str, object] = {"code": SOURCE, "words": {}, "stale": set()}


def N_(text: str) -> str:  # noqa: N802 (gettext's name for "extract this, translate it where it is shown")
    """Mark a literal for ``translate extract`` where it cannot be translated yet (a default argument):
    the chart's texts are translated when it is saved and shown (``translate_figure``, ``Chart.markdown``)."""
    return text


# Column headers the page modules write as dictionary keys (country_updates, casestudies, ...): listed
# here so ``translate extract`` offers them; Table translates every header through the catalogue.
TABLE_HEADERS = (N_("Law"), N_("What it does"), N_("Source"), N_("Fact"), N_("Year"), N_("Step taken"),
                 N_("Treaty"), N_("Status"), N_("Since"), N_("As of"), N_("Note"), N_("Provision"),
                 N_("Standards"), N_("Section"), N_("What the source shows"), N_("Country"), N_("Category"))


# Month names of the book's one date format ('1 December 2026', ``model.dates.format_date``): a date in a
# caption or notice is shown with its month in the page's language.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")

# Shown after a data text whose translation is of older English (the text is shown in English).
STALE_DATA = N_("(The English text changed after it was translated. It is shown in English until the "
                "translation is updated.)")


def use(code: str) -> None:
    """Draw every following chart and table in ``code``'s language (``"en"``: English).

    Data text is read from the build's merged data catalogue (``model.data_text``: the language's
    ``data.po`` merged against the current English, as ``translate update`` would), so an entry whose
    English changed is stale: never shown, its English shown with a notice (``html``)."""
    words: dict[str, str] = {}
    stale: set[str] = set()
    if code != SOURCE:
        merged = data.data_catalogue(code)
        for p in (langs.catalogue_path(data.root(), code, langs.LIBRARY_DOMAIN), merged):
            data.record_read(p)
            for m in langs.read_catalogue(p, code):
                if not (isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string):
                    continue
                if langs.usable(m):
                    words[m.id] = m.string
                elif p == merged:
                    stale.add(m.id)
        _use_fonts()
    _state["code"] = code
    _state["words"] = words
    _state["stale"] = stale


def html(text: str) -> str:
    """Data text (already through ``_``) as escaped HTML for the page. Text holding English whose
    translation is stale is marked as English and followed by the notice, in the page's language."""
    shown = html_text(text)
    stale: set[str] = _state.get("stale") or set()  # type: ignore[assignment]
    if stale and any(s in text for s in stale):
        return (f'<span class="course-stale" lang="en">{shown}</span> '
                f'<em class="course-stale-notice">{html_text(_(STALE_DATA))}</em>')
    return shown


def language() -> str:
    """The language charts and tables are drawn in now."""
    return str(_state["code"])


def _(text: str) -> str:
    """``text`` in the current language: its catalogue entry, else the English text itself."""
    words: dict[str, str] = _state["words"]  # type: ignore[assignment]
    if not words or not text:
        return text
    found = words.get(text)
    if found is None:
        flat = " ".join(text.split())  # wrapped titles are looked up as one line
        found = words.get(flat)
        if found is not None and "\n" in text:
            return textwrap.fill(found, max(len(line) for line in text.splitlines()))
    if found is None and text.endswith(MARK) and text[:-1] in words:  # a secondary cell's word: 'Yes*'
        return words[text[:-1]] + MARK
    return found if found is not None else text


def dates_in(text: str) -> str:
    """``text`` (a date, or words holding dates) with each English month name in the current language."""
    return _MONTH.sub(lambda m: _(m[0]), text) if language() != SOURCE else text


_CAPTION = re.compile(r"^Source: (?P<src>.*?)\.(?: Data as of (?P<date>[^.]+)\.)?(?P<rest>\s.*)?$", re.S)


def caption(text: str) -> str:
    """A chart or table caption ('Source: A; B. Data as of 1 November 2026. Notes.') in the current
    language; source titles keep their original wording (they name documents). What follows the
    source and date (notes the page module added, each already through ``_``) is looked up whole."""
    if language() == SOURCE or _(text) != text:
        return _(text)  # a whole caption the catalogue knows
    m = _CAPTION.match(text.strip())
    if not m:
        return _(text)
    out = _("Source: {sources}.").format(sources=m["src"])
    if m["date"]:
        out += " " + _("Data as of {date}.").format(date=dates_in(m["date"]))
    if m["rest"] and m["rest"].strip():
        out += " " + _(m["rest"].strip())
    return out


def _use_fonts() -> None:
    import matplotlib

    # named families, not the generic "sans-serif": matplotlib falls back glyph by glyph only along a list
    # of families (a generic family resolves to one font)
    matplotlib.rcParams["font.family"] = installed_fonts()


def installed_fonts() -> list[str]:
    """FONT_FALLBACK's families that are installed (matplotlib warns about each missing one)."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    if not set(FONT_FALLBACK) <= have:  # fonts installed after matplotlib made its font list: add them
        wanted = tuple(name.replace(" ", "") + "-" for name in FONT_FALLBACK if name not in have)
        for path in font_manager.findSystemFonts():
            if Path(path).name.startswith(wanted) and Path(path).suffix.lower() in (".ttf", ".otf"):
                font_manager.fontManager.addfont(path)
        have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in FONT_FALLBACK if f in have] or ["DejaVu Sans"]


def catalogue_file(code: str, domain: str) -> Path:
    """Where ``code``'s catalogue of ``domain`` lives in the course."""
    return langs.catalogue_path(data.root(), code, domain)


def translate_figure(figure) -> None:  # noqa: ANN001 (a matplotlib Figure; not imported for English pages)
    """Every visible text of a drawn chart (title, axis labels, tick labels, legend) in the current
    language, looked up by its English text. Chart functions stay written in English."""
    if language() == SOURCE:
        return
    from matplotlib.text import Text

    figure.draw_without_rendering()  # tick labels exist only once drawn
    for ax in figure.axes:  # tick labels are remade from the axis' formatter at each draw: set them there
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t.get_text() for t in axis.get_ticklabels()]
            if any(_(label) != label for label in labels):
                axis.set_ticks(axis.get_ticklocs(), labels=[_(label) for label in labels])
    for t in figure.findobj(Text):
        text = t.get_text()
        if text.strip():
            new = _(text)
            if new != text:
                t.set_text(new)


def beside(original: str) -> str:
    """A law's title or a quotation: the original kept, the translation (if any) beside it, marked."""
    found = _(original)
    if found == original:
        return original
    return _("{original} [translation: {translation}]").format(original=original, translation=found)

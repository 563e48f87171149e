"""What a handbook prints once: the units of a handbook cite the same documents, show some of the same
tables, and the regional page lists rows every country's update lists again. On paper each is printed
once, and the other places say where it is (the participant handbook, ``Handout.shared_sources`` and
``Handout.lists_once``)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def _note(soup: BeautifulSoup, text: str) -> Tag:
    """The line a handbook prints where it leaves something to another place."""
    note = soup.new_tag("p")
    note["class"] = "handout-sources-note"
    note.string = text
    return note


def repeated_lists_once(html: str) -> str:
    """A handbook prints every country's page, each with its list of reported challenges (each row
    with what was done since): the lists that repeat those rows (the regional page's country by
    country, a country's "reported, then done since") are left to them, with a line saying where."""
    soup = BeautifulSoup(html, "lxml")
    if not soup.select(".course-repeats-country"):
        return html
    for block in soup.select(".course-repeats-elsewhere"):
        title = block.select_one(".course-table-title") or block.select_one("caption")
        block.replace_with(_note(soup, (title.get_text(" ", strip=True).rstrip(".") + ". " if title else "")
                                 + "In this handbook each of these reports is listed once, in its country's "
                                 "update under \"Reported challenges\", with what was done since."))
    return str(soup)


def repeated_tables_once(html: str) -> str:
    """Two units of a handbook may show the same table (a treaty's articles, a key-facts table): the
    second time it is a line naming the unit where it is printed, with the table's title."""
    soup = BeautifulSoup(html, "lxml")
    first: dict[str, str] = {}
    for table in soup.select("section.handout-part table"):
        if table.find_parent(class_="course-grouped") or table.find_parent("table"):
            continue
        key = " ".join(table.get_text(" ", strip=True).split())
        part = table.find_parent("section", class_="handout-part")
        h1 = part.find("h1") if part is not None else None
        where = " ".join(h1.get_text(" ", strip=True).rstrip("#").split()) if h1 else ""
        if key not in first:
            first[key] = where
            continue
        if first[key] == where:
            continue  # the same unit: left as it is
        block = table.find_parent("div", class_="course-table-wrap") or table
        caption = table.find("caption")
        title = " ".join(caption.get_text(" ", strip=True).split()).rstrip(".") if caption else "This table"
        block.replace_with(_note(soup, f"{title}: the same table as in \u201c{first[key]}\u201d, earlier in this handbook."))
    return str(soup)


def shared_sources(html: str) -> str:
    """Every unit's list of sources replaced by the numbers of its sources in one list at the end,
    where each source is listed once: the units of a handbook cite many of the same documents."""
    html = html.replace("listed under Sources at the end of this page",
                        "listed under \"Sources of all units\" at the end of the handbook")
    soup = BeautifulSoup(html, "lxml")
    listed: dict[str, Tag] = {}
    for ol in soup.select("ol.course-sources"):
        numbers = []
        for li in ol.find_all("li", recursive=False):
            key = " ".join(li.get_text(" ", strip=True).split())
            if key not in listed:
                listed[key] = li
            numbers.append(list(listed).index(key) + 1)
        (ol.find_parent("details") or ol).replace_with(_note(soup, (
            f"This unit's {len(numbers)} sources are listed under \"Sources of all units\" at the end of "
            f"the handbook: numbers {', '.join(map(str, numbers))}.")))
    if listed and soup.body is not None:
        end = soup.new_tag("section")
        end["class"] = "handout-part handout-bibliography"
        title = soup.new_tag("h2")
        title.string = "Sources of all units"
        merged = soup.new_tag("ol")
        merged["class"] = "course-sources"
        for li in listed.values():
            merged.append(li)
        end.append(title)
        end.append(merged)
        soup.body.append(end)
    return str(soup)

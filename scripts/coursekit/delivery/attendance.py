"""Importing a delivery's attendance, pseudonymously: who took part, by role, agency, country and sex.

Programmes report participants by role (police, prosecutors, judges), agency type, country and
sex, and completion. The import keeps exactly those fields and a participant code (to link the
knowledge checks); any other column of the export (names, e-mail addresses) is dropped and the
trainer is told so, because a name must never reach a report.
"""

from __future__ import annotations

from pathlib import Path

from ..model.findings import Finding, InputError
from .evaluation_store import Export, norm, read_export

ROLES = {"police": "police", "police officer": "police", "investigator": "police", "law enforcement": "police",
         "prosecutor": "prosecutor", "prosecutors": "prosecutor", "public prosecutor": "prosecutor",
         "judge": "judge", "judges": "judge", "magistrate": "judge", "other": "other"}
SEXES = {"female": "female", "f": "female", "woman": "female", "male": "male", "m": "male", "man": "male",
         "other": "other", "": "not given", "prefer not to say": "not given", "not given": "not given"}
CODE = ("participant code", "participant", "code", "participant id", "pseudonym")
SKIPPED_HINT = "names and contact details are never kept: only the code links a person to their answers"


def _country(value: str, countries: dict[str, str]) -> str | None:
    """An ISO code from a code or a country's name (as listed in data/countries.csv)."""
    v = value.strip()
    if v.upper() in countries:
        return v.upper()
    by_name = {norm(name): code for code, name in countries.items()}
    return by_name.get(norm(v))


def parse(export: Export, countries: dict[str, str], sessions: int) -> tuple[list[dict[str, object]], list[str]]:
    """Normalised attendance rows and notes for the trainer; every bad row is a finding (all at once)."""
    cols = {"code": export.column(*CODE), "role": export.column("role", "profession"),
            "agency": export.column("agency type", "agency", "institution type"),
            "country": export.column("country"), "sex": export.column("sex", "gender"),
            "sessions": export.column("sessions attended", "sessions")}
    missing = [k for k in ("code", "role", "agency", "country") if cols[k] is None]
    if missing:
        raise InputError([Finding(export.shown, 1, "ATTENDANCE-COLUMNS", f"no column for: {', '.join(missing)}",
                                  "head the columns 'Participant code', 'Role', 'Agency type', 'Country' "
                                  "(and optionally 'Sex', 'Sessions attended')")])
    used = {c for c in cols.values() if c is not None}
    notes = [f"column '{h}' was not kept ({SKIPPED_HINT})" for i, h in enumerate(export.headers) if i not in used]
    rows: list[dict[str, object]] = []
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for n, cells in export.rows:
        def cell(key: str, cells: list[str] = cells) -> str:
            i = cols[key]
            return cells[i] if i is not None else ""

        code = "".join(cell("code").split()).casefold()
        role = ROLES.get(norm(cell("role")))
        country = _country(cell("country"), countries)
        sex = SEXES.get(norm(cell("sex")))
        problems = []
        if not code:
            problems.append("no participant code")
        elif code in seen:
            problems.append(f"the participant code is also on row {seen[code]}")
        if role is None:
            problems.append("role must be police, prosecutor, judge or other")
        if country is None:
            problems.append(f"country must be a code or name from data/countries.csv ({', '.join(sorted(countries))})")
        if sex is None:
            problems.append("sex must be female, male, other or blank")
        attended = cell("sessions")
        if attended and not (attended.isdigit() and int(attended) <= sessions):
            problems.append(f"sessions attended must be a whole number from 0 to {sessions}")
        if not cell("agency"):
            problems.append("no agency type")
        if problems:
            findings.append(Finding(export.shown, n, "ATTENDANCE-ROW", f"row {n}: {'; '.join(problems)}",
                                    "correct the row in the export and import it again"))
            continue
        seen[code] = n
        rows.append({"code": code, "role": role, "agency_type": norm(cell("agency")), "country": country,
                     "sex": sex, "sessions_attended": attended or ""})
    if findings:
        raise InputError(findings)
    return rows, notes


def read(path: Path, shown: str, countries: dict[str, str], sessions: int) -> tuple[list[dict[str, object]], list[str]]:
    return parse(read_export(path, shown), countries, sessions)

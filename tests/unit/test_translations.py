"""Every message of the interface exists in English, and the catalogue is up to date with the code.

French is the source language. A string added to a page without a translation fails here, with the
command that fixes the catalogue.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def messages_in_code() -> set[str]:
    method_map = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def english_catalogue():
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def test_every_message_in_the_code_has_an_english_translation():
    catalogue = english_catalogue()
    missing = []
    for message_id in sorted(messages_in_code()):
        entry = catalogue.get(message_id)
        strings = entry.string if entry is not None else None
        complete = strings and (all(strings) if isinstance(strings, tuple) else True)
        if entry is None or entry.fuzzy or not complete:
            missing.append(message_id)
    assert not missing, (
        f"{len(missing)} message(s) without English translation; run `make translations-update` "
        f"and translate them in app/translations/en/LC_MESSAGES/messages.po: {missing[:10]}"
    )


def test_translations_keep_their_placeholders():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in english_catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == expected, entry.id

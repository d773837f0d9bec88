"""Fill resources/translations/posapp_pt_BR.ts with the pt_BR plural forms of the UI's "%n" texts.

The UI's source language is pt_BR, so pt_BR needs no translation except for plurals: Qt
replaces "%n" but only a translation picks the form for the number. lupdate -pluralonly
lists those texts; each is written the Brazilian way, "%n venda(s)", "%n item(ns)", and the
forms follow from the marks: "1 venda" / "2 vendas", "1 item" / "2 itens". A text without a
mark keeps its source for every form.

    .venv/bin/pyside6-lupdate <posapp/ui/**.py> -pluralonly -source-language pt_BR \\
        -target-language pt_BR -ts resources/translations/posapp_pt_BR.ts
    .venv/bin/python scripts/plurals_pt_BR.py
    .venv/bin/pyside6-lrelease resources/translations/posapp_pt_BR.ts

(`scripts/update-translations.sh` runs them.)
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "posapp_pt_BR.ts"


def forms(source: str) -> tuple[str, str]:
    """(singular, plural) of a text marked "palavra(s)", "palavra(es)" or "item(ns)"."""
    singular = re.sub(r"\((?:s|es|ns)\)", "", source)
    plural = re.sub(r"m\(ns\)", "ns", source)
    plural = re.sub(r"\((s|es)\)", r"\1", plural)
    return singular, plural


def main() -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    root.set("language", "pt_BR")
    root.set("sourcelanguage", "pt_BR")
    for message in root.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in forms(source):
            ET.SubElement(translation, "numerusform").text = form
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

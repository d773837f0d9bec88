#!/usr/bin/env bash
# Re-extract the UI's pt_BR strings, fill in the English and the pt_BR plurals, compile the .qm.
# Run after changing any user-visible string in posapp/ui; commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
mapfile -t sources < <(find posapp/ui -name '*.py' | sort)
"$BIN/pyside6-lupdate" "${sources[@]}" -no-obsolete -source-language pt_BR -target-language en \
  -ts resources/translations/posapp_en.ts
"$BIN/python" scripts/translate_en.py
"$BIN/pyside6-lrelease" resources/translations/posapp_en.ts -qm resources/translations/posapp_en.qm
# pt_BR is the source language: only the plural forms of the "%n" texts ("1 venda", "2 vendas").
"$BIN/pyside6-lupdate" "${sources[@]}" -pluralonly -no-obsolete -source-language pt_BR \
  -target-language pt_BR -ts resources/translations/posapp_pt_BR.ts
"$BIN/python" scripts/plurals_pt_BR.py
"$BIN/pyside6-lrelease" resources/translations/posapp_pt_BR.ts -qm resources/translations/posapp_pt_BR.qm

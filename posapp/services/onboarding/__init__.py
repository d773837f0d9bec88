"""A new store's first steps: the first-run wizard, the quick start, the demo, and the
search for printers and ports the wizard and Gerência offer.

`wizard` (the first-run wizard's services), `quick_start` (`posapp --preset`), `demo`
(a demo database), `printer_search` (Windows, USB and serial printers found here).

Imports: any domain below it (admin included).
"""

"""Reports in the UI: the A4 PDF of an X or Z report (Qt's own PDF writer)."""

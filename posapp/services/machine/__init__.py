"""This computer's files: the device settings file, replacing a file safely (Windows
antivirus included), and saying in words why the database file cannot be used.

`settings` (printer, paper, drawer, scanner in `machine.json` in the OS user's config
folder), `file_replace` (atomic replacement with retries), `database_file` (empty,
damaged, read-only, disk full).

Imports: `posapp.core` only: below every domain, with no database session.
"""

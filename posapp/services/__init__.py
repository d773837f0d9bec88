"""Use cases grouped by domain, one package each; one unit of work per user action.

From the top: `admin`; `sales` and `sync` side by side; `cash`; `customers`;
`messages`; `loyalty`; `common`. A package imports only those below it (checked by
import-linter in `make lint` and by tests/test_architecture.py). See
docs/ARCHITECTURE.md.
"""

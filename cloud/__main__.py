"""`python -m cloud` is the `posapp-cloud` command."""

from cloud.cli import main

raise SystemExit(main())

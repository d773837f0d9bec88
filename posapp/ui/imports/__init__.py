"""CSV import and export of the catalogue and the customers."""

"""The counter's storage: models, engine, migrations.

Importing `db.models` loads every table (it imports the salon's at its end); `db` alone
loads nothing, so `db.revisions` can be read before SQLAlchemy is imported.
"""

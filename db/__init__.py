"""The counter's storage: models, engine, migrations. Importing any part loads every table."""

from db import salon_models as salon_models

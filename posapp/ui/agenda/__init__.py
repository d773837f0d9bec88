"""The Agenda screen (Ctrl+7): the salon's book by professional, bookings, statements."""

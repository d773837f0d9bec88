"""The salon's appointment book: bookings, working hours, arrivals, reminders, no-shows.

`hours` (each professional's week, breaks and days off), `booking` (book, move, lengthen,
change status; clashes and hours refused; every change an `appointment.saved` outbox
event so the chain's other counters see it), `book_reads` (the day and the week as the
Agenda shows them, no-shows per client, appointments closed by their sale), `arrival`
("Chegou": the appointment becomes a parked cart on the sale screen), `reminders` (the
day-before and 2-hour reminders through the message outbox, once each).

Imports: `sales` (parking), `customers`, `messages`, `common`; never sync (the sync
domain applies pulled `appointment.saved` events to the table itself).
"""

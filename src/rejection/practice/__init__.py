"""Use cases that span the domain apps, each one named function that calls them in order.

Logging an ask writes the journal, checks milestones and queues the coach's learning
(`asks`); today's card is chosen by the coach and kept by progress (`today`); a change
of streak mode recounts the journal's streaks (`profile`). The faces (pages, API, CLI)
call these; the domain apps below never call up into them.
"""

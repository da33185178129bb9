"""A large, believable population for scale tests and benchmarks (benchmarks/generate_data.py).

people: who they are and how often they ask; history: each person's asks, rest days and
programs; tallies: the derived rows, built in memory with the journal's own points and streak rules;
writer: COPY on PostgreSQL, bulk_create elsewhere; run: the command's steps; command: the
generate_data management command itself. It lives here, outside the product package, so a
production install cannot import it.
"""

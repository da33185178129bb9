"""Groups that run a program together (a coach, a class, a sales team) and their weekly board."""

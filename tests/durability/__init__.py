"""The real server (granian) under crashes and concurrent writers."""

"""One router per resource; each is a thin face over the services and queries."""

"""WSGI entry point, served by granian (`granian --interface wsgi rejection.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rejection.settings")
application = get_wsgi_application()

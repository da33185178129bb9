"""Settings for the test suite: the real settings with a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("STATIC_MANIFEST", "false")
# The test client and the live server speak plain HTTP; production redirects to HTTPS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from rejection.settings import *  # noqa: F403

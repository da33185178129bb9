"""The load benchmark's URLs (benchmarks/settings.py): the product's, and three bare pages.

The bare pages (benchmarks/views.py) are the yardstick of benchmarks/load.py; they live here
so the product's own URLs, and a production server, never have them.
"""

from django.urls import path

from benchmarks.views import hello, hello_signed_in, hello_write
from rejection import urls as product

urlpatterns = [
    # No database, every middleware: what each real page is measured against.
    path("bench/hello/", hello, name="bench_hello"),
    path("bench/hello/me/", hello_signed_in, name="bench_hello_signed_in"),
    # The signed-in floor plus one write transaction of one row: what every write pays.
    path("bench/hello/write/", hello_write, name="bench_hello_write"),
    *product.urlpatterns,
]

handler429 = product.handler429

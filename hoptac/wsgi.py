"""WSGI entry point."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoptac.settings.base")
application = get_wsgi_application()

# The objects of the loaded application live as long as the process: moved out of the
# collector's reach, a full collection no longer walks them (measured: one request in
# seven paid a 65 ms collection on the events list; docs/performance.md).
gc.collect()
gc.freeze()

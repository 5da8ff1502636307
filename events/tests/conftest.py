"""Capacity's hand-built test subtree and far-future definitions, for the staff-capacity tests."""

from capacity.tests.conftest import definitions, tree  # noqa: F401  (fixtures)

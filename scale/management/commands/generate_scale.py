"""manage.py generate_scale: the national ten-year dataset for the benchmark (PostgreSQL only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scale.generate import Generator, RefuseError, plan


class Command(BaseCommand):
    help = (
        "Add a national ten-year dataset (2,000 users, 600 units, 1,000,000 progress reports, "
        "300,000 cases... at --scale 1.0) on top of the demo. PostgreSQL only; run load_demo first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Fraction of the national size (1.0).")
        parser.add_argument("--seed", type=int, default=11, help="Random seed (same seed, same data).")

    def handle(self, *args, scale: float, seed: int, verbosity: int = 1, **options):
        if not 0 < scale <= 5:
            raise CommandError("--scale must be above 0 and at most 5.")
        log = self.stdout.write if verbosity > 0 else (lambda _message: None)
        log(f"generate_scale: scale {scale}, seed {seed}; planned {plan(scale)}")
        try:
            counts = Generator(scale=scale, seed=seed, log=log).run()
        except RefuseError as exc:
            raise CommandError(str(exc)) from exc
        log(self.style.SUCCESS(f"generate_scale: done in {counts['seconds']} s: {counts}"))

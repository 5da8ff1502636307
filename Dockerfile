# hoptac's container image (docs/operations.md). Two stages: the first installs the pinned
# requirements into a virtual environment, compiles the messages and collects the static
# files; the second copies the result onto a clean Python image and runs as a non-root user.
# Commands come from deploy/hoptac and settings from deploy/hoptac.env, as everywhere else.
#   docker build -t hoptac .            (or: docker compose -f deploy/compose.yaml build)

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements/base.txt /tmp/requirements.txt
RUN pip install --upgrade pip && pip install -r /tmp/requirements.txt
WORKDIR /opt/hoptac
COPY . .
# Compiled messages and collected (hashed, compressed) static files are part of the image.
# Throwaway keys: collectstatic reads the settings but stores nothing secret.
RUN pybabel compile --domain=django --directory=locale --use-fuzzy \
 && DEBUG=0 HOPTAC_ALLOW_DEFAULT_KEY=1 ALLOWED_HOSTS=build HOPTAC_MAX_CLASSIFICATION=thuong \
    STATIC_ROOT=/opt/hoptac/staticfiles python manage.py collectstatic --noinput -v 0 \
 && rm -rf .git .venv db.sqlite3 media test-artifacts deploy/site.env

FROM python:3.11-slim-bookworm
# PostgreSQL's client tools (pg_dump, pg_restore) for `deploy/hoptac manage backup/restore`;
# bookworm's are version 15, the server version of deploy/compose.yaml.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /opt/hoptac --shell /usr/sbin/nologin hoptac \
 && mkdir -p /var/lib/hoptac/media \
 && chown hoptac:hoptac /var/lib/hoptac/media
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /opt/hoptac /opt/hoptac
WORKDIR /opt/hoptac
USER hoptac
VOLUME ["/var/lib/hoptac/media"]
EXPOSE 8000
ENTRYPOINT ["deploy/hoptac"]
CMD ["web"]

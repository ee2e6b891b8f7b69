# asnbot in a container: the wheel, installed with the versions of requirements.lock,
# run by a user without rights as `asnbot run --webhook`. The same steps as
# tests/cli/test_wheel.py, which builds the wheel and installs it outside the checkout.
#   docker build -t asnbot .        (or: docker compose up -d, see compose.yaml)
# Settings come from the environment (ASNBOT_*, see config.example.env).

ARG PYTHON=python:3.11-slim-bookworm

# -- build: the wheel, from the package folders only --------------------------------
FROM ${PYTHON} AS build
# uv of requirements.lock; it checks every file against the lock's hashes.
COPY --from=ghcr.io/astral-sh/uv:0.13.9 /uv /usr/local/bin/uv
WORKDIR /src
COPY requirements.lock ./
# The lock's setuptools builds the wheel: nothing fetched unpinned or unhashed.
RUN python -m venv /build \
 && uv pip install --python /build/bin/python --constraint requirements.lock setuptools
COPY pyproject.toml README.md ./
COPY bot bot
COPY handlers handlers
COPY jobs jobs
COPY models models
COPY sandbox sandbox
RUN /build/bin/python -m pip wheel --no-deps --no-build-isolation --wheel-dir /dist .
# The wheel and the dependencies it names, at the lock's versions and hashes.
RUN uv venv --python /usr/local/bin/python /opt/asnbot \
 && uv pip install --python /opt/asnbot/bin/python --constraint requirements.lock /dist/asnbot-*.whl

# -- run --------------------------------------------------------------------------------
FROM ${PYTHON}
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/asnbot --create-home asnbot \
 && install -d -o asnbot -g asnbot -m 0750 /var/lib/asnbot/data
COPY --from=build /opt/asnbot /opt/asnbot
ENV PATH=/opt/asnbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ASNBOT_DATA_DIR=/var/lib/asnbot/data \
    ASNBOT_LISTEN_HOST=0.0.0.0 \
    ASNBOT_LISTEN_PORT=8443 \
    ASNBOT_LOG_FORMAT=json
USER asnbot
WORKDIR /var/lib/asnbot
VOLUME /var/lib/asnbot/data
EXPOSE 8443
# /healthz: 200 when the database answers and the job queue runs (bot/web.py).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8443/healthz', timeout=4)"]
CMD ["asnbot", "run", "--webhook"]

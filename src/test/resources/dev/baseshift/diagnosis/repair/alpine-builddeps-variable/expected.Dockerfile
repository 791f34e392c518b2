FROM python:3.12-alpine
COPY requirements.txt /tmp/
RUN set -ex; \
    buildDeps='gcc musl-dev make libffi-dev'; \
    apk add --no-cache $buildDeps; \
    pip install --no-cache-dir -r /tmp/requirements.txt; \
    apk del $buildDeps
COPY app /app
CMD ["python", "-m", "app"]

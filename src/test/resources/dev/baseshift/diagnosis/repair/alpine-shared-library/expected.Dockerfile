FROM python:3.12-alpine
RUN apk add --no-cache \
      curl \
      netcat-openbsd \
      libpq
COPY dist/*.whl /tmp/
RUN pip install /tmp/*.whl
CMD ["python", "-m", "service"]

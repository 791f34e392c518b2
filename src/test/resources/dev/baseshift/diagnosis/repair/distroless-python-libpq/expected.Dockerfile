FROM python:3.11-slim AS baseshift-build
ENV PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    && pip install --no-cache-dir psycopg2-binary==2.9.9 gunicorn==22.0.0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY app/ ./app/
CMD ["-m", "gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"]

FROM gcr.io/distroless/python3-debian12
COPY --from=baseshift-build /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages
COPY --from=baseshift-build /srv /srv
COPY --from=baseshift-build /usr/lib/x86_64-linux-gnu/libpq.so.5 /usr/lib/x86_64-linux-gnu/libpq.so.5
ENV PYTHONUNBUFFERED=1
ENV PYTHONPATH=/usr/local/lib/python3.11/site-packages
WORKDIR /srv
CMD ["-m", "gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"]

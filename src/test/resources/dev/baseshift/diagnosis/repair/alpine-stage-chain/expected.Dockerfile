FROM python:3.12-alpine AS base
RUN apk add --no-cache libpq

FROM base AS builder
RUN apk add --no-cache build-base postgresql-dev
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM base
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
COPY . /app
CMD ["python", "/app/main.py"]

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl libpq5 && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN pip install --no-cache-dir /app
CMD ["python", "-m", "app"]

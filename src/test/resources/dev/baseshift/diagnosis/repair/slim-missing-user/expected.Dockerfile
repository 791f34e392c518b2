FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN groupadd --system appuser && useradd --system --gid appuser --no-create-home --shell /usr/sbin/nologin appuser
USER appuser
CMD ["python", "serve.py"]

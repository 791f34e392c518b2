FROM python:3.12-alpine
COPY . /app
RUN addgroup -S app && adduser -S -D -H -G app app
USER app
CMD ["python", "/app/main.py"]

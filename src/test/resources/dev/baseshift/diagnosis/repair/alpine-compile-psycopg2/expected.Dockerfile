FROM python:3.12-alpine
RUN apk add --no-cache curl build-base musl-dev postgresql-dev
RUN pip install --no-cache-dir psycopg2==2.9.9 flask
COPY app.py /app.py
CMD ["python", "/app.py"]

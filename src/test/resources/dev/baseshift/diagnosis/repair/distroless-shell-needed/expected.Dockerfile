FROM python:3.12 AS baseshift-build
ENV PORT=8000
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD gunicorn -b 0.0.0.0:$PORT app:app

FROM gcr.io/distroless/python3-debian12
COPY --from=baseshift-build /app /app
COPY --from=baseshift-build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
ENV PORT=8000
ENV PYTHONPATH=/usr/local/lib/python3.12/site-packages
WORKDIR /app
CMD gunicorn -b 0.0.0.0:$PORT app:app

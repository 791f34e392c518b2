FROM python:3.12 AS baseshift-build
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 5000
CMD ["python3", "app.py"]

FROM gcr.io/distroless/python3-debian12
COPY --from=baseshift-build /app /app
COPY --from=baseshift-build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
EXPOSE 5000
ENV PYTHONPATH=/usr/local/lib/python3.12/site-packages
WORKDIR /app
CMD ["python3", "app.py"]

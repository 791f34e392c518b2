FROM python:3.12-slim AS baseshift-build
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home appuser
USER appuser
CMD ["python", "main.py"]

FROM scratch
COPY --from=baseshift-build /app /app
COPY --from=baseshift-build /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
COPY --from=baseshift-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=baseshift-build /etc/passwd /etc/group /etc/
ENV PYTHONPATH=/usr/local/lib/python3.12/site-packages
WORKDIR /app
USER appuser
CMD ["python", "main.py"]

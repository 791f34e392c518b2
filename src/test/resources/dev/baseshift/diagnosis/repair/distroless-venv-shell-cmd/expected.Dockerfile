FROM python:3.11-slim AS baseshift-build
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt
COPY src/ /opt/app/
WORKDIR /opt/app
CMD python main.py --port 8080

FROM gcr.io/distroless/python3-debian12
COPY --from=baseshift-build /opt/venv /opt/venv
COPY --from=baseshift-build /opt/app /opt/app
ENV PATH="/opt/venv/bin:$PATH"
ENV PYTHONPATH=/opt/venv/lib/python3.11/site-packages
WORKDIR /opt/app
CMD ["python","main.py","--port","8080"]

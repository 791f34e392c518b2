FROM python:3.12-alpine
RUN apk add --no-cache libsystemd-dev pkgconf gcc
RUN pip install systemd-python
CMD ["python", "-c", "import systemd.journal"]

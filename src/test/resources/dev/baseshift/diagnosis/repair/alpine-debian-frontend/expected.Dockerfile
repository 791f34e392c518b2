FROM python:3.12-alpine
ENV DEBIAN_FRONTEND=noninteractive
RUN apk add --no-cache tzdata musl-locales \
 && ln -sf /usr/share/zoneinfo/Europe/Berlin /etc/localtime
COPY . /srv
CMD ["python", "/srv/main.py"]

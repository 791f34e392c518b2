FROM alpine:3.20
RUN apk add --no-cache curl gnupg \
 && curl -fsSL https://www.postgresql.org/media/keys/ACCC4CF8.asc | apt-key add - \
 && echo "deb http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" > /etc/apt/sources.list.d/pgdg.list \
 && apk add --no-cache postgresql-client-16
CMD ["psql", "--version"]

FROM python:3.12-alpine
ENV BUILD_DEPS="gcc libffi-dev openssl-dev cargo"
RUN apk add --no-cache $BUILD_DEPS \
    && pip install --no-cache-dir cryptography \
    && apk del $BUILD_DEPS
CMD ["python"]

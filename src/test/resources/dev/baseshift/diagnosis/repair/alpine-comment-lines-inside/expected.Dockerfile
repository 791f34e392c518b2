FROM python:3.12-alpine
RUN apk add --no-cache \
    # for lxml
    libxml2-dev \
    libxslt-dev \
    # for Pillow
    jpeg-dev \
    zlib-dev
RUN pip install lxml pillow

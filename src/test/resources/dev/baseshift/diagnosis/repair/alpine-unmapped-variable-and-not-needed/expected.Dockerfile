FROM python:3.12-alpine
ARG EXTRA_PACKAGES="mesa-gl glib libsm libxext"
RUN apk add --no-cache ${EXTRA_PACKAGES}
RUN pip install opencv-python-headless

FROM python:3.12-alpine
RUN apk add --no-cache ffmpeg
COPY . /app
WORKDIR /app
CMD ["python", "transcode.py"]

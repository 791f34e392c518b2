FROM bsfixture/py:slim
RUN apt-get update && apt-get install -y --no-install-recommends python3-numpy && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY app.py .
CMD ["python3", "app.py"]

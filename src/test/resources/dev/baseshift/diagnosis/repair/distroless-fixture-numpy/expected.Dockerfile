FROM bsfixture/py:full AS baseshift-build
WORKDIR /app
COPY app.py .
RUN python3 -c "import numpy; print(numpy.__version__)" > /app/numpy-version.txt
CMD ["python3", "app.py"]

FROM bsfixture/py:distroless
COPY --from=baseshift-build /app /app
WORKDIR /app
CMD ["python3", "app.py"]

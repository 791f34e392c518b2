FROM python:3.11-alpine

RUN apk add --no-cache \
        build-base \
        postgresql-dev \
        gettext

WORKDIR /code
COPY requirements.txt /code/
RUN pip install -r requirements.txt
COPY . /code/
EXPOSE 8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]

FROM php:8.3-fpm-alpine
RUN apk add --no-cache \
        libzip-dev \
        libpng-dev \
        oniguruma-dev \
        zip \
        unzip \
        git \
    && docker-php-ext-install pdo_mysql mbstring zip gd
WORKDIR /var/www

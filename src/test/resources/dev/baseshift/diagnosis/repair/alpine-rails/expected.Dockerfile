ARG RUBY_VERSION=3.3.0
FROM ruby:$RUBY_VERSION-alpine AS base
WORKDIR /rails
RUN apk add --no-cache curl jemalloc vips sqlite
ENV RAILS_ENV="production" BUNDLE_DEPLOYMENT="1" BUNDLE_PATH="/usr/local/bundle"

FROM base AS build
RUN apk add --no-cache build-base git pkgconf
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .

FROM base
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY --from=build /rails /rails
RUN groupadd --system --gid 1000 rails && useradd rails --uid 1000 --gid 1000 --create-home --shell /bin/bash
USER 1000:1000
EXPOSE 3000
CMD ["./bin/rails", "server"]

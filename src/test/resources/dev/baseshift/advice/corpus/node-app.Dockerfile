FROM node:22-trixie AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:22-trixie-slim
ENV NODE_ENV=production TZ=UTC
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends dumb-init tini ca-certificates; \
    rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --chown=node:node . .
RUN npm rebuild bcrypt && npm install sharp
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node healthcheck.js || exit 1
ENTRYPOINT ["dumb-init", "--"]
CMD ["node", "server.js"]

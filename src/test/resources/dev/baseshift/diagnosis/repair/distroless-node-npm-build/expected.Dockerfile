FROM node:20-slim AS baseshift-build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev
ENV NODE_ENV=production
EXPOSE 3000
CMD ["dist/server.js"]

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=baseshift-build /app /app
ENV NODE_ENV=production
EXPOSE 3000
WORKDIR /app
CMD ["dist/server.js"]

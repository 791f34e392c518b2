FROM node:20 AS baseshift-build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .
USER node
EXPOSE 8080
CMD ["server.js"]

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=baseshift-build /usr/src/app /usr/src/app
COPY --from=baseshift-build /etc/passwd /etc/group /etc/
EXPOSE 8080
WORKDIR /usr/src/app
USER node
CMD ["server.js"]

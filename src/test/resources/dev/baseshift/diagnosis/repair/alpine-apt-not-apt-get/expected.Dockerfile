FROM node:20-alpine
RUN apk add --no-cache git openssh-client
WORKDIR /app
COPY . .
RUN npm install
CMD ["npm", "start"]

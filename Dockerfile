# Production image for Fly.io (LiteFS + Node 20).
FROM node:20-bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends fuse3 sqlite3 ca-certificates python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY app/utils/db-adapter.ts ./app/utils/db-adapter.ts
RUN npm install --no-audit --no-fund
COPY . .
RUN npx prisma generate && npm run build

FROM base
COPY --from=flyio/litefs:0.5 /usr/local/bin/litefs /usr/local/bin/litefs
COPY --from=build /app /app
COPY litefs.yml /etc/litefs.yml
ENV NODE_ENV=production
ENTRYPOINT ["litefs", "mount"]

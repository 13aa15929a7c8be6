# aistack in a container: Node 22 LTS (supported until April 2027) on Debian bookworm, running as the unprivileged
# `node` user, state in the /var/lib/aistack volume. Start with `docker run --init` (or tini) so signals and child
# processes are handled as under a real init; the app itself handles SIGTERM (graceful stop) and SIGHUP (reload data/).
#
# Build stage: installs exactly the lockfile's production dependencies; better-sqlite3 uses its prebuilt binary when
# the build can download it, else compiles with the toolchain installed here. tsx (a dev dependency: it runs the
# TypeScript sources directly, as `npm start` does, and loads the knowledge base on a worker thread) is added at the
# lockfile's version, because `npm ci --omit=dev` leaves it out and `npm install` would bring every dev dependency back.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && TSX_VERSION="$(node -p "require('./package-lock.json').packages['node_modules/tsx'].version")" \
 && npm install --no-save --no-package-lock --no-audit --no-fund --prefix /tmp/tsx "tsx@${TSX_VERSION}" \
 && cp -a /tmp/tsx/node_modules/. node_modules/ \
 && rm -rf /tmp/tsx

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/aistack \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY src ./src
COPY data ./data
RUN mkdir -p /var/lib/aistack && chown node:node /var/lib/aistack
USER node
VOLUME /var/lib/aistack
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]

# syntax=docker/dockerfile:1
# The API's image (docs/deployment.md "The image"). Two stages: `build` installs every dependency and
# bundles the server, the migration and the bootstrap commands (scripts/build-server.mjs) and
# GraphiQL; the final stage holds only the production dependencies (`npm ci --omit=dev`), the
# bundles and the migrations, runs as the unprivileged `node` user, and starts node itself (no npm,
# no shell), so SIGTERM reaches the server's own graceful stop. test/startup/production-install.test.ts
# replays the final stage on this machine; test/startup/dockerfile.test.ts lints this file.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall mends postgres.js (scripts/patch-postgres.mjs): the script must be there before npm ci.
COPY scripts/patch-postgres.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY drizzle ./drizzle
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-postgres.mjs ./scripts/
# typescript comes with i18next as an optional peer, which npm installs even with --omit=dev: removed.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
 && npm cache clean --force
COPY drizzle ./drizzle
COPY scripts/prestart.mjs scripts/run-bundle.mjs ./scripts/
COPY --from=build /app/.data/server ./.data/server
COPY --from=build /app/.data/graphiql ./.data/graphiql
USER node
EXPOSE 4000
# Liveness: /healthz answers without the database (readiness, /readyz, is the orchestrator's probe).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", ".data/server/main.mjs"]

# syntax=docker/dockerfile:1
# OrgSphere API image, with the console under /console. Build from the repository root: docker build -t orgsphere-api .
# Stage 1 builds with the whole workspace; stage 2 keeps only the bundle and the API's
# production dependencies (deploy/build-api.sh, the same script CI runs and tests).

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /repo
ENV CI=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
# Manifests first, so the dependency layer is reused until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml pnpmw ./
COPY apps/api/package.json apps/api/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/client/package.json packages/client/
COPY apps/web/package.json apps/web/
RUN ./pnpmw install --frozen-lockfile
COPY . .
RUN deploy/build-api.sh /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000
WORKDIR /app
COPY --from=build --chown=node:node /out/package.json ./package.json
COPY --from=build --chown=node:node /out/node_modules ./node_modules
COPY --from=build --chown=node:node /out/dist ./dist
# The console (static files), served under /console; set CONSOLE_DIR empty to leave it out.
COPY --from=build --chown=node:node /out/console ./console
ENV CONSOLE_DIR=/app/console
# The image's own unprivileged user (uid 1000); nothing here needs root.
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains in-flight requests (see apps/api/src/start-server.ts); node runs as PID 1 and handles it itself.
CMD ["node", "--enable-source-maps", "dist/server.js"]

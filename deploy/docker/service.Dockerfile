# One image per service, from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=user-service -t clinic/user-service .
# The gateway is built with --target gateway, which adds the web app's built assets.
# Production dependencies only; runs as the unprivileged user "node"; health-checked on /ready.
# PID 1: the stack runs every service with `init: true` (Docker's tini); `docker run --init` by hand.
ARG NODE_BASE=node:24-bookworm-slim

# The package manifests alone, so that the dependency layers are rebuilt only when they change.
FROM ${NODE_BASE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find packages services apps devstack -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; 2>/dev/null; \
    test -f /manifests/package-lock.json

FROM ${NODE_BASE} AS deps
ARG SERVICE
WORKDIR /app
COPY --from=manifests /manifests ./
# The service and the workspace packages every service imports (linked under node_modules/@clinic).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      -w "services/${SERVICE}" -w packages/contracts -w packages/messaging -w packages/scheduling -w packages/service-kit

# The web app, built when the tree has one (an empty folder otherwise).
FROM ${NODE_BASE} AS web
WORKDIR /app
COPY --from=manifests /manifests ./
RUN --mount=type=cache,target=/root/.npm \
    if [ -f apps/web/package.json ]; then npm ci --no-audit --no-fund --ignore-scripts -w apps/web; fi
COPY . .
RUN mkdir -p apps/web/dist && if [ -f apps/web/package.json ]; then npm run build -w apps/web; fi

FROM ${NODE_BASE} AS service
ARG SERVICE
WORKDIR /app
# node_modules at the root and inside workspaces (a package may need its own version of a dependency).
COPY --from=deps /app ./
COPY packages packages
COPY services/${SERVICE} services/${SERVICE}
# The modules stripped of their types once, here; hooks.mjs gives them to the service, so Node's own
# TypeScript stripper (about 18 MB of WebAssembly) never loads (packages/service-kit/strip).
RUN node packages/service-kit/strip/strip-ahead.ts /app/.stripped packages services/${SERVICE}
# V8's heap bounds and glibc's malloc arenas, as the devstack sets them (devstack/src/platform.ts,
# SERVICE_NODE_OPTIONS, STRIP_HOOKS and SERVICE_MALLOC_ARENA_MAX): Node's defaults (64 MB semi-spaces,
# an old generation of several GB, an arena per allocating thread) let a busy service pass 250 MB;
# --expose-gc lets a quiet service give back what a burst left (packages/service-kit/src/memory-trim.ts).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=4 --expose-gc --import=/app/packages/service-kit/strip/hooks.mjs" MALLOC_ARENA_MAX=2 CLINIC_STRIPPED_SOURCES=/app/.stripped
WORKDIR /app/services/${SERVICE}
USER node
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "src/main.ts"]

FROM service AS gateway
COPY --from=web /app/apps/web/dist /app/web
ENV WEB_ROOT=/app/web

# syntax=docker/dockerfile:1
# msgtrack container image: simulated Exchange message tracking shipped to Elasticsearch.
#   docker build -t msgtrack .
#   docker run --rm -e ELASTICSEARCH_HOSTS=http://es:9200 -e ELASTICSEARCH_API_KEY=... msgtrack run
# Configuration: environment variables (ELASTICSEARCH_*, KIBANA_URL, MSGTRACK_<KEY>) and the
# config file at $MSGTRACK_CONFIG (mount your own over /etc/msgtrack/msgtrack.yml).

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: compile TypeScript with the dev dependencies ------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json

# --- deps: production dependencies only ------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    MSGTRACK_CONFIG=/etc/msgtrack/msgtrack.yml \
    MSGTRACK_METRICS_HOST=0.0.0.0 \
    MSGTRACK_PIPELINE_DEAD_LETTER=/var/lib/msgtrack/dead-letter.ndjson
WORKDIR /opt/msgtrack
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY bin ./bin
COPY kibana ./kibana
COPY config/ /etc/msgtrack/
# The state folder (dead-letter file) belongs to the unprivileged user the daemon runs as.
RUN mkdir -p /var/lib/msgtrack && chown 1000:1000 /var/lib/msgtrack
WORKDIR /var/lib/msgtrack
# uid 1000 is the image's `node` user; numeric so runAsNonRoot policies can verify it.
USER 1000:1000
EXPOSE 9464
# Liveness from /healthz with node itself: the slim image has no curl or wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.MSGTRACK_METRICS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The daemon drains its queue on SIGTERM (30 s grace by default). Exec form: the signal goes to
# node, not to a shell that would swallow it (with `--init` / compose `init: true`, tini forwards it).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/opt/msgtrack/bin/msgtrack"]
CMD ["run"]

# syntax=docker/dockerfile:1
# Cloudward server image. Build: docker build -t cloudward .
# Run:   docker run -p 8080:8080 -v cloudward-data:/data cloudward
# Compose (PostgreSQL + Redis + worker): docker compose up -d   (see README, "Run in production")

# Stage 1: install every dependency (the build needs TypeScript and Vite) and build the CLI and the web UI.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts are needed; the build runs below, once the sources are here.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# Stage 2: production dependencies only, plus what the build produced and the data files read at runtime.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: nothing here may build (the dev dependencies are left out).
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
# Compiled TypeScript (dist/api/cli/main.js and the JSON it imports) and the web UI that `serve` mounts.
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# The CLI entry point; it loads dist/api/cli/main.js.
COPY --from=build /app/bin ./bin
# Read from disk at runtime, beside dist/: control YAML and calendars (evaluator/controls/loader.ts looks for
# controls/LANGUAGE.md) and the SQL migrations (store/migrate.ts).
COPY --from=build /app/controls ./controls
COPY --from=build /app/store/migrations ./store/migrations
# The data directory belongs to the unprivileged user; serve creates its files 0600 inside it.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
EXPOSE 8080
VOLUME /data
# Liveness only (the process answers). Readiness (database and Redis) is /api/v1/ready, used by compose.
# The slim image has no curl; Node's fetch does the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The server is PID 1 itself (no npm, no shell), so `docker stop` sends SIGTERM to it and it shuts down cleanly.
ENTRYPOINT ["node", "bin/cloudward.js"]
CMD ["serve", "--host", "0.0.0.0", "--data", "/data"]

# syntax=docker/dockerfile:1
# The image of every Node service; they differ only by PROJECT_ROOT. Build context: the workspace
# root after `npm run build` (dist/). With Docker: npx nx run <project>:docker-build. Here, on the
# Debian base built with mmdebstrap: npm run images (docs/adr/0409-images-built-with-buildah.md).
ARG NODE_IMAGE=node:24-bookworm-slim
# The dependency stage needs npm, which the Debian base leaves out; the official image has it.
ARG NPM_IMAGE=node:24-bookworm-slim

FROM ${NPM_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. npm install, not npm ci (docs/adr/0004); no install scripts, as
# none of the production dependencies needs one. The optional secret is a CA bundle for a proxy
# between the build and the registry (the build's NODE_EXTRA_CA_CERTS); it stays out of the image.
RUN --mount=type=secret,id=npm-ca-certificates \
    NODE_EXTRA_CA_CERTS=/run/secrets/npm-ca-certificates npm install --omit=dev --no-audit --no-fund --ignore-scripts \
    && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# The project whose compiled entry the image runs, e.g. apps/storefront.
ARG PROJECT_ROOT
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY dist ./dist
# One fixed entry for every service (an exec-form ENTRYPOINT cannot name a build-arg); node runs
# the link's target, so the compiled code resolves its relative imports from dist/.
RUN test -f "dist/${PROJECT_ROOT}/src/main.js" && ln -s "dist/${PROJECT_ROOT}/src/main.js" main.js
# The node user of both bases (uid 1000), as the chart's runAsUser expects.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "main.js"]

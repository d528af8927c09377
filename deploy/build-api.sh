#!/usr/bin/env sh
# Builds the API for production into OUT_DIR: dist/ (one bundle, workspace packages
# inlined) plus node_modules with the API's production dependencies only, and console/,
# the built console (static files) that the API serves under /console with CONSOLE_DIR.
# The Dockerfile runs exactly this, and so does apps/api/test/deploy/built-server.test.ts
# in CI, so the image's build cannot drift from what is tested.
set -eu
out=${1:?usage: deploy/build-api.sh OUT_DIR}
cd "$(dirname "$0")/.."
./pnpmw --filter @orgsphere/api run build
# --legacy: the workspace links packages (no inject-workspace-packages); the bundle needs none of them.
./pnpmw --filter @orgsphere/api --prod deploy --legacy "$out"
# The console needs the typed client built first; turbo builds it (^build).
./pnpmw exec turbo run build --filter=@orgsphere/web
rm -rf "$out/console"
cp -R apps/web/dist "$out/console"

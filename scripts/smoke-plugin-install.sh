#!/usr/bin/env bash
# Proves that the packaged plugin installs into a separate Medusa 2.21.2 app:
#
#   1. `npm run build` (medusa plugin:build) and `npm pack` make a tarball;
#      the tarball holds the built server code and admin, and no tests.
#   2. A minimal app (package.json + medusa-config.ts + tsconfig.json, written
#      here by hand) in a temporary directory registers the plugin under
#      `plugins` with options.
#   3. The tarball is installed into the app's node_modules. By default the
#      app's other dependencies are symlinked from this repository's
#      node_modules (same versions as the app asks for; no 2-minute install);
#      SMOKE_NPM_INSTALL=1 runs a real `npm install` of the app instead.
#   4. `medusa db:migrate` runs the plugin's migrations and link migrations
#      in a fresh database; `medusa build` builds the app with the plugin's
#      admin extensions; `medusa start` serves it; the plugin's admin routes
#      answer (401 without auth; create a resource, set capacity with a token)
#      and the admin bundle contains the plugin's pages.
#
# Prints `N passed, N failed` last; exits non-zero on any failure.
# Env: SMOKE_PORT (default 9310), SMOKE_KEEP=1 keeps the temp dir and database,
# SMOKE_SKIP_BUILD=1 reuses an existing plugin build.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# A port nothing listens on: a stale server on a fixed port would answer /health
# for us and make every later check meaningless.
PORT="${SMOKE_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rb-smoke.XXXXXX")"
APP="$WORK/app"
DB_NAME="rb_smoke_$$"
PKG_NAME="$(node -p "require('$ROOT/package.json').name")"
SERVER_PID=""
PASSED=0
FAILED=0

log() { echo "[smoke] $*"; }
pass() { PASSED=$((PASSED + 1)); echo "  ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $*"; }

finish() {
  local code=$?
  if [ -n "$SERVER_PID" ]; then
    # npx starts medusa as a child: end the whole process group.
    kill -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ "${SMOKE_KEEP:-}" != "1" ]; then
    [ -n "${DATABASE_ADMIN_URL:-}" ] && node -e "
      const { Client } = require('$ROOT/node_modules/pg');
      const c = new Client({ connectionString: process.argv[1] });
      c.connect().then(() => c.query('DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)')).catch(() => {}).finally(() => c.end());
    " "$DATABASE_ADMIN_URL" 2>/dev/null
    rm -rf "$WORK"
  else
    log "kept $WORK and database $DB_NAME"
  fi
  echo "$PASSED passed, $FAILED failed"
  if [ "$FAILED" -gt 0 ] || [ "$code" -ne 0 ]; then exit 1; fi
  exit 0
}
trap finish EXIT

abort() {
  fail "$*"
  exit 1
}

# ------------------------------------------------------------------ 1. build and pack
cd "$ROOT" || exit 1
if [ "${SMOKE_SKIP_BUILD:-}" != "1" ]; then
  log "building the plugin (medusa plugin:build)"
  npm run build >"$WORK/plugin-build.log" 2>&1 || { tail -30 "$WORK/plugin-build.log"; abort "npm run build"; }
fi
pass "plugin builds"

log "packing"
TARBALL="$(npm pack --silent --pack-destination "$WORK" 2>/dev/null | tail -1)"
[ -f "$WORK/$TARBALL" ] || abort "npm pack made no tarball"
TARBALL="$WORK/$TARBALL"
pass "npm pack: $(basename "$TARBALL") ($(du -k "$TARBALL" | cut -f1) kB)"

CONTENTS="$(tar -tzf "$TARBALL")"
for required in \
  package/package.json \
  package/.medusa/server/src/modules/resource_booking/index.js \
  package/.medusa/server/src/modules/resource_booking/migrations/ \
  package/.medusa/server/src/links/resource-product-variant.js \
  package/.medusa/server/src/api/middlewares.js \
  package/.medusa/server/src/api/admin/resources/route.js \
  package/.medusa/server/src/admin/index.mjs \
  package/.medusa/server/src/workflows/index.js; do
  if echo "$CONTENTS" | grep -q "^$required"; then pass "tarball has $required"; else fail "tarball lacks $required"; fi
done
if echo "$CONTENTS" | grep -qE '__tests__|integration-tests|\.spec\.|/scripts/'; then
  fail "tarball ships tests or scripts: $(echo "$CONTENTS" | grep -E '__tests__|integration-tests|\.spec\.|/scripts/' | head -3 | tr '\n' ' ')"
else
  pass "tarball ships no tests"
fi

# ------------------------------------------------------------------ 2. the app
mkdir -p "$APP/src"
MEDUSA_VERSION="$(node -p "require('$ROOT/node_modules/@medusajs/medusa/package.json').version")"
cat >"$APP/package.json" <<EOF
{
  "name": "rb-smoke-app",
  "version": "0.0.0",
  "private": true,
  "scripts": { "build": "medusa build", "start": "medusa start" },
  "dependencies": {
    "@medusajs/admin-sdk": "$MEDUSA_VERSION",
    "@medusajs/cli": "$MEDUSA_VERSION",
    "@medusajs/framework": "$MEDUSA_VERSION",
    "@medusajs/icons": "$MEDUSA_VERSION",
    "@medusajs/medusa": "$MEDUSA_VERSION",
    "@medusajs/ui": "4.2.6",
    "$PKG_NAME": "file:$TARBALL"
  },
  "devDependencies": {
    "@medusajs/test-utils": "$MEDUSA_VERSION",
    "@swc/core": "^1.7.28",
    "@types/node": "^20.0.0",
    "@types/react": "^18.3.2",
    "@types/react-dom": "^18.2.25",
    "react": "^18.3.1",
    "react-dom": "^18.3.1",
    "ts-node": "^10.9.2",
    "typescript": "^5.6.2",
    "vite": "^7.3.6"
  }
}
EOF
cat >"$APP/medusa-config.ts" <<EOF
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:$PORT",
      authCors: "http://localhost:$PORT",
      jwtSecret: "smoke-jwt-secret",
      cookieSecret: "smoke-cookie-secret",
    },
  },
  plugins: [
    {
      resolve: "$PKG_NAME",
      options: { holdTtlMinutes: 20, timezone: "Australia/Brisbane" },
    },
  ],
})
EOF
cat >"$APP/tsconfig.json" <<'EOF'
{
  "compilerOptions": {
    "target": "ES2021",
    "esModuleInterop": true,
    "module": "Node16",
    "moduleResolution": "Node16",
    "emitDecoratorMetadata": true,
    "experimentalDecorators": true,
    "skipLibCheck": true,
    "declaration": false,
    "sourceMap": false,
    "inlineSourceMap": true,
    "outDir": "./.medusa/server",
    "rootDir": "./",
    "jsx": "react-jsx",
    "resolveJsonModule": true,
    "strictNullChecks": true
  },
  "ts-node": { "swc": true },
  "include": ["**/*", ".medusa/types/*"],
  "exclude": ["node_modules", ".medusa/server", ".medusa/admin", ".cache"]
}
EOF
pass "app written (plugin under \`plugins\`)"

# ------------------------------------------------------------------ 3. install
cd "$APP" || exit 1
if [ "${SMOKE_NPM_INSTALL:-}" = "1" ]; then
  log "npm install (full)"
  npm install --no-audit --no-fund >"$WORK/npm-install.log" 2>&1 || { tail -30 "$WORK/npm-install.log"; abort "npm install"; }
  pass "npm install of the app and the tarball"
else
  log "linking the repository's node_modules, installing the tarball"
  mkdir -p node_modules
  for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    ln -s "$entry" "node_modules/$(basename "$entry")"
  done
  PKG_DIR="node_modules/$PKG_NAME"
  mkdir -p "$PKG_DIR"
  tar -xzf "$TARBALL" -C "$PKG_DIR" --strip-components=1 || abort "unpacking the tarball"
  pass "tarball installed into node_modules/$PKG_NAME"
fi
[ -f "node_modules/$PKG_NAME/.medusa/server/src/admin/index.mjs" ] && pass "installed package has its admin build" \
  || fail "installed package lacks .medusa/server/src/admin/index.mjs"

# ------------------------------------------------------------------ 4. database, migrations
DB_JSON="$(node -e "
  const { findDatabase, ensureDatabase } = require('$ROOT/scripts/lib/database.js');
  (async () => {
    const db = await findDatabase({ log: (m) => console.error('[db] ' + m) });
    await ensureDatabase(db, '$DB_NAME');
    console.log(JSON.stringify({ url: db.url('$DB_NAME'), admin: db.adminUrl }));
  })().catch((e) => { console.error(e.message); process.exit(1) });
")" || abort "no PostgreSQL for the smoke app"
export DATABASE_URL="$(node -p "JSON.parse(process.argv[1]).url" "$DB_JSON")"
DATABASE_ADMIN_URL="$(node -p "JSON.parse(process.argv[1]).admin" "$DB_JSON")"
printf 'DATABASE_URL=%s\n' "$DATABASE_URL" >"$APP/.env"
pass "database $DB_NAME created"

log "medusa db:migrate"
if npx --no-install medusa db:migrate >"$WORK/migrate.log" 2>&1; then
  pass "medusa db:migrate"
else
  tail -40 "$WORK/migrate.log"
  abort "medusa db:migrate"
fi

TABLES="$(node -e "
  const { Client } = require('$ROOT/node_modules/pg');
  const c = new Client({ connectionString: process.env.DATABASE_URL });
  c.connect().then(() => c.query(\"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'\"))
    .then((r) => console.log(r.rows.map((x) => x.table_name).join(' '))).finally(() => c.end());
")"
for table in resource resource_capacity resource_hold resource_allocation resource_blackout resource_capacity_audit; do
  if echo " $TABLES " | grep -q " $table "; then pass "migration made table $table"; else fail "no table $table after migrate"; fi
done
if echo "$TABLES" | tr ' ' '\n' | grep -q "resource.*product_variant\|product_variant.*resource"; then
  pass "link table resource <-> product_variant exists"
else
  fail "no resource <-> product_variant link table"
fi

# ------------------------------------------------------------------ 5. build the app (admin included)
log "medusa build (backend + admin; ~1-2 min)"
if npx --no-install medusa build >"$WORK/app-build.log" 2>&1; then
  pass "medusa build of the app"
else
  tail -40 "$WORK/app-build.log"
  abort "medusa build of the app"
fi
ADMIN_DIR="$APP/.medusa/server/public/admin"
[ -f "$ADMIN_DIR/index.html" ] && pass "admin built" || fail "no admin index.html"
if grep -rqs "resource-utilization" "$ADMIN_DIR/assets" && grep -rqs "Capacity, next" "$ADMIN_DIR/assets"; then
  pass "admin bundle contains the plugin's pages (Resources, resource page, Utilization)"
else
  fail "the plugin's admin pages are missing from the admin bundle"
fi

# ------------------------------------------------------------------ 6. start and call the routes
log "admin user"
npx --no-install medusa user -e smoke@example.com -p smoke-password >"$WORK/user.log" 2>&1 \
  && pass "admin user created" || { tail -20 "$WORK/user.log"; fail "medusa user"; }

cd "$APP/.medusa/server" || abort "no .medusa/server"
ln -s "$APP/node_modules" node_modules
cp "$APP/.env" .env
log "medusa start on port $PORT"
NODE_ENV=production PORT="$PORT" setsid npx --no-install medusa start >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

BASE="http://localhost:$PORT"
for _ in $(seq 1 180); do
  if curl -fsS "$BASE/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  sleep 1
done
if curl -fsS "$BASE/health" >/dev/null 2>&1; then
  pass "server answers /health"
else
  tail -40 "$WORK/server.log"
  abort "server did not start"
fi

status() { curl -s -o "$WORK/body.json" -w "%{http_code}" "$@"; }

code="$(status "$BASE/admin/resources")"
[ "$code" = "401" ] && pass "GET /admin/resources without auth: 401" || fail "GET /admin/resources without auth: $code"

login() {
  curl -s -o "$WORK/login.json" -w "%{http_code}" -X POST "$BASE/auth/user/emailpass" \
    -H 'content-type: application/json' -d '{"email":"smoke@example.com","password":"smoke-password"}'
}
TOKEN=""
for attempt in 1 2 3; do
  login_code="$(login)"
  TOKEN="$(node -p "try { require('$WORK/login.json').token || '' } catch { '' }")"
  [ -n "$TOKEN" ] && break
  echo "  login attempt $attempt: HTTP $login_code $(head -c 300 "$WORK/login.json")"
  sleep 2
done
[ -n "$TOKEN" ] && pass "admin login" || { tail -30 "$WORK/server.log"; fail "admin login gave no token"; }
AUTH=(-H "authorization: Bearer $TOKEN" -H "content-type: application/json")

code="$(status -X POST "$BASE/admin/resources" "${AUTH[@]}" -d '{"type":"VEHICLE","name":"Smoke Troopy"}')"
RESOURCE_ID="$(node -p "try { require('$WORK/body.json').resource.id } catch { '' }")"
[ "$code" = "200" ] && [ -n "$RESOURCE_ID" ] && pass "POST /admin/resources: 200 ($RESOURCE_ID)" || fail "POST /admin/resources: $code $(head -c 300 "$WORK/body.json")"

TODAY="$(TZ=Australia/Brisbane date +%F)"
TO="$(TZ=Australia/Brisbane date -d '+6 days' +%F)"
code="$(status -X POST "$BASE/admin/resources/$RESOURCE_ID/capacity" "${AUTH[@]}" \
  -d "{\"from\":\"$TODAY\",\"to\":\"$TO\",\"max_capacity\":3}")"
[ "$code" = "200" ] && pass "POST /admin/resources/:id/capacity: 200" || fail "POST capacity: $code $(head -c 300 "$WORK/body.json")"

code="$(status "$BASE/admin/resource-utilization?from=$TODAY&to=$TO" "${AUTH[@]}")"
if [ "$code" = "200" ] && grep -q '"total_capacity":21' "$WORK/body.json"; then
  pass "GET /admin/resource-utilization: 200, capacity counted"
else
  fail "GET /admin/resource-utilization: $code $(head -c 300 "$WORK/body.json")"
fi

code="$(status "$BASE/admin/resources?limit=101" "${AUTH[@]}")"
[ "$code" = "400" ] && pass "validation middleware active (limit=101: 400)" || fail "limit=101: $code"

code="$(status "$BASE/app/")"
if [ "$code" = "200" ] && grep -qi "<html" "$WORK/body.json"; then pass "admin served at /app"; else fail "GET /app/: $code"; fi

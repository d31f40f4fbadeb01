/**
 * A second process for the module tests: boots the resource_booking module
 * (the TypeScript sources, through ts-node with swc) against the test's
 * database and runs service calls in it, several at once.
 *
 *   node module-process.js   env URL, CALLS (JSON [{ method, input }]), PARALLEL
 *
 * Once the module is up it prints @@READY@@ and waits for a line on stdin,
 * so that the parent can start its own calls at the same moment.
 * Prints one JSON line: [{ ok, value } | { ok: false, error, type }] in the
 * order of CALLS. Used through helpers.ts `inModuleProcess`.
 */
"use strict"
const path = require("path")
require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(__dirname, "..", "..", "..", "..", "tsconfig.json") })
const { initModules } = require("@medusajs/test-utils")

async function main() {
  const calls = JSON.parse(process.env.CALLS)
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: process.env.URL },
    modulesConfig: {
      resource_booking: {
        resolve: path.join(__dirname, ".."),
        options: { timezone: process.env.TZ_OPTION || "Australia/Brisbane", ...JSON.parse(process.env.MODULE_OPTIONS || "{}") },
      },
    },
    preventConnectionDestroyWarning: true,
  })
  const service = medusaApp.modules.resource_booking
  // Ready: the parent answers one line on stdin when both sides should start.
  process.stdout.write("\n@@READY@@\n")
  await new Promise((resolve) => process.stdin.once("data", resolve))
  const results = new Array(calls.length)
  let next = 0
  const loop = async () => {
    while (next < calls.length) {
      const i = next++
      try {
        results[i] = { ok: true, value: await service[calls[i].method](calls[i].input) }
      } catch (error) {
        results[i] = { ok: false, error: String(error && error.message), type: error && error.type }
      }
    }
  }
  await Promise.all(Array.from({ length: Number(process.env.PARALLEL || 4) }, loop))
  process.stdout.write(`\n@@RESULT@@${JSON.stringify(results)}\n`)
  await shutdown().catch(() => {})
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

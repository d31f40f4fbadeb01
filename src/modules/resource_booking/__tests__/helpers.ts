import { spawn } from "child_process"
import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from ".."
import { Client } from "pg"
import ResourceBookingModuleService from "../service"
import { addDays, todayIn } from "../utils/dates"

export const MIGRATIONS_PATH = path.join(__dirname, "..", "migrations")

export const TZ = "Australia/Brisbane"

/** A date `offset` days after today in the module's zone (tests book the future). */
export function day(offset: number): string {
  return addDays(todayIn(TZ), offset)
}

export async function withClient<T>(clientUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: clientUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** The SQL a migration's up() or down() would run (its addSql calls). */
export async function sqlOf(MigrationClass: any, direction: "up" | "down"): Promise<string[]> {
  const migration = new MigrationClass({} as any, {} as any)
  await migration[direction]()
  return migration.getQueries().map(String)
}

export async function sql<T = any>(clientUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  return withClient(clientUrl, async (client) => (await client.query(text, params)).rows as T[])
}

export async function makeResource(
  service: ResourceBookingModuleService,
  data: {
    name?: string
    type?: "VEHICLE" | "TOUR" | "GUIDE"
    is_active?: boolean
    booking_mode?: "DAY" | "DEPARTURE" | "APPOINTMENT"
    booking_rules?: Record<string, unknown>
    appointment?: Record<string, unknown>
  } = {}
) {
  return await service.createResources({
    type: data.type ?? "VEHICLE",
    ...(data.booking_mode ? { booking_mode: data.booking_mode } : {}),
    ...(data.booking_rules ? { booking_rules: data.booking_rules } : {}),
    ...(data.appointment ? { appointment: data.appointment } : {}),
    name: data.name ?? `Vehicle ${Math.random().toString(36).slice(2)}`,
    is_active: data.is_active ?? true,
  } as any)
}

/**
 * Contract invariants 1 and 2, checked from the tables themselves: for every
 * capacity row (a date, or a departure: `date` is then "YYYY-MM-DD HH:MM"), 0 ≤ available ≤ max and max − available equals the quantity
 * of ACTIVE holds plus active allocations that took capacity; every hold names
 * dates that all have capacity rows.
 */
export async function assertLedgerInvariants(clientUrl: string, resourceId?: string) {
  const rows = await sql(
    clientUrl,
    `SELECT c.resource_id, c.date::text || coalesce(' ' || to_char(c.start_time, 'HH24:MI'), '') AS date,
            c.max_capacity, c.available_capacity,
            coalesce((SELECT sum(h.quantity) FROM resource_hold h, resource_booking_hold_slots(h.dates, h.departures) k
                      WHERE h.resource_id = c.resource_id AND h.status = 'ACTIVE'
                        AND k.date = c.date AND k.start_time IS NOT DISTINCT FROM c.start_time), 0)::int AS held,
            coalesce((SELECT sum(a.quantity) FROM resource_allocation a, resource_booking_hold_slots(a.dates, a.departures) k
                      WHERE a.resource_id = c.resource_id AND a.status = 'ACTIVE' AND a.capacity_deducted
                        AND k.date = c.date AND k.start_time IS NOT DISTINCT FROM c.start_time), 0)::int AS allocated
     FROM resource_capacity c ${resourceId ? "WHERE c.resource_id = $1" : ""}
     ORDER BY c.resource_id, c.date, c.start_time NULLS FIRST`,
    resourceId ? [resourceId] : []
  )
  for (const row of rows) {
    expect({ date: row.date, ok: row.available_capacity >= 0 && row.available_capacity <= row.max_capacity }).toEqual({
      date: row.date,
      ok: true,
    })
    expect({ date: row.date, taken: row.max_capacity - row.available_capacity }).toEqual({
      date: row.date,
      taken: row.held + row.allocated,
    })
  }
  return rows
}

export function settle<T>(promises: Promise<T>[]) {
  return Promise.allSettled(promises).then((results) => ({
    fulfilled: results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value),
    rejected: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason),
  }))
}

/** The module against a fresh database migrated with the module's own migrations. */
export function describeModule(
  testSuite: (context: { service: ResourceBookingModuleService; dbConfig: { clientUrl: string } }) => void,
  moduleOptions: Record<string, unknown> = {}
) {
  moduleIntegrationTestRunner<ResourceBookingModuleService>({
    moduleName: RESOURCE_BOOKING_MODULE,
    resolve: "./src/modules/resource_booking",
    pathToMigrations: MIGRATIONS_PATH,
    moduleOptions: { timezone: TZ, ...moduleOptions },
    testSuite: testSuite as any,
  })
}

export function isDeadlock(error: any) {
  return /deadlock/i.test(String(error?.message)) || error?.code === "40P01"
}

export type ProcessCallResult = { ok: true; value: any } | { ok: false; error: string; type?: string }

/**
 * Runs module service calls in another Node process (its own module instance
 * and connections, on the test's database; module-process.js), `parallel` at
 * once. `here` runs in this process once the other one is ready, so both
 * start together. Answers the other process's results, one per call, and
 * what `here` answered.
 */
export function inModuleProcess<T>(
  url: string,
  calls: { method: string; input: unknown }[],
  here: () => Promise<T>,
  { parallel = 4, options = {} }: { parallel?: number; options?: Record<string, unknown> } = {}
): Promise<{ other: ProcessCallResult[]; here: T }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "module-process.js")], {
      env: { ...process.env, URL: url, CALLS: JSON.stringify(calls), PARALLEL: String(parallel), MODULE_OPTIONS: JSON.stringify(options) },
      stdio: ["pipe", "pipe", "inherit"],
    })
    let out = ""
    let started: Promise<T> | null = null
    child.stdout.on("data", (d) => {
      out += d
      if (!started && out.includes("@@READY@@")) {
        child.stdin.write("go\n")
        started = here()
        started.catch(() => {})
      }
    })
    child.on("error", reject)
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("@@RESULT@@"))
      if (code !== 0 || !line || !started) return reject(new Error(`module process exited ${code}: ${out.slice(-2000)}`))
      const other = JSON.parse(line.slice("@@RESULT@@".length))
      started.then((value) => resolve({ other, here: value }), reject)
    })
  })
}

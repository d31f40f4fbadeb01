/**
 * Verifies that a database holds the resource_booking schema its migrations
 * build, without a list of expected objects kept by hand: it creates a scratch
 * database on the same server, runs the module's migrations there
 * (src/modules/resource_booking/migrations, through Medusa's own module
 * migration runner), and compares the two databases, object by object, for
 * the tables those migrations create:
 *
 *   - columns (type, NOT NULL, default)           information_schema / pg_attribute
 *   - indexes (full definition)                   pg_indexes
 *   - constraints (PK, FK, CHECK, UNIQUE)         pg_constraint
 *   - triggers (full definition, enabled)         pg_trigger
 *   - functions the migrations create (arguments, result, body)   pg_proc
 *   - the migrations recorded                     mikro_orm_migrations
 *
 * Prints a summary and the rows per table; exits 1 on any difference. An
 * object the migrations do not make (an extra index on a module table) is a
 * difference too. The scratch database is dropped at the end.
 *
 *   npx medusa exec ./scripts/verify-schema.ts      (or: npm run verify-schema)
 *
 * The database user needs CREATEDB (as `medusa db:create` does).
 */
import path from "path"
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, ModulesSdkUtils } from "@medusajs/framework/utils"

const MODULE = "resource_booking"
const MIGRATIONS_DIR = path.join(__dirname, "..", "src", "modules", MODULE, "migrations")

type Row = Record<string, any>
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>

/** One kind of schema object: how to read it, its key and what must match. */
type Section = {
  title: string
  read: (q: Query, tables: string[], functions: string[]) => Promise<Row[]>
  key: (r: Row) => string
  value: (r: Row) => string
}

const SECTIONS: Section[] = [
  {
    title: "Columns",
    read: (q, tables) =>
      q(
        `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
                a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default"
           FROM pg_attribute a
           JOIN pg_class c ON c.oid = a.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY($1)
            AND a.attnum > 0 AND NOT a.attisdropped`,
        [tables]
      ),
    key: (r) => `${r.table}.${r.column}`,
    value: (r) => `${r.type}${r.not_null ? " NOT NULL" : ""}${r.default ? ` DEFAULT ${r.default}` : ""}`,
  },
  {
    title: "Indexes",
    read: (q, tables) => q(`SELECT tablename AS table, indexname AS name, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)`, [tables]),
    key: (r) => `${r.table}: ${r.name}`,
    value: (r) => r.indexdef,
  },
  {
    title: "Constraints",
    read: (q, tables) =>
      q(
        `SELECT t.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
           FROM pg_constraint con
           JOIN pg_class t ON t.oid = con.conrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = current_schema() AND t.relname = ANY($1)`,
        [tables]
      ),
    key: (r) => `${r.table}: ${r.name}`,
    value: (r) => r.definition,
  },
  {
    title: "Triggers",
    read: (q, tables) =>
      q(
        `SELECT t.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition, tg.tgenabled <> 'D' AS enabled
           FROM pg_trigger tg
           JOIN pg_class t ON t.oid = tg.tgrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE NOT tg.tgisinternal AND n.nspname = current_schema() AND t.relname = ANY($1)`,
        [tables]
      ),
    key: (r) => `${r.table}: ${r.name}`,
    value: (r) => `${r.definition}${r.enabled ? "" : " (DISABLED)"}`,
  },
  {
    title: "Functions",
    read: (q, _tables, functions) =>
      q(
        `SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
                md5(p.prosrc) AS body, p.provolatile AS volatility
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = current_schema() AND p.proname = ANY($1)`,
        [functions]
      ),
    key: (r) => `${r.name}(${r.args})`,
    value: (r) => `-> ${r.result}, volatility ${r.volatility}, body md5 ${r.body}`,
  },
]

/** What the module's migrations made in a database: its tables and functions. */
async function moduleObjects(q: Query) {
  const tables = (
    await q(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'mikro_orm_migrations' ORDER BY 1`)
  ).map((r) => r.tablename as string)
  const functions = (
    await q(
      `SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p') ORDER BY 1`
    )
  ).map((r) => r.proname as string)
  const migrations = (await q(`SELECT name FROM mikro_orm_migrations ORDER BY name`).catch(() => [])).map((r) => r.name as string)
  return { tables, functions, migrations }
}

export default async function verifySchema({ container }: ExecArgs) {
  const knex: any = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const config: any = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const liveUrl: string = config.projectConfig.databaseUrl
  const live: Query = async (sql, params = []) => (await knex.raw(sql.replace(/\$\d+/g, "?"), params)).rows

  const out = (line = "") => console.log(line)
  const scratchName = `rb_verify_schema_${process.pid}_${Date.now()}`
  const scratchUrl = (() => {
    const u = new URL(liveUrl)
    u.pathname = `/${scratchName}`
    return u.toString()
  })()

  out("")
  out("resource_booking schema verification")
  out("=".repeat(72))
  out(`Reference: a scratch database migrated with ${path.relative(process.cwd(), MIGRATIONS_DIR)}`)

  await knex.raw(`CREATE DATABASE "${scratchName}"`)
  const { Client } = require("pg")
  const scratch = new Client({ connectionString: scratchUrl })
  const errors: string[] = []
  try {
    const runMigrations = ModulesSdkUtils.buildMigrationScript({ moduleName: MODULE, pathToMigrations: MIGRATIONS_DIR })
    const quiet = { info: () => {}, warn: () => {}, error: (...a: unknown[]) => console.error(...a) }
    await runMigrations({ options: { database: { clientUrl: scratchUrl } }, logger: quiet as any })
    await scratch.connect()
    const reference: Query = async (sql, params = []) => (await scratch.query(sql, params)).rows

    const want = await moduleObjects(reference)
    const section = (title: string) => {
      out("")
      out(title)
      out("-".repeat(72))
    }

    // Tables and their rows
    section("Tables")
    const liveTables = new Set((await live(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)).map((r) => r.tablename))
    const rowCounts: Record<string, number> = {}
    for (const table of want.tables) {
      if (!liveTables.has(table)) {
        errors.push(`table ${table} is missing`)
        out(`✗ ${table} missing`)
        continue
      }
      const [{ count }] = await live(`SELECT count(*)::int AS count FROM "${table}"`)
      rowCounts[table] = count
      out(`✓ ${table.padEnd(28)} rows: ${count}`)
    }

    // Every kind of object, compared both ways
    const counts: string[] = []
    for (const s of SECTIONS) {
      const expected = new Map((await s.read(reference, want.tables, want.functions)).map((r) => [s.key(r), s.value(r)]))
      const actual = new Map((await s.read(live, want.tables, want.functions)).map((r) => [s.key(r), s.value(r)]))
      const problems: string[] = []
      for (const [key, value] of expected) {
        if (!actual.has(key)) problems.push(`${key} is missing (migrations make: ${value})`)
        else if (actual.get(key) !== value) problems.push(`${key} is ${actual.get(key)}; the migrations make ${value}`)
      }
      for (const [key, value] of actual) {
        if (!expected.has(key)) problems.push(`${key} is not made by the migrations: ${value}`)
      }
      section(s.title)
      const extra = [...actual.keys()].filter((key) => !expected.has(key)).length
      out(`${problems.length ? "✗" : "✓"} ${expected.size - (problems.length - extra)}/${expected.size} as the migrations make them${extra ? `, ${extra} they do not make` : ""}`)
      for (const p of problems) out(`  ✗ ${p}`)
      errors.push(...problems.map((p) => `${s.title.toLowerCase()}: ${p}`))
      counts.push(`${s.title}: ${expected.size}`)
    }

    // Migrations recorded
    section("Migrations")
    const recorded = new Set((await live(`SELECT name FROM mikro_orm_migrations`).catch(() => [])).map((r) => r.name))
    for (const name of want.migrations) {
      const ok = recorded.has(name)
      if (!ok) errors.push(`migration ${name} is not recorded in mikro_orm_migrations`)
      out(`${ok ? "✓" : "✗"} ${name}`)
    }

    section("Summary")
    out(`Compared: tables ${want.tables.length}, ${counts.join(", ")}, migrations ${want.migrations.length}`)
    out(`Rows:     ${want.tables.map((t) => `${t}=${rowCounts[t] ?? "-"}`).join(", ")}`)
  } finally {
    await scratch.end().catch(() => {})
    await knex.raw(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`).catch(() => {})
  }
  out("")
  if (errors.length) {
    out(`✗ Schema verification FAILED: ${errors.length} difference(s)`)
    for (const e of errors) out(`  - ${e}`)
    process.exitCode = 1
    throw new Error(`resource_booking schema verification failed (${errors.length} differences)`)
  }
  out("✓ Schema verification passed: the database holds exactly what the migrations make")
}

#!/usr/bin/env node
/**
 * Measures the two deadlock-free ways to serialise capacity changes that the
 * module could use, on raw SQL against a scratch table, same run, same load:
 *   advisory: pg_advisory_xact_lock(resource) then the conditional update
 *   rows:     SELECT … ORDER BY date FOR UPDATE then the conditional update
 * Usage: node bench/measure-lock-strategy.js [clients=16] [seconds=5]
 * Needs DATABASE_URL or PostgreSQL on localhost:5432 (creates and drops rb_lockbench).
 */
const { Client, Pool } = require("pg")

const CLIENTS = Number(process.argv[2] || 16)
const SECONDS = Number(process.argv[3] || 5)
const base = process.env.DATABASE_URL || "postgres://postgres@localhost:5432/postgres"
const dbName = "rb_lockbench"

const STATEMENT = `
  WITH upd AS (
    UPDATE lb_capacity SET available = available - 1
    WHERE resource_id = 'r1' AND date = ANY($1::date[]) AND available >= 1
    RETURNING date
  )
  INSERT INTO lb_hold (dates) SELECT $1::date[] WHERE (SELECT count(*) FROM upd) = cardinality($1::date[])`

const strategies = {
  advisory: async (client, dates) => {
    await client.query("SELECT pg_advisory_xact_lock(42)")
  },
  rows: async (client, dates) => {
    await client.query(
      "SELECT 1 FROM lb_capacity WHERE resource_id = 'r1' AND date = ANY($1::date[]) ORDER BY date FOR UPDATE",
      [dates]
    )
  },
}

function randomDates() {
  const start = Math.floor(Math.random() * 10)
  return [0, 1, 2].map((i) => new Date(Date.UTC(2030, 0, 1 + start + i)).toISOString().slice(0, 10))
}

async function run(pool, name) {
  const deadline = Date.now() + SECONDS * 1000
  let done = 0
  let deadlocks = 0
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = await pool.connect()
      try {
        while (Date.now() < deadline) {
          const dates = randomDates()
          try {
            await client.query("BEGIN")
            await strategies[name](client, dates)
            await client.query(STATEMENT, [dates])
            await client.query("COMMIT")
            done++
          } catch (error) {
            await client.query("ROLLBACK")
            if (error.code === "40P01") deadlocks++
            else throw error
          }
        }
      } finally {
        client.release()
      }
    })
  )
  return { strategy: name, ops_per_s: Math.round(done / SECONDS), deadlocks }
}

async function main() {
  const admin = new Client({ connectionString: base })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
  await admin.query(`CREATE DATABASE ${dbName}`)
  const url = new URL(base)
  url.pathname = `/${dbName}`
  const pool = new Pool({ connectionString: url.toString(), max: CLIENTS })
  try {
    await pool.query(`CREATE TABLE lb_capacity (resource_id text, date date, available int CHECK (available >= 0), PRIMARY KEY (resource_id, date));
      CREATE TABLE lb_hold (id bigserial PRIMARY KEY, dates date[]);
      INSERT INTO lb_capacity SELECT 'r1', d::date, 100000000 FROM generate_series('2030-01-01'::date, '2030-01-20', '1 day') d;`)
    const results = []
    for (const round of [1, 2]) {
      for (const name of round === 1 ? ["advisory", "rows"] : ["rows", "advisory"]) results.push(await run(pool, name))
    }
    const summary = {}
    for (const r of results) {
      summary[r.strategy] ??= { ops_per_s: 0, deadlocks: 0 }
      summary[r.strategy].ops_per_s += r.ops_per_s / 2
      summary[r.strategy].deadlocks += r.deadlocks
    }
    console.log(JSON.stringify({ clients: CLIENTS, seconds_per_run: SECONDS, runs: results, mean: summary }, null, 2))
  } finally {
    await pool.end()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

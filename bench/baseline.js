"use strict"
/**
 * Raw-SQL baselines: the same database work as the module, through `pg`,
 * without Medusa. They keep the module's own rules (all dates or none, the
 * audit row of every capacity change, the trigger marker) so the comparison
 * is with the least a correct implementation must do, not with less.
 */
const crypto = require("crypto")

function poolFor(url, size) {
  const { Pool } = require("pg")
  const pool = new Pool({ connectionString: url, max: size })
  pool.on("error", () => {})
  return pool
}

/**
 * One hold as one transaction, 3 round trips: BEGIN + marker; one statement
 * that locks the capacity rows in date order, takes capacity only if every
 * date has it, inserts the hold and its audit rows; COMMIT.
 * Resolves "created" or "conflict".
 */
const HOLD_SQL = `
WITH locked AS (
  SELECT id, date, available_capacity FROM resource_capacity
  WHERE resource_id = $1 AND date = ANY($2::date[]) ORDER BY date FOR UPDATE
),
upd AS (
  UPDATE resource_capacity c SET available_capacity = c.available_capacity - $3
  FROM locked l
  WHERE c.id = l.id
    AND (SELECT count(*) FROM locked WHERE available_capacity >= $3) = cardinality($2::date[])
  RETURNING c.id, c.date, c.available_capacity, c.max_capacity
),
hold AS (
  INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, created_at, updated_at)
  SELECT $4, $1, $2::date[], $3, $5, $6, 'ACTIVE', now() + interval '30 minutes', now(), now()
  WHERE (SELECT count(*) FROM upd) = cardinality($2::date[])
  RETURNING id
),
audit AS (
  INSERT INTO resource_capacity_audit (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
                                       change_reason, hold_id, changed_at, created_at, updated_at)
  SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), u.id, $1, u.date, u.available_capacity + $3,
         u.available_capacity, u.max_capacity, u.max_capacity, 'HOLD', h.id, clock_timestamp(), now(), now()
  FROM upd u, hold h
)
SELECT count(*)::int AS created FROM hold`

/**
 * One transaction with the audit marker the capacity trigger expects: BEGIN +
 * marker, the statement, COMMIT (2 round trips besides the statement's).
 */
async function auditedTransaction(pool, sql, params) {
  const client = await pool.connect()
  try {
    await client.query("BEGIN; SELECT set_config('resource_booking.audited', 'on', true)")
    const { rows } = await client.query(sql, params)
    await client.query("COMMIT")
    return rows
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {})
    throw e
  } finally {
    client.release()
  }
}

async function baselineHold(pool, { resource_id, dates, quantity = 1, customer_email = "bench@example.com" }) {
  const holdId = `rhold_${crypto.randomBytes(16).toString("hex")}`
  const token = `auto_${crypto.randomBytes(16).toString("hex")}`
  const rows = await auditedTransaction(pool, HOLD_SQL, [resource_id, `{${dates.join(",")}}`, quantity, holdId, customer_email, token])
  return rows[0].created === 1 ? "created" : "conflict"
}

/**
 * One expiry batch: takes up to `batchSize` lapsed ACTIVE holds
 * (FOR UPDATE SKIP LOCKED), marks them EXPIRED, gives their capacity back and
 * writes one EXPIRE audit row per hold and date with running old/new values.
 * Resolves the number of holds expired.
 */
const EXPIRE_SQL = `
WITH batch AS (
  SELECT id FROM resource_hold WHERE status = 'ACTIVE' AND expires_at <= now()
  ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
),
exp AS (
  UPDATE resource_hold h SET status = 'EXPIRED' FROM batch b WHERE h.id = b.id
  RETURNING h.id, h.resource_id, h.dates, h.quantity
),
moves AS (SELECT e.resource_id, d AS date, e.id AS hold_id, e.quantity FROM exp e, unnest(e.dates) d),
per_date AS (SELECT resource_id, date, sum(quantity)::int AS q FROM moves GROUP BY 1, 2),
upd AS (
  UPDATE resource_capacity c SET available_capacity = c.available_capacity + p.q
  FROM per_date p WHERE c.resource_id = p.resource_id AND c.date = p.date
  RETURNING c.id, c.resource_id, c.date, c.available_capacity, c.max_capacity, p.q
),
trail AS (
  SELECT u.id AS capacity_id, m.resource_id, m.date, m.hold_id, u.max_capacity,
         u.available_capacity - u.q + sum(m.quantity) OVER w AS new_available, m.quantity
  FROM moves m JOIN upd u ON u.resource_id = m.resource_id AND u.date = m.date
  WINDOW w AS (PARTITION BY m.resource_id, m.date ORDER BY m.hold_id)
),
aud AS (
  INSERT INTO resource_capacity_audit (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
                                       change_reason, hold_id, changed_at, created_at, updated_at)
  SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), t.capacity_id, t.resource_id, t.date,
         t.new_available - t.quantity, t.new_available, t.max_capacity, t.max_capacity, 'EXPIRE', t.hold_id,
         clock_timestamp(), now(), now()
  FROM trail t
)
SELECT count(*)::int AS expired FROM exp`

async function baselineExpireBatch(pool, batchSize) {
  return (await auditedTransaction(pool, EXPIRE_SQL, [batchSize]))[0].expired
}

/**
 * The availability read as one statement (the resource check folded in, as the
 * module does since 283457d), the baseline of GET …/availability.
 */
const AVAILABILITY_SQL = `
WITH live AS (SELECT id FROM resource WHERE id = $1 AND deleted_at IS NULL AND is_active),
days AS (SELECT d::date AS date FROM generate_series($2::date, $3::date, interval '1 day') AS d),
lapsed AS (
  SELECT d AS date, sum(h.quantity)::int AS quantity
  FROM resource_hold h, unnest(h.dates) AS d
  WHERE h.resource_id = $1 AND h.status = 'ACTIVE' AND h.expires_at <= now() AND d BETWEEN $2::date AND $3::date
  GROUP BY d
)
SELECT days.date::text AS date, c.max_capacity, c.available_capacity + coalesce(lapsed.quantity, 0) AS available_capacity,
       EXISTS (SELECT 1 FROM resource_blackout b WHERE b.resource_id = $1 AND b.deleted_at IS NULL
               AND days.date BETWEEN b.start_date AND b.end_date) AS is_blacked_out
FROM days
LEFT JOIN resource_capacity c ON c.resource_id = $1 AND c.date = days.date
LEFT JOIN lapsed ON lapsed.date = days.date
WHERE EXISTS (SELECT 1 FROM live)
ORDER BY days.date`

async function baselineAvailability(pool, { resource_id, from, to }) {
  const { rows } = await pool.query(AVAILABILITY_SQL, [resource_id, from, to])
  if (rows.length === 0) throw new Error("availability baseline: no rows")
  return "ok"
}

module.exports = { poolFor, baselineHold, baselineExpireBatch, baselineAvailability, HOLD_SQL, EXPIRE_SQL, AVAILABILITY_SQL }

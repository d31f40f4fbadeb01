import { Client } from "pg"

import { day, describeModule, withClient } from "./helpers"

jest.setTimeout(120_000)

/** Runs `statement` in a savepoint and returns the SQLSTATE it failed with (or null). */
async function failureCode(client: Client, statement: string, params: unknown[] = []): Promise<string | null> {
  await client.query("SAVEPOINT attempt")
  try {
    await client.query(statement, params)
    await client.query("RELEASE SAVEPOINT attempt")
    return null
  } catch (error: any) {
    await client.query("ROLLBACK TO SAVEPOINT attempt")
    return error.code
  }
}

const CHECK = "23514"
const UNIQUE = "23505"
const FOREIGN_KEY = "23503"

describeModule(({ dbConfig }) => {
  it("refuses rows that break each CHECK, UNIQUE and FOREIGN KEY of the schema", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      await client.query("BEGIN")
      await client.query(`INSERT INTO resource (id, type, name) VALUES ('res_A', 'VEHICLE', 'A'), ('res_B', 'TOUR', 'B')`)
      await client.query(
        `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity) VALUES ('cap_1', 'res_A', $1, 5, 5)`,
        [day(1)]
      )
      await client.query(
        `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, expires_at)
         VALUES ('hold_1', 'res_A', ARRAY[$1::date], 1, 'a@example.com', 'tok', now())`,
        [day(1)]
      )
      await client.query(
        `INSERT INTO resource_allocation (id, resource_id, order_id, line_item_id, dates, quantity)
         VALUES ('alloc_1', 'res_A', 'order_1', 'line_1', ARRAY[$1::date], 1)`,
        [day(1)]
      )

      const cases: [string, string, unknown[], string][] = [
        ["resource type", `INSERT INTO resource (id, type, name) VALUES ('res_X', 'BOAT', 'X')`, [], CHECK],
        ["live resource name", `INSERT INTO resource (id, type, name) VALUES ('res_X', 'GUIDE', 'A')`, [], UNIQUE],
        ["max_capacity >= 0", `UPDATE resource_capacity SET max_capacity = -1, available_capacity = -1 WHERE id = 'cap_1'`, [], CHECK],
        ["available >= 0", `UPDATE resource_capacity SET available_capacity = -1 WHERE id = 'cap_1'`, [], CHECK],
        ["available <= max", `UPDATE resource_capacity SET available_capacity = 6 WHERE id = 'cap_1'`, [], CHECK],
        ["one capacity row per date", `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity) VALUES ('cap_2', 'res_A', $1, 1, 1)`, [day(1)], UNIQUE],
        ["capacity resource exists", `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity) VALUES ('cap_3', 'res_none', $1, 1, 1)`, [day(1)], FOREIGN_KEY],
        ["hold status", `UPDATE resource_hold SET status = 'PENDING' WHERE id = 'hold_1'`, [], CHECK],
        ["hold quantity > 0", `UPDATE resource_hold SET quantity = 0 WHERE id = 'hold_1'`, [], CHECK],
        ["hold dates not empty", `UPDATE resource_hold SET dates = '{}' WHERE id = 'hold_1'`, [], CHECK],
        ["idempotency token unique", `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, expires_at) VALUES ('hold_2', 'res_B', ARRAY[$1::date], 1, 'b@example.com', 'tok', now())`, [day(1)], UNIQUE],
        ["hold resource exists", `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, expires_at) VALUES ('hold_3', 'res_none', ARRAY[$1::date], 1, 'b@example.com', 'tok3', now())`, [day(1)], FOREIGN_KEY],
        ["allocation quantity > 0", `UPDATE resource_allocation SET quantity = 0 WHERE id = 'alloc_1'`, [], CHECK],
        ["allocation dates not empty", `UPDATE resource_allocation SET dates = '{}' WHERE id = 'alloc_1'`, [], CHECK],
        ["allocation per order line and resource", `INSERT INTO resource_allocation (id, resource_id, order_id, line_item_id, dates, quantity) VALUES ('alloc_2', 'res_A', 'order_1', 'line_1', ARRAY[$1::date], 1)`, [day(1)], UNIQUE],
        ["allocation canceled state", `UPDATE resource_allocation SET status = 'CANCELED' WHERE id = 'alloc_1'`, [], CHECK],
        ["allocation review reason", `UPDATE resource_allocation SET needs_review = true WHERE id = 'alloc_1'`, [], CHECK],
        ["blackout end >= start", `INSERT INTO resource_blackout (id, resource_id, start_date, end_date) VALUES ('blk_1', 'res_A', $1, $2)`, [day(2), day(1)], CHECK],
        ["hold keeps its resource", `DELETE FROM resource WHERE id = 'res_A'`, [], FOREIGN_KEY],
        ["audit reason", `INSERT INTO resource_capacity_audit (id, capacity_id, resource_id, date, change_reason, changed_at) VALUES ('a', 'cap_1', 'res_A', $1, 'OOPS', now())`, [day(1)], CHECK],
      ]
      const outcome = []
      for (const [name, statement, params] of cases) {
        outcome.push([name, await failureCode(client, statement, params)])
      }
      expect(outcome).toEqual(cases.map(([name, , , code]) => [name, code]))

      // A soft-deleted resource frees its name; a resource with only capacity cascades.
      expect(await failureCode(client, `UPDATE resource SET deleted_at = now() WHERE id = 'res_B'`)).toBeNull()
      expect(await failureCode(client, `INSERT INTO resource (id, type, name) VALUES ('res_B2', 'TOUR', 'B')`)).toBeNull()
      await client.query(`INSERT INTO resource (id, type, name) VALUES ('res_C', 'GUIDE', 'C')`)
      await client.query(`INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity) VALUES ('cap_c', 'res_C', $1, 1, 1)`, [day(1)])
      await client.query(`DELETE FROM resource WHERE id = 'res_C'`)
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM resource_capacity WHERE resource_id = 'res_C'`)
      expect(rows[0].n).toBe(0)
      await client.query("ROLLBACK")
    })
  })

  it("keeps updated_at current, audits changes made outside the module, and agrees on lock keys", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      await client.query(`INSERT INTO resource (id, type, name, updated_at) VALUES ('res_T', 'VEHICLE', 'T', now() - interval '1 day')`)
      await client.query(`UPDATE resource SET description = 'x' WHERE id = 'res_T'`)
      const { rows: [resource] } = await client.query(`SELECT updated_at > now() - interval '1 minute' AS fresh FROM resource WHERE id = 'res_T'`)
      expect(resource.fresh).toBe(true)

      await client.query(`INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity) VALUES ('cap_t', 'res_T', $1, 5, 5)`, [day(1)])
      await client.query(`UPDATE resource_capacity SET available_capacity = 3 WHERE id = 'cap_t'`)
      const { rows: audit } = await client.query(`SELECT change_reason, old_available, new_available, actor_id FROM resource_capacity_audit WHERE capacity_id = 'cap_t'`)
      expect(audit).toEqual([{ change_reason: "ADJUST", old_available: 5, new_available: 3, actor_id: expect.stringMatching(/^db:/) }])

      // The ledger's lock: every key of the set taken, and a second call in the same transaction refused.
      await client.query("BEGIN")
      await client.query(`SELECT resource_booking_lock_resources(ARRAY['res_T', 'res_U'])`)
      const { rows: held } = await client.query(
        `SELECT objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() ORDER BY 1`
      )
      const { rows: keys } = await client.query(
        `SELECT (get_resource_lock_id(x) & 4294967295) AS objid FROM unnest(ARRAY['res_T', 'res_U']) x ORDER BY 1`
      )
      expect(held.map((row) => String(row.objid))).toEqual(keys.map((row) => String(row.objid)))
      await expect(client.query(`SELECT resource_booking_lock_resources(ARRAY['res_V'])`)).rejects.toThrow(
        /locked once per transaction/
      )
      await client.query("ROLLBACK")
    })
  })
})

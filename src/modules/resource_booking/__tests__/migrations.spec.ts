import { Migration20261122030750 } from "../migrations/Migration20261122030750"
import { Migration20261122041500 } from "../migrations/Migration20261122041500"
import { Migration20261127100000 } from "../migrations/Migration20261127100000"
import { Migration20261127150000 } from "../migrations/Migration20261127150000"
import { Migration20261127170000 } from "../migrations/Migration20261127170000"
import { Migration20261203120000 } from "../migrations/Migration20261203120000"
import { Migration20261203130000 } from "../migrations/Migration20261203130000"
import { Migration20261203140000 } from "../migrations/Migration20261203140000"
import { Migration20261203160000 } from "../migrations/Migration20261203160000"
import { Migration20261203170000 } from "../migrations/Migration20261203170000"
import { Migration20261203190000 } from "../migrations/Migration20261203190000"
import { LEDGER_FUNCTIONS } from "../ledger/sql"
import { describeModule, sqlOf, withClient } from "./helpers"

jest.setTimeout(120_000)

const MIGRATIONS = [
  Migration20261122030750,
  Migration20261122041500,
  Migration20261127100000,
  Migration20261127150000,
  Migration20261127170000,
  Migration20261203120000,
  Migration20261203130000,
  Migration20261203140000,
  Migration20261203160000,
  Migration20261203170000,
  Migration20261203190000,
]

/** The round-3 migrations, in order (time of day, then scale and operations). */
const ROUND_3 = [Migration20261203120000, Migration20261203130000]
/** Later migrations whose objects depend on round 3's columns (a trigger's WHEN on resource_hold.appointment): down first, up last. */
const AFTER_ROUND_3 = [Migration20261203170000, Migration20261203190000]

const SCHEMA_OBJECTS = `
  SELECT
    (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema()
       AND tablename IN ('resource', 'resource_capacity', 'resource_hold', 'resource_allocation',
                         'resource_blackout', 'resource_capacity_audit', 'resource_waitlist_entry',
                         'resource_hours_exception', 'resource_occupancy', 'resource_hold_archive',
                         'resource_capacity_audit_archive', 'resource_read_stamp', 'resource_read_stamp_pending')) AS tables,
    (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')) AS functions,
    (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'trg\\_%' AND NOT tgisinternal) AS triggers`

describeModule(({ dbConfig }) => {
  it("down() removes every table, function and trigger the migrations made; up() makes them again", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      const applied = (await client.query(SCHEMA_OBJECTS)).rows[0]
      expect(applied).toEqual({ tables: 13, functions: LEDGER_FUNCTIONS.length, triggers: 26 })

      for (const MigrationClass of [...MIGRATIONS].reverse()) {
        for (const statement of await sqlOf(MigrationClass, "down")) await client.query(statement)
      }
      expect((await client.query(SCHEMA_OBJECTS)).rows[0]).toEqual({ tables: 0, functions: 0, triggers: 0 })

      for (const MigrationClass of MIGRATIONS) {
        for (const statement of await sqlOf(MigrationClass, "up")) await client.query(statement)
      }
      expect((await client.query(SCHEMA_OBJECTS)).rows[0]).toEqual(applied)
    })
  })

  it("Migration20261127170000 made the two decision statements PL/pgSQL (planned once) with fenced lookups, and fenced the resource lookups of two more; down() and up() again give the same functions", async () => {
    const FUNCTIONS = `
      SELECT p.proname, l.lanname, p.proconfig, p.prosrc FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.proname IN ('resource_booking_hold_problems', 'resource_booking_shape_problems') ORDER BY p.proname`
    const PROBED = `
      SELECT p.proname, p.prosrc FROM pg_proc p
      WHERE p.proname IN ('resource_booking_take_holds_locked', 'resource_booking_offer_waitlist') ORDER BY p.proname`
    await withClient(dbConfig.clientUrl, async (client) => {
      // The functions as that migration left them: the later ones' down() first.
      for (const MigrationClass of [...ROUND_3, ...AFTER_ROUND_3].reverse()) {
        for (const statement of await sqlOf(MigrationClass, "down")) await client.query(statement)
      }
      const decisions = (await client.query(FUNCTIONS)).rows
      const probed = (await client.query(PROBED)).rows
      expect(probed.map((f) => (f.prosrc.match(/OFFSET 0\) r|OFFSET 0\n  \) r ON true/g) ?? []).length)).toEqual([2, 1])
      expect(decisions.map((f) => [f.proname, f.lanname, f.proconfig])).toEqual([
        ["resource_booking_hold_problems", "plpgsql", ["plan_cache_mode=force_generic_plan"]],
        ["resource_booking_shape_problems", "plpgsql", null],
      ])
      // Resource and capacity lookups are fenced index probes (2 in hold_problems, 1 in shape_problems).
      expect(decisions.map((f) => (f.prosrc.match(/OFFSET 0/g) ?? []).length)).toEqual([2, 1])

      for (const statement of await sqlOf(Migration20261127170000, "down")) await client.query(statement)
      // Without the plan setting; the statements answer as before.
      expect((await client.query(FUNCTIONS)).rows.map((f) => [f.proname, f.proconfig])).toEqual([
        ["resource_booking_hold_problems", null],
        ["resource_booking_shape_problems", null],
      ])
      expect((await client.query(`SELECT to_regprocedure('resource_booking_availability(text[], date, date, text)') AS fn`)).rows[0].fn).toBeNull()
      // The probes are back to the joins Migration20261127100000 / …150000 wrote.
      const joined = (await client.query(PROBED)).rows
      expect(joined[0].prosrc.match(/y JOIN resource r ON r.id = y->>'resource_id'/g)).toHaveLength(2)
      expect(joined[1].prosrc).toContain("WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.id = i.resource_id")

      for (const statement of await sqlOf(Migration20261127170000, "up")) await client.query(statement)
      expect((await client.query(FUNCTIONS)).rows).toEqual(decisions)
      expect((await client.query(PROBED)).rows).toEqual(probed)
      for (const MigrationClass of [...ROUND_3, ...AFTER_ROUND_3]) {
        for (const statement of await sqlOf(MigrationClass, "up")) await client.query(statement)
      }
    })
  })

  it("Migration20261203120000 keeps every round-2 row as it was (DAY resources, their capacity, holds, allocations, audit) and down() gives the round-2 schema back", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      for (const MigrationClass of [...ROUND_3, ...AFTER_ROUND_3].reverse()) {
        for (const statement of await sqlOf(MigrationClass, "down")) await client.query(statement)
      }
      // Round-2 data, written by the round-2 functions.
      await client.query(`INSERT INTO resource (id, type, name, booking_rules) VALUES ('res_R2', 'TOUR', 'Round two', '{"min_dates": 1}')`)
      await client.query(`INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity)
                          VALUES ('rcap_r2', 'res_R2', current_date + 3, 10, 10)`)
      const [made] = (await client.query(`SELECT * FROM resource_booking_try_create_holds(
        'rhold_r2', 'tok_r2', 'r2@example.com', 600, NULL, ARRAY[current_date + 3], '[{"resource_id": "res_R2", "quantity": 3, "hold_id": "rhold_r2"}]'::jsonb, 'UTC')`)).rows
      expect(made.verdict).toBe("ok")
      await client.query(`INSERT INTO resource_allocation (id, resource_id, hold_id, order_id, line_item_id, dates, quantity)
                          VALUES ('ralloc_r2', 'res_R2', NULL, 'order_r2', 'line_r2', ARRAY[current_date + 3], 2)`)
      const snapshot = async () => ({
        resource: (await client.query(`SELECT id, type, name, booking_rules, is_active FROM resource WHERE id = 'res_R2'`)).rows,
        capacity: (await client.query(`SELECT id, date::text, max_capacity, available_capacity FROM resource_capacity WHERE resource_id = 'res_R2'`)).rows,
        holds: (await client.query(`SELECT id, group_id, dates::text[], quantity, status, expires_at FROM resource_hold WHERE resource_id = 'res_R2'`)).rows,
        allocations: (await client.query(`SELECT id, dates::text[], quantity, status FROM resource_allocation WHERE resource_id = 'res_R2'`)).rows,
        audit: (await client.query(`SELECT id, date::text, old_available, new_available, change_reason FROM resource_capacity_audit WHERE resource_id = 'res_R2' ORDER BY changed_at`)).rows,
      })
      const before = await snapshot()
      for (const MigrationClass of [...ROUND_3, ...AFTER_ROUND_3]) {
        for (const statement of await sqlOf(MigrationClass, "up")) await client.query(statement)
      }
      expect(await snapshot()).toEqual(before)
      const { rows } = await client.query(
        `SELECT r.booking_mode, c.start_time, h.departures, h.starts_at, a.departures AS allocation_departures
         FROM resource r JOIN resource_capacity c ON c.resource_id = r.id
         JOIN resource_hold h ON h.resource_id = r.id JOIN resource_allocation a ON a.resource_id = r.id
         WHERE r.id = 'res_R2'`
      )
      expect(rows).toEqual([{ booking_mode: "DAY", start_time: null, departures: null, starts_at: null, allocation_departures: null }])
      // The round-2 hold is released by today's functions as it would have been.
      await client.query(`BEGIN`)
      await client.query(`SELECT resource_booking_expire_lapsed('res_R2', NULL, NULL, 10)`)
      await client.query(`ROLLBACK`)
      await client.query(`DELETE FROM resource_allocation WHERE resource_id = 'res_R2'`)
      await client.query(`DELETE FROM resource_capacity_audit WHERE resource_id = 'res_R2'`)
      await client.query(`DELETE FROM resource_hold WHERE resource_id = 'res_R2'`)
      await client.query(`DELETE FROM resource WHERE id = 'res_R2'`)
    })
  })
})

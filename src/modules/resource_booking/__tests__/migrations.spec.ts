import { Migration20261122030750 } from "../migrations/Migration20261122030750"
import { Migration20261122041500 } from "../migrations/Migration20261122041500"
import { Migration20261127100000 } from "../migrations/Migration20261127100000"
import { Migration20261127150000 } from "../migrations/Migration20261127150000"
import { Migration20261127170000 } from "../migrations/Migration20261127170000"
import { describeModule, sqlOf, withClient } from "./helpers"

jest.setTimeout(120_000)

const MIGRATIONS = [
  Migration20261122030750,
  Migration20261122041500,
  Migration20261127100000,
  Migration20261127150000,
  Migration20261127170000,
]

const SCHEMA_OBJECTS = `
  SELECT
    (SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema()
       AND tablename IN ('resource', 'resource_capacity', 'resource_hold', 'resource_allocation',
                         'resource_blackout', 'resource_capacity_audit', 'resource_waitlist_entry')) AS tables,
    (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema()
        AND p.proname IN ('update_updated_at_column', 'audit_capacity_change', 'get_resource_date_lock_id',
                          'get_resource_lock_id', 'resource_booking_apply_capacity_movements',
                          'resource_booking_lock_resources', 'resource_booking_expire_lapsed',
                          'resource_booking_rule_reason', 'resource_booking_hold_problems',
                          'resource_booking_try_create_holds', 'resource_booking_default_group',
                          'resource_booking_take_holds_locked', 'resource_booking_shape_problems',
                          'resource_booking_offer_waitlist', 'resource_booking_availability')) AS functions,
    (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'trg\\_%' AND NOT tgisinternal) AS triggers`

describeModule(({ dbConfig }) => {
  it("down() removes every table, function and trigger the migrations made; up() makes them again", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      const applied = (await client.query(SCHEMA_OBJECTS)).rows[0]
      expect(applied).toEqual({ tables: 7, functions: 15, triggers: 8 })

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

  it("Migration20261127170000 makes the two decision statements PL/pgSQL (planned once) with fenced lookups, and fences the resource lookups of two more; down() and up() again give the same functions", async () => {
    const FUNCTIONS = `
      SELECT p.proname, l.lanname, p.proconfig, p.prosrc FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.proname IN ('resource_booking_hold_problems', 'resource_booking_shape_problems') ORDER BY p.proname`
    const PROBED = `
      SELECT p.proname, p.prosrc FROM pg_proc p
      WHERE p.proname IN ('resource_booking_take_holds_locked', 'resource_booking_offer_waitlist') ORDER BY p.proname`
    await withClient(dbConfig.clientUrl, async (client) => {
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
    })
  })
})

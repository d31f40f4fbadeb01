import { LEDGER_FUNCTIONS, RETIRED_SIGNATURES } from "../ledger/sql"
import { describeModule, withClient } from "./helpers"

jest.setTimeout(120_000)

/** A signature as PostgreSQL prints a regprocedure (no space after commas). */
const printed = (signature: string) => signature.replace(/,\s+/g, ",")

/** The module's own functions: every function of the schema except those extensions bring. */
const OWN_FUNCTIONS = `
  SELECT p.oid::regprocedure::text AS signature, pg_get_functiondef(p.oid) AS def
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = current_schema()
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  ORDER BY 1`

describeModule(({ dbConfig }) => {
  it("a freshly migrated database has exactly the functions of ledger/sql, each as its file defines it", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      const migrated = (await client.query(OWN_FUNCTIONS)).rows
      // The same set of signatures: nothing missing, nothing left over from an earlier migration.
      expect(migrated.map((row) => row.signature).sort()).toEqual(LEDGER_FUNCTIONS.map((fn) => printed(fn.signature)).sort())
      for (const signature of RETIRED_SIGNATURES) {
        expect(migrated.map((row) => row.signature)).not.toContain(printed(signature))
      }
      // Each definition is the file's: applying the file again changes nothing.
      await client.query("BEGIN")
      await client.query(`SELECT set_config('check_function_bodies', 'off', true)`)
      for (const fn of LEDGER_FUNCTIONS) await client.query(fn.sql)
      const reapplied = (await client.query(OWN_FUNCTIONS)).rows
      await client.query("ROLLBACK")
      expect(reapplied).toEqual(migrated)
    })
  })

  it("each file's definition is what the database would make of it (no drift after a definition is edited)", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      // Replace one function with another body, as a hand edit would: the comparison above must see it.
      await client.query("BEGIN")
      const before = (await client.query(OWN_FUNCTIONS)).rows
      await client.query(`CREATE OR REPLACE FUNCTION resource_booking_unavailable_reason(
        p_rule_reason text, p_blacked_out boolean, p_max int, p_available int, p_needed int
      ) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT p_rule_reason $$`)
      const edited = (await client.query(OWN_FUNCTIONS)).rows
      await client.query("ROLLBACK")
      expect(edited).not.toEqual(before)
    })
  })

  it("local times: a spring-gap time does not exist, an autumn-overlap time is its first occurrence (Europe/Berlin, 2027)", async () => {
    await withClient(dbConfig.clientUrl, async (client) => {
      const { rows } = await client.query(`
        SELECT to_char(resource_booking_local_instant(d::date, t::time, 'Europe/Berlin') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc
        FROM (VALUES ('2027-03-28', '01:30'), ('2027-03-28', '02:30'), ('2027-03-28', '03:00'),
                     ('2027-10-31', '01:30'), ('2027-10-31', '02:30'), ('2027-10-31', '03:00')) AS v(d, t)`)
      expect(rows.map((row) => row.utc)).toEqual([
        "2027-03-28T00:30",
        null,
        "2027-03-28T01:00",
        "2027-10-30T23:30",
        "2027-10-31T00:30",
        "2027-10-31T02:00",
      ])
    })
  })
})

import { LedgerFunction } from "./types"

/**
 * The only place that takes a resource's advisory lock (LOCKING.md, rule 2):
 * every key of the operation at once, sorted (no wait cycles between two
 * transactions that need several resources), once per transaction (a second
 * call could deadlock: RBL01), with a lock timeout (a long wait answers
 * "busy, try again", never a hung request). `p_wait = false` answers false at
 * once when a key is taken. It also marks the transaction as audited: the
 * ledger writes its own audit rows (audit_capacity_change).
 */
export const resource_booking_lock_resources: LedgerFunction = {
  signature: "resource_booking_lock_resources(text[], boolean, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_lock_resources(
  p_resource_ids text[], p_wait boolean DEFAULT true, p_lock_timeout text DEFAULT '10s'
) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_key bigint;
BEGIN
  IF current_setting('resource_booking.locked', true) = 'on' THEN
    RAISE EXCEPTION 'resource_booking ledger: resources are locked once per transaction, all at once (ledger/LOCKING.md)'
      USING ERRCODE = 'RBL01';
  END IF;
  PERFORM set_config('lock_timeout', p_lock_timeout, true);
  FOR v_key IN SELECT DISTINCT get_resource_lock_id(x) FROM unnest(p_resource_ids) AS x ORDER BY 1 LOOP
    IF p_wait THEN
      PERFORM pg_advisory_xact_lock(v_key);
    ELSIF NOT pg_try_advisory_xact_lock(v_key) THEN
      RETURN false;
    END IF;
  END LOOP;
  PERFORM set_config('resource_booking.locked', 'on', true);
  PERFORM set_config('resource_booking.locked_ids', array_to_string(p_resource_ids, ','), true);
  PERFORM set_config('resource_booking.audited', 'on', true);
  RETURN true;
END;
$$;`,
}

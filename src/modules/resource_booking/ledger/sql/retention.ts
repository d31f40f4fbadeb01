import { LedgerFunction } from "./types"

/**
 * Retention (contract "Scale and operations"; option `retention`): one batch
 * of moving old history out of the hot tables into archive tables
 * (resource_hold_archive, resource_capacity_audit_archive), so holds,
 * availability and the sweep keep their speed over the years, and the
 * history is still there for an audit or a report.
 *
 * A hold moves when it is finished without an order (RELEASED or EXPIRED)
 * and has not changed for `p_hold_days`, and nothing still needs it: not a
 * hold an allocation came from (CONFIRMED holds stay with their
 * allocations), not a hold of a waitlist offer's group (the entry names its
 * holds), not an OCTo reservation's (the OCTo booking names its group; the
 * octo module keeps its own history). Its occupancy rows (appointments,
 * never live once it finished) go with it. An audit row moves when it is
 * older than `p_audit_days`. Rows another transaction is moving are skipped
 * (FOR UPDATE SKIP LOCKED), so a run beside live traffic waits on nothing.
 * Answers how many rows moved; 0 and 0 means done.
 */
export const resource_booking_archive_history: LedgerFunction = {
  signature: "resource_booking_archive_history(integer, integer, integer)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_archive_history(
  p_hold_days int, p_audit_days int, p_batch int
) RETURNS TABLE (holds int, audit int) LANGUAGE plpgsql AS $$
DECLARE
  v_holds int := 0;
  v_audit int := 0;
BEGIN
  IF p_hold_days IS NOT NULL AND p_hold_days > 0 THEN
    WITH victim AS (
      SELECT h.id FROM resource_hold h
      WHERE h.status IN ('RELEASED', 'EXPIRED') AND h.updated_at < now() - p_hold_days * interval '1 day'
        AND h.channel IS DISTINCT FROM 'octo'
        AND NOT EXISTS (SELECT 1 FROM resource_allocation a WHERE a.hold_id = h.id)
        AND NOT EXISTS (SELECT 1 FROM resource_waitlist_entry w WHERE w.hold_group_id = h.group_id)
      ORDER BY h.updated_at
      LIMIT p_batch
      FOR UPDATE SKIP LOCKED
    ),
    archived AS (
      INSERT INTO resource_hold_archive
      SELECT h.*, now() FROM resource_hold h JOIN victim v ON v.id = h.id
      RETURNING id
    ),
    gone AS (
      DELETE FROM resource_hold h USING archived a WHERE h.id = a.id RETURNING h.id
    )
    SELECT count(*)::int INTO v_holds FROM gone;
  END IF;
  IF p_audit_days IS NOT NULL AND p_audit_days > 0 THEN
    WITH victim AS (
      SELECT x.id FROM resource_capacity_audit x
      WHERE x.changed_at < now() - p_audit_days * interval '1 day'
      ORDER BY x.changed_at
      LIMIT p_batch
      FOR UPDATE SKIP LOCKED
    ),
    archived AS (
      INSERT INTO resource_capacity_audit_archive
      SELECT x.*, now() FROM resource_capacity_audit x JOIN victim v ON v.id = x.id
      RETURNING id
    ),
    gone AS (
      DELETE FROM resource_capacity_audit x USING archived a WHERE x.id = a.id RETURNING x.id
    )
    SELECT count(*)::int INTO v_audit FROM gone;
  END IF;
  RETURN QUERY SELECT v_holds, v_audit;
END;
$$;`,
}

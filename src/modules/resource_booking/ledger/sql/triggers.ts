import { LedgerFunction } from "./types"

/** updated_at maintained by the database, for raw SQL writers too (every table's BEFORE UPDATE trigger). */
export const update_updated_at_column: LedgerFunction = {
  signature: "update_updated_at_column()",
  sql: String.raw`CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;`,
}

/**
 * Safety net for invariant 6: the module writes its own audit rows (with
 * reason and hold/allocation) and marks its transactions
 * (resource_booking.audited); a change of available_capacity made any other
 * way (psql, another tool) is still recorded, as ADJUST by the database user.
 */
export const audit_capacity_change: LedgerFunction = {
  signature: "audit_capacity_change()",
  sql: String.raw`CREATE OR REPLACE FUNCTION audit_capacity_change() RETURNS TRIGGER AS $$
BEGIN
  IF OLD.available_capacity IS DISTINCT FROM NEW.available_capacity
     AND current_setting('resource_booking.audited', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO resource_capacity_audit (
      id, capacity_id, resource_id, date, start_time, old_available, new_available, old_max, new_max,
      change_reason, actor_id, changed_at
    ) VALUES (
      'raud_' || replace(gen_random_uuid()::text, '-', ''), NEW.id, NEW.resource_id, NEW.date, NEW.start_time,
      OLD.available_capacity, NEW.available_capacity, OLD.max_capacity, NEW.max_capacity,
      'ADJUST', 'db:' || current_user, clock_timestamp()
    );
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;`,
}

/** A hold written without a group (raw SQL, an older writer) is a group of one. */
export const resource_booking_default_group: LedgerFunction = {
  signature: "resource_booking_default_group()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_default_group() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.group_id := coalesce(NEW.group_id, NEW.id);
  RETURN NEW;
END;
$$;`,
}

import { LedgerFunction } from "./types"

/*
 * Read stamps (resource_read_stamp; the module's read cache, read-cache.ts).
 *
 * A month of slots is one statement over a grid of starts and the units'
 * occupancy (resource_booking_slots): tens of milliseconds of PostgreSQL per
 * request, while the answer changes only when one of the rows it reads
 * changes, or when time passes a boundary. So the module keeps answers and
 * uses one again only while PostgreSQL says it is still the answer:
 *
 * - every change of what the slot search reads bumps its resources' version,
 *   from the database's own triggers on those tables (the resource row, its
 *   blackouts, its working-hours exceptions, its occupancy, the holds of its
 *   appointments), in the changing transaction: other server processes, the
 *   sweep, the admin and psql all count; a version row is locked until its
 *   transaction ends, and the rows of one statement are bumped in id order;
 * - time: a kept answer is used until the first live hold of its resources
 *   lapses (lapsed holds are free: invariant 3) and at most until the next
 *   whole minute. Every other boundary a read depends on falls on a whole
 *   minute (grid starts, min_notice_minutes, cutoff times, local midnights),
 *   so an answer made in one minute is the answer for the rest of it.
 *
 * The stamp is read BEFORE the answer is computed: a change committed in
 * between makes the kept answer newer than its stamp, and the next read sees
 * a version it does not match (computed again), never the other way round.
 *
 * Versions are bumped when the changing transaction COMMITS, never in the
 * middle of it (since Migration20261203190000): the triggers only note the
 * resources (resource_booking_note_read_stamps, in a transaction-local
 * setting), and a deferred constraint trigger bumps every noted version once,
 * in id order, as the transaction's last act. A version row is thus locked
 * only by transactions that hold every other lock they will take and wait
 * for nothing but version rows, taken in one order: no deadlock. Bumping at
 * the statement instead deadlocked a release (which frees capacity without
 * the resource's lock) against a hold: each held a row the other wanted.
 */

/** Bumps the read version of these resources (sorted: the version rows are locked in one order). */
export const resource_booking_bump_read_stamps: LedgerFunction = {
  signature: "resource_booking_bump_read_stamps(text[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_bump_read_stamps(p_resource_ids text[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(p_resource_ids), 0) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO resource_read_stamp AS s (id, version, created_at, updated_at)
  SELECT DISTINCT i.id, 1, now(), now() FROM unnest(p_resource_ids) AS i(id) WHERE i.id IS NOT NULL ORDER BY 1
  ON CONFLICT (id) DO UPDATE SET version = s.version % 2000000000 + 1, updated_at = now();
END;
$$;`,
}

/**
 * Notes resources whose read versions this transaction must bump, once each,
 * and on the first note schedules the bump at commit: a row in
 * resource_read_stamp_pending (UNLOGGED, deleted by its own trigger before
 * the transaction ends) whose deferred constraint trigger runs
 * resource_booking_bump_noted_read_stamps. A rolled-back savepoint takes its
 * notes and its row with it.
 */
export const resource_booking_note_read_stamps: LedgerFunction = {
  signature: "resource_booking_note_read_stamps(text[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_note_read_stamps(p_resource_ids text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_pending text := coalesce(current_setting('resource_booking.read_stamps_pending', true), '');
  v_noted text := v_pending;
  v_id text;
BEGIN
  FOREACH v_id IN ARRAY coalesce(p_resource_ids, '{}'::text[]) LOOP
    IF v_id IS NOT NULL AND position(',' || v_id || ',' IN ',' || v_noted) = 0 THEN
      v_noted := v_noted || v_id || ',';
    END IF;
  END LOOP;
  IF v_noted = v_pending THEN
    RETURN;
  END IF;
  IF v_pending = '' THEN
    INSERT INTO resource_read_stamp_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  PERFORM set_config('resource_booking.read_stamps_pending', v_noted, true);
END;
$$;`,
}

/** The deferred constraint trigger of resource_read_stamp_pending: bumps what the transaction noted, sorted, at commit. */
export const resource_booking_bump_noted_read_stamps: LedgerFunction = {
  signature: "resource_booking_bump_noted_read_stamps()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_bump_noted_read_stamps()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_pending text := coalesce(current_setting('resource_booking.read_stamps_pending', true), '');
BEGIN
  PERFORM set_config('resource_booking.read_stamps_pending', '', true);
  DELETE FROM resource_read_stamp_pending WHERE txid = NEW.txid;
  IF v_pending <> '' THEN
    PERFORM resource_booking_bump_read_stamps(string_to_array(rtrim(v_pending, ','), ','));
  END IF;
  RETURN NULL;
END;
$$;`,
}

/**
 * Statement trigger of the tables whose rows name a resource (resource_id):
 * resource_capacity, resource_occupancy, resource_blackout,
 * resource_hours_exception. Each
 * event has its own trigger with its transition tables (new_rows, old_rows).
 */
export const resource_booking_stamp_resource_rows: LedgerFunction = {
  signature: "resource_booking_stamp_resource_rows()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_stamp_resource_rows()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM resource_booking_note_read_stamps(ARRAY(SELECT DISTINCT n.resource_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM resource_booking_note_read_stamps(ARRAY(
      SELECT n.resource_id FROM new_rows n UNION SELECT o.resource_id FROM old_rows o));
  ELSE
    PERFORM resource_booking_note_read_stamps(ARRAY(SELECT DISTINCT o.resource_id FROM old_rows o));
  END IF;
  RETURN NULL;
END;
$$;`,
}

/** Statement trigger of resource (update, delete): the resources' own rows (settings, rules, mode, active, deleted). */
export const resource_booking_stamp_resources: LedgerFunction = {
  signature: "resource_booking_stamp_resources()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_stamp_resources()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_booking_note_read_stamps(ARRAY(SELECT o.id FROM old_rows o));
  RETURN NULL;
END;
$$;`,
}

/**
 * resource_hold (update): a hold whose status or expiry changes frees or
 * takes what it holds for every read (a ledger write also moves its
 * capacity or occupancy rows; an extension, or psql moving `expires_at`,
 * may not). Named for the appointment holds it first noted
 * (Migration20261203170000); since Migration20261203190000 its trigger
 * notes every hold, as availability answers of dates and departures are
 * kept too.
 *
 * Not a statement trigger with transition tables like the others: those
 * copy every updated row, and the sweep updates holds by the thousand (an
 * UPDATE of 100,000 holds took 2–4 × as long). Instead a row trigger, whose
 * WHEN clause lets other updates through at no cost, notes the resource in a
 * transaction-local setting (once: a batch of the sweep notes each resource
 * once, however many of its holds it ends), bumped at commit (above).
 */
export const resource_booking_note_appointment_hold: LedgerFunction = {
  signature: "resource_booking_note_appointment_hold()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_note_appointment_hold()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_booking_note_read_stamps(ARRAY[NEW.resource_id]);
  RETURN NULL;
END;
$$;`,
}

/**
 * Was the statement half of the above (Migration20261203170000), bumping
 * mid-transaction; Migration20261203190000 drops its trigger, as versions
 * are bumped at commit (resource_booking_bump_noted_read_stamps). Kept, as
 * a no-op, for the earlier migration that creates that trigger.
 */
export const resource_booking_stamp_appointment_holds: LedgerFunction = {
  signature: "resource_booking_stamp_appointment_holds()",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_stamp_appointment_holds()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETURN NULL;
END;
$$;`,
}

/**
 * The stamp of some resources now: the database's own oid (a database
 * recreated from a template, as Medusa's test runner restores one between
 * tests, starts its versions again: its oid is new) and their versions
 * (`@db:oid,id:version,…` in id order), PostgreSQL's clock, and until when an answer read now can be used
 * without a change (the next whole minute, or the first lapse of one of
 * their live holds when sooner; now itself on a whole minute's first
 * microsecond, when a boundary may be passing).
 */
export const resource_booking_read_stamp: LedgerFunction = {
  signature: "resource_booking_read_stamp(text[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_read_stamp(p_resource_ids text[])
RETURNS TABLE (stamp text, checked_at timestamptz, valid_until timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT '@db:' || (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()) || ','
           || coalesce(string_agg(i.id || ':' || coalesce(s.version, 0), ',' ORDER BY i.id), ''),
         now(),
         least(CASE WHEN now() = date_trunc('minute', now()) THEN now()
                    ELSE date_trunc('minute', now()) + interval '1 minute' END,
               min(l.first_lapse))
  FROM unnest(p_resource_ids) AS i(id)
  LEFT JOIN LATERAL (SELECT s.version FROM resource_read_stamp s WHERE s.id = i.id OFFSET 0) s ON true
  LEFT JOIN LATERAL (
    SELECT h.expires_at AS first_lapse FROM resource_hold h
    WHERE h.resource_id = i.id AND h.status = 'ACTIVE' AND h.expires_at > now()
    ORDER BY h.expires_at LIMIT 1
  ) l ON true;
END;
$$;`,
}

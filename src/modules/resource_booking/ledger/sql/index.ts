import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  resource_booking_appointment_starts,
  resource_booking_appointment_window,
  resource_booking_day_hours,
  resource_booking_occupy,
  resource_booking_slots,
  resource_booking_take_appointment_locked,
  resource_booking_try_create_appointment,
  resource_booking_units_taken,
} from "./appointments"
import { resource_booking_availability } from "./availability"
import {
  resource_booking_hold_problems,
  resource_booking_shape_problems,
  resource_booking_take_holds_locked,
  resource_booking_token_verdict,
  resource_booking_try_create_holds,
} from "./decision"
import { get_resource_date_lock_id, get_resource_lock_id } from "./get_resource_lock_id"
import { resource_booking_hold_is_lapsed, resource_booking_hold_is_live } from "./lapsed"
import { resource_booking_context_keys, resource_booking_limit_keys, resource_booking_limit_problem } from "./limits"
import { resource_booking_lock_resources } from "./lock"
import { resource_booking_apply_capacity_movements, resource_booking_expire_lapsed } from "./movements"
import { resource_booking_rule_reason, resource_booking_unavailable_reason } from "./reasons"
import { resource_booking_archive_history } from "./retention"
import {
  resource_booking_bump_noted_read_stamps,
  resource_booking_bump_read_stamps,
  resource_booking_note_appointment_hold,
  resource_booking_note_read_stamps,
  resource_booking_read_stamp,
  resource_booking_stamp_appointment_holds,
  resource_booking_stamp_resource_rows,
  resource_booking_stamp_resources,
} from "./stamps"
import { resource_booking_departures_json, resource_booking_hold_slots, resource_booking_local_instant } from "./time"
import { audit_capacity_change, resource_booking_default_group, update_updated_at_column } from "./triggers"
import { LedgerFunction } from "./types"
import { resource_booking_offer_waitlist } from "./waitlist"

export type { LedgerFunction }

/**
 * Every database function of the resource_booking module, in its one
 * current definition (one file per theme in this folder). A freshly migrated
 * database has exactly these (`__tests__/ledger-sql.spec.ts`).
 */
export const LEDGER_FUNCTIONS: LedgerFunction[] = [
  update_updated_at_column,
  audit_capacity_change,
  resource_booking_default_group,
  get_resource_lock_id,
  get_resource_date_lock_id,
  resource_booking_lock_resources,
  resource_booking_local_instant,
  resource_booking_hold_slots,
  resource_booking_departures_json,
  resource_booking_hold_is_lapsed,
  resource_booking_hold_is_live,
  resource_booking_rule_reason,
  resource_booking_unavailable_reason,
  resource_booking_apply_capacity_movements,
  resource_booking_expire_lapsed,
  resource_booking_context_keys,
  resource_booking_limit_keys,
  resource_booking_limit_problem,
  resource_booking_hold_problems,
  resource_booking_shape_problems,
  resource_booking_token_verdict,
  resource_booking_take_holds_locked,
  resource_booking_try_create_holds,
  resource_booking_availability,
  resource_booking_day_hours,
  resource_booking_appointment_starts,
  resource_booking_appointment_window,
  resource_booking_units_taken,
  resource_booking_occupy,
  resource_booking_take_appointment_locked,
  resource_booking_try_create_appointment,
  resource_booking_slots,
  resource_booking_offer_waitlist,
  resource_booking_archive_history,
  resource_booking_bump_read_stamps,
  resource_booking_note_read_stamps,
  resource_booking_bump_noted_read_stamps,
  resource_booking_stamp_resource_rows,
  resource_booking_stamp_resources,
  resource_booking_note_appointment_hold,
  resource_booking_stamp_appointment_holds,
  resource_booking_read_stamp,
]

/**
 * Signatures that earlier migrations created and the current definitions
 * replaced (a function whose arguments change is a new function to
 * PostgreSQL): dropped when the current definitions are applied.
 */
export const RETIRED_SIGNATURES = [
  "resource_booking_try_create_hold(bigint, text, date[], integer, text, text, text, numeric, jsonb)",
  "resource_booking_rule_reason(jsonb, date, timestamp with time zone, text)",
  "resource_booking_hold_problems(jsonb, date[], text)",
  "resource_booking_take_holds_locked(text, text, text, timestamp with time zone, jsonb, date[], jsonb, text)",
  "resource_booking_try_create_holds(text, text, text, numeric, jsonb, date[], jsonb, text)",
  "resource_booking_availability(text[], date, date, text)",
  "resource_booking_token_verdict(text, text, date[], timestamp without time zone[], jsonb)",
  "resource_booking_offer_waitlist(text[], numeric, text)",
]

/**
 * Applies the current definitions: every migration that changes the
 * module's SQL functions ends with this call, so the functions of a database
 * are the files of the tree whatever migrations it ran (append-only: an
 * earlier migration is never edited; git keeps the files' history). Bodies
 * are not checked at creation, so an earlier migration applying today's
 * files on a fresh database cannot trip over a column a later migration adds.
 */
export function applyLedgerSql(migration: Migration): void {
  migration.addSql(`SELECT set_config('check_function_bodies', 'off', true);`)
  for (const signature of RETIRED_SIGNATURES) migration.addSql(`DROP FUNCTION IF EXISTS ${signature};`)
  for (const fn of LEDGER_FUNCTIONS) migration.addSql(fn.sql)
  migration.addSql(`SELECT set_config('check_function_bodies', 'on', true);`)
}

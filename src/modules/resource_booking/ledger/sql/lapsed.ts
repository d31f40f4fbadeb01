import { LedgerFunction } from "./types"

/**
 * The one rule for lapsed holds (contract invariant 3; ledger/lapsed.ts): an
 * ACTIVE hold whose expires_at has passed is free capacity. Every SQL that
 * asks "does this hold still count" calls these two, and the TypeScript
 * reads (LAPSED_HOLD / LIVE_HOLD) write calls to them. Plain LANGUAGE sql
 * expressions: PostgreSQL inlines them, so a caller's partial index on
 * ACTIVE holds is still used.
 */
export const resource_booking_hold_is_lapsed: LedgerFunction = {
  signature: "resource_booking_hold_is_lapsed(text, timestamp with time zone)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_hold_is_lapsed(
  p_status text, p_expires_at timestamptz
) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p_status = 'ACTIVE' AND p_expires_at <= now()
$$;`,
}

export const resource_booking_hold_is_live: LedgerFunction = {
  signature: "resource_booking_hold_is_live(text, timestamp with time zone)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_hold_is_live(
  p_status text, p_expires_at timestamptz
) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p_status = 'ACTIVE' AND p_expires_at > now()
$$;`,
}

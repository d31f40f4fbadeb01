import { LedgerFunction } from "./types"

/**
 * The advisory-lock key of a resource: computed here and nowhere else
 * (resource_booking_lock_resources is its only caller). 60 bits of md5.
 */
export const get_resource_lock_id: LedgerFunction = {
  signature: "get_resource_lock_id(character varying)",
  sql: String.raw`CREATE OR REPLACE FUNCTION get_resource_lock_id(p_resource_id VARCHAR) RETURNS BIGINT AS $$
BEGIN
  RETURN ('x' || substr(md5('resource:' || p_resource_id), 1, 15))::bit(60)::bigint;
END;
$$ LANGUAGE plpgsql IMMUTABLE;`,
}

/** The per-(resource, date) key of the schema document (000): kept for tools that use it; the module locks per resource. */
export const get_resource_date_lock_id: LedgerFunction = {
  signature: "get_resource_date_lock_id(character varying, date)",
  sql: String.raw`CREATE OR REPLACE FUNCTION get_resource_date_lock_id(p_resource_id VARCHAR, p_date DATE) RETURNS BIGINT AS $$
BEGIN
  RETURN ('x' || substr(md5(p_resource_id || p_date::text), 1, 15))::bit(60)::bigint;
END;
$$ LANGUAGE plpgsql IMMUTABLE;`,
}

import { createHash, randomBytes } from "crypto"

/**
 * Encodes a list as a PostgreSQL array literal, to be bound as one parameter
 * and cast (`?::date[]`, `?::text[]`): knex would expand a JS array bound to
 * `?` into a comma-separated list.
 */
export function toPgArray(values: readonly string[]): string {
  const items = values.map((value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
  return `{${items.join(",")}}`
}

/**
 * The advisory-lock key of a resource; equals the SQL function
 * get_resource_lock_id(resource_id) created by the migration. Computed here so
 * that transactions touching several resources can lock them in key order.
 */
export function resourceLockKey(resourceId: string): string {
  const hex = createHash("md5").update(`resource:${resourceId}`).digest("hex").slice(0, 15)
  return BigInt(`0x${hex}`).toString()
}

/** A hold id carries 128 random bits: knowing it is what lets a storefront read or release the hold. */
export function generateHoldId(): string {
  return `rhold_${randomBytes(16).toString("hex")}`
}

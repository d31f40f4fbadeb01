import { randomBytes } from "crypto"
import { ID_PREFIXES } from "../constants"

/**
 * An id that carries 128 random bits (holds, waitlist entries): knowing it is
 * what lets a storefront read, release or leave the row. Its shape is
 * ID_SHAPES' (prefix + 32 hex digits).
 */
export function unguessableId(kind: "hold" | "waitlist_entry"): string {
  return `${ID_PREFIXES[kind]}_${randomBytes(16).toString("hex")}`
}

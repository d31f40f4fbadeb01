import type { ReadStamp } from "./repositories/slots-repository"

type Entry<T> = { stamp: string; validUntil: number; value: T }

/**
 * Answers of a costly read (a month of slots), kept by this process and used
 * again only while PostgreSQL's read stamp of their resources is the one
 * they were made under and its clock is before their end (ledger/sql/stamps.ts
 * says what bumps a stamp and why an answer lasts at most to the next
 * minute or the next lapse). One round trip for the stamp on every read;
 * the answer's own statement only when something changed. Several server
 * processes each keep their own answers: the stamp is in the database, so
 * what one process changes, the others see on their next read.
 *
 * Only for reads outside a caller's transaction: inside one, uncommitted
 * changes could be kept under a version another transaction reaches later.
 * Kept answers are shared: callers must not change them (copy to add fields).
 * `stampOf` reads the stamp of what the answer depends on: resource ids, or
 * PRICES_READ_STAMP for a variant's prices (workflows/utils/booking-prices.ts).
 */
export class StampedReadCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(private readonly maxEntries = 200) {}

  async read(stampOf: () => Promise<ReadStamp>, key: string, compute: () => Promise<T>): Promise<T> {
    const now = await stampOf()
    const kept = this.entries.get(key)
    if (kept && kept.stamp === now.stamp && new Date(now.checked_at).getTime() < kept.validUntil) {
      // Most recently used last (the first entry is the one dropped when full).
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept.value
    }
    const value = await compute()
    this.entries.delete(key)
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { stamp: now.stamp, validUntil: new Date(now.valid_until).getTime(), value })
    return value
  }

  /** Drops every kept answer (this process learned of a change before the stamp's bump is committed). */
  clear(): void {
    this.entries.clear()
  }
}

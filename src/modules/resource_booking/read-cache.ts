import type { ReadStamp } from "./repositories/stamp-repository"

type Entry<T> = { versions: string; validUntil: number; value: T }

/**
 * The versions of `ids` in a stamp read for these ids or more
 * (`resource_booking_read_stamp`: "id:version,…"), in one order whatever
 * the read's order; null when the stamp was not read for one of them.
 */
export function versionsOf(stamp: ReadStamp | null | undefined, ids: string[]): string | null {
  if (!stamp) return null
  const read = new Map<string, string>()
  for (const part of (stamp.stamp ?? "").split(",")) {
    const colon = part.lastIndexOf(":")
    if (colon > 0) read.set(part.slice(0, colon), part.slice(colon + 1))
  }
  // The database's oid (ledger/sql/stamps.ts): versions of another database never match.
  const out: string[] = read.has("@db") ? [`@db:${read.get("@db")}`] : []
  for (const id of [...new Set(ids)].sort()) {
    const version = read.get(id)
    if (version === undefined) return null
    out.push(`${id}:${version}`)
  }
  return out.join(",")
}

/**
 * Answers of a costly read (a month of slots, a calendar, a variant's
 * prices), kept by this process and used again only while PostgreSQL's read
 * stamp of what they read is the one they were made under and its clock is
 * before their end (ledger/sql/stamps.ts says what bumps a stamp and why an
 * answer lasts at most to the next minute or the next lapse). One round trip
 * for the stamp on every read (one for a whole request where the caller
 * reads the stamp of everything the request keeps: `stampOf` may return a
 * stamp of more ids than `ids`); the answer's own statements only when
 * something changed. Several server processes each keep their own answers:
 * the stamp is in the database, so what one process changes, the others see
 * on their next read.
 *
 * Only for reads outside a caller's transaction: inside one, uncommitted
 * changes could be kept under a version another transaction reaches later.
 * The stamp must be read BEFORE the answer is computed. Kept answers are
 * shared: callers must not change them (copy to add fields).
 */
export class StampedReadCache<T> {
  private readonly entries = new Map<string, Entry<T>>()
  /** Answers being computed: reads of the same key and versions meanwhile wait for them (one computation, not 32). */
  private readonly computing = new Map<string, { versions: string; validUntil: number; value: Promise<T> }>()

  constructor(private readonly maxEntries = 200) {}

  async read(stampOf: () => Promise<ReadStamp>, ids: string[], key: string, compute: () => Promise<T>): Promise<T> {
    const now = await stampOf()
    const versions = versionsOf(now, ids)
    if (versions === null) throw new Error(`read stamp without ${ids.join(", ")}`)
    const kept = this.entries.get(key)
    if (kept && kept.versions === versions && new Date(now.checked_at).getTime() < kept.validUntil) {
      // Most recently used last (the first entry is the one dropped when full).
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept.value
    }
    const checkedAt = new Date(now.checked_at).getTime()
    const running = this.computing.get(key)
    if (running && running.versions === versions && checkedAt < running.validUntil) return await running.value
    const validUntil = new Date(now.valid_until).getTime()
    const value = compute()
    const mine = { versions, validUntil, value }
    this.computing.set(key, mine)
    try {
      const answer = await value
      this.entries.delete(key)
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
      this.entries.set(key, { versions, validUntil, value: answer })
      return answer
    } finally {
      if (this.computing.get(key) === mine) this.computing.delete(key)
    }
  }

  /** A kept answer as it is, not checked against any stamp: what a caller may read the stamp of before using it. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value
  }

  /** Drops every kept answer (this process learned of a change before the stamp's bump is committed). */
  clear(): void {
    this.entries.clear()
    this.computing.clear()
  }
}

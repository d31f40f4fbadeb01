import { z } from "@medusajs/framework/zod"

export const DEFAULT_OPTIONS = {
  holdTtlMinutes: 30,
  timezone: "Australia/Brisbane",
  maxDatesPerHold: 31,
  maxRangeDays: 366,
  releaseCapacityOnOrderCancel: false,
  /** An extended hold never lives past created_at + this. */
  maxHoldLifetimeMinutes: 120,
  /** Life of the hold made for a waitlist offer (never past the first date's cutoff). */
  waitlistOfferMinutes: 1440,
  /** No hoarding: live storefront/widget holds (groups) one customer email may keep; 0 = no limit. */
  maxActiveHoldsPerCustomer: 20,
  /** Live holds one client may keep: per cart, and per client address when trustedProxies is set; 0 = no limit. */
  maxActiveHoldsPerClient: 20,
  /** Live OCTo reservations one reseller key may keep; 0 = no limit. */
  maxActiveHoldsPerResellerKey: 500,
  /** Live waitlist offers one customer may hold at once; 0 = no limit. */
  maxWaitlistOffersPerCustomer: 3,
  /**
   * Proxies (IP addresses) whose X-Forwarded-For is believed: the client
   * address is the first one from the right that is not a trusted proxy. The
   * per-address limit counts only when this is set (without it every
   * customer of a server-side storefront shares its address).
   */
  trustedProxies: [] as string[],
  /**
   * Retention: finished holds (released or expired, no order) and audit rows
   * older than this many days move to archive tables, daily, in batches
   * (jobs/archive-resource-booking-history.ts). 0 = kept in place (off).
   */
  retention: { finishedHoldsDays: 0, auditDays: 0 },
}

export type ResourceBookingOptions = typeof DEFAULT_OPTIONS

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const OptionsSchema = z
  .object({
    holdTtlMinutes: z.number().positive().max(60 * 24 * 7),
    timezone: z.string().refine(isKnownTimeZone, { message: "is not a known IANA time zone" }),
    maxDatesPerHold: z.number().int().min(1).max(366),
    maxRangeDays: z.number().int().min(1).max(3660),
    releaseCapacityOnOrderCancel: z.boolean(),
    maxHoldLifetimeMinutes: z.number().positive().max(60 * 24 * 30),
    waitlistOfferMinutes: z.number().positive().max(60 * 24 * 30),
    maxActiveHoldsPerCustomer: z.number().int().min(0).max(1_000_000),
    maxActiveHoldsPerClient: z.number().int().min(0).max(1_000_000),
    maxActiveHoldsPerResellerKey: z.number().int().min(0).max(1_000_000),
    maxWaitlistOffersPerCustomer: z.number().int().min(0).max(1_000_000),
    trustedProxies: z.array(z.string().min(1).max(100)).max(100),
    retention: z.object({
      finishedHoldsDays: z.number().int().min(0).max(36_500),
      auditDays: z.number().int().min(0).max(36_500),
    }),
  })
  .refine((o) => o.maxHoldLifetimeMinutes >= o.holdTtlMinutes, {
    message: "must be at least holdTtlMinutes",
    path: ["maxHoldLifetimeMinutes"],
  })

/**
 * Fills defaults and validates the module options, throwing one error that
 * names every bad option, so a misconfigured app fails at start-up.
 */
export function resolveOptions(raw: Partial<ResourceBookingOptions> | undefined): ResourceBookingOptions {
  // Medusa adds its own keys (database, …) to a module's options: read ours only.
  const given = Object.fromEntries(
    Object.keys(DEFAULT_OPTIONS)
      .map((key) => [key, (raw as Record<string, unknown> | undefined)?.[key]])
      .filter(([, value]) => value !== undefined)
  )
  const merged: Record<string, unknown> = { ...DEFAULT_OPTIONS, ...given }
  if (given.retention && typeof given.retention === "object") {
    // Either retention key may be given alone.
    merged.retention = { ...DEFAULT_OPTIONS.retention, ...(given.retention as object) }
  }
  if (given.maxHoldLifetimeMinutes === undefined && typeof merged.holdTtlMinutes === "number") {
    // A long hold TTL without a lifetime given: the lifetime follows it.
    merged.maxHoldLifetimeMinutes = Math.max(DEFAULT_OPTIONS.maxHoldLifetimeMinutes, merged.holdTtlMinutes)
  }
  const parsed = OptionsSchema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`)
      .join("; ")
    throw new Error(`Invalid options for module resource_booking: ${problems}`)
  }
  return parsed.data
}

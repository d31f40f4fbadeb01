import { z } from "@medusajs/framework/zod"

/** The five notifications of the contract; each key is also its default template id. */
export const NOTIFICATION_TEMPLATES = [
  "resource-booking.confirmed",
  "resource-booking.reminder",
  "resource-booking.canceled",
  "resource-booking.waitlist-offer",
  "resource-booking.needs-review",
] as const

export type NotificationTemplateKey = (typeof NOTIFICATION_TEMPLATES)[number]

export type ResourceBookingNotificationsOptions = {
  notifications: {
    /** false: no notification is sent (the feed still works). */
    enabled: boolean
    /** Template id per notification (what your provider knows it by); missing keys keep the default id. */
    templates: Record<NotificationTemplateKey, string>
    /** Log each attachment's text (the booking.ics) at info level: for the demo and development. */
    logAttachments: boolean
    /** A failed notification is retried by the retry job until it has been tried this many times. */
    maxAttempts: number
  }
  /** When the reminder goes out, before the first booked date starts (00:00 in the resource_booking timezone). */
  reminderHoursBefore: number
  /** The calendar feed covers allocations from this many days ago onwards. */
  feedPastDays: number
  /**
   * The shop's page that books a waitlist offer, with `{entry_id}` where the
   * entry's id goes (e.g. "https://shop.example/book?waitlist_entry={entry_id}",
   * a page with the booking widget): the offer email's `offer_url`. Null: no link.
   */
  waitlistOfferUrl: string | null
}

/** The placeholder of `waitlistOfferUrl`. */
export const WAITLIST_ENTRY_PLACEHOLDER = "{entry_id}"

export const DEFAULT_TEMPLATES = Object.fromEntries(NOTIFICATION_TEMPLATES.map((key) => [key, key])) as Record<
  NotificationTemplateKey,
  string
>

export const DEFAULT_NOTIFICATION_OPTIONS: ResourceBookingNotificationsOptions = {
  notifications: { enabled: true, templates: DEFAULT_TEMPLATES, logAttachments: false, maxAttempts: 10 },
  reminderHoursBefore: 24,
  feedPastDays: 30,
  waitlistOfferUrl: null,
}

const Schema = z.object({
  notifications: z.object({
    enabled: z.boolean(),
    templates: z.record(z.enum(NOTIFICATION_TEMPLATES), z.string().min(1)),
    logAttachments: z.boolean(),
    maxAttempts: z.number().int().min(1).max(1000),
  }),
  reminderHoursBefore: z.number().min(0).max(24 * 365),
  feedPastDays: z.number().int().min(0).max(365),
  waitlistOfferUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//i.test(url), { message: "must be an http(s) URL" })
    .refine((url) => url.includes(WAITLIST_ENTRY_PLACEHOLDER), { message: `must contain ${WAITLIST_ENTRY_PLACEHOLDER}` })
    .nullable(),
})

/** Defaults filled in and validated; one error naming every bad option. */
export function resolveNotificationOptions(raw: any): ResourceBookingNotificationsOptions {
  const given = raw ?? {}
  const notifications = given.notifications ?? {}
  const merged = {
    notifications: {
      enabled: notifications.enabled ?? DEFAULT_NOTIFICATION_OPTIONS.notifications.enabled,
      templates: { ...DEFAULT_TEMPLATES, ...(notifications.templates ?? {}) },
      logAttachments: notifications.logAttachments ?? DEFAULT_NOTIFICATION_OPTIONS.notifications.logAttachments,
      maxAttempts: notifications.maxAttempts ?? DEFAULT_NOTIFICATION_OPTIONS.notifications.maxAttempts,
    },
    reminderHoursBefore: given.reminderHoursBefore ?? DEFAULT_NOTIFICATION_OPTIONS.reminderHoursBefore,
    feedPastDays: given.feedPastDays ?? DEFAULT_NOTIFICATION_OPTIONS.feedPastDays,
    // An unset environment variable in medusa-config.ts ("") means no link.
    waitlistOfferUrl: given.waitlistOfferUrl || DEFAULT_NOTIFICATION_OPTIONS.waitlistOfferUrl,
  }
  const parsed = Schema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ")
    throw new Error(`Invalid options for module resource_booking_notifications: ${problems}`)
  }
  return parsed.data as ResourceBookingNotificationsOptions
}

/** The link of a waitlist offer: the template with the entry's id (URL-encoded); null without a template. */
export function waitlistOfferLink(template: string | null | undefined, entryId: string): string | null {
  if (!template) return null
  return template.split(WAITLIST_ENTRY_PLACEHOLDER).join(encodeURIComponent(entryId))
}

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
}

export const DEFAULT_TEMPLATES = Object.fromEntries(NOTIFICATION_TEMPLATES.map((key) => [key, key])) as Record<
  NotificationTemplateKey,
  string
>

export const DEFAULT_NOTIFICATION_OPTIONS: ResourceBookingNotificationsOptions = {
  notifications: { enabled: true, templates: DEFAULT_TEMPLATES, logAttachments: false, maxAttempts: 10 },
  reminderHoursBefore: 24,
  feedPastDays: 30,
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
  }
  const parsed = Schema.safeParse(merged)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ")
    throw new Error(`Invalid options for module resource_booking_notifications: ${problems}`)
  }
  return parsed.data as ResourceBookingNotificationsOptions
}

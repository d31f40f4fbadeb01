import { model } from "@medusajs/framework/utils"

/**
 * The secret calendar feed of a resource: one per resource, its token (≥ 128
 * random bits, base64url) is the URL's only key. Rotating replaces the token.
 */
export const ResourceFeed = model.define("resource_booking_feed", {
  id: model.id({ prefix: "rbfeed" }).primaryKey(),
  resource_id: model.text().unique(),
  token: model.text().unique(),
  include_customer: model.boolean().default(false),
  include_holds: model.boolean().default(false),
  rotated_at: model.dateTime(),
})

/** One row per allocation whose reminder was claimed: the claim that makes the reminder exactly once. */
export const ResourceReminder = model.define("resource_booking_reminder", {
  id: model.id({ prefix: "rbrem" }).primaryKey(),
  allocation_id: model.text().unique(),
  claimed_at: model.dateTime(),
  sent_at: model.dateTime().nullable(),
  attempts: model.number().default(0),
  last_error: model.text().nullable(),
})

/**
 * Outbound notifications, one per idempotency key: what was handed to the
 * Notification Module, and what failed and is retried by the retry job.
 */
export const ResourceNotification = model.define("resource_booking_notification", {
  id: model.id({ prefix: "rbnote" }).primaryKey(),
  template_key: model.text(),
  template: model.text(),
  channel: model.text(),
  to: model.text(),
  idempotency_key: model.text().unique(),
  data: model.json(),
  attachments: model.json().nullable(),
  resource_id: model.text().nullable(),
  resource_type: model.text().nullable(),
  status: model.enum(["PENDING", "SENDING", "SENT", "FAILED"]).default("PENDING"),
  attempts: model.number().default(0),
  last_error: model.text().nullable(),
  claimed_until: model.dateTime().nullable(),
  sent_at: model.dateTime().nullable(),
  notification_id: model.text().nullable(),
})

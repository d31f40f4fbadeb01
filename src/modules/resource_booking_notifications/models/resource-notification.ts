import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"

/**
 * Outbound notifications, one per idempotency key: what was handed to the
 * Notification Module, and what failed and is retried by the retry job.
 */
export const ResourceNotification = model.define("resource_booking_notification", {
  id: model.id({ prefix: ID_PREFIXES.notification }).primaryKey(),
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

export default ResourceNotification

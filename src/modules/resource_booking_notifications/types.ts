import type { NotificationTemplateKey } from "./options"

export type NotificationAttachment = {
  filename: string
  /** base64, as Medusa's notification providers (SendGrid, Resend) expect it. */
  content: string
  content_type: string
  disposition?: "attachment" | "inline"
}

/** One notification to send; `idempotency_key` makes it once, whoever sends it how often. */
export type ResourceBookingNotificationInput = {
  template_key: NotificationTemplateKey
  to: string
  channel?: "email" | "feed" | string
  data: Record<string, unknown>
  idempotency_key: string
  attachments?: NotificationAttachment[] | null
  /** What the notification is about (shown in Medusa's notification records), e.g. an order id and "order". */
  resource_id?: string | null
  resource_type?: string | null
}

export type OutboxStatus = "PENDING" | "SENDING" | "SENT" | "FAILED"

export type ResourceBookingNotificationRow = {
  id: string
  template_key: NotificationTemplateKey
  template: string
  channel: string
  to: string
  idempotency_key: string
  data: Record<string, unknown>
  attachments: NotificationAttachment[] | null
  resource_id: string | null
  resource_type: string | null
  status: OutboxStatus
  attempts: number
  last_error: string | null
  claimed_until: Date | null
  sent_at: Date | null
  notification_id: string | null
  created_at: Date
}

export type ResourceFeedDTO = {
  id: string
  resource_id: string
  token: string
  include_customer: boolean
  include_holds: boolean
  rotated_at: Date
}

export type ReminderClaimDTO = {
  allocation_id: string
  claimed_at: Date
  sent_at: Date | null
  attempts: number
  last_error: string | null
}

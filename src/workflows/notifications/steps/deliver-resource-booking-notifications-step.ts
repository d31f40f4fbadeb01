import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type { ResourceBookingNotificationRow } from "../../../modules/resource_booking_notifications/types"

export const deliverResourceBookingNotificationsStepId = "deliver-resource-booking-notifications-step"

export type NotificationFailure = {
  id: string
  template: string
  idempotency_key: string
  channel: string
  to: string
  attempts: number
  error: string
  resource_id: string | null
  resource_type: string | null
}

export type DeliverNotificationsInput = {
  /** Rows to claim and send (rows another worker holds are skipped). */
  ids?: string[]
  /** Rows this run already claimed (the retry job). */
  claimed?: ResourceBookingNotificationRow[]
}

/**
 * Hands the outbox rows to Medusa's Notification Module (createNotifications,
 * with the row's idempotency key). Never throws: a failure is recorded on the
 * row (retried by the retry job), logged, and answered in `failed` for the
 * resource_booking.notification.failed event. A booking never waits on or
 * fails because of a notification.
 */
export const deliverResourceBookingNotificationsStep = createStep(
  deliverResourceBookingNotificationsStepId,
  async (input: DeliverNotificationsInput, { container }) => {
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const options = service.getNotificationOptions().notifications
    const sent: string[] = []
    const failed: NotificationFailure[] = []

    let rows: ResourceBookingNotificationRow[] = input.claimed ?? []
    if (input.ids?.length) {
      try {
        rows = rows.concat(await service.claimNotifications(input.ids))
      } catch (error: any) {
        logger.error(`resource_booking: could not claim notifications ${input.ids.join(", ")}: ${error?.message ?? error}`)
        return new StepResponse({ sent, failed })
      }
    }
    if (!rows.length) return new StepResponse({ sent, failed })

    const notificationModule = container.resolve(Modules.NOTIFICATION)
    for (const row of rows) {
      try {
        const created = await notificationModule.createNotifications([
          {
            to: row.to,
            channel: row.channel,
            template: row.template,
            data: row.data,
            attachments: row.attachments ?? null,
            idempotency_key: row.idempotency_key,
            trigger_type: row.template_key,
            resource_id: row.resource_id ?? undefined,
            resource_type: row.resource_type ?? undefined,
          } as any,
        ])
        await service.markNotificationSent(row.id, (created as any[])?.[0]?.id ?? null)
        sent.push(row.id)
        if (options.logAttachments) {
          for (const attachment of row.attachments ?? []) {
            logger.info(
              `resource_booking: ${row.template} to ${row.to}: attachment ${attachment.filename} (${attachment.content_type}):\n` +
                Buffer.from(attachment.content, "base64").toString("utf8")
            )
          }
        }
      } catch (error: any) {
        const message = String(error?.message ?? error)
        logger.error(
          `resource_booking: notification ${row.template} (${row.idempotency_key}) to ${row.to} failed (attempt ${row.attempts}); the retry job sends it again: ${message}`
        )
        await service.markNotificationFailed(row.id, message).catch((markError: any) => {
          logger.error(`resource_booking: could not record the failure of ${row.id}: ${markError?.message ?? markError}`)
        })
        failed.push({
          id: row.id,
          template: row.template_key,
          idempotency_key: row.idempotency_key,
          channel: row.channel,
          to: row.to,
          attempts: row.attempts,
          error: message.slice(0, 500),
          resource_id: row.resource_id,
          resource_type: row.resource_type,
        })
      }
    }
    return new StepResponse({ sent, failed })
  }
)

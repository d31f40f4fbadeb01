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
        // A try after a failure: Medusa's module keeps the failed record under the key (and does not
        // update it on a resend), so the new try is a record of its own pointing at it
        // (original_notification_id). A record already sent under the key (a worker died before
        // marking the row) is not sent again.
        let idempotencyKey = row.idempotency_key
        let originalId: string | undefined
        if (row.attempts > 1) {
          const earlier = (await notificationModule.listNotifications(
            { idempotency_key: row.idempotency_key } as any,
            { take: 1 }
          )) as any[]
          if (earlier[0]?.status === "success") {
            await service.markNotificationSent(row.id, earlier[0].id)
            sent.push(row.id)
            continue
          }
          const retried = (await notificationModule.listNotifications(
            { original_notification_id: earlier[0]?.id ?? "-" } as any,
            { take: 100 }
          )) as any[]
          const done = retried.find((notification) => notification.status === "success")
          if (done) {
            await service.markNotificationSent(row.id, done.id)
            sent.push(row.id)
            continue
          }
          if (earlier[0]) {
            idempotencyKey = `${row.idempotency_key}:retry-${row.attempts}`
            originalId = earlier[0].id
          }
        }
        const created = await notificationModule.createNotifications([
          {
            to: row.to,
            channel: row.channel,
            template: row.template,
            data: row.data,
            attachments: row.attachments ?? null,
            idempotency_key: idempotencyKey,
            original_notification_id: originalId,
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

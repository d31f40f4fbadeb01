import { MedusaContainer } from "@medusajs/framework/types"
import { retryResourceBookingNotificationsWorkflow } from "../workflows/notifications/retry-resource-booking-notifications"

export const RETRY_BATCH_SIZE = 100
export const RETRY_MAX_BATCHES = 10

/**
 * Every 15 minutes: sends again the notifications that failed (confirmation,
 * reminder, cancel, waitlist offer, needs review) and those a worker left
 * half done, until `notifications.maxAttempts`. Concurrent runs split the
 * rows (FOR UPDATE SKIP LOCKED); the idempotency key keeps each one once.
 */
export default async function retryResourceBookingNotificationsJob(container: MedusaContainer) {
  const logger = container.resolve("logger")
  let sent = 0
  let failed = 0
  for (let batch = 0; batch < RETRY_MAX_BATCHES; batch++) {
    const { result } = await retryResourceBookingNotificationsWorkflow(container).run({ input: { batch_size: RETRY_BATCH_SIZE } })
    sent += result.sent
    failed += result.failed
    if (result.claimed < RETRY_BATCH_SIZE) break
  }
  if (sent || failed) logger.info(`retry-resource-booking-notifications: ${sent} sent, ${failed} failed again`)
  return { sent, failed }
}

export const config = {
  name: "retry-resource-booking-notifications",
  schedule: "7-59/15 * * * *",
}

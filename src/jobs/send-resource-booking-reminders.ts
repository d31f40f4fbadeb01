import { MedusaContainer } from "@medusajs/framework/types"
import { sendResourceBookingRemindersWorkflow } from "../workflows/notifications/send-resource-booking-reminders"

export const REMINDER_BATCH_SIZE = 200
export const REMINDER_MAX_BATCHES = 25

/**
 * Every 15 minutes: sends the reminders due (`reminderHoursBefore` before the
 * booking starts: its first departure's start, or 00:00 of its first date),
 * exactly once per allocation: each allocation's
 * reminder is claimed in the database first, so several workers or a
 * restart never send twice. Canceled allocations get none. `now` is for
 * tests and tools. Answers the allocation ids this run claimed.
 */
export default async function sendResourceBookingRemindersJob(
  container: MedusaContainer,
  { now }: { now?: string } = {}
): Promise<string[]> {
  const logger = container.resolve("logger")
  const claimed: string[] = []
  let sent = 0
  let failed = 0
  for (let batch = 0; batch < REMINDER_MAX_BATCHES; batch++) {
    const { result } = await sendResourceBookingRemindersWorkflow(container).run({
      input: { batch_size: REMINDER_BATCH_SIZE, now },
    })
    claimed.push(...result.claimed)
    sent += result.sent
    failed += result.failed
    if (result.claimed.length < REMINDER_BATCH_SIZE) break
  }
  if (claimed.length) {
    logger.info(`send-resource-booking-reminders: ${sent} reminder(s) sent, ${failed} failed (retried later)`)
  }
  return claimed
}

export const config = {
  name: "send-resource-booking-reminders",
  schedule: "*/15 * * * *",
}

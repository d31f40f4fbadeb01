import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import { addDays, todayIn } from "../../../modules/resource_booking/utils/dates"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import { bookingStart } from "../../../lib/booking-times"

export const claimResourceBookingRemindersStepId = "claim-resource-booking-reminders-step"

const PAGE = 500
const HOUR_MS = 60 * 60 * 1000

/**
 * True when the reminder of a booking that starts at `start` (ms since the
 * epoch: `bookingStart`, i.e. its first departure's `starts_at`, or 00:00 of
 * its first date) is due at `now`: from start − hoursBefore until the start.
 */
export function reminderDue(start: number, now: number, hoursBefore: number): boolean {
  return now >= start - hoursBefore * HOUR_MS && now < start
}

/**
 * Finds the ACTIVE allocations whose reminder is due (reminderHoursBefore
 * before they start: the first departure's `starts_at` for a timed booking,
 * 00:00 of the first date in the module's time zone for dates; and that start
 * not passed) and claims them in the database: one claim row per allocation,
 * INSERT … ON CONFLICT DO NOTHING, so among concurrent runs and across
 * restarts exactly one gets each. Earliest start first; allocations already
 * claimed (they stay due until they start) never crowd out new ones. Answers
 * the claimed allocations (at most `batch_size`). Compensation gives unsent
 * claims back.
 */
export const claimResourceBookingRemindersStep = createStep(
  claimResourceBookingRemindersStepId,
  async (input: { batch_size: number; now?: string }, { container }) => {
    const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const options = notifications.getNotificationOptions()
    if (!options.notifications.enabled) return new StepResponse([] as ResourceAllocationDTO[], [] as string[])
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const { timezone } = booking.getOptions()
    const now = input.now ? new Date(input.now).getTime() : Date.now()
    const today = todayIn(timezone, new Date(now))
    // A booking starts on its first date (a departure's starts_at is on its date): a due one's first date is in today..horizon.
    const horizon = addDays(today, Math.ceil(options.reminderHoursBefore / 24) + 1)

    const due: { allocation: ResourceAllocationDTO; start: number }[] = []
    for (let offset = 0; ; offset += PAGE) {
      const [page] = await booking.listAllocations({ status: "ACTIVE", from: today, to: horizon }, { limit: PAGE, offset })
      for (const allocation of page) {
        const start = bookingStart(allocation, timezone)
        if (start !== null && reminderDue(start, now, options.reminderHoursBefore)) due.push({ allocation, start })
      }
      if (page.length < PAGE) break
    }
    if (!due.length) return new StepResponse([] as ResourceAllocationDTO[], [] as string[])
    due.sort((a, b) => a.start - b.start || a.allocation.id.localeCompare(b.allocation.id))

    const batchSize = Math.max(input.batch_size, 1)
    const claimed: ResourceAllocationDTO[] = []
    for (let from = 0; from < due.length && claimed.length < batchSize; from += batchSize * 4) {
      const candidates = due.slice(from, from + batchSize * 4).map(({ allocation }) => allocation)
      const claimedIds = new Set(await notifications.claimReminders(candidates.map((allocation) => allocation.id)))
      claimed.push(...candidates.filter((allocation) => claimedIds.has(allocation.id)))
    }
    const kept = claimed.slice(0, batchSize)
    const surplus = claimed.slice(batchSize).map((allocation) => allocation.id)
    if (surplus.length) await notifications.releaseReminderClaims(surplus)
    return new StepResponse(kept, kept.map((allocation) => allocation.id))
  },
  async (claimedIds, { container }) => {
    if (!claimedIds?.length) return
    const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    await notifications.releaseReminderClaims(claimedIds)
  }
)

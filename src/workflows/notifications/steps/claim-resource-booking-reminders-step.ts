import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import { addDays, todayIn } from "../../../modules/resource_booking/utils/dates"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import { startOfDateIn } from "../../../lib/zoned-time"

export const claimResourceBookingRemindersStepId = "claim-resource-booking-reminders-step"

const PAGE = 500
const HOUR_MS = 60 * 60 * 1000

/** True when the reminder of an allocation whose first date is `first` is due at `now`: after start − hours, before start. */
export function reminderDue(first: string, now: number, hoursBefore: number, timezone: string): boolean {
  const start = startOfDateIn(first, timezone)
  return now >= start - hoursBefore * HOUR_MS && now < start
}

/**
 * Finds the ACTIVE allocations whose reminder is due (reminderHoursBefore
 * before their first date starts at 00:00 in the module's time zone, and that
 * start not passed) and claims them in the database: one claim row per
 * allocation, INSERT … ON CONFLICT DO NOTHING, so among concurrent runs and
 * across restarts exactly one gets each. Answers the claimed allocations
 * (at most `batch_size`). Compensation gives unsent claims back.
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
    const horizon = addDays(today, Math.ceil(options.reminderHoursBefore / 24) + 1)

    const due: ResourceAllocationDTO[] = []
    for (let offset = 0; ; offset += PAGE) {
      const [page] = await booking.listAllocations({ status: "ACTIVE", from: today, to: horizon }, { limit: PAGE, offset })
      for (const allocation of page) {
        const first = [...allocation.dates].sort()[0]
        if (first && reminderDue(first, now, options.reminderHoursBefore, timezone)) due.push(allocation)
      }
      if (page.length < PAGE) break
    }
    if (!due.length) return new StepResponse([] as ResourceAllocationDTO[], [] as string[])

    const candidates = due.slice(0, Math.max(input.batch_size, 1) * 4)
    const claimedIds = new Set(await notifications.claimReminders(candidates.map((allocation) => allocation.id)))
    const claimed = candidates.filter((allocation) => claimedIds.has(allocation.id))
    const kept = claimed.slice(0, input.batch_size)
    const surplus = claimed.slice(input.batch_size).map((allocation) => allocation.id)
    if (surplus.length) await notifications.releaseReminderClaims(surplus)
    return new StepResponse(kept, kept.map((allocation) => allocation.id))
  },
  async (claimedIds, { container }) => {
    if (!claimedIds?.length) return
    const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    await notifications.releaseReminderClaims(claimedIds)
  }
)

import { MedusaContainer } from "@medusajs/framework/types"
import { archiveResourceBookingHistoryWorkflow } from "../workflows/archive-resource-booking-history"

/**
 * Daily retention run (the module's `retention` option; off while its days
 * are 0): finished holds and audit rows older than that move to the archive
 * tables, in batches of 1,000, skipping rows others are moving, so it runs
 * beside live traffic and in several processes at once.
 */
export default async function archiveResourceBookingHistory(container: MedusaContainer) {
  const logger = container.resolve("logger")
  const { result } = await archiveResourceBookingHistoryWorkflow(container).run({ input: { batch_size: 1000 } })
  if (result.holds || result.audit) {
    logger.info(`resource_booking: archived ${result.holds} finished hold(s) and ${result.audit} audit row(s)`)
  }
}

export const config = {
  name: "archive-resource-booking-history",
  schedule: "17 3 * * *",
}

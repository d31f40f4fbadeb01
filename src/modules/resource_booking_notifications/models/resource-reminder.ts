import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../../resource_booking/constants"

/** One row per allocation whose reminder was claimed: the claim that makes the reminder exactly once. */
export const ResourceReminder = model.define("resource_booking_reminder", {
  id: model.id({ prefix: ID_PREFIXES.reminder }).primaryKey(),
  allocation_id: model.text().unique(),
  claimed_at: model.dateTime(),
  sent_at: model.dateTime().nullable(),
  attempts: model.number().default(0),
  last_error: model.text().nullable(),
})

export default ResourceReminder

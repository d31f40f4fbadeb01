import { model } from "@medusajs/framework/utils"

import { CAPACITY_CHANGE_REASONS, ID_PREFIXES } from "../constants"

export { CAPACITY_CHANGE_REASONS }

// One row per change of available_capacity (contract invariant 6).
const ResourceCapacityAudit = model
  .define("resource_capacity_audit", {
    id: model.id({ prefix: ID_PREFIXES.audit }).primaryKey(),
    capacity_id: model.text(),
    resource_id: model.text(),
    date: model.text(),
    // The departure a row moved (TIME), null for a date.
    start_time: model.text().nullable(),
    old_available: model.number().nullable(),
    new_available: model.number().nullable(),
    old_max: model.number().nullable(),
    new_max: model.number().nullable(),
    change_reason: model.enum([...CAPACITY_CHANGE_REASONS]),
    hold_id: model.text().nullable(),
    allocation_id: model.text().nullable(),
    actor_id: model.text().nullable(),
    changed_at: model.dateTime(),
  })
  .indexes([
    { name: "idx_capacity_audit_resource_date", on: ["resource_id", "date"] },
  ])

export default ResourceCapacityAudit

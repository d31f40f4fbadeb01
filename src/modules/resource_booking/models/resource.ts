import { model } from "@medusajs/framework/utils"

import { BOOKING_MODES, ID_PREFIXES, RESOURCE_TYPES } from "../constants"

export { BOOKING_MODES, RESOURCE_TYPES }

const Resource = model
  .define("resource", {
    id: model.id({ prefix: ID_PREFIXES.resource }).primaryKey(),
    type: model.enum([...RESOURCE_TYPES]),
    name: model.text().searchable(),
    description: model.text().searchable().nullable(),
    metadata: model.json().nullable(),
    is_active: model.boolean().default(true),
    // What one hold books (constants.ts BOOKING_MODES); set when the resource is made.
    booking_mode: model.enum([...BOOKING_MODES]).default("DAY"),
    // Booking rules (contract "Booking rules"), validated by the module (validation.ts).
    booking_rules: model.json().nullable(),
    // APPOINTMENT resources: working hours, grid, durations, buffers, units (validation.ts).
    appointment: model.json().nullable(),
  })
  .indexes([
    // A name may be reused once its resource is soft-deleted.
    { name: "idx_resource_name_unique", on: ["name"], unique: true, where: "deleted_at IS NULL" },
    { name: "idx_resource_type", on: ["type"], where: "deleted_at IS NULL" },
    { name: "idx_resource_active", on: ["is_active"], where: "deleted_at IS NULL" },
  ])

export default Resource

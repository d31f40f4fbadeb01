import { model } from "@medusajs/framework/utils"

import { ALLOCATION_STATUSES, ID_PREFIXES } from "../constants"

export { ALLOCATION_STATUSES }

const ResourceAllocation = model
  .define("resource_allocation", {
    id: model.id({ prefix: ID_PREFIXES.allocation }).primaryKey(),
    resource_id: model.text(),
    hold_id: model.text().nullable(),
    order_id: model.text(),
    line_item_id: model.text(),
    dates: model.array(),
    // Departure bookings: the local start (date + time) of each departure, a
    // TIMESTAMP[] column; null for dates. First start and last end of a timed booking.
    departures: model.array().nullable(),
    // Appointment bookings: { date, start_time, duration_minutes }.
    appointment: model.json().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
    quantity: model.number(),
    status: model.enum([...ALLOCATION_STATUSES]).default("ACTIVE"),
    // false when the allocation was recorded without taking capacity (its
    // hold had expired and the capacity was gone): see needs_review.
    capacity_deducted: model.boolean().default(true),
    needs_review: model.boolean().default(false),
    review_reason: model.text().nullable(),
    canceled_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { name: "idx_allocation_order_line_item_resource", on: ["order_id", "line_item_id", "resource_id"], unique: true },
    { name: "idx_allocation_resource", on: ["resource_id"] },
    { name: "idx_allocation_order", on: ["order_id"] },
  ])

export default ResourceAllocation

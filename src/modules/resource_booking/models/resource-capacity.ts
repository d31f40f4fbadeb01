import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../constants"

// `date` is a DATE column and `start_time` a TIME column (the migrations set
// the types): DML has neither, and the module keeps dates as `YYYY-MM-DD` and
// times as `HH:MM` strings end to end. A row is a date (start_time null) or a
// departure on that date, with its duration and the instants it starts and
// ends (computed in the module's zone when it is set).
const ResourceCapacity = model
  .define("resource_capacity", {
    id: model.id({ prefix: ID_PREFIXES.capacity }).primaryKey(),
    resource_id: model.text(),
    date: model.text(),
    max_capacity: model.number(),
    available_capacity: model.number(),
    start_time: model.text().nullable(),
    duration_minutes: model.number().nullable(),
    starts_at: model.dateTime().nullable(),
    ends_at: model.dateTime().nullable(),
  })
  .indexes([
    // One row per resource and date (the schema document's index, for dates) …
    { name: "idx_capacity_resource_date", on: ["resource_id", "date"], unique: true, where: "start_time IS NULL" },
    // … and per resource, date and start time (NULLS NOT DISTINCT, set by the migration).
    { name: "idx_capacity_slot", on: ["resource_id", "date", "start_time"], unique: true },
  ])

export default ResourceCapacity

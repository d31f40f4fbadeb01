import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../constants"

// `date` is a DATE column (the migration sets the type): DML has no date-only
// type, and the module keeps dates as `YYYY-MM-DD` strings end to end.
const ResourceCapacity = model
  .define("resource_capacity", {
    id: model.id({ prefix: ID_PREFIXES.capacity }).primaryKey(),
    resource_id: model.text(),
    date: model.text(),
    max_capacity: model.number(),
    available_capacity: model.number(),
  })
  .indexes([
    { name: "idx_capacity_resource_date", on: ["resource_id", "date"], unique: true },
  ])

export default ResourceCapacity

import { model } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../constants"

const ResourceBlackout = model
  .define("resource_blackout", {
    id: model.id({ prefix: ID_PREFIXES.blackout }).primaryKey(),
    resource_id: model.text(),
    start_date: model.text(),
    end_date: model.text(),
    reason: model.text().nullable(),
  })
  .indexes([
    { name: "idx_blackout_resource", on: ["resource_id"] },
    { name: "idx_blackout_dates", on: ["resource_id", "start_date", "end_date"] },
  ])

export default ResourceBlackout

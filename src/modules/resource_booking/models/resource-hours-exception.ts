import { model } from "@medusajs/framework/utils"

// Other working hours on one date of an APPOINTMENT resource (`[]`: closed);
// `date` is a DATE column (set by the migration). Written by the ledger
// (ledger/hours.ts) under the resource's lock.
const ResourceHoursException = model
  .define("resource_hours_exception", {
    id: model.id({ prefix: "rhex" }).primaryKey(),
    resource_id: model.text(),
    date: model.text(),
    hours: model.json(),
  })
  .indexes([{ name: "idx_hours_exception_resource_date", on: ["resource_id", "date"], unique: true, where: "deleted_at IS NULL" }])

export default ResourceHoursException

import { model } from "@medusajs/framework/utils"

// How many times what the slot search reads has changed, per resource: its
// row (settings, rules, booking mode), its blackouts, its working-hours
// exceptions, its units' occupancy and the holds of its appointments. Bumped
// by the database's triggers (ledger/sql/stamps.ts), never by the module's
// code, so a change made any way (another server process, psql) is seen; read
// before a costly answer is used again (read-cache.ts). `id` is the
// resource's id; a resource without a row has never changed (version 0).
const ResourceReadStamp = model.define("resource_read_stamp", {
  id: model.text().primaryKey(),
  version: model.number().default(0),
})

export default ResourceReadStamp

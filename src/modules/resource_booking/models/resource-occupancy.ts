import { model } from "@medusajs/framework/utils"

// One unit of an APPOINTMENT resource taken by a live hold or allocation over
// its window (buffers included). `during` is a TSTZRANGE column, and the
// exclusion constraint excl_occupancy_unit (resource, unit, during WHERE live)
// is set by the migration: DML expresses neither. Written only by the ledger
// (ledger/sql/appointments.ts, movements.ts).
const ResourceOccupancy = model
  .define("resource_occupancy", {
    id: model.id({ prefix: "rocc" }).primaryKey(),
    resource_id: model.text(),
    unit: model.number(),
    hold_id: model.text().nullable(),
    allocation_id: model.text().nullable(),
    during: model.text(),
    live: model.boolean().default(true),
  })
  .indexes([
    { name: "idx_occupancy_hold", on: ["hold_id"], where: "live" },
    { name: "idx_occupancy_allocation", on: ["allocation_id"], where: "live" },
  ])

export default ResourceOccupancy

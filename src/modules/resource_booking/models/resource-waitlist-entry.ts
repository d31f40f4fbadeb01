import { model } from "@medusajs/framework/utils"

import { WAITLIST_STATUSES } from "../constants"

export { WAITLIST_STATUSES }

// A request waiting for capacity (contract "Waitlist"). `dates` is a DATE[]
// and `departures` a TIMESTAMP[] column; `seq` (an identity column) orders
// entries as they were made. Written and read with SQL
// (repositories/waitlist-repository.ts, ledger/sql/waitlist.ts).
const ResourceWaitlistEntry = model
  .define("resource_waitlist_entry", {
    id: model.id({ prefix: "rwait" }).primaryKey(),
    seq: model.autoincrement(),
    status: model.enum([...WAITLIST_STATUSES]).default("WAITING"),
    resource_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    // What an offer holds: [{ resource_id, quantity }] (quantity × units of each resource).
    items: model.json(),
    dates: model.array(),
    departures: model.array().nullable(),
    // Appointment bookings: { date, start_time, duration_minutes }.
    appointment: model.json().nullable(),
    quantity: model.number(),
    customer_email: model.text(),
    hold_group_id: model.text().nullable(),
    offer_expires_at: model.dateTime().nullable(),
    offered_at: model.dateTime().nullable(),
    ended_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { name: "idx_waitlist_seq", on: ["seq"], unique: true },
    { name: "idx_waitlist_group", on: ["hold_group_id"] },
    { name: "idx_waitlist_resource", on: ["resource_id"] },
    { name: "idx_waitlist_variant", on: ["variant_id"] },
  ])

export default ResourceWaitlistEntry

import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { AdminGetManifestType } from "../../../validators"

/**
 * A day's passenger manifest: the allocations and active holds on that date;
 * for a DEPARTURE resource also per departure (a driver's list per sailing),
 * with the departure's capacity and its start and end instants.
 */
export const GET = async (req: MedusaRequest<unknown, AdminGetManifestType>, res: MedusaResponse) => {
  const manifest = await resourceBookingService(req.scope).getManifest({ resource_id: req.params.id, date: req.validatedQuery.date })
  res.json({
    manifest: {
      resource_id: req.params.id,
      date: manifest.date,
      booking_mode: manifest.booking_mode,
      capacity: manifest.capacity,
      resource_allocations: manifest.allocations,
      resource_holds: manifest.holds,
      ...(manifest.departures
        ? {
            departures: manifest.departures.map(({ allocations, holds, ...departure }) => ({
              ...departure,
              resource_allocations: allocations,
              resource_holds: holds,
            })),
          }
        : {}),
    },
  })
}

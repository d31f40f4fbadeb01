import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { AdminGetManifestType } from "../../../validators"

/**
 * A day's passenger manifest: the allocations and active holds on that date;
 * for a resource booked by departure, also per departure (a driver's list
 * per sailing), in start order; for a resource booked by appointment, the
 * day's working hours and a timeline per unit (bookings with their windows).
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
      ...(manifest.units ? { hours: manifest.hours, units: manifest.units } : {}),
      ...(manifest.departures
        ? {
            departures: manifest.departures.map((departure) => ({
              start_time: departure.start_time,
              starts_at: departure.starts_at,
              ends_at: departure.ends_at,
              capacity: departure.capacity,
              resource_allocations: departure.allocations,
              resource_holds: departure.holds,
            })),
          }
        : {}),
    },
  })
}

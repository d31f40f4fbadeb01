import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { AdminGetManifestType } from "../../../validators"

/** A day's passenger manifest: the allocations and active holds on that date. */
export const GET = async (req: MedusaRequest<unknown, AdminGetManifestType>, res: MedusaResponse) => {
  const manifest = await resourceBookingService(req.scope).getManifest({ resource_id: req.params.id, date: req.validatedQuery.date })
  res.json({
    manifest: {
      resource_id: req.params.id,
      date: manifest.date,
      capacity: manifest.capacity,
      resource_allocations: manifest.allocations,
      resource_holds: manifest.holds,
    },
  })
}

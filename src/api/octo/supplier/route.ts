import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { Supplier } from "@octocloud/types"
import { octoRoute } from "../lib/errors"

/** GET /octo/supplier: the shop as an OCTo supplier. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const storeModule = req.scope.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { take: 1 })
  const host = req.get("host") ?? "localhost"
  const supplier: Supplier = {
    id: store?.id ?? "supplier",
    name: store?.name ?? "Medusa Store",
    endpoint: `${req.protocol}://${host}/octo`,
    contact: { website: null, email: null, telephone: null, address: null },
  }
  res.json(supplier)
})

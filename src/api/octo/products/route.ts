import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Product } from "@octocloud/types"
import { catalogPricing, loadProducts, octoProduct } from "../../../lib/octo/catalog"
import { timezoneOf } from "../../../lib/octo/context"
import { octoAuthOf } from "../lib/auth"
import { octoRoute } from "../lib/errors"

/** GET /octo/products: the products the key's sales channel sells that book resources. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { sales_channel_id } = octoAuthOf(req)
  const timeZone = timezoneOf(req.scope)
  const sources = await loadProducts(req.scope, sales_channel_id)
  const priced = await catalogPricing(req.scope, req.headers, sources)
  const products: Product[] = sources.map((p) => octoProduct(p, timeZone, priced) as Product)
  res.json(products)
})

import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Product } from "@octocloud/types"
import { catalogPricing, loadProducts, octoProduct } from "../../../../lib/octo/catalog"
import { timezoneOf } from "../../../../lib/octo/context"
import { invalidProduct } from "../../../../lib/octo/errors"
import { octoAuthOf } from "../../lib/auth"
import { octoRoute } from "../../lib/errors"

/** GET /octo/products/:id; INVALID_PRODUCT_ID when the key's channel does not sell it. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const { sales_channel_id } = octoAuthOf(req)
  const [product] = await loadProducts(req.scope, sales_channel_id, req.params.id)
  if (!product) throw invalidProduct(req.params.id)
  const priced = await catalogPricing(req.scope, req.headers, [product])
  res.json(octoProduct(product, timezoneOf(req.scope), priced) as Product)
})

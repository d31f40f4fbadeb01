import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { demoPage, DemoProduct } from "../demo-page"

/**
 * GET /resource-booking-widget/demo: a demo storefront page with every
 * published product whose variants book resources, each variant with the
 * booking widget (paying with the system provider). It names the store's
 * publishable key (public by nature) and first region. Served unless
 * NODE_ENV=production; RESOURCE_BOOKING_WIDGET_DEMO=1 serves it there too,
 * =0 never.
 */
export function demoEnabled() {
  const flag = process.env.RESOURCE_BOOKING_WIDGET_DEMO
  if (flag === "1" || flag === "true") return true
  if (flag === "0" || flag === "false") return false
  return process.env.NODE_ENV !== "production"
}

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  if (!demoEnabled()) {
    res.status(404).type("text/plain").send("The booking widget demo page is off (set RESOURCE_BOOKING_WIDGET_DEMO=1 to serve it).")
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: keys }, { data: regions }, { data: resources }] = await Promise.all([
    query.graph({ entity: "api_key", fields: ["id", "token", "type", "revoked_at", "created_at"], filters: { type: "publishable" } }),
    query.graph({ entity: "region", fields: ["id", "name", "currency_code", "created_at"] }),
    query.graph({
      entity: "resource",
      fields: [
        "id",
        "name",
        "type",
        "is_active",
        "product_variants.id",
        "product_variants.title",
        "product_variants.product.id",
        "product_variants.product.title",
        "product_variants.product.description",
        "product_variants.product.status",
      ],
    }),
  ])
  const byCreated = (a: any, b: any) => String(a.created_at).localeCompare(String(b.created_at))
  const key = String(req.query.key ?? "") || (keys as any[]).filter((k) => !k.revoked_at).sort(byCreated)[0]?.token
  const region = (regions as any[]).sort(byCreated).find((r) => !req.query.region_id || r.id === req.query.region_id)

  const products = new Map<string, DemoProduct>()
  for (const resource of resources as any[]) {
    if (!resource?.is_active) continue
    for (const variant of resource.product_variants ?? []) {
      const product = variant?.product
      if (!variant?.id || !product?.id || product.status !== "published") continue
      const entry: DemoProduct = products.get(product.id) ?? { id: product.id, title: product.title, description: product.description ?? "", variants: [] }
      let v = entry.variants.find((x) => x.id === variant.id)
      if (!v) entry.variants.push((v = { id: variant.id, title: variant.title, resources: [] }))
      v.resources.push(`${resource.name} (${String(resource.type).toLowerCase()})`)
      products.set(product.id, entry)
    }
  }
  const list = [...products.values()].sort((a, b) => a.title.localeCompare(b.title))
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader("Cache-Control", "no-store")
  res.status(200).send(demoPage({ publishableKey: key, region, products: list, locale: String(req.query.locale ?? "en-AU") }))
}

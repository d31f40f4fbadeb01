/**
 * `medusa exec` script for the benchmark and reliability harness: creates what
 * the HTTP scenarios need through Medusa's own workflows and writes it as JSON
 * to the file named by the first argument:
 *   - a sales channel and a publishable API key linked to it (store routes);
 *   - an admin user (emailpass) for the peer scenario (POST /admin/reservations);
 *   - a stock location and an inventory item stocked there (the peer's target).
 *   - for the checkout scenario: a region (AUD, pp_system_default), a resource
 *     with large capacity (module service), a published product whose variant
 *     (no inventory management, no shipping profile) is linked to it, and a
 *     published product of the same kind linked to nothing (the plain
 *     checkout the bench compares with).
 * The other resources and capacity are created by the harness with SQL.
 */
import { writeFileSync } from "fs"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryItemsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createStockLocationsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

export default async function benchSetup({ container, args }: { container: any; args: string[] }) {
  const out = args[0]
  if (!out) throw new Error("usage: medusa exec ./integration-tests/harness/setup-medusa.ts <out.json>")
  const email = "bench-admin@example.com"
  const password = "bench-password-1"

  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Bench channel" }] },
  })
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Bench storefront", type: "publishable", created_by: "bench" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: keys[0].id, add: [channels[0].id] },
  })

  const { result: users } = await createUsersWorkflow(container).run({ input: { users: [{ email }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } } as any)
  if (error) throw new Error(String(error))
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: users[0].id } })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Bench warehouse" }] },
  })
  const { result: items } = await createInventoryItemsWorkflow(container).run({
    input: {
      items: [
        {
          sku: `bench-item-${Date.now()}`,
          title: "Bench inventory item",
          location_levels: [{ location_id: locations[0].id, stocked_quantity: 1_000_000_000 }],
        },
      ],
    },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "Bench region", currency_code: "aud", countries: ["au"], payment_providers: ["pp_system_default"] }] },
  })
  const booking = container.resolve("resource_booking")
  const resource = await booking.createResources({ type: "TOUR", name: `Bench checkout tour ${Date.now()}`, is_active: true })
  const today = booking.today()
  const addDays = (date: string, n: number) => {
    const d = new Date(`${date}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + n)
    return d.toISOString().slice(0, 10)
  }
  await booking.setCapacity({ resource_id: resource.id, from: addDays(today, 1), to: addDays(today, 60), max_capacity: 1_000_000 })
  // One published product with one variant (no inventory management, no
  // shipping profile), priced in the region's currency.
  const product = (title: string) => ({
    title,
    status: "published" as const,
    options: [{ title: "Kind", values: [title] }],
    variants: [{ title, options: { Kind: title }, manage_inventory: false, prices: [{ amount: 150, currency_code: "aud" }] }],
    sales_channels: [{ id: channels[0].id }],
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: { products: [product("Bench tour"), product("Bench plain item")] },
  })
  const variantId = (products[0] as any).variants[0].id
  const plainVariantId = (products[1] as any).variants[0].id
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    resource_booking: { resource_id: resource.id },
    [Modules.PRODUCT]: { product_variant_id: variantId },
  })

  writeFileSync(
    out,
    JSON.stringify(
      {
        publishable_key: keys[0].token,
        sales_channel_id: channels[0].id,
        admin: { email, password, user_id: users[0].id },
        stock_location_id: locations[0].id,
        inventory_item_id: items[0].id,
        checkout: { region_id: regions[0].id, resource_id: resource.id, product_id: products[0].id, variant_id: variantId, plain_variant_id: plainVariantId, first_date: addDays(today, 2) },
      },
      null,
      2
    )
  )
}

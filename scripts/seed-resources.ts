/**
 * Seeds the resource_booking module with demo data.
 *
 *   npx medusa exec ./scripts/seed-resources.ts      (or: npm run seed)
 *
 * - 3 vehicles "Fraser Island 4WD - Vehicle 1..3", 1 tour, 1 guide (booked by
 *   the day) and "Sunset tour" (booked by departure: 07:00 and 16:30, 90
 *   minutes, 12 seats each);
 * - bookable products (see seedBookingProducts): a self-drive 4WD rental
 *   (at least 2 consecutive days, bookings close at 6 pm the day before), a
 *   private guided 4WD tour (a vehicle and the guide), a seat on the
 *   shared day tour (a tour place and a guide place: it shares the guide with
 *   the private tour), and a seat on a departure of the Sunset tour (handle
 *   `sunset-tour`, defined in scripts/lib/sunset-tour.js);
 * - 90 days of capacity from today in the module's time zone (vehicles 1,
 *   tour 8, guide 8, each Sunset tour departure 12), only for dates (and
 *   departures) that have none yet, so a re-run never changes what an admin
 *   set or what is taken;
 * - a publishable API key linked to the default sales channel, if the store
 *   has no publishable key yet (printed, the store routes need it).
 *
 * Idempotent: resources are matched by name and skipped when they exist.
 * SEED_DAYS overrides the 90 days.
 */
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { addDays } from "../src/modules/resource_booking/utils/dates"
// The departure product's one definition, shared with the widget's demo data.
import { demoTourRates, SUNSET_TOUR } from "./lib/sunset-tour"

const MODULE = "resource_booking"
const DAYS = Number(process.env.SEED_DAYS || 90)

type SeedResource = {
  type: "VEHICLE" | "TOUR" | "GUIDE"
  name: string
  description: string
  metadata: Record<string, unknown>
  /** Per date, or per departure for a resource with `departures`. */
  capacity: number
  /** A resource booked by departure (booking_mode DEPARTURE): its daily start times and their length. */
  departures?: { start_times: string[]; duration_minutes: number }
}

const RESOURCES: SeedResource[] = [
  ...[1, 2, 3].map(
    (n): SeedResource => ({
      type: "VEHICLE",
      name: `Fraser Island 4WD - Vehicle ${n}`,
      description: "Toyota Land Cruiser 200 Series equipped for Fraser Island tours",
      metadata: {
        license_plate: `FI4WD${n}`,
        seats: 7,
        year: 2023,
        make: "Toyota",
        model: "Land Cruiser",
        features: ["GPS", "First Aid Kit", "Air Conditioning"],
        maintenance_schedule: addDays(new Date().toISOString().slice(0, 10), 60 + 30 * n),
      },
      capacity: 1,
    })
  ),
  {
    type: "TOUR",
    name: "Fraser Island Day Tour",
    description: "Full-day guided 4WD tour of K'gari (Fraser Island): Lake McKenzie, 75 Mile Beach, Eli Creek",
    metadata: {
      duration_hours: 8,
      difficulty: "moderate",
      min_age: 12,
      max_participants: 8,
      included: ["Lunch", "Equipment", "Guide"],
      meeting_point: "Rainbow Beach Visitor Center",
    },
    capacity: 8,
  },
  {
    type: "GUIDE",
    name: "Guide - John Smith",
    description: "Certified 4WD and eco-tour guide",
    metadata: {
      name: "John Smith",
      languages: ["English", "German"],
      certifications: ["First Aid", "4WD Training"],
      specializations: ["Eco Tours", "Photography Tours"],
      max_group_size: 8,
    },
    // Seats of guided group: 8 a day. A private tour takes all 8, a seat on
    // the shared tour takes 1, so the two compete for the guide.
    capacity: 8,
  },
  {
    type: "TOUR",
    name: SUNSET_TOUR.resource,
    description: SUNSET_TOUR.description,
    metadata: { meeting_point: "Rainbow Beach Visitor Center", min_age: 6 },
    capacity: SUNSET_TOUR.seats,
    departures: { start_times: [...SUNSET_TOUR.start_times], duration_minutes: SUNSET_TOUR.duration_minutes },
  },
]

/** Contiguous runs of the dates in `dates` (ascending). */
function runsOf(dates: string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = []
  for (const date of dates) {
    const last = runs[runs.length - 1]
    if (last && addDays(last.to, 1) === date) {
      last.to = date
    } else {
      runs.push({ from: date, to: date })
    }
  }
  return runs
}

export default async function seedResources({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const log = (msg: string) => logger.info(`[seed] ${msg}`)
  const service: any = container.resolve(MODULE)

  const today: string = service.today()
  const last = addDays(today, DAYS - 1)
  log(`Seeding resources and ${DAYS} days of capacity (${today} .. ${last}, ${service.getOptions?.().timezone ?? "module time zone"})`)

  for (const spec of RESOURCES) {
    const [existing] = await service.listResources({ name: spec.name }, { take: 1 })
    let resource = existing
    if (resource) {
      log(`= ${spec.type.padEnd(7)} ${spec.name} exists (${resource.id})`)
    } else {
      resource = await service.createResources({
        type: spec.type,
        booking_mode: spec.departures ? "DEPARTURE" : "DAY",
        name: spec.name,
        description: spec.description,
        metadata: spec.metadata,
        is_active: true,
      })
      log(`+ ${spec.type.padEnd(7)} ${spec.name} created (${resource.id})`)
    }

    const rows: { date: string; start_time?: string }[] = await service.listCapacity({ resource_id: resource.id, from: today, to: last })
    // A day resource has one capacity row a date; a departure resource one a date and start time.
    for (const start_time of spec.departures?.start_times ?? [undefined]) {
      const what = start_time ? `the ${start_time} departure` : "capacity"
      const have = new Set(rows.filter((r) => (r.start_time ?? undefined) === start_time).map((r) => r.date))
      const missing: string[] = []
      for (let i = 0; i < DAYS; i++) {
        const date = addDays(today, i)
        if (!have.has(date)) missing.push(date)
      }
      if (!missing.length) {
        log(`  ${what}: all ${DAYS} days already set, unchanged`)
        continue
      }
      const skipped: string[] = []
      for (const run of runsOf(missing)) {
        const result = await service.setCapacity({
          resource_id: resource.id,
          from: run.from,
          to: run.to,
          max_capacity: spec.capacity,
          ...(start_time ? { start_times: [start_time], duration_minutes: spec.departures!.duration_minutes } : {}),
          actor_id: "seed",
        })
        skipped.push(...(result.skipped ?? []).map((k: { date: string }) => k.date))
      }
      log(
        `  ${what}: ${spec.capacity} ${start_time ? "seats" : "per day"} set on ${missing.length - skipped.length} day(s) (${have.size} already had it)` +
          (skipped.length ? `; ${start_time} does not exist on ${skipped.join(", ")} (clocks go forward)` : "")
      )
    }
  }

  await ensurePublishableKey(container, log)
  await seedOctoDemo(container, log)
  await seedBookingProducts(container, log)
  log("Done")
}

async function ensurePublishableKey(container: ExecArgs["container"], log: (m: string) => void) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const salesChannelModule: any = container.resolve(Modules.SALES_CHANNEL)
  const storeModule: any = container.resolve(Modules.STORE)
  const apiKeyModule: any = container.resolve(Modules.API_KEY)

  // Default sales channel (Medusa creates one at start-up; be safe anyway).
  const [store] = await storeModule.listStores({}, { take: 1 })
  let salesChannelId: string | undefined = store?.default_sales_channel_id ?? undefined
  if (!salesChannelId) {
    const [existing] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" }, { take: 1 })
    salesChannelId = existing?.id
    if (!salesChannelId) {
      const { result } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
      })
      salesChannelId = result[0].id
      log(`+ sales channel "Default Sales Channel" created (${salesChannelId})`)
    }
    if (store) {
      await updateStoresWorkflow(container).run({
        input: { selector: { id: store.id }, update: { default_sales_channel_id: salesChannelId } },
      })
      log(`  store ${store.id}: default sales channel set`)
    }
  }

  const keys = await apiKeyModule.listApiKeys({ type: "publishable", revoked_at: null }, { take: 20 })
  let key = keys[0]
  if (key) {
    log(`= publishable API key exists: ${key.token}`)
  } else {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Resource booking demo", type: "publishable", created_by: "" }] },
    })
    key = result[0]
    log(`+ publishable API key created: ${key.token}`)
  }

  // Store routes need the key to be linked to at least one sales channel.
  const { data } = await query.graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: key.id },
  })
  const linked: string[] = (data[0]?.sales_channels ?? []).map((sc: any) => sc?.id).filter(Boolean)
  if (!linked.length && salesChannelId) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [salesChannelId] } })
    log(`  publishable key linked to sales channel ${salesChannelId}`)
  }
  // A line the demo script (and humans) can grep for.
  console.log(`PUBLISHABLE_API_KEY=${key.token}`)
}

// ---------------------------------------------------------------------------
// OCTo demo (docs/OCTO.md): two bookable products whose variants are linked to
// two tour resources (capacity 200 a day, enough for the OCTo validator's
// dozen reservations), a region to record reseller orders in, and a reseller
// key on the default sales channel. The key's secret is printed once, when it
// is made; OCTO_DEMO_RESELLER_KEY makes it a known value instead.
// ---------------------------------------------------------------------------
async function seedOctoDemo(container: ExecArgs["container"], log: (m: string) => void) {
  const { createProductsWorkflow, createRegionsWorkflow } = await import("@medusajs/medusa/core-flows")
  const { createHash, randomBytes } = await import("crypto")
  const service: any = container.resolve(MODULE)
  const octo: any = container.resolve("octo")
  const productModule: any = container.resolve(Modules.PRODUCT)
  const regionModule: any = container.resolve(Modules.REGION)
  const storeModule: any = container.resolve(Modules.STORE)
  const link: any = container.resolve(ContainerRegistrationKeys.LINK)
  const [store] = await storeModule.listStores({}, { take: 1 })
  const salesChannelId: string = store.default_sales_channel_id

  if (!(await regionModule.listRegions({}, { take: 1 })).length) {
    await createRegionsWorkflow(container).run({
      input: { regions: [{ name: "Australia", currency_code: "aud", countries: ["au"], payment_providers: ["pp_system_default"] }] },
    })
    log("+ region Australia (AUD) created")
  }

  const today: string = service.today()
  for (const [title, handle, price] of [
    ["Reef snorkel day (OCTo demo)", "octo-demo-reef-snorkel", 180],
    ["Rainforest walk (OCTo demo)", "octo-demo-rainforest-walk", 90],
  ] as const) {
    if ((await productModule.listProducts({ handle }, { take: 1 })).length) {
      log(`= OCTo demo product ${handle} exists`)
      continue
    }
    const resource = await service.createResources({ type: "TOUR", name: title, is_active: true })
    await service.setCapacity({ resource_id: resource.id, from: today, to: addDays(today, DAYS - 1), max_capacity: 200, actor_id: "seed" })
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title,
            handle,
            status: "published",
            options: [{ title: "Ticket", values: ["Per person"] }],
            variants: [
              { title: "Per person", options: { Ticket: "Per person" }, manage_inventory: false, prices: [{ amount: price, currency_code: "aud" }] },
            ],
            sales_channels: [{ id: salesChannelId }],
          },
        ],
      },
    })
    await link.create({ [MODULE]: { resource_id: resource.id }, [Modules.PRODUCT]: { product_variant_id: result[0].variants[0].id } })
    log(`+ OCTo demo product ${handle} (${result[0].id}) on tour ${resource.id}, 200 places a day`)
  }

  // As the admin route makes keys (src/modules/octo/service.ts: sha256 of the secret).
  const token = process.env.OCTO_DEMO_RESELLER_KEY || `octo_${randomBytes(32).toString("base64url")}`
  const tokenHash = createHash("sha256").update(token, "utf8").digest("hex")
  const filter = process.env.OCTO_DEMO_RESELLER_KEY ? { token_hash: tokenHash } : { title: "OCTo demo reseller" }
  if ((await octo.listOctoResellerKeys(filter, { take: 1 })).length) {
    log(`= OCTo reseller key "OCTo demo reseller" exists (its secret was shown when it was made)`)
    return
  }
  // The key belongs to a reseller (docs/OCTO.md): the demo's, made once.
  const [existing] = await octo.listOctoResellers({ name: "OCTo demo reseller" }, { take: 1 })
  const reseller = existing ?? (await octo.createOctoResellers({ name: "OCTo demo reseller" }))
  const key = await octo.createOctoResellerKeys({
    title: "OCTo demo reseller",
    token_hash: tokenHash,
    redacted: `${token.slice(0, 11)}…`,
    created_by: "seed",
    reseller_id: reseller.id,
  })
  await link.create({ octo: { octo_reseller_key_id: key.id }, [Modules.SALES_CHANNEL]: { sales_channel_id: salesChannelId } })
  log(`+ OCTo reseller key created (Authorization: Bearer ${token})`)
}

/**
 * The demo's bookable products: variants linked to several resources with
 * units, and the vehicles' booking rules. Matched by handle; a re-run leaves
 * existing products and links as they are.
 */
async function seedBookingProducts(container: ExecArgs["container"], log: (m: string) => void) {
  const { createProductsWorkflow } = await import("@medusajs/medusa/core-flows")
  const service: any = container.resolve(MODULE)
  const productModule: any = container.resolve(Modules.PRODUCT)
  const storeModule: any = container.resolve(Modules.STORE)
  const link: any = container.resolve(ContainerRegistrationKeys.LINK)
  const [store] = await storeModule.listStores({}, { take: 1 })
  const byName = async (name: string) => (await service.listResources({ name }, { take: 1 }))[0]
  const [vehicle1, vehicle2, tour, guide, sunset] = await Promise.all(
    ["Fraser Island 4WD - Vehicle 1", "Fraser Island 4WD - Vehicle 2", "Fraser Island Day Tour", "Guide - John Smith", SUNSET_TOUR.resource].map(
      byName
    )
  )
  const selfDriveRules = { min_dates: 2, consecutive: true, cutoff: { days_before: 1, time: "18:00" } }
  for (const vehicle of [vehicle1, vehicle2]) {
    if (!vehicle.booking_rules) await service.updateResources({ id: vehicle.id, booking_rules: selfDriveRules })
  }
  const products = [
    {
      handle: "fraser-island-4wd-self-drive",
      title: "Fraser Island 4WD self-drive",
      description: "A Land Cruiser for 2 days or more; bookings close at 6 pm the day before.",
      variant: "Per vehicle per day",
      price: 240,
      links: [{ resource: vehicle1, units: 1 }],
    },
    {
      handle: "fraser-island-private-guided-4wd-tour",
      title: "Private guided 4WD tour",
      description: "Your own vehicle and guide for the day: takes a vehicle and the guide.",
      variant: "Per group per day",
      price: 890,
      links: [
        { resource: vehicle2, units: 1 },
        { resource: guide, units: 8 },
      ],
    },
    {
      handle: "fraser-island-day-tour-seat",
      title: "Fraser Island Day Tour (shared)",
      description: "A seat on the guided day tour: shares the guide with the private tour.",
      variant: "Per person per day",
      price: 189,
      links: [
        { resource: tour, units: 1 },
        { resource: guide, units: 1 },
      ],
      rates: { weekend: 209, peak: 239 },
    },
    {
      // Booked by departure: a seat on the 07:00 or the 16:30 run (its resource is DEPARTURE; a
      // variant books resources of one mode).
      handle: SUNSET_TOUR.handle,
      title: SUNSET_TOUR.title,
      description: SUNSET_TOUR.description,
      variant: SUNSET_TOUR.variant,
      price: SUNSET_TOUR.price,
      links: [{ resource: sunset, units: 1 }],
      rates: { weekend: 109, peak: 125 },
    },
  ]
  for (const spec of products) {
    const existing = (await productModule.listProducts({ handle: spec.handle }, { take: 1, relations: ["variants"] }))[0]
    if (existing) {
      log(`= product ${spec.handle} exists`)
      if (spec.rates) await seedTourRates(container, existing.variants[0].id, spec.rates, log)
      continue
    }
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: spec.title,
            handle: spec.handle,
            description: spec.description,
            status: "published",
            options: [{ title: "Booking", values: [spec.variant] }],
            variants: [
              {
                title: spec.variant,
                options: { Booking: spec.variant },
                manage_inventory: false,
                prices: [{ amount: spec.price, currency_code: "aud" }],
              },
            ],
            sales_channels: [{ id: store.default_sales_channel_id }],
          },
        ],
      },
    })
    const variantId = result[0].variants[0].id
    for (const { resource, units } of spec.links) {
      await link.create({
        [MODULE]: { resource_id: resource.id },
        [Modules.PRODUCT]: { product_variant_id: variantId },
        data: { units },
      })
    }
    log(`+ product ${spec.handle} (${variantId}) books ${spec.links.map((l) => `${l.units} × ${l.resource.name}`).join(" + ")}`)
    if (spec.rates) await seedTourRates(container, variantId, spec.rates, log)
  }
}

/**
 * A demo tour's peak-season and weekend rates (docs/PRICING.md), through the
 * same workflow as the admin's Rates section; a variant that has rates keeps them.
 */
async function seedTourRates(
  container: ExecArgs["container"],
  variantId: string,
  amounts: { weekend: number; peak: number },
  log: (m: string) => void
) {
  const { listVariantRates } = await import("../src/workflows/utils/resource-rates")
  const { createResourceRateWorkflow } = await import("../src/workflows/create-resource-rate")
  if ((await listVariantRates(container, variantId)).rates.length) return
  const today = new Date().toISOString().slice(0, 10)
  for (const rate of demoTourRates(today, amounts)) {
    await createResourceRateWorkflow(container).run({ input: { variant_id: variantId, rate } })
    log(`+ rate "${rate.title}" on ${variantId}: ${rate.prices[0].amount} AUD`)
  }
}

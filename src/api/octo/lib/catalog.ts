import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import { resourcesOfVariants, VariantResource } from "../../../workflows/utils/variant-resources"
import { addDays, localEndOfDay, localMidnight, startOfDate, utc } from "./dates"

/**
 * The OCTo view of the catalogue: an OCTo product is a published Medusa
 * product of the key's sales channel with at least one variant linked to
 * resources; each such variant is an option; every option has one unit
 * (`unit`), whose quantity is the booking quantity.
 */

export const UNIT_ID = "unit"

export type OctoOptionSource = {
  id: string
  title: string
  sku: string | null
  resources: VariantResource[]
  prices: { amount: number; currency_code: string }[]
}

export type OctoProductSource = {
  id: string
  title: string
  handle: string | null
  description: string | null
  options: OctoOptionSource[]
}

export function bookingService(scope: MedusaContainer): ResourceBookingModuleService {
  return scope.resolve(RESOURCE_BOOKING_MODULE)
}

export function timezoneOf(scope: MedusaContainer): string {
  return bookingService(scope).getOptions().timezone
}

/** The OCTo products a sales channel sells (or the one asked for); a product id that is not one answers []. */
export async function loadProducts(
  scope: MedusaContainer,
  salesChannelId: string,
  productId?: string
): Promise<OctoProductSource[]> {
  if (productId !== undefined && (typeof productId !== "string" || !productId.length || productId.length > 100)) return []
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "title",
      "handle",
      "description",
      "status",
      "created_at",
      "sales_channels.id",
      "variants.id",
      "variants.title",
      "variants.sku",
      "variants.variant_rank",
      "variants.created_at",
      "variants.prices.amount",
      "variants.prices.currency_code",
    ],
    filters: { status: "published", ...(productId !== undefined ? { id: productId } : {}) } as any,
    pagination: { take: 1000, order: { created_at: "ASC" } } as any,
  })
  const products = (data as any[]).filter((product) =>
    (product.sales_channels ?? []).some((channel: any) => channel?.id === salesChannelId)
  )
  const variantIds = products.flatMap((product) => (product.variants ?? []).map((variant: any) => variant.id))
  const links = await resourcesOfVariants(query as any, variantIds)
  const result: OctoProductSource[] = []
  for (const product of products) {
    const variants = [...(product.variants ?? [])].sort(
      (a: any, b: any) =>
        (a.variant_rank ?? 0) - (b.variant_rank ?? 0) || String(a.created_at).localeCompare(String(b.created_at))
    )
    const options = variants
      .filter((variant: any) => links.get(variant.id)?.length)
      .map((variant: any) => ({
        id: variant.id,
        title: variant.title ?? variant.id,
        sku: variant.sku ?? null,
        resources: links.get(variant.id)!,
        prices: (variant.prices ?? []).map((price: any) => ({
          amount: Number(price.amount),
          currency_code: price.currency_code,
        })),
      }))
    if (options.length) {
      result.push({
        id: product.id,
        title: product.title,
        handle: product.handle ?? null,
        description: product.description ?? null,
        options,
      })
    }
  }
  return result
}

function octoUnit() {
  return {
    id: UNIT_ID,
    internalName: "Unit",
    reference: null,
    type: "OTHER" as const,
    restrictions: {
      minAge: 0,
      maxAge: 100,
      idRequired: false,
      minQuantity: null,
      maxQuantity: null,
      paxCount: 1,
      accompaniedBy: [],
    },
    requiredContactFields: [],
  }
}

export function octoOption(option: OctoOptionSource, index: number) {
  return {
    id: option.id,
    default: index === 0,
    internalName: option.title,
    reference: option.sku,
    availabilityLocalStartTimes: ["00:00"],
    cancellationCutoff: "0 hours",
    cancellationCutoffAmount: 0,
    cancellationCutoffUnit: "hour" as const,
    requiredContactFields: [],
    restrictions: { minUnits: 1, maxUnits: null },
    units: [octoUnit()],
  }
}

export function octoProduct(product: OctoProductSource, timeZone: string) {
  return {
    id: product.id,
    internalName: product.title,
    reference: product.handle,
    locale: "en",
    timeZone,
    allowFreesale: false,
    instantConfirmation: true,
    instantDelivery: true,
    availabilityRequired: true,
    availabilityType: "OPENING_HOURS" as const,
    deliveryFormats: ["QRCODE" as const],
    deliveryMethods: ["VOUCHER" as const],
    redemptionMethod: "DIGITAL" as const,
    options: product.options.map(octoOption),
  }
}

export type OctoDay = {
  date: string
  status: "AVAILABLE" | "LIMITED" | "SOLD_OUT" | "CLOSED"
  available: boolean
  vacancies: number
  capacity: number
  cutoff: Date
}

/**
 * Availability of an option per date, from the ledger's group availability
 * (least floor(available / units) over the linked resources; rules and
 * blackouts included): a date with a reason is CLOSED (SOLD_OUT when that
 * reason is SOLD_OUT); a free date is LIMITED once something is taken,
 * AVAILABLE before. `available` also needs `quantity` places.
 */
export async function optionDays(
  scope: MedusaContainer,
  option: OctoOptionSource,
  from: string,
  to: string,
  quantity = 1
): Promise<OctoDay[]> {
  const service = bookingService(scope)
  const timeZone = service.getOptions().timezone
  let group: Awaited<ReturnType<ResourceBookingModuleService["getGroupAvailability"]>> | null = null
  const capacity = new Map<string, number>()
  const cutoffs: ({ days_before: number; time: string } | undefined)[] = []
  try {
    group = await service.getGroupAvailability({ items: option.resources, from, to, quantity: 1 })
    for (const link of option.resources) {
      const one = await service.getAvailability({ resource_id: link.resource_id, from, to })
      for (const day of one.dates as any[]) {
        const places = Math.floor(Number(day.max_capacity ?? 0) / link.units)
        capacity.set(day.date, Math.min(capacity.get(day.date) ?? places, places))
      }
    }
    const resources = await (service as any).listResources({ id: option.resources.map((r) => r.resource_id) })
    for (const resource of resources ?? []) cutoffs.push(resource?.booking_rules?.cutoff)
  } catch (error: any) {
    if (error?.type !== "not_found") throw error
    group = null
  }
  const days: OctoDay[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const entry = group?.dates.find((d) => d.date === date)
    const vacancies = entry ? Math.max(0, entry.available_quantity) : 0
    const cap = Math.max(capacity.get(date) ?? 0, vacancies)
    let status: OctoDay["status"]
    if (!entry) status = "CLOSED"
    else if (entry.reason === "SOLD_OUT" || (entry.reason === undefined && vacancies === 0 && cap > 0)) status = "SOLD_OUT"
    else if (entry.reason) status = "CLOSED"
    else status = vacancies < cap ? "LIMITED" : "AVAILABLE"
    const open = status === "AVAILABLE" || status === "LIMITED"
    days.push({
      date,
      status,
      available: open && vacancies >= quantity,
      vacancies: status === "CLOSED" ? 0 : vacancies,
      capacity: cap,
      cutoff: cutoffOf(date, timeZone, cutoffs),
    })
  }
  return days
}

/** When the date stops taking bookings: its end, or the earliest cutoff of its resources' rules. */
function cutoffOf(date: string, timeZone: string, cutoffs: ({ days_before: number; time: string } | undefined)[]): Date {
  let cutoff = startOfDate(addDays(date, 1), timeZone)
  for (const rule of cutoffs) {
    if (!rule) continue
    const [hours, minutes] = String(rule.time ?? "00:00").split(":").map(Number)
    const start = startOfDate(addDays(date, -Number(rule.days_before ?? 0)), timeZone)
    const at = new Date(start.getTime() + ((hours || 0) * 60 + (minutes || 0)) * 60_000)
    if (at < cutoff) cutoff = at
  }
  return cutoff
}

export function octoAvailability(day: OctoDay, timeZone: string) {
  const id = localMidnight(day.date, timeZone)
  return {
    id,
    localDateTimeStart: id,
    localDateTimeEnd: localEndOfDay(day.date, timeZone),
    allDay: true,
    available: day.available,
    status: day.status,
    vacancies: day.vacancies,
    capacity: day.capacity,
    maxUnits: null,
    utcCutoffAt: utc(day.cutoff)!,
    openingHours: [{ from: "00:00", to: "23:59" }],
  }
}

export function octoCalendarDay(day: OctoDay) {
  return {
    localDate: day.date,
    available: day.available,
    status: day.status,
    vacancies: day.vacancies,
    capacity: day.capacity,
    openingHours: [{ from: "00:00", to: "23:59" }],
  }
}

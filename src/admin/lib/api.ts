import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"
import type {
  CapacityAuditDTO,
  CapacityDayDTO,
  HoldStatus,
  ResourceAllocationDTO,
  ResourceBlackoutDTO,
  ResourceHoldDTO,
  ResourceType,
  UtilizationRowDTO,
} from "../../modules/resource_booking/types"

export type { ResourceType }

// Runtime lists for the UI's selects. The module's own lists live beside its
// models, which import the server framework and cannot enter the admin bundle.
export const RESOURCE_TYPES: ResourceType[] = ["VEHICLE", "TOUR", "GUIDE"]
export const HOLD_STATUSES: readonly HoldStatus[] = ["ACTIVE", "CONFIRMED", "RELEASED", "EXPIRED"]

/** A module DTO as it arrives over HTTP: dates serialised to strings. */
type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

export type Resource = {
  id: string
  type: ResourceType
  name: string
  description: string | null
  metadata: Record<string, unknown> | null
  is_active: boolean
  created_at: string
  updated_at: string
}

export type CapacityDay = CapacityDayDTO
export type ResourceHold = Wire<ResourceHoldDTO>
export type ResourceAllocation = Wire<ResourceAllocationDTO>
export type ResourceBlackout = Wire<ResourceBlackoutDTO>
export type CapacityAudit = Wire<CapacityAuditDTO>
export type UtilizationRow = UtilizationRowDTO

export type Manifest = {
  resource_id: string
  date: string
  capacity: CapacityDay | null
  resource_allocations: ResourceAllocation[]
  resource_holds: ResourceHold[]
}

export type LinkedVariant = {
  id: string
  title: string | null
  sku: string | null
  product_id: string
  product?: { id: string; title: string } | null
}

export type Page<K extends string, T> = { [key in K]: T[] } & { count: number; limit: number; offset: number }

type Query = Record<string, string | number | boolean | undefined>

function clean(query: Query): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== "")) as any
}

/** GET on the admin API; the query key is the path and the query. */
export function useAdminGet<T>(path: string | null, query: Query = {}, options: { keepPrevious?: boolean } = {}) {
  return useQuery<T, Error>({
    queryKey: ["resource_booking", path, clean(query)],
    queryFn: () => sdk.client.fetch<T>(path as string, { query: clean(query) }),
    enabled: !!path,
    placeholderData: options.keepPrevious ? (previous) => previous : undefined,
  })
}

/** POST/DELETE on the admin API; refreshes every resource_booking query when done. */
export function useAdminMutation<TBody, TResult = any>(
  method: "POST" | "DELETE",
  path: string | ((body: TBody) => string)
) {
  const queryClient = useQueryClient()
  return useMutation<TResult, Error, TBody>({
    mutationFn: (body: TBody) =>
      sdk.client.fetch<TResult>(typeof path === "function" ? path(body) : path, {
        method,
        body: method === "POST" || (body && Object.keys(body as object).length) ? (body as any) : undefined,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["resource_booking"] }),
  })
}

/** The server's message (Medusa error body), for forms to show. */
export function errorMessage(error: unknown): string {
  if (!error) return ""
  const message = (error as any)?.message
  return typeof message === "string" && message ? message : "Something went wrong"
}

// ---------------------------------------------------------------- dates

const DAY_MS = 24 * 60 * 60 * 1000

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10)
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/** The browser's local date; the server's `today` (module time zone) wins when known. */
export function localToday(): string {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10)
}

export const WEEKDAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "-"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString()
}

export function formatDates(dates: string[]): string {
  if (dates.length <= 3) return dates.join(", ")
  return `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} days)`
}

/**
 * Today in the module's time zone (the server says it with every capacity
 * read); the browser's date until it answers.
 */
export function useServerToday(resourceId: string): { today: string | null; error: Error | null } {
  const start = localToday()
  const { data, error } = useAdminGet<{ capacity: CapacityDay[]; today?: string }>(
    `/admin/resources/${resourceId}/capacity`,
    { from: start, to: start }
  )
  return { today: data ? data.today ?? start : error ? start : null, error: error ?? null }
}

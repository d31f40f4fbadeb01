import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { HOLD_STATUS } from "../ledger/lapsed"
import { ConversionFiguresDTO, ConversionReportDTO, HoldChannel } from "../types"
import { runSql } from "./sql"

export type ConversionQuery = {
  /** The local dates (in `timezone`) on which the holds were made, inclusive. */
  from: string
  to: string
  timezone: string
  resource_id?: string
  channel?: HoldChannel
}

/**
 * The conversion report (contract "Scale and operations"): the holds made
 * from the start of `from` to the end of `to` in the module's zone, by
 * outcome, in one statement: totals, per channel and per resource as three
 * grouping sets of the same rows. Holds retention moved to
 * resource_hold_archive (finished ones) are counted with the others. A
 * hold's outcome is its status as clients see it (an ACTIVE hold past
 * `expires_at` is EXPIRED: HOLD_STATUS); the median time to order is
 * percentile_cont(0.5) over confirmed holds of confirmed_at − created_at.
 * A hold without a channel (none should be left: the migration gave every
 * existing hold one) counts as `storefront`, the migration's default.
 * Each hold counts once (a hold group over two resources is two holds).
 */
export async function readConversion(manager: SqlEntityManager, query: ConversionQuery): Promise<ConversionReportDTO> {
  const filters = `h.created_at >= (?::date::timestamp AT TIME ZONE ?) AND h.created_at < ((?::date + 1)::timestamp AT TIME ZONE ?)
    ${query.resource_id ? "AND h.resource_id = ?" : ""} ${query.channel ? "AND coalesce(h.channel, 'storefront') = ?" : ""}`
  const params = [
    query.from,
    query.timezone,
    query.to,
    query.timezone,
    ...(query.resource_id ? [query.resource_id] : []),
    ...(query.channel ? [query.channel] : []),
  ]
  const rows = await runSql(
    manager,
    `WITH made AS (
       SELECT h.resource_id, coalesce(h.channel, 'storefront') AS channel, ${HOLD_STATUS("h")} AS status, h.created_at, h.confirmed_at
       FROM resource_hold h WHERE ${filters}
       UNION ALL
       SELECT h.resource_id, coalesce(h.channel, 'storefront') AS channel, ${HOLD_STATUS("h")} AS status, h.created_at, h.confirmed_at
       FROM resource_hold_archive h WHERE ${filters}
     ),
     figures AS (
       SELECT grouping(m.channel) AS by_all_channels, grouping(m.resource_id) AS by_all_resources, m.channel, m.resource_id,
              count(*)::int AS holds_made,
              count(*) FILTER (WHERE m.status = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE m.status = 'RELEASED')::int AS released,
              count(*) FILTER (WHERE m.status = 'EXPIRED')::int AS expired,
              count(*) FILTER (WHERE m.status = 'ACTIVE')::int AS active,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.confirmed_at - m.created_at) / 60)
                FILTER (WHERE m.status = 'CONFIRMED' AND m.confirmed_at IS NOT NULL) AS median_minutes
       FROM made m
       GROUP BY GROUPING SETS ((), (m.channel), (m.resource_id))
     )
     SELECT f.*, r.name FROM figures f LEFT JOIN resource r ON r.id = f.resource_id
     ORDER BY f.channel NULLS FIRST, r.name NULLS FIRST, f.resource_id`,
    [...params, ...params]
  )
  const report: ConversionReportDTO = { totals: figuresOf(undefined), per_channel: [], per_resource: [] }
  for (const row of rows) {
    const figures = figuresOf(row)
    if (row.by_all_channels && row.by_all_resources) report.totals = figures
    else if (!row.by_all_channels) report.per_channel.push({ channel: row.channel, ...figures })
    else report.per_resource.push({ resource_id: row.resource_id, name: row.name ?? null, ...figures })
  }
  return report
}

/** A grouping set's row as the report's figures (all zero without holds). */
function figuresOf(row: any | undefined): ConversionFiguresDTO {
  const holds_made = row?.holds_made ?? 0
  const confirmed = row?.confirmed ?? 0
  const median = row?.median_minutes == null ? null : Number(row.median_minutes)
  return {
    holds_made,
    confirmed,
    released: row?.released ?? 0,
    expired: row?.expired ?? 0,
    active: row?.active ?? 0,
    conversion_rate: holds_made ? Math.round((10000 * confirmed) / holds_made) / 10000 : null,
    median_minutes_to_order: median === null ? null : Math.round(median * 100) / 100,
  }
}

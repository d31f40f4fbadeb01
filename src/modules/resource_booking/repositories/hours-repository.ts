import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { DayHoursDTO } from "../types"
import { runSql } from "./sql"

/** Each date's working hours from..to: its exception, or its weekday's (resource_booking_day_hours). */
export async function listDayHours(
  manager: SqlEntityManager,
  input: { resource_id: string; from: string; to: string }
): Promise<DayHoursDTO[]> {
  return await runSql<DayHoursDTO>(
    manager,
    `SELECT d::date::text AS date, resource_booking_day_hours(?, d::date) AS hours,
            EXISTS (SELECT 1 FROM resource_hours_exception x
                    WHERE x.resource_id = ? AND x.date = d::date AND x.deleted_at IS NULL) AS is_exception
     FROM generate_series(?::date, ?::date, interval '1 day') AS d ORDER BY d`,
    [input.resource_id, input.resource_id, input.from, input.to]
  )
}

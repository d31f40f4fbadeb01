import { validateAppointmentSettings, validateHoursRanges } from "../../../modules/resource_booking/validation"
import { appointmentBody, appointmentErrorField, appointmentForm, hoursRanges, hoursRows } from "../appointment"

/** The message the module's validator throws for these settings (what the admin's 400 carries). */
function serverMessage(settings: Record<string, unknown>): string {
  try {
    validateAppointmentSettings(settings)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`accepted: ${JSON.stringify(settings)}`)
}

describe("admin appointment settings", () => {
  it("sends what it was given: a resource's settings read into the form and back are the same settings", () => {
    const settings = validateAppointmentSettings({
      working_hours: { "0": [["09:00", "12:00"], ["13:00", "24:00"]], "3": [["08:00", "10:00"]] },
      slot_minutes: 30,
      min_duration_minutes: 60,
      max_duration_minutes: 240,
      buffer_after_minutes: 15,
      units: 2,
    })
    const body = appointmentBody(appointmentForm(settings))
    expect(validateAppointmentSettings(body)).toEqual(settings)
  })

  it("shows a range to midnight as 00:00 in a time field and sends it as 24:00", () => {
    const rows = hoursRows([["18:00", "24:00"]])
    expect(rows.map(({ start, end }) => [start, end])).toEqual([["18:00", "00:00"]])
    expect(hoursRanges(rows)).toEqual([["18:00", "24:00"]])
    expect(validateHoursRanges(hoursRanges(rows), "hours")).toEqual([["18:00", "24:00"]])
  })

  it("finds the field each server message names, so it shows under that field", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ working_hours: { "2": [["12:00", "11:00"]] } }, "working_hours.2"],
      [{ working_hours: { "5": [["09:00", "12:00"], ["11:00", "14:00"]] } }, "working_hours.5"],
      [{ working_hours: { "1": [["9", "12:00"]] } }, "working_hours.1"],
      [{ slot_minutes: 7 }, "slot_minutes"],
      [{ slot_minutes: 30, max_duration_minutes: 250 }, "max_duration_minutes"],
      [{ slot_minutes: 30, min_duration_minutes: 45 }, "min_duration_minutes"],
      [{ min_duration_minutes: 120, max_duration_minutes: 60 }, "min_duration_minutes"],
      [{ buffer_before_minutes: -5 }, "buffer_before_minutes"],
      [{ buffer_after_minutes: "x" }, "buffer_after_minutes"],
      [{ units: 0 }, "units"],
    ]
    for (const [settings, field] of cases) {
      expect([JSON.stringify(settings), appointmentErrorField({ message: serverMessage(settings) })]).toEqual([JSON.stringify(settings), field])
    }
    // Another message stays under the form.
    expect(appointmentErrorField({ message: "A resource named Guide already exists" })).toBeNull()
    expect(appointmentErrorField(null)).toBeNull()
  })
})

import ICALmodule from "ical.js"

const ICAL: any = (ICALmodule as any).default ?? ICALmodule

/**
 * Parses RFC 5545 text with ical.js (an independent parser, not the
 * generator the plugin writes with) and answers its VEVENTs.
 */
export function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return calendar.getAllSubcomponents("vevent").map((vevent: any) => {
    const event = new ICAL.Event(vevent)
    return {
      uid: event.uid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      stamp: vevent.getFirstPropertyValue("dtstamp"),
      summary: event.summary,
      description: event.description ?? "",
      status: vevent.getFirstPropertyValue("status"),
    }
  })
}


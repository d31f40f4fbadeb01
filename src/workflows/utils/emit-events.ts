import { emitEventStep } from "@medusajs/medusa/core-flows"

const kebab = (text: string) => text.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/**
 * Inside a workflow's composition: emits each list of `payloads` (built by
 * one of the builders in ../events) under the event name `names` gives for
 * its key, one `emitEventStep` each, named `emit-<prefix>-<key>-step` (a
 * workflow may use a step more than once only under distinct names). An
 * empty list emits nothing.
 */
export function emitResourceBookingEvents(prefix: string, payloads: object, names: Record<string, string>): void {
  for (const key of Object.keys(names)) {
    emitEventStep({ eventName: names[key], data: (payloads as any)[key] }).config({
      name: `emit-${prefix}-${kebab(key)}-step`,
    })
  }
}

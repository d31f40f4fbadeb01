/**
 * The shapes of OCTo request values that more than one place reads (the
 * routes' body checks and the bookable's unit items): each refusal is a
 * BAD_REQUEST naming the field.
 */
import { badRequest } from "./errors"

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value)
}

const CONTACT_FIELDS = ["fullName", "firstName", "lastName", "emailAddress", "phoneNumber", "postalCode", "country", "notes"]

export type OctoContactInput = Record<string, any>

/** A contact as the request gave it, checked (BAD_REQUEST), or undefined when absent. */
export function parseContact(value: unknown, path = "contact"): OctoContactInput | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`${path} must be an object`)
  const contact: Record<string, any> = {}
  for (const field of CONTACT_FIELDS) {
    const v = (value as any)[field]
    if (v === undefined || v === null) continue
    if (typeof v !== "string" || v.length > 1000) throw badRequest(`${path}.${field} must be a string`)
    contact[field] = v
  }
  const locales = (value as any).locales
  if (locales !== undefined && locales !== null) {
    if (!Array.isArray(locales) || locales.some((l) => typeof l !== "string")) throw badRequest(`${path}.locales must be an array of strings`)
    contact.locales = locales
  }
  if (contact.emailAddress !== undefined && contact.emailAddress !== "" && !EMAIL.test(contact.emailAddress)) {
    throw badRequest(`${path}.emailAddress must be an email address`)
  }
  if (contact.emailAddress === "") delete contact.emailAddress
  return contact
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string" || value.length > 1000) throw badRequest(`${field} must be a string`)
  return value
}

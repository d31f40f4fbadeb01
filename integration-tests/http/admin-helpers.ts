import jwt from "jsonwebtoken"
import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Makes an admin user with an emailpass identity and answers the headers of
 * a bearer JWT for it (signed with the app's jwtSecret, "supersecret" in
 * tests), as Medusa's own integration tests do.
 */
export async function createAdminHeaders(
  container: MedusaContainer,
  email = "admin@resource-booking.test"
): Promise<{ headers: Record<string, string>; userId: string }> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email })
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email, provider_metadata: { password: "supersecret" } }],
    app_metadata: { user_id: user.id },
  })
  const token = jwt.sign(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id },
    process.env.JWT_SECRET || "supersecret",
    { expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` }, userId: user.id }
}

/** A secret admin API key, used as basic auth (`key:`). */
export async function createSecretKeyHeaders(container: MedusaContainer, userId: string) {
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const key = await apiKeyModule.createApiKeys({ title: "test secret", type: "secret", created_by: userId })
  return { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` }
}

const DAY_MS = 24 * 60 * 60 * 1000

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10)
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/** Axios rejects non-2xx answers; tests want the response either way. */
export async function settle<T = any>(promise: Promise<T>): Promise<any> {
  try {
    return await promise
  } catch (error: any) {
    if (error?.response) return error.response
    throw error
  }
}

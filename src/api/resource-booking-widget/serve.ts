import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { WidgetFormat, widgetBundle } from "./bundle"

/** Answers the widget bundle as JavaScript any origin may load (a storefront embeds it with a script tag). */
export async function sendWidget(_req: MedusaRequest, res: MedusaResponse, format: WidgetFormat) {
  let code: string
  try {
    code = await widgetBundle(format)
  } catch (e: any) {
    res.status(404).type("text/plain").send(String(e?.message ?? "The booking widget is not built."))
    return
  }
  res.setHeader("Content-Type", "application/javascript; charset=utf-8")
  res.setHeader("Cache-Control", "public, max-age=300")
  res.setHeader("Access-Control-Allow-Origin", "*")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.status(200).send(code)
}

import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendWidget } from "../serve"

/** GET /resource-booking-widget/widget.js: the widget as a classic script (`<script src>`). */
export const GET = (req: MedusaRequest, res: MedusaResponse) => sendWidget(req, res, "iife")

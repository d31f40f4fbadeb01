/**
 * The live regions: refusals and failures in an `alert`, progress and news
 * in a polite `status`. Both are always in the page (a region that appears
 * with its text may not be read); each message is a new node inside them, so
 * the same words said twice are announced twice.
 */
import { el } from "../dom"
import { ViewContext } from "./context"

export function messagesView(ctx: ViewContext): HTMLElement[] {
  const m = ctx.s.message
  const box = m ? el("div", { className: `message ${m.kind}`, "data-key": `message:${m.seq}`, "data-part": "message", text: m.text }) : null
  return [
    el("div", { role: "alert", className: "live", "data-key": "alert" }, m?.kind === "error" ? box : null),
    el("div", { role: "status", "aria-live": "polite", className: "live", "data-key": "status" }, m && m.kind !== "error" ? box : null),
  ]
}

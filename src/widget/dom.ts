/**
 * The widget's two DOM helpers: `el` builds an element, `patch` brings the
 * live tree in line with a freshly built one while keeping the nodes that are
 * still there. Keeping them is what makes the live regions (`role=status`,
 * `role=alert`, the quantity note) announce their new text, and what keeps
 * focus and the caret where the customer left them.
 */

type Child = Node | string | null | undefined | false

/** Event handlers are set as `on…` properties (not listeners), so that `patch` can swap them. */
const HANDLERS = "__rbwHandlers"

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, any> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  const handlers: string[] = []
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue
    if (k.startsWith("on") && typeof v === "function") {
      const name = k.toLowerCase()
      ;(node as any)[name] = v
      handlers.push(name)
    } else if (k === "text") node.textContent = String(v)
    else if (k === "className") node.className = v
    else if (k in node && typeof v !== "string") (node as any)[k] = v
    else node.setAttribute(k, v === true ? "" : String(v))
  }
  ;(node as any)[HANDLERS] = handlers
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c)
  return node
}

/** Identity of a node across renders: its `data-key`, else its id. */
function keyOf(node: Node): string | null {
  if (node.nodeType !== 1) return null
  const e = node as Element
  return e.getAttribute("data-key") ?? (e.id || null)
}

function sameKind(a: Node, b: Node) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName
}

/** Makes `parent`'s children look like `next` (nodes built by `el`), reusing matching nodes. */
export function patchChildren(parent: Node, next: Node[]) {
  const old = Array.from(parent.childNodes)
  const keyed = new Map<string, Node>()
  const unkeyed: Node[] = []
  for (const node of old) {
    const key = keyOf(node)
    if (key !== null && !keyed.has(key)) keyed.set(key, node)
    else unkeyed.push(node)
  }
  // Match first, remove what is gone, then order: a node that stays is never detached.
  let cursor = 0
  const matched = next.map((node) => {
    const key = keyOf(node)
    if (key !== null) {
      const found = keyed.get(key)
      if (found && sameKind(found, node)) {
        keyed.delete(key)
        return found
      }
      return null
    }
    const candidate = unkeyed[cursor]
    if (candidate && sameKind(candidate, node)) {
      cursor++
      return candidate
    }
    return null
  })
  const kept = new Set(matched.filter(Boolean) as Node[])
  for (const node of old) if (!kept.has(node)) parent.removeChild(node)
  next.forEach((node, i) => {
    const current = matched[i]
    const target = current ?? node
    if (current) patchNode(current, node)
    const at = parent.childNodes[i] ?? null
    if (at !== target) parent.insertBefore(target, at)
  })
}

function patchNode(current: Node, next: Node) {
  if (current.nodeType === 3 || current.nodeType === 8) {
    if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue
    return
  }
  const a = current as HTMLElement
  const b = next as HTMLElement
  for (const attr of Array.from(a.attributes)) if (!b.hasAttribute(attr.name)) a.removeAttribute(attr.name)
  for (const attr of Array.from(b.attributes)) if (a.getAttribute(attr.name) !== attr.value) a.setAttribute(attr.name, attr.value)
  const names = new Set<string>([...((a as any)[HANDLERS] ?? []), ...((b as any)[HANDLERS] ?? [])])
  for (const name of names) (a as any)[name] = (b as any)[name] ?? null
  ;(a as any)[HANDLERS] = (b as any)[HANDLERS] ?? []
  if (a instanceof HTMLInputElement && b instanceof HTMLInputElement) {
    a.disabled = b.disabled
    // Never fight the customer's typing: a focused text field keeps what is in it.
    const typing = a.getRootNode() instanceof ShadowRoot && (a.getRootNode() as ShadowRoot).activeElement === a
    if (a.value !== b.value && !(typing && a.type !== "number")) a.value = b.value
    return
  }
  if (a instanceof HTMLButtonElement && b instanceof HTMLButtonElement) a.disabled = b.disabled
  patchChildren(a, Array.from(b.childNodes))
  if (a instanceof HTMLSelectElement && b instanceof HTMLSelectElement) {
    // The chosen option is a property (the `selected` attribute stops counting once the customer chose).
    a.disabled = b.disabled
    if (a.value !== b.value) a.value = b.value
  }
}

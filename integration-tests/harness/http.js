"use strict"
/**
 * HTTP to the harness's servers (127.0.0.1 only) and a small load generator:
 * keep-alive agents, one request, `clients` concurrent loops bounded in
 * request count and time, and their statistics.
 */
const http = require("http")

const HOST = "127.0.0.1"

const agents = new Map()
function agentFor(port, maxSockets = 64) {
  const key = `${port}:${maxSockets}`
  if (!agents.has(key)) agents.set(key, new http.Agent({ keepAlive: true, maxSockets }))
  return agents.get(key)
}

/**
 * One HTTP request to 127.0.0.1. `body` objects are sent as JSON; `rawPath`
 * allows paths node would otherwise refuse (the harness never sends to
 * anything but 127.0.0.1). Resolves { status, body, text }.
 */
function request({ port, method = "GET", path: p, body, headers = {}, timeoutMs = 30_000, agent, rawBody }) {
  return new Promise((resolve, reject) => {
    const payload = rawBody !== undefined ? rawBody : body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(
      {
        host: HOST,
        port,
        method,
        path: p,
        agent: agent || agentFor(port),
        headers: {
          ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...headers,
        },
        insecureHTTPParser: true,
      },
      (res) => {
        const chunks = []
        res.on("data", (c) => chunks.push(c))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          let json = null
          try {
            json = JSON.parse(text)
          } catch (e) {}
          resolve({ status: res.statusCode, body: json, text })
        })
        res.on("error", reject)
      }
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")))
    req.on("error", reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/**
 * Runs `clients` concurrent loops of `op(clientIndex, i)` until `requests`
 * operations were started or `maxSeconds` passed. `op` resolves a status
 * (HTTP code, or "ok"/"error" for non-HTTP work). Returns the measured stats.
 */
async function runLoad({ clients, requests, maxSeconds, op }) {
  const latencies = []
  const statuses = {}
  let started = 0
  let failures = 0
  let firstError = null
  const t0 = process.hrtime.bigint()
  const deadline = Date.now() + maxSeconds * 1000
  async function loop(client) {
    while (started < requests && Date.now() < deadline) {
      const i = started++
      const s = process.hrtime.bigint()
      let status
      try {
        status = await op(client, i)
      } catch (e) {
        status = "error"
        failures++
        if (!firstError) firstError = e
      }
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6)
      statuses[status] = (statuses[status] || 0) + 1
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)))
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return summarize({ latencies, statuses, seconds, clients, failures, firstError })
}

function percentile(sorted, p) {
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function summarize({ latencies, statuses, seconds, clients, failures = 0, firstError = null }) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const errors5xx = Object.entries(statuses)
    .filter(([k]) => /^5\d\d$/.test(k))
    .reduce((n, [, v]) => n + v, 0)
  return {
    clients,
    requests: latencies.length,
    seconds: round(seconds, 2),
    ops_per_s: round(latencies.length / seconds, 1),
    p50_ms: round(percentile(sorted, 50), 2),
    p99_ms: round(percentile(sorted, 99), 2),
    statuses,
    errors_5xx: errors5xx,
    failures,
    first_error: firstError ? String(firstError.message || firstError).slice(0, 300) : undefined,
  }
}

function round(x, d = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null
  const f = 10 ** d
  return Math.round(x * f) / f
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * One JSON request with fetch (the browser tests' servers and the demo's):
 * `token` as a bearer, `key` as the publishable key. Answers the status and
 * the body parsed as JSON, or as text when it is not JSON.
 */
async function fetchJson(url, { method = "GET", token, key, body, headers = {} } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { "x-publishable-api-key": key } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let data
  try {
    data = JSON.parse(text)
  } catch {
    data = text
  }
  return { status: res.status, ok: res.ok, data }
}

module.exports = { HOST, agentFor, request, runLoad, summarize, percentile, round, sleep, fetchJson }

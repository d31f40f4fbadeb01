"use strict"
/**
 * Preload (`node --require`) for profiling: counts the round trips every
 * `pg` client of the process makes (Client#query calls; a multi-statement
 * simple query counts once) and the time spent waiting for them, by statement
 * kind. Writes the counters to $RB_QUERY_COUNT_FILE every 500 ms.
 */
const fs = require("fs")
const pg = require("pg")
const file = process.env.RB_QUERY_COUNT_FILE
const counts = { queries: 0, wait_ms: 0, by_kind: {}, example_by_kind: {} }
const kindOf = (text) => {
  const t = String(text || "").trim().replace(/^\/\*.*?\*\//s, "").trim().slice(0, 60).toLowerCase()
  if (/^(begin|start transaction)/.test(t)) return "BEGIN"
  if (/^commit/.test(t)) return "COMMIT"
  if (/^rollback/.test(t)) return "ROLLBACK"
  if (/^savepoint|^release savepoint/.test(t)) return "SAVEPOINT"
  if (/pg_advisory/.test(String(text))) return "advisory lock"
  if (/^set /.test(t)) return "SET"
  if (/resource_booking_\w+\(/.test(String(text))) return "resource_booking function call"
  if (/resource_hold|resource_capacity/.test(String(text))) return "resource_booking statement"
  if (/api_key/.test(String(text))) return "api_key lookup"
  return t.split(/\s+/)[0].toUpperCase() + " (other)"
}
const original = pg.Client.prototype.query
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === "string" ? config : config && config.text
  const kind = kindOf(text)
  counts.queries++
  counts.by_kind[kind] = (counts.by_kind[kind] || 0) + 1
  counts.example_by_kind[kind] = String(text || "").replace(/\s+/g, " ").slice(0, 240)
  const started = process.hrtime.bigint()
  const done = () => (counts.wait_ms += Number(process.hrtime.bigint() - started) / 1e6)
  if (typeof values === "function") {
    const cb = values
    return original.call(this, config, function () { done(); return cb.apply(this, arguments) })
  }
  if (typeof callback === "function") {
    const cb = callback
    return original.call(this, config, values, function () { done(); return cb.apply(this, arguments) })
  }
  if (config && typeof config.callback === "function") {
    const cb = config.callback
    config.callback = function () { done(); return cb.apply(this, arguments) }
    return original.call(this, config, values)
  }
  const result = original.call(this, config, values)
  if (result && typeof result.then === "function") result.then(done, done)
  else if (config && typeof config.on === "function") config.on("end", done)
  return result
}
if (file) {
  const write = () => {
    try {
      fs.writeFileSync(file, JSON.stringify(counts))
    } catch (e) {}
  }
  setInterval(write, 500).unref()
  process.on("exit", write)
}
module.exports = counts

"use strict"
/**
 * Preload (`node --require`) for the checkout profiler: wall time of every
 * route handler, middleware, workflow run and workflow step of a Medusa
 * server, through the hooks Medusa's own OpenTelemetry instrumentation uses
 * (@medusajs/medusa/instrumentation): TransactionOrchestrator.traceTransaction
 * and .traceStep, ApiLoader.traceRoute and .traceMiddleware. A step is named
 * with the workflow it ran in (an AsyncLocalStorage set by traceTransaction),
 * so the plugin's completeCartWorkflow `validate` hook shows as
 * `complete-cart › validate`. Subscribers are timed by wrapping the local
 * event bus's subscribe().
 *
 * Writes { by_kind: { "<kind> <name>": { n, ms } } } to $RB_TIMING_FILE every
 * 500 ms. Times are wall clock (they include waiting for PostgreSQL and for
 * the event loop) and nest: a workflow's time contains its steps'.
 */
const fs = require("fs")
const { AsyncLocalStorage } = require("async_hooks")

const file = process.env.RB_TIMING_FILE
const totals = {}
const als = new AsyncLocalStorage()

function add(key, ms) {
  const t = (totals[key] = totals[key] || { n: 0, ms: 0 })
  t.n++
  t.ms += ms
}

async function timed(key, fn) {
  const started = process.hrtime.bigint()
  try {
    return await fn()
  } finally {
    add(key, Number(process.hrtime.bigint() - started) / 1e6)
  }
}

const { TransactionOrchestrator } = require("@medusajs/framework/orchestration")
TransactionOrchestrator.traceTransaction = (resume, meta) =>
  als.run({ workflow: meta.model_id }, () => timed(`workflow ${meta.model_id}`, resume))
TransactionOrchestrator.traceStep = (handler, meta) => {
  const workflow = als.getStore()?.workflow ?? "?"
  const name = `${workflow} › ${meta.action}${meta.type === "compensate" ? " (compensate)" : ""}`
  return timed(`step ${name}`, handler)
}

const { ApiLoader } = require("@medusajs/framework/http")
ApiLoader.traceRoute = (handler) => (req, res) => timed(`route ${req.method} ${req.route?.path ?? req.originalUrl}`, () => handler(req, res))
ApiLoader.traceMiddleware = (handler) => (req, res, next) => {
  const started = process.hrtime.bigint()
  return handler(req, res, (...args) => {
    add(`middleware ${handler.name || "anonymous"}`, Number(process.hrtime.bigint() - started) / 1e6)
    return next(...args)
  })
}

// The local event bus registers its own wrapper of the subscriber it is given.
const LocalEventBus = require("@medusajs/event-bus-local/dist/services/event-bus-local").default
const subscribe = LocalEventBus.prototype.subscribe
LocalEventBus.prototype.subscribe = function (event, subscriber, context) {
  const id = context?.subscriberId ?? subscriber.subscriberId ?? subscriber.name
  const wrapped = (...args) => timed(`subscriber ${String(event)} → ${id}`, () => subscriber(...args))
  if (subscriber.subscriberId) wrapped.subscriberId = subscriber.subscriberId
  return subscribe.call(this, event, wrapped, context)
}

if (file) {
  const write = () => {
    try {
      fs.writeFileSync(file, JSON.stringify({ by_kind: totals }))
    } catch (e) {}
  }
  setInterval(write, 500).unref()
  process.on("exit", write)
}

"use strict"
/** The harness in one object: app lifecycle (app.js), HTTP and load (http.js), SQL fixtures (fixtures.js). */
module.exports = { ...require("./app"), ...require("./http"), ...require("./fixtures") }

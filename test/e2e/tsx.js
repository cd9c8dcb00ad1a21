'use strict';
// Lets the harness and the demo require the TypeScript simulators and test helpers (module caching registers once).
require('tsx/cjs/api').register();

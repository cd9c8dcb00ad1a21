'use strict';
/** Thrown by a check that cannot run yet (e.g. its node is not built); reported as SKIP with the message. */
class Skip extends Error {}

module.exports = { Skip };

'use strict';
// A stand-in for enova365's WebAPI as the enova365 ⇄ IdoSell template reads it: order documents (ZO) at GET /orders
// with the "Potwierdzenie" field and local times; PUT /orders/<ZO or shop order> sets the fields sent (the template
// sends the status field named in its "Sync settings") and is kept in `state.writes`.
const { startGenericErp } = require('./generic-erp');

const PORT = 8096;
const ZONE = 'Europe/Warsaw';
/** "YYYY-MM-DD HH:mm:ss" in Warsaw, days ago: a local time as enova365 gives it. */
const localDaysAgo = (days) => new Date(Date.now() - days * 86400000).toLocaleString('sv-SE', { timeZone: ZONE });

/** @param {{port?: number, rows?: object[]}} [options] */
const startEnova365 = ({ port = PORT, rows = [] } = {}) =>
	startGenericErp({ port, rows, now: () => localDaysAgo(0), written: (change) => change, noun: 'ZO' });

module.exports = { startEnova365, localDaysAgo, PORT, ZONE };

'use strict';
// A real WordPress 6.8 + WooCommerce 10 on loopback for the e2e (../shared/real-woo, see its README): started clean by
// setup.sh with a state folder and ports of its own (apart from the integration tests' shop), its REST API over https
// with the self-signed certificate trusted, its site time zone set per run, and its customer mail log read.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { Skip } = require('./skip');

const REAL_WOO_DIR = path.resolve(__dirname, '../../../shared/real-woo');
const ENV = {
	STATE: process.env.E2E_REAL_WOO_STATE || path.join(process.env.TMPDIR || '/tmp', 'order-sync-e2e-real-woo', 'state'),
	HTTP_PORT: process.env.E2E_REAL_WOO_HTTP_PORT || '18896',
	HTTPS_PORT: process.env.E2E_REAL_WOO_HTTPS_PORT || '18459',
	DB_PORT: process.env.E2E_REAL_WOO_DB_PORT || '13322',
	// The Shop Trigger's webhooks go to n8n on a loopback port: the shop's test-only plugin allows that (README).
	REAL_WOO_LOOPBACK_WEBHOOKS: '1',
};
/** The "Imported" status the import template sets, as a custom-status plugin adds it in a merchant's shop. */
const STATUS_PLUGIN = path.join(__dirname, 'real-woo', 'imported-status.php');

/** West of UTC, and east of it with summer time: WordPress reads date filters in the site's zone. */
const REAL_WOO_ZONES = ['Europe/Prague', 'America/New_York'];

/**
 * Starts a clean shop (RESET=1: the templates go through every open order, so leftovers of a run would change the
 * next). Throws Skip saying why it cannot start; the caller fails on it where nothing may be skipped.
 */
function startRealWoo() {
	const setup = path.join(REAL_WOO_DIR, 'setup.sh');
	if (!fs.existsSync(setup)) throw new Skip(`real WooCommerce: ${setup} is not there (a fresh clone has no ../shared/real-woo)`);
	if (process.getuid?.() !== 0) throw new Skip(`real WooCommerce: ${setup} needs root (it installs Debian packages and runs servers as www-data)`);
	const run = spawnSync(setup, { env: { ...process.env, ...ENV, RESET: '1' }, encoding: 'utf8', timeout: 300000 });
	const line = run.stdout?.trim().split('\n').pop();
	if (run.status !== 0 || !line) {
		throw new Error(`${setup} did not start the shop (exit ${run.status}): ${run.error?.message ?? run.stderr?.trim().split('\n').slice(-5).join(' | ')}`);
	}
	const started = JSON.parse(line);
	fs.copyFileSync(STATUS_PLUGIN, path.join(ENV.STATE, 'www', 'wp-content', 'mu-plugins', 'order-sync-imported-status.php'));
	const shop = {
		url: started.httpsUrl,
		consumerKey: started.ck,
		consumerSecret: started.cs,
		caCert: started.caCert,
		mailLog: path.join(ENV.STATE, 'log', 'mail.log'),
		wcVersion: started.wcVersion,
	};
	return Object.assign(shop, {
		api: (method, route, body) => restCall(shop, method, route, body),
		/** The mails WooCommerce sent to `to`, by subject. */
		mailsTo: (to) => wooMails().filter((m) => [m.to].flat().includes(to)).map((m) => m.subject),
		setTimeZone,
		/** Delivers the queued webhooks now, as WP-Cron would on the next visit once due. */
		runQueue: () => execFileSync(path.join(REAL_WOO_DIR, 'run-queue.sh'), { env: { ...process.env, ...ENV }, encoding: 'utf8', timeout: 120000 }),
		stop: () => spawnSync(path.join(REAL_WOO_DIR, 'stop.sh'), { env: { ...process.env, ...ENV }, encoding: 'utf8', timeout: 60000 }),
		/** The WooCommerce credential of the templates, pointing at this shop (certificate checks on: n8n gets its CA). */
		credentialData: () => ({ url: shop.url, consumerKey: shop.consumerKey, consumerSecret: shop.consumerSecret, allowUnauthorizedCerts: false }),
	});

	function wooMails() {
		if (!fs.existsSync(shop.mailLog)) return [];
		return fs.readFileSync(shop.mailLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
	}
}

/** Sets WordPress's `timezone_string` as the General settings screen does. */
function setTimeZone(zone) {
	if (!/^[A-Za-z_]+(?:\/[A-Za-z_+-]+)+$/.test(zone)) throw new Error(`not an IANA time zone: ${zone}`);
	execFileSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${ENV.DB_PORT}`, '-uwp', '-pwp', 'wordpress', '-e',
		`UPDATE wp_options SET option_value = '${zone}' WHERE option_name = 'timezone_string'; UPDATE wp_options SET option_value = '' WHERE option_name = 'gmt_offset';`]);
}

/** One REST call (wc/v3) with the shop's key over https, its certificate trusted; resolves the JSON answer. */
function restCall(shop, method, route, body) {
	const url = new URL(`${shop.url}/wp-json/wc/v3${route}`);
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = https.request(url, {
			method,
			ca: fs.readFileSync(shop.caCert),
			auth: `${shop.consumerKey}:${shop.consumerSecret}`,
			headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
			timeout: 120000,
		}, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (text += c));
			res.on('end', () => {
				if (res.statusCode >= 300) return reject(new Error(`${method} ${route}: HTTP ${res.statusCode} ${text.slice(0, 500)}`));
				try {
					resolve(JSON.parse(text));
				} catch {
					reject(new Error(`${method} ${route}: not JSON: ${text.slice(0, 300)}`));
				}
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${route}: timed out`)));
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { startRealWoo, REAL_WOO_ZONES, REAL_WOO_ENV: ENV };

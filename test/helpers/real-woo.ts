/**
 * A real WordPress 6.8 + WooCommerce 10 on loopback, stood up by ../shared/real-woo/setup.sh (see its README):
 * https with a self-signed certificate, queued webhooks, customer mails logged to a file.
 * It is started once, synchronously, when a suite file loads, so `realWooMissing` can tell `describeWith` why it is
 * not there; a started shop is left running and reused by the next run (`stop.sh` with the same STATE stops it).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { WooCommerceShop } from '../../lib/connectors/woocommerce';
import { nodeHttpSend, type HttpSend } from '../../lib/transport';
import { runSharedSetup } from './shared-setup';


export interface RealWoo {
	/** The https address (Basic auth is refused over plain http) */
	url: string;
	consumerKey: string;
	consumerSecret: string;
	caCert: string;
	/** WooCommerce's mails, one JSON line `{time, to, subject}` each */
	mailLog: string;
}

const env: NodeJS.ProcessEnv = {
	...process.env,
	STATE: process.env.REAL_WOO_STATE ?? path.join(process.env.TMPDIR ?? '/tmp', 'order-sync-real-woo', 'state'),
	HTTP_PORT: process.env.REAL_WOO_HTTP_PORT ?? '18890',
	HTTPS_PORT: process.env.REAL_WOO_HTTPS_PORT ?? '18453',
	DB_PORT: process.env.REAL_WOO_DB_PORT ?? '13316',
};

function start(): { shop?: RealWoo; missing?: string } {
	const { started, missing } = runSharedSetup<{ httpsUrl: string; ck: string; cs: string; caCert: string }>('real-woo', env);
	if (!started) return { missing };
	return {
		shop: {
			url: started.httpsUrl,
			consumerKey: started.ck,
			consumerSecret: started.cs,
			caCert: started.caCert,
			mailLog: path.join(env.STATE as string, 'log', 'mail.log'),
		},
	};
}

let started: ReturnType<typeof start> | undefined;

/** Starts the shop (once per test file); the reason it cannot, or undefined when it runs. */
export function realWooMissing(): string | undefined {
	started ??= start();
	return started.missing;
}

export function realWoo(): RealWoo {
	if (!started?.shop) throw new Error(`no real WooCommerce: ${started?.missing ?? 'realWooMissing() was not called'}`);
	return started.shop;
}

/**
 * Trusts the shop's self-signed certificate in this process, as NODE_EXTRA_CA_CERTS does for n8n, so nodes reach it
 * with certificate checks on.
 */
export function trustRealWooCertificate(shop = realWoo()): void {
	https.globalAgent.options.ca = [...tls.rootCertificates, fs.readFileSync(shop.caCert, 'utf8')];
}

/** An HTTP client that signs in with the REST key (the certificate trusted by `trustRealWooCertificate`). */
export function realWooSend(shop = realWoo()): HttpSend {
	const plain = nodeHttpSend();
	const authorization = `Basic ${Buffer.from(`${shop.consumerKey}:${shop.consumerSecret}`).toString('base64')}`;
	return (request) => plain({ ...request, headers: { ...request.headers, authorization } });
}

export function realWooShop(shop = realWoo()): WooCommerceShop {
	return new WooCommerceShop({ url: shop.url, send: realWooSend(shop) });
}

/** The mails WooCommerce has sent to `to`, by subject. */
export function realWooMailsTo(to: string, shop = realWoo()): string[] {
	if (!fs.existsSync(shop.mailLog)) return [];
	const mails = fs.readFileSync(shop.mailLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { to: string | string[]; subject: string });
	return mails.filter((mail) => [mail.to].flat().includes(to)).map((mail) => mail.subject);
}

/** One SQL statement against the shop's database, its rows as tab-separated lines. */
export function realWooSql(sql: string): string {
	return execFileSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${env.DB_PORT}`, '-uwp', '-pwp', '-N', '-B', 'wordpress', '-e', sql], {
		encoding: 'utf8',
	});
}

/** Sets the site's time zone (WordPress's `timezone_string`), as the General settings screen does. */
export function setRealWooTimeZone(timeZone: string): void {
	if (!/^[A-Za-z_]+(?:\/[A-Za-z_+-]+)+$/.test(timeZone)) throw new Error(`not an IANA time zone: ${timeZone}`);
	realWooSql(
		`UPDATE wp_options SET option_value = '${timeZone}' WHERE option_name = 'timezone_string'; ` +
			`UPDATE wp_options SET option_value = '' WHERE option_name = 'gmt_offset';`,
	);
}

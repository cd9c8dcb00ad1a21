/**
 * A real PrestaShop 8.1.2 on loopback, stood up by ../shared/real-presta/setup.sh (see its README): the webservice
 * on, a key, seed orders in SK/CZ/PL/SE, and every mail PrestaShop would send logged as a JSON line.
 * It is started once, synchronously, when a suite file loads, so `realPrestaMissing` can tell `describeWith` why it
 * is not there; a started shop is left running and reused by the next run (`stop.sh` with the same STATE stops it).
 * Run suites using it under the heavy lock (`flock /tmp/order-sync-heavy.lock npx jest …`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PrestaShopShop, type PrestaShopSettings } from '../../lib/connectors/prestashop';
import { nodeHttpSend, type HttpSend } from '../../lib/transport';
import { runSharedSetup } from './shared-setup';

/** What setup.sh installs: the SK localization pack's time zone (the key may not read configurations) */
export const REAL_PRESTA_TIME_ZONE = 'Europe/Bratislava';

export interface RealPresta {
	url: string;
	key: string;
	mailLog: string;
}

export interface RealPrestaMail {
	template: string;
	subject: string;
	to: string;
	idLang: number;
	vars: Record<string, string>;
	uri: string;
}

const env: NodeJS.ProcessEnv = {
	...process.env,
	STATE: process.env.REAL_PRESTA_STATE ?? path.join(process.env.TMPDIR ?? '/tmp', 'order-sync-real-presta', 'state'),
	// Away from real-woo's 18890/13316, which may run at the same time.
	HTTP_PORT: process.env.REAL_PRESTA_HTTP_PORT ?? '18895',
	DB_PORT: process.env.REAL_PRESTA_DB_PORT ?? '13319',
};

function start(): { shop?: RealPresta; missing?: string } {
	const { started, missing } = runSharedSetup<{ url: string; key: string; mailLog: string }>('real-presta', env);
	return started ? { shop: { url: started.url, key: started.key, mailLog: started.mailLog } } : { missing };
}

let started: ReturnType<typeof start> | undefined;

/** Starts the shop (once per test file); the reason it cannot, or undefined when it runs. */
export function realPrestaMissing(): string | undefined {
	started ??= start();
	return started.missing;
}

export function realPresta(): RealPresta {
	if (!started?.shop) throw new Error(`no real PrestaShop: ${started?.missing ?? 'realPrestaMissing() was not called'}`);
	return started.shop;
}

/** An HTTP client that signs in with the webservice key as the Basic user name. */
export function realPrestaSend(shop = realPresta()): HttpSend {
	const plain = nodeHttpSend();
	const authorization = `Basic ${Buffer.from(`${shop.key}:`).toString('base64')}`;
	return (request) => plain({ ...request, headers: { ...request.headers, authorization } });
}

export function realPrestaShop(settings: PrestaShopSettings = {}, shop = realPresta()): PrestaShopShop {
	return new PrestaShopShop({ url: shop.url, send: realPrestaSend(shop), settings: { timeZone: REAL_PRESTA_TIME_ZONE, ...settings } });
}

/** How many mails are logged so far: pass it to `realPrestaMailsSince` to see what an action sent. */
export function realPrestaMailMark(shop = realPresta()): number {
	return fs.existsSync(shop.mailLog) ? fs.readFileSync(shop.mailLog, 'utf8').split('\n').filter(Boolean).length : 0;
}

export function realPrestaMailsSince(mark: number, shop = realPresta()): RealPrestaMail[] {
	if (!fs.existsSync(shop.mailLog)) return [];
	return fs
		.readFileSync(shop.mailLog, 'utf8')
		.split('\n')
		.filter(Boolean)
		.slice(mark)
		.map((line) => JSON.parse(line) as RealPrestaMail);
}

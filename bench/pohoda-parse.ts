/**
 * `npm run bench -- pohoda-parse`: a 10,000-order listOrder answer (Windows-1250, generated) parsed and mapped to
 * the order model, against fast-xml-parser's raw parse of the same bytes. Each side runs in its own process so
 * its peak RSS is its own. Last line: { orders, payloadMB, ms, rawParseMs, ratioVsRaw, peakRssMB, ... }.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import * as iconv from 'iconv-lite';
import { leaf, node, readOrderList, toOrder } from '../lib/connectors/pohoda';

const ORDERS = Number(process.env.ORDERS ?? 10_000);
const RUNS = 5;
const NS = ['rsp:response', 'rdc:documentresponse', 'typ:type', 'lst:list', 'ord:order']
	.map((e) => ` xmlns:${e.split(':')[0]}="http://www.stormware.cz/schema/version_2/${e.split(':')[1]}.xsd"`)
	.join('');
const NAMES = ['Jiří Šťastný', 'Žofie Dvořáková', 'Łukasz Kowalski', 'Ľubomír Ďurčo', 'Anna Nováková & syn'];
const CITIES = ['Plzeň', 'České Budějovice', 'Košice', 'Ústí nad Labem', 'Kraków'];
const GOODS = ['Čaj zelený sypaný 100 g', 'Káva zrnková 1 kg', 'Šálek porcelánový', 'Med květový 500 g', 'Hrnek "Ťuk" <bílý>'];

function generate(count: number): Buffer {
	const orders: string[] = [];
	for (let id = 1; id <= count; id++) {
		const lines = Array.from({ length: 1 + (id % 4) }, (_, i) => {
			const qty = 1 + ((id + i) % 5);
			const price = 49 + ((id * 7 + i * 13) % 900);
			return node('ord:orderItem', [
				leaf('ord:id', id * 10 + i),
				leaf('ord:text', GOODS[(id + i) % GOODS.length]),
				leaf('ord:quantity', qty),
				leaf('ord:delivered', id % 3 === 0 ? qty : 0),
				leaf('ord:unit', 'ks'),
				leaf('ord:payVAT', 'true'),
				leaf('ord:rateVAT', 'high'),
				node('ord:homeCurrency', [leaf('typ:unitPrice', price), leaf('typ:price', price * qty), leaf('typ:priceSum', price * qty)]),
				leaf('ord:code', `SKU-${(id + i) % 500}`),
			]);
		});
		orders.push(
			node(
				'lst:order',
				[
					node('ord:orderHeader', [
						leaf('ord:id', id),
						node('ord:extId', [leaf('typ:ids', `W${100000 + id}`), leaf('typ:exSystemName', 'eshop')]),
						leaf('ord:orderType', 'receivedOrder'),
						id % 17 === 0 ? leaf('ord:storno', 'cancelledDocument') : '',
						node('ord:number', leaf('typ:numberRequested', `OP26${String(id).padStart(5, '0')}`)),
						leaf('ord:numberOrder', `#${100000 + id}`),
						leaf('ord:date', '2026-11-20'),
						leaf('ord:text', `Objednávka z e-shopu č. ${100000 + id}`),
						node(
							'ord:partnerIdentity',
							node('typ:address', [
								leaf('typ:name', NAMES[id % NAMES.length]),
								leaf('typ:city', CITIES[id % CITIES.length]),
								leaf('typ:street', `Dlouhá ${id % 200}`),
								leaf('typ:zip', '301 00'),
								node('typ:country', leaf('typ:ids', 'CZ')),
								leaf('typ:phone', '+420 777 123 456'),
								leaf('typ:email', `zakaznik${id}@example.cz`),
							]),
						),
						leaf('ord:isExecuted', String(id % 5 === 0)),
						leaf('ord:isDelivered', 'false'),
						leaf('ord:note', 'Prosím doručit odpoledne, zvonek nefunguje.'),
					]),
					node('ord:orderDetail', lines),
					node('ord:orderSummary', node('ord:homeCurrency', [leaf('typ:priceNone', 0), leaf('typ:priceHighSum', 1234.5)])),
				],
				{ version: '2.0' },
			),
		);
	}
	const xml = `<?xml version="1.0" encoding="Windows-1250"?>
<rsp:responsePack version="2.0" id="bench" state="ok" ico="12345678"${NS}><rsp:responsePackItem version="2.0" id="1" state="ok"><lst:listOrder version="2.0" dateTimeStamp="2026-11-22T10:00:00" dateValidFrom="2026-11-22" state="ok">${orders.join('\n')}</lst:listOrder></rsp:responsePackItem></rsp:responsePack>`;
	return iconv.encode(xml, 'win1250');
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Runs inside a child process: times one side over RUNS runs and reports its peak RSS. */
function child(mode: string, file: string): void {
	const bytes = fs.readFileSync(file);
	const once = (): number => {
		if (mode === 'raw') {
			const doc = new XMLParser().parse(iconv.decode(bytes, 'win1250')) as Record<string, unknown>;
			return doc ? 1 : 0;
		}
		if (mode === 'ours') {
			// What Get Changes does: each order parsed and mapped as it is cut out, POHODA's raw data not kept.
			const page = readOrderList(bytes, (wire) => toOrder(wire, { keepRaw: false }));
			if (page.orders.length !== ORDERS) throw new Error(`mapped ${page.orders.length} of ${ORDERS} orders`);
			return page.orders.length;
		}
		return 0;
	};
	const times: number[] = [];
	for (let run = 0; run < RUNS + 1; run++) {
		gc();
		const start = process.hrtime.bigint();
		once();
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		if (run > 0) times.push(ms); // the first run warms the JIT up
	}
	process.stdout.write(JSON.stringify({ ms: median(times), peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

function measure(mode: string, file: string): { ms: number; peakRssMB: number } {
	// tsx as a require hook (not its CLI) so --expose-gc reaches the measuring process itself.
	const result = spawnSync(process.execPath, ['--expose-gc', '--require', require.resolve('tsx/cjs'), __filename, mode, file], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`${mode} run failed: ${result.stderr}`);
	return JSON.parse(result.stdout.trim().split('\n').pop() as string);
}

function main(): void {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pohoda-bench-')), 'listOrder.xml');
	const payload = generate(ORDERS);
	fs.writeFileSync(file, payload);
	try {
		const payloadMB = payload.length / 1024 / 1024;
		const idle = measure('idle', file);
		const raw = measure('raw', file);
		const ours = measure('ours', file);
		const round = (n: number) => Math.round(n * 100) / 100;
		console.log(`payload ${round(payloadMB)} MB, ${ORDERS} orders, median of ${RUNS} runs each`);
		console.log(`fast-xml-parser raw parse (decode + parse): ${round(raw.ms)} ms, peak RSS ${round(raw.peakRssMB)} MB`);
		console.log(`POHODA parse + map to orders:               ${round(ours.ms)} ms, peak RSS ${round(ours.peakRssMB)} MB`);
		console.log(`runtime alone (node + tsx, payload read):   peak RSS ${round(idle.peakRssMB)} MB`);
		console.log(
			JSON.stringify({
				orders: ORDERS,
				payloadMB: round(payloadMB),
				ms: round(ours.ms),
				rawParseMs: round(raw.ms),
				ratioVsRaw: round(ours.ms / raw.ms),
				peakRssMB: round(ours.peakRssMB),
				rawPeakRssMB: round(raw.peakRssMB),
				idlePeakRssMB: round(idle.peakRssMB),
				rssVsPayload: round(ours.peakRssMB / payloadMB),
				rssAboveIdleVsPayload: round((ours.peakRssMB - idle.peakRssMB) / payloadMB),
			}),
		);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

if (process.argv[2] && process.argv[3]) child(process.argv[2], process.argv[3]);
else main();

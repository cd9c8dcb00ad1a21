/**
 * A local stand-in for ZZAP's seller web service (`/webservice/datasharing.asmx/<Method>`), written from ZZAP's
 * wiki (API5 "Для продавцов"): parameters are form fields (GET query or POST form body, never mixed), every answer
 * is JSON inside an XML `<string>` element, failures come in the JSON's `error` field with HTTP 200.
 * Strict where the wiki is silent, in the less forgiving reading:
 * - ASMX wants every declared parameter present (empty allowed); a missing one, an unknown method or a POST that is
 *   not a form answers HTTP 500 with plain text, not JSON;
 * - `date_from`/`date_to` filter on the date of an order's last event and are Moscow time without an offset;
 *   answers write dates the same way; `row_count` at most 10,000, the most recent events first, no paging;
 * - status codes come from the account's own dictionary (GetCodesTrack) and differ per account;
 * - requests closer together than the pacing interval per login are refused with an error saying "too many".
 * Field names the wiki does not list (price, status, buyer contact, last event) are this simulator's assumption.
 * Run it alone with `npx tsx test/simulators/zzap/index.ts` (PORT from the env).
 */
import * as http from 'node:http';
import { listen, readBody } from '../../helpers/http-server';

export interface SimStatus {
	code_track: number;
	descr_track: string;
}

export interface SimAccount {
	login: string;
	password: string;
	apiKey: string;
	statuses: SimStatus[];
}

/** One position of a buyer's order, as GetSellerOrdersV3 lists it. */
export interface SimPosition {
	code_order: number;
	/** Moscow time, no offset */
	create_date: string;
	/** Moscow time of the last event (creation, status change) */
	date_last: string;
	class_man: string;
	partnumber: string;
	class_cat: string;
	comment: string;
	qty_order: number;
	/** Availability as the seller's price list says it: a number or "В наличии", "Есть", "Заказ" */
	qty: string;
	price: number;
	code_track: number;
	descr_track: string;
	/** The seller's last reply the buyer sees */
	response: string;
	client_name: string;
	client_phone: string;
	client_email: string;
	client_region: string;
	/** Which account (login) sold it */
	login: string;
}

export interface SimRequest {
	method: string;
	name: string;
	params: Record<string, string>;
	at: number;
	error?: string;
}

export interface ZzapSimulatorOptions {
	port?: number;
	accounts?: SimAccount[];
	/** Minimum milliseconds between two requests of one login; closer ones are refused ("too many") */
	minIntervalMs?: number;
	/** Positions to start with (the demo's) */
	seed?: Array<Partial<SimPosition>>;
}

/** The dictionary of the default account. */
export const DEFAULT_STATUSES: SimStatus[] = [
	{ code_track: 1, descr_track: 'Новый' },
	{ code_track: 2, descr_track: 'В работе' },
	{ code_track: 3, descr_track: 'Заказано у поставщика' },
	{ code_track: 4, descr_track: 'Готов к выдаче' },
	{ code_track: 5, descr_track: 'Выдано' },
	{ code_track: 6, descr_track: 'Отказ: нет в наличии' },
	{ code_track: 7, descr_track: 'Отказ: неверная цена' },
	{ code_track: 8, descr_track: 'Снят покупателем' },
];

export const DEFAULT_ACCOUNT: SimAccount = { login: 'seller@example.ru', password: 'sim-password', apiKey: 'sim-api-key', statuses: DEFAULT_STATUSES };

/** Every method's declared parameters, all of which ASMX wants present. */
const PARAMETERS: Record<string, string[]> = {
	GetCodesTrack: ['login', 'password', 'api_key'],
	GetSellerOrdersV3: ['login', 'password', 'row_count', 'api_key', 'call_data', 'codes_track', 'date_from', 'date_to'],
	SetOrderStatusV3: ['login', 'password', 'api_key', 'code_order', 'code_track', 'response', 'call_data'],
};

const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** A moment as ZZAP writes it: Moscow time, no offset. */
export function moscowTime(ms: number): string {
	return new Date(ms + MOSCOW_OFFSET_MS).toISOString().slice(0, 19);
}

/** "2026-12-07T13:45:00" or "07.12.2026 13:45:00" in Moscow time; an offset or "Z" is refused. */
function parseMoscow(value: string): number | undefined {
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(value);
	const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
	const parts = iso ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]] : ru ? [ru[3], ru[2], ru[1], ru[4], ru[5], ru[6]] : undefined;
	if (!parts) return undefined;
	const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0));
	const ms = Date.UTC(y, mo - 1, d, h, mi, s) - MOSCOW_OFFSET_MS;
	return Number.isNaN(ms) ? undefined : ms;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let counter = 0;

/** A complete position with believable defaults; override any field. */
export function makePosition(partial: Partial<SimPosition> = {}): SimPosition {
	counter++;
	const created = partial.create_date ?? moscowTime(Date.now() - 10 * 60_000);
	return {
		code_order: 880000 + counter,
		create_date: created,
		date_last: partial.date_last ?? created,
		class_man: 'MANN-FILTER',
		partnumber: 'W712/95',
		class_cat: 'Фильтр масляный',
		comment: '',
		qty_order: 1,
		qty: '5',
		price: 690,
		code_track: 1,
		descr_track: 'Новый',
		response: '',
		client_name: 'Сергей Иванов',
		client_phone: '+79161234567',
		client_email: 'ivanov@example.ru',
		client_region: 'Московская область',
		login: DEFAULT_ACCOUNT.login,
		...partial,
	};
}

export async function startZzapSimulator(options: ZzapSimulatorOptions = {}) {
	const accounts = new Map((options.accounts ?? [DEFAULT_ACCOUNT]).map((a) => [a.login, { ...a, statuses: a.statuses.map((s) => ({ ...s })) }]));
	let minIntervalMs = options.minIntervalMs ?? 0;
	const positions = new Map<number, SimPosition>();
	const requests: SimRequest[] = [];
	const lastHit = new Map<string, number>();
	let failures: Array<{ name: string; answer: { status: number; body: string; contentType: string }; times: number }> = [];

	const xmlAnswer = (res: http.ServerResponse, json: unknown) => {
		res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
		res.end(`<?xml version="1.0" encoding="utf-8"?>\r\n<string xmlns="http://www.zzap.ru/">${escapeXml(JSON.stringify(json))}</string>`);
	};
	const plain = (res: http.ServerResponse, status: number, text: string) => {
		res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
		res.end(text);
	};

	const accountOf = (params: Record<string, string>): SimAccount | string => {
		const account = accounts.get(params.login);
		if (!account || account.password !== params.password) return 'Неверный логин или пароль';
		if (account.apiKey !== params.api_key) return 'Неверный api_key';
		return account;
	};

	const methods: Record<string, (account: SimAccount, params: Record<string, string>) => Record<string, unknown>> = {
		GetCodesTrack: (account) => ({ error: '', row_count: account.statuses.length, table: account.statuses }),

		GetSellerOrdersV3: (account, params) => {
			const rowCount = Number(params.row_count || 100);
			if (!Number.isInteger(rowCount) || rowCount < 1 || rowCount > 10_000) return { error: 'row_count должен быть от 1 до 10000' };
			const from = params.date_from ? parseMoscow(params.date_from) : undefined;
			const to = params.date_to ? parseMoscow(params.date_to) : undefined;
			if ((params.date_from && from === undefined) || (params.date_to && to === undefined)) {
				return { error: 'Неверный формат даты (дд.мм.гггг чч:мм:сс)' };
			}
			const codes = params.codes_track.split(';').map((c) => c.trim()).filter(Boolean).map(Number);
			if (codes.some((c) => !account.statuses.some((s) => s.code_track === c))) return { error: 'Неизвестный код статуса в codes_track' };
			const rows = [...positions.values()]
				.filter((p) => p.login === account.login)
				.filter((p) => {
					const last = parseMoscow(p.date_last) as number;
					return (from === undefined || last >= from) && (to === undefined || last <= to) && (codes.length === 0 || codes.includes(p.code_track));
				})
				.sort((a, b) => (parseMoscow(b.date_last) as number) - (parseMoscow(a.date_last) as number) || b.code_order - a.code_order)
				.slice(0, rowCount)
				.map(({ login: _login, ...row }) => row);
			return { error: '', row_count: rows.length, table: rows, class_template: '' };
		},

		SetOrderStatusV3: (account, params) => {
			const position = positions.get(Number(params.code_order));
			if (!position || position.login !== account.login) return { error: `Заказ ${params.code_order} не найден` };
			const status = account.statuses.find((s) => String(s.code_track) === params.code_track.trim());
			if (!status) return { error: `Неизвестный код статуса ${params.code_track}` };
			position.code_track = status.code_track;
			position.descr_track = status.descr_track;
			position.response = params.response;
			position.date_last = moscowTime(Date.now());
			return { error: '' };
		},
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://sim');
		const match = /^\/webservice\/datasharing\.asmx\/(\w+)$/.exec(url.pathname);
		if (url.pathname.startsWith('/_sim/')) return control(req, res, url.pathname);
		if (!match || !PARAMETERS[match[1]]) {
			return plain(res, 500, `System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '${url.pathname.split('/').pop()}'.`);
		}
		const name = match[1];
		let params: Record<string, string>;
		if (req.method === 'GET') {
			params = Object.fromEntries(url.searchParams);
		} else if (req.method === 'POST') {
			const type = String(req.headers['content-type'] ?? '');
			const body = (await readBody(req)).toString('utf8');
			if (!type.startsWith('application/x-www-form-urlencoded')) {
				return plain(res, 500, 'System.InvalidOperationException: Request format is invalid: ' + (type || 'no content type') + '.');
			}
			params = Object.fromEntries(new URLSearchParams(body));
		} else {
			return plain(res, 405, 'Method not allowed');
		}
		const record: SimRequest = { method: req.method, name, params, at: Date.now() };
		requests.push(record);
		const missing = PARAMETERS[name].find((p) => !(p in params));
		if (missing) return plain(res, 500, `System.InvalidOperationException: Missing parameter: ${missing}.`);
		const failure = failures.find((f) => f.name === name && f.times > 0);
		if (failure) {
			failure.times--;
			res.writeHead(failure.answer.status, { 'content-type': failure.answer.contentType });
			return res.end(failure.answer.body);
		}
		const now = Date.now();
		const previous = lastHit.get(params.login);
		lastHit.set(params.login, now);
		if (previous !== undefined && now - previous < minIntervalMs) {
			record.error = 'too many';
			return xmlAnswer(res, { error: 'Too many requests: слишком много запросов, повторите позже' });
		}
		const account = accountOf(params);
		if (typeof account === 'string') {
			record.error = account;
			return xmlAnswer(res, { error: account });
		}
		const answer = methods[name](account, params);
		if (answer.error) record.error = String(answer.error);
		xmlAnswer(res, answer);
	};

	const control = async (req: http.IncomingMessage, res: http.ServerResponse, path: string) => {
		const json = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'GET' && path === '/_sim/positions') return json(200, { positions: [...positions.values()] });
		if (req.method === 'POST' && path === '/_sim/positions') {
			const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Partial<SimPosition> | Array<Partial<SimPosition>>;
			return json(201, (Array.isArray(body) ? body : [body]).map(addPosition));
		}
		return json(404, { error: 'unknown control path' });
	};

	const running = await listen((req, res) => {
		handle(req, res).catch((e) => plain(res, 500, (e as Error).message));
	}, options.port);
	for (const partial of options.seed ?? []) addPosition(partial);

	function addPosition(partial: Partial<SimPosition>): SimPosition {
		const position = makePosition(partial);
		const account = accounts.get(position.login);
		const status = account?.statuses.find((s) => s.code_track === position.code_track);
		if (status && partial.descr_track === undefined) position.descr_track = status.descr_track;
		positions.set(position.code_order, position);
		return position;
	}

	return {
		url: running.url,
		port: Number(new URL(running.url).port),
		account: accounts.get((options.accounts ?? [DEFAULT_ACCOUNT])[0].login) as SimAccount,
		accounts,
		positions,
		requests,
		addPosition,
		/** One buyer's order of several positions, created together. */
		addOrder(lines: Array<Partial<SimPosition>>, shared: Partial<SimPosition> = {}): SimPosition[] {
			const create_date = shared.create_date ?? moscowTime(Date.now() - 10 * 60_000);
			return lines.map((line) => addPosition({ ...shared, create_date, ...line }));
		},
		/** Answers the next `times` calls of `name` with this raw answer (HTTP status, body, content type). */
		failNext(name: string, answer: { status?: number; body: string; contentType?: string }, times = 1) {
			failures.push({ name, answer: { status: answer.status ?? 200, body: answer.body, contentType: answer.contentType ?? 'text/xml; charset=utf-8' }, times });
		},
		setMinInterval(ms: number) {
			minIntervalMs = ms;
		},
		reset() {
			positions.clear();
			requests.length = 0;
			failures = [];
			lastHit.clear();
		},
		close: running.close,
	};
}

export type ZzapSimulator = Awaited<ReturnType<typeof startZzapSimulator>>;

if (require.main === module) {
	startZzapSimulator({ port: Number(process.env.PORT ?? 0) || undefined, minIntervalMs: Number(process.env.ZZAP_MIN_INTERVAL_MS ?? 0) })
		.then((sim) => console.log(`ZZAP simulator on ${sim.url} (login ${sim.account.login})`))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}

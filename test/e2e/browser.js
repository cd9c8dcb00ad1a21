'use strict';
// Browser check of the real editor: Debian's chromium driven by playwright-core.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = '/usr/bin/chromium';
const THEMES = ['light', 'dark'];
const UNKNOWN_NODE_TEXT = /install this node to use it|node is not currently installed|unknown node|node type .* is not known|could not find node/i;
// The editor rendered 20-40 s after navigation on a loaded 2-core machine: wait for it, never for a fixed pause.
const EDITOR_READY_MS = 120000;
const CANVAS_ADD_BUTTONS = ['[data-test-id="node-creator-plus-button"]', '[data-test-id="canvas-plus-button"]', '[data-test-id="canvas-add-button"]'];
const NODE_SEARCH = '[data-test-id="node-creator-search-bar"] input, input[placeholder*="Search nodes" i]';

/** Installs Debian's chromium when absent (CI machines start without it). */
function ensureChromium(log = process.stderr) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	log.write('[browser] installing chromium with apt-get\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
	const apt = (args) => execFileSync(sudo[0] || 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', 'chromium']);
	if (!fs.existsSync(CHROMIUM)) throw new Error('apt-get install chromium did not provide /usr/bin/chromium');
	return CHROMIUM;
}

async function launch() {
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: ensureChromium(),
		headless: true,
		viewport: { width: 1600, height: 1000 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultNavigationTimeout(EDITOR_READY_MS);
	return {
		context,
		async close() {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Logs into the editor and, in the light and then the dark theme, searches the node panel for each of our nodes
 * (display name and that theme's icon must show) and opens each workflow (no unknown-node error); then imports each
 * template's JSON into a new workflow as a user would. Screenshots go to artifactsDir (`-dark` for the dark theme).
 * @param {{baseUrl:string, owner:{email:string,password:string}, nodes:{displayName:string}[], workflows:{id:string,name:string,nodeCount:number,json:object}[], artifactsDir:string}} options
 * @returns {Promise<{palette:object[], workflows:object[], imports:object[]}>}
 */
async function checkEditor({ baseUrl, owner, nodes, workflows, artifactsDir }) {
	fs.mkdirSync(artifactsDir, { recursive: true });
	const browser = await launch();
	const report = { palette: [], workflows: [] };
	const pageErrors = [];
	try {
		const { context } = browser;
		const login = await context.request.post(`${baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
		});
		if (!login.ok()) throw new Error(`editor login failed: HTTP ${login.status()}`);
		const page = context.pages()[0] || (await context.newPage());
		page.on('pageerror', (e) => pageErrors.push(e.message));

		// Any page of the editor's origin gives access to its localStorage.
		await page.goto(`${baseUrl}/healthz`);
		for (const theme of THEMES) {
			await checkTheme(page, { baseUrl, nodes, workflows, artifactsDir, theme, report });
		}
		report.imports = [];
		for (const wf of workflows) await checkPastedImport(page, { baseUrl, wf, artifactsDir, report });
		report.pageErrors = pageErrors;
	} catch (error) {
		if (pageErrors.length) error.message += `\npage errors: ${pageErrors.join(' | ')}`;
		throw error;
	} finally {
		await browser.close();
	}
	return report;
}

/** One pass through the palette and the workflows with the editor in `theme` (n8n reads it from localStorage). */
async function checkTheme(page, { baseUrl, nodes, workflows, artifactsDir, theme, report }) {
	const suffix = theme === 'light' ? '' : `-${theme}`;
	await page.evaluate((value) => localStorage.setItem('N8N_THEME', value), theme);
	await openNewWorkflow(page, baseUrl);
	const appliedTheme = await page.evaluate(() => document.body.getAttribute('data-theme'));
	for (const node of nodes) {
		await openNodePanel(page, path.join(artifactsDir, `node-panel${suffix}-not-open.png`));
		const search = page.locator(NODE_SEARCH).first();
		// The node panel shows trigger nodes without their " Trigger" suffix.
		const shortName = node.displayName.replace(/ Trigger$/, '');
		await search.fill(shortName);
		const title = page.locator(`:text-is(${JSON.stringify(node.displayName)}), :text-is(${JSON.stringify(shortName)})`);
		const item = page.locator('[data-test-id="item-iterator-item"], [data-test-id="node-creator-node-item"]').filter({ has: title }).first();
		await item.waitFor({ timeout: 30000 }).catch(async (error) => {
			await page.screenshot({ path: path.join(artifactsDir, `palette-${slug(node.displayName)}${suffix}-missing.png`) });
			throw error;
		});
		const icon = await item.evaluate(async (el) => {
			const img = el.querySelector('img');
			if (img && !(img.complete && img.naturalWidth > 0)) {
				await new Promise((resolve) => {
					img.addEventListener('load', resolve, { once: true });
					img.addEventListener('error', resolve, { once: true });
					setTimeout(resolve, 20000);
				});
			}
			if (img) return { src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 };
			const svg = el.querySelector('svg');
			return { src: svg ? 'inline-svg' : null, loaded: Boolean(svg) };
		});
		const file = path.join(artifactsDir, `palette-${slug(node.displayName)}${suffix}.png`);
		await page.screenshot({ path: file });
		report.palette.push({ node: node.displayName, type: node.type, theme, appliedTheme, icon, screenshot: file });
	}
	for (const wf of workflows) {
		await page.goto(`${baseUrl}/workflow/${wf.id}`, { waitUntil: 'domcontentloaded' });
		const nodesOnCanvas = page.locator('[data-test-id="canvas-node"]');
		await nodesOnCanvas.first().waitFor({ timeout: EDITOR_READY_MS });
		await waitForCount(page, nodesOnCanvas, wf.nodeCount);
		await page.waitForTimeout(2500);
		await dismissDialogs(page);
		const canvasNodes = await nodesOnCanvas.count();
		const text = await page.locator('body').innerText();
		const unknown = UNKNOWN_NODE_TEXT.exec(text);
		const file = path.join(artifactsDir, `workflow-${slug(wf.name)}${suffix}.png`);
		await page.screenshot({ path: file, fullPage: true });
		report.workflows.push({ workflow: wf.name, theme, canvasNodes, expectedNodes: wf.nodeCount, unknownNodeText: unknown ? unknown[0] : null, screenshot: file });
	}
}

/**
 * Imports a template as a user does in the editor: its JSON pasted onto a new workflow's canvas (what Import from
 * File does with the file's content). Every node must arrive and none may be unknown.
 */
async function checkPastedImport(page, { baseUrl, wf, artifactsDir, report }) {
	await openNewWorkflow(page, baseUrl);
	// Let the view finish mounting (its paste handler) before pasting.
	await page.waitForTimeout(2000);
	await page.evaluate((text) => {
		const clipboardData = new DataTransfer();
		clipboardData.setData('text/plain', text);
		document.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true }));
	}, JSON.stringify(wf.json));
	const nodes = page.locator('[data-test-id="canvas-node"]');
	await waitForCount(page, nodes, wf.nodeCount);
	await page.waitForTimeout(1500);
	const canvasNodes = await nodes.count();
	const text = await page.locator('body').innerText();
	const unknown = UNKNOWN_NODE_TEXT.exec(text) ?? /problem (importing|pasting)[^\n]*/i.exec(text);
	const file = path.join(artifactsDir, `import-${slug(wf.name)}.png`);
	await page.screenshot({ path: file, fullPage: true });
	report.imports.push({ workflow: wf.name, canvasNodes, expectedNodes: wf.nodeCount, unknownNodeText: unknown ? unknown[0] : null, screenshot: file });
}

/** A new workflow, once the editor has rendered its canvas (the add buttons show). */
async function openNewWorkflow(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await page.locator(CANVAS_ADD_BUTTONS.join(', ')).first().waitFor({ timeout: EDITOR_READY_MS });
	await dismissDialogs(page);
}

/** Waits up to 30 s until `locator` matches at least `count` elements. */
async function waitForCount(page, locator, count) {
	const deadline = Date.now() + 30000;
	while ((await locator.count()) < count && Date.now() < deadline) await page.waitForTimeout(250);
}

/** Opens the node panel with an add button (its code loads on first use), else Tab; a screenshot if it stays shut. */
async function openNodePanel(page, failureScreenshot) {
	const search = page.locator(NODE_SEARCH).first();
	if (await search.isVisible().catch(() => false)) return;
	for (const selector of CANVAS_ADD_BUTTONS) {
		const button = page.locator(selector).first();
		if (await button.isVisible().catch(() => false)) {
			await button.click();
			if (await search.waitFor({ timeout: 30000 }).then(() => true, () => false)) return;
		}
	}
	await page.keyboard.press('Tab');
	await search.waitFor({ timeout: 30000 }).catch(async (error) => {
		await page.screenshot({ path: failureScreenshot });
		throw error;
	});
}

/** Closes onboarding modals that some n8n versions show on first login. */
async function dismissDialogs(page) {
	for (let i = 0; i < 3; i++) {
		const close = page.locator('.el-dialog__headerbtn, [data-test-id="close-button"], .modal-close').first();
		if (!(await close.isVisible().catch(() => false))) return;
		await close.click().catch(() => {});
		await page.waitForTimeout(300);
	}
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

module.exports = { checkEditor, ensureChromium };

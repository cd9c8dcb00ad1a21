'use strict';
// Resident memory of a process and everything it started (n8n and its task runners), read from /proc.
const fs = require('node:fs');

/** VmRSS in kB of `pid` and its descendants (0 once it is gone). */
function sampleTree(pid) {
	let total = 0;
	const pending = [pid];
	while (pending.length) {
		const current = pending.pop();
		total += rssKb(current);
		for (const child of children(current)) pending.push(child);
	}
	return total;
}

function rssKb(pid) {
	try {
		return Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
	} catch {
		return 0;
	}
}

function children(pid) {
	try {
		return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
			fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
		);
	} catch {
		return [];
	}
}

module.exports = { sampleTree };

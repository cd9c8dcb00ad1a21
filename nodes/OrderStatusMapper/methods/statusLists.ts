import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { findSystem } from '../../../lib/connectors/systems';
import { fixedStatusList, type MapperSystem, type StatusOption } from '../../../lib/mapping';
import { liveStatuses } from '../../shared/systems';

/**
 * The statuses of a system: live where it has a list (through its credential), fixed where it does not. `live`
 * demands the live list; otherwise a missing credential gives the fixed (core) list. Undefined for systems whose
 * statuses only the merchant knows. `asTarget` leaves out statuses an order cannot be moved into.
 */
export async function statusListOf(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	system: MapperSystem,
	live: boolean,
	asTarget = false,
): Promise<StatusOption[] | undefined> {
	const definition = findSystem(system);
	if (!definition?.statuses.live) return fixedStatusList(system, asTarget);
	// No credential selected throws; only the live check insists on one.
	const statuses = live ? await liveStatuses(context, definition) : await liveStatuses(context, definition).catch(() => undefined);
	if (!statuses) return fixedStatusList(system, asTarget);
	return statuses.filter((status) => !asTarget || status.assignable !== false).map(({ code, label }) => ({ code, label }));
}

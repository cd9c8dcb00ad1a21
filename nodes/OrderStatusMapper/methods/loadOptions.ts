import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import type { MapperSystem } from '../../../lib/mapping';
import { statusListOf } from './statusLists';

async function optionsFor(context: ILoadOptionsFunctions, parameter: 'sourceSystem' | 'targetSystem') {
	const system = context.getCurrentNodeParameter(parameter) as MapperSystem;
	const statuses = (await statusListOf(context, system, false, parameter === 'targetSystem')) ?? [];
	return statuses.map<INodePropertyOptions>((status) => ({
		name: status.label && status.label !== status.code ? `${status.label} (${status.code})` : status.code,
		value: status.code,
	}));
}

export async function getSourceStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return optionsFor(this, 'sourceSystem');
}

export async function getTargetStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return optionsFor(this, 'targetSystem');
}

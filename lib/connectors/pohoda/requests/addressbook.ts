import type { Address, Customer } from '../../../model';
import { leaf, node, optional } from '../xml';

/** One way to find a customer in POHODA's address book (adb:addressbook). */
export type AddressBookCriterion =
	| { by: 'ico'; value: string }
	| { by: 'email'; value: string }
	| { by: 'phone'; value: string }
	/** Only for a customer without any contact, such as a marketplace that is the buyer itself (Ozon FBS) */
	| { by: 'name'; value: string };

/** A text inside the SQL of ftr:queryFilter, on one line with its quotes doubled (the XML writer escapes the rest). */
function sqlText(value: string): string {
	return `'${value.replace(/\s+/g, ' ').replace(/'/g, "''")}'`;
}

/**
 * `lAdb:listAddressBookRequest` for one criterion. IČO has a documented filter (ftr:ico); e-mail and phone have
 * none, so they go as a query on the address book table (AD.Email; AD.Tel or AD.Mobil), as POHODA's query dialog writes it.
 */
export function listAddressBookRequest(criterion: AddressBookCriterion): string {
	const request =
		criterion.by === 'ico' || criterion.by === 'name'
			? node('ftr:filter', criterion.by === 'ico' ? leaf('ftr:ico', criterion.value, 15) : leaf('ftr:name', criterion.value, 32))
			: node(
					'ftr:queryFilter',
					leaf(
						'ftr:filter',
						criterion.by === 'email'
							? `AD.Email = ${sqlText(criterion.value)}`
							: `AD.Tel = ${sqlText(criterion.value)} OR AD.Mobil = ${sqlText(criterion.value)}`,
					),
				);
	return node('lAdb:listAddressBookRequest', node('lAdb:requestAddressBook', request), {
		version: '2.0',
		addressBookVersion: '2.0',
	});
}

export interface NewAddressBookRecord {
	customer: Customer;
	address?: Address;
	/** IČO of a company customer */
	ico?: string;
	/** Set only when the region is to be written (F20) */
	region?: string;
}

function identity(record: NewAddressBookRecord): string {
	const a = record.address;
	return node(
		'adb:identity',
		optional('typ:address', [
			leaf('typ:company', a?.company, 255),
			leaf('typ:name', a?.name ?? record.customer.name, 64),
			leaf('typ:city', a?.city, 45),
			leaf('typ:street', a?.street, 64),
			leaf('typ:zip', a?.postcode, 15),
			leaf('typ:ico', record.ico, 15),
			a?.country || record.customer.country ? node('typ:country', leaf('typ:ids', (a?.country ?? record.customer.country ?? '').toUpperCase(), 19)) : '',
		]),
	);
}

/** `adb:addressbook` add: a new address book record for an order's customer. */
export function addAddressBookRequest(record: NewAddressBookRecord): string {
	return node(
		'adb:addressbook',
		[
			node('adb:actionType', node('adb:add')),
			node('adb:addressbookHeader', [
				identity(record),
				leaf('adb:region', record.region, 32),
				leaf('adb:phone', record.customer.phone ?? record.address?.phone, 40),
				leaf('adb:email', record.customer.email ?? record.address?.email, 98),
			]),
		],
		{ version: '2.0' },
	);
}

/** `adb:addressbook` update of one record's region (F20). */
export function updateRegionRequest(id: number, region: string): string {
	return node(
		'adb:addressbook',
		[
			node('adb:actionType', node('adb:update', node('ftr:filter', leaf('ftr:id', id)))),
			node('adb:addressbookHeader', leaf('adb:region', region, 32)),
		],
		{ version: '2.0' },
	);
}

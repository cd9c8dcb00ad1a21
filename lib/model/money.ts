/** An amount rounded to cents, the way every system here keeps money. */
export const roundMoney = (value: number): number => Math.round(value * 100) / 100;

/** Whether a value looks like an ISO 4217 currency code: three capital letters. */
export const isCurrencyCode = (value: string): boolean => /^[A-Z]{3}$/.test(value);

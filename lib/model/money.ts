/** An amount rounded to cents, the way every system here keeps money. */
export const roundMoney = (value: number): number => Math.round(value * 100) / 100;

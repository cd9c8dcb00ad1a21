/**
 * Budget pacing shared by every store: requests are spaced `windowMs / capacity` apart (a "theoretical arrival
 * time" per bucket), so no window of `windowMs` ever holds more than `capacity` requests and a steady caller gets
 * the whole budget. Returns the new arrival time to store and how long this caller waits.
 */
export function pace(storedTat: number | undefined, capacity: number, windowMs: number, now: number): { tat: number; waitMs: number } {
	if (!(capacity > 0) || !(windowMs > 0)) throw new Error(`A rate budget needs a positive capacity and window, not ${capacity} per ${windowMs} ms`);
	const start = Math.max(storedTat ?? now, now);
	// Whole milliseconds up: a slot never starts a fraction early (and every store keeps integers).
	return { tat: Math.ceil(start + windowMs / capacity), waitMs: start - now };
}

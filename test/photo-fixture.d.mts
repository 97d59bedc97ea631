/** Makes the 12-megapixel photo in the page (globalThis.takenPhoto) and answers its size in bytes. */
export function makeTakenPhoto(): Promise<number>;

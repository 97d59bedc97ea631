// How full the browser's storage for the app is, for the warning before it runs out (photos fill it fastest).

/** From this share of the quota on, attaching warns. */
export const QUOTA_WARNING_AT = 0.8;

/** The share of the quota used, when it is at least the warning's and the browser tells. */
export async function storageNearlyFull(): Promise<number | null> {
  try {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return quota > 0 && usage / quota >= QUOTA_WARNING_AT ? usage / quota : null;
  } catch {
    return null;
  }
}

/** Asks the browser not to clear the app's data on its own (photos waiting to be sent live there). */
export async function askPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}

/** A tree of translations; both languages carry the same keys (a unit test checks it). */
export interface Messages {
  [key: string]: string | Messages;
}

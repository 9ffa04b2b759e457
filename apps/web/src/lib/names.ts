/** A catalogue name in the app's language: the English one in English where the clinic wrote one, else the clinic's own. */
export const localName = (named: { name: string; name_en?: string | null }, language: string): string =>
  language.startsWith('en') && named.name_en ? named.name_en : named.name;

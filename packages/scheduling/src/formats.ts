/**
 * `Intl.DateTimeFormat` made once per locale and options: building one costs far more than formatting
 * with it (ICU loads the locale's patterns and the zone's rules), and the emails, the PDFs and the slot
 * computations format every date with a handful of the same formats.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    // A zone or locale that is not one throws above and is never kept; the valid ones are few.
    formats.set(key, format);
  }
  return format;
}

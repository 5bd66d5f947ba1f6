/**
 * Length-preserving normalisation: every UTF-16 code unit maps to exactly one code unit,
 * so offsets found in the normalised text are offsets in the original text.
 * Curly quotes become straight ones, dashes become '-', exotic spaces become ' '.
 */
const MAP: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
  "\u00b4": "'",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u00a0": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2004": " ",
  "\u2005": " ",
  "\u2006": " ",
  "\u2007": " ",
  "\u2008": " ",
  "\u2009": " ",
  "\u200a": " ",
  "\u202f": " ",
  "\u205f": " ",
  "\u3000": " ",
  "\t": " ",
  "\u2028": "\n",
  "\u2029": "\n",
  "\u2026": ".",
  "\uff01": "!",
  "\uff1f": "?",
};

const PATTERN =
  /[\u2018\u2019\u201a\u201b\u2032\u00b4\u201c\u201d\u201e\u2033\u2010-\u2015\u2212\u00a0\u2002-\u200a\u202f\u205f\u3000\t\u2028\u2029\u2026\uff01\uff1f]/g;

export function normalise(raw: string): string {
  return raw.replace(PATTERN, (ch) => MAP[ch] ?? ch).replace(/\r\n?/g, (m) => (m.length === 2 ? " \n" : "\n"));
}

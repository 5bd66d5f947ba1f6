/**
 * A roster as CSV: a header row naming the columns (handle and name required; contact,
 * skills, ic, available optional, in any order), one person per row. Skills are separated
 * by ';' or '|'; yes/no, true/false, y/n and 1/0 are booleans. Quoted fields may hold
 * commas and doubled quotes. Every problem is named by its line and column, and a file
 * with any problem yields none of its rows.
 */
export interface RosterRow {
  line: number;
  row: Record<string, unknown>;
}

export interface RosterProblem {
  line: number;
  field: string;
  message: string;
}

const COLUMNS: Record<string, string> = {
  handle: "handle",
  name: "name",
  contact: "contact",
  skills: "skills",
  ic: "icQualified",
  icqualified: "icQualified",
  "ic-qualified": "icQualified",
  ic_qualified: "icQualified",
  available: "available",
};
const TRUE = new Set(["yes", "y", "true", "1"]);
const FALSE = new Set(["no", "n", "false", "0"]);

export function parseRosterCsv(text: string): { rows: RosterRow[]; problems: RosterProblem[] } {
  const records = splitRecords(text.replace(/^\uFEFF/, ""));
  const problems: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  const header = records.find((r) => !blank(r.fields));
  if (!header)
    return {
      rows,
      problems: [
        {
          line: 1,
          field: "(file)",
          message: "the file is empty: expected a header row such as handle,name,skills,ic,available",
        },
      ],
    };
  if (header.error) problems.push({ line: header.line, field: "(row)", message: header.error });
  const columns = header.fields.map((name) => COLUMNS[name.trim().toLowerCase()] ?? null);
  header.fields.forEach((name, i) => {
    if (columns[i] === null) {
      problems.push({
        line: header.line,
        field: name.trim() || `column ${i + 1}`,
        message: `unknown column; expected ${Object.keys(COLUMNS)
          .filter((c) => !c.includes("q"))
          .join(", ")}`,
      });
    }
  });
  for (const required of ["handle", "name"]) {
    if (!columns.includes(required))
      problems.push({ line: header.line, field: required, message: `the header has no ${required} column` });
  }
  for (const record of records) {
    if (record === header || blank(record.fields) || record.fields[0]?.trim().startsWith("#")) continue;
    if (record.error) {
      problems.push({ line: record.line, field: "(row)", message: record.error });
      continue;
    }
    if (record.fields.length !== columns.length) {
      problems.push({
        line: record.line,
        field: "(row)",
        message: `${record.fields.length} fields, but the header has ${columns.length}`,
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    record.fields.forEach((raw, i) => {
      const column = columns[i];
      if (!column) return;
      const value = raw.trim();
      if (column === "skills") {
        row.skills =
          value === ""
            ? []
            : value
                .split(/[;|]/)
                .map((s) => s.trim())
                .filter(Boolean);
      } else if (column === "icQualified" || column === "available") {
        if (value === "") return;
        const lower = value.toLowerCase();
        if (TRUE.has(lower)) row[column] = true;
        else if (FALSE.has(lower)) row[column] = false;
        else problems.push({ line: record.line, field: column, message: `'${value}' is not yes or no` });
      } else if (value !== "" || column !== "contact") {
        row[column] = value;
      }
    });
    rows.push({ line: record.line, row });
  }
  return { rows, problems };
}

const blank = (fields: string[]) => fields.every((f) => f.trim() === "");

interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/** RFC 4180-style records, each with the line it starts on. */
function splitRecords(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let error: string | undefined;
    for (;;) {
      if (i >= text.length) {
        if (quoted) error = "a quoted field is not closed";
        fields.push(field);
        break;
      }
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (ch === '"') {
          quoted = false;
          i++;
        } else {
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && field.trim() === "") {
        quoted = true;
        field = "";
        i++;
      } else if (ch === ",") {
        fields.push(field);
        field = "";
        i++;
      } else if (ch === "\n" || ch === "\r") {
        fields.push(field);
        i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    out.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return out;
}

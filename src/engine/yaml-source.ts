/**
 * Reads a scenario's YAML while keeping where every value came from, so that each diagnostic can
 * point at the exact line and column of the offending key or value.
 */
import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type Document,
  type Node,
  type CST,
} from 'yaml';

type Token = CST.Token;
import { MESSAGES, type Diagnostic, type DiagnosticCode } from './diagnostics';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** The aliases a file may expand; enough for any honest reuse, far too few for an alias bomb. */
export const MAX_ALIASES = 100;

/**
 * How deep collections may nest. A scenario needs about ten levels. Far deeper YAML (a few hundred
 * `- ` or `[` in a row) makes the parser recurse until the stack runs out, and parsing such a text a
 * second time in the same process can then abort Node itself (V8: "RegExpCompiler Allocation
 * failed"), taking the dev server or a multi-file `prasan check` down with it.
 */
export const MAX_NESTING = 100;

export interface Position {
  line: number;
  column: number;
}

/** Where a diagnostic points: at the value itself, or at the key naming it in its map. */
export type Anchor = 'value' | 'key' | 'missing';

export class YamlSource {
  private readonly lineCounter: LineCounter;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly yamlDoc: Document.Parsed | undefined,
    lineCounter: LineCounter,
  ) {
    this.lineCounter = lineCounter;
  }

  /** 1-based line and column (in characters, not UTF-16 units) of an offset in the text. */
  position(offset: number): Position {
    const { line } = this.lineCounter.linePos(offset);
    const lineStart = this.lineCounter.lineStarts[line - 1] ?? 0;
    return { line, column: [...this.text.slice(lineStart, offset)].length + 1 };
  }

  /**
   * The position of what a path names. `value`: the value at the path. `key`: the key of the path's
   * last segment. `missing`: the key of the map that lacks the path's last segment (a missing field
   * has no position of its own).
   */
  locate(path: Path, anchor: Anchor = 'value'): Position {
    const target = anchor === 'missing' ? path.slice(0, -1) : path;
    const found = this.walk(target);
    if (anchor !== 'value' && found.key && found.reached === target.length) {
      return this.position(found.key.range?.[0] ?? 0);
    }
    return this.position(found.node?.range?.[0] ?? 0);
  }

  private walk(path: Path): { node: Node | undefined; key: Node | undefined; reached: number } {
    let node = this.resolve(this.yamlDoc?.contents ?? undefined);
    let key: Node | undefined;
    let reached = 0;
    for (const segment of path) {
      let next: Node | undefined;
      let nextKey: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair) {
          nextKey = pair.key as Node;
          next = this.resolve((pair.value as Node | null) ?? undefined) ?? nextKey;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = this.resolve((node.items[segment] as Node | undefined) ?? undefined);
      }
      if (!next) break;
      node = next;
      key = nextKey;
      reached += 1;
    }
    return { node, key, reached };
  }

  private resolve(node: Node | undefined): Node | undefined {
    if (node && isAlias(node) && this.yamlDoc) {
      return node.resolve(this.yamlDoc) ?? node;
    }
    return node;
  }

  /** A diagnostic placed at a path. */
  diagnostic(code: DiagnosticCode, path: Path, params: Diagnostic['params'] = {}, anchor: Anchor = 'value'): Diagnostic {
    return { file: this.file, ...this.locate(path, anchor), severity: MESSAGES[code].severity, code, params };
  }
}

export interface ParsedYaml {
  source: YamlSource;
  data: unknown;
  diagnostics: Diagnostic[];
}

/** Parses YAML 1.2 (core schema), reporting syntax errors, duplicate keys, tags and alias bombs. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const depth: { tooDeepAt?: number } = {};
  const composer = new Composer({ version: '1.2', schema: 'core', uniqueKeys: true, keepSourceTokens: false });
  const parsed = [...composer.compose(tokensWithinNesting(text, depth), true, text.length)];
  if (depth.tooDeepAt !== undefined) {
    const source = new YamlSource(file, text, undefined, lineStarts(text));
    const params = {
      detail_en: `collections nest more than ${MAX_NESTING} levels deep`,
      detail_th: `รายการหรือแมปซ้อนกันเกิน ${MAX_NESTING} ชั้น`,
    };
    return {
      source,
      data: undefined,
      diagnostics: [{ file, ...source.position(depth.tooDeepAt), severity: MESSAGES.PRS003.severity, code: 'PRS003', params }],
    };
  }
  // The composer always yields at least one YAML doc (an empty text gives an empty one).
  const yamlDoc = parsed[0]!;
  const extra = parsed[1];
  if (extra)
    yamlDoc.errors.push(
      new YAMLParseError(extra.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'),
    );
  // Positions from the text itself: the parser's LineCounter misses the line breaks inside a token
  // it rejects (a stray multi-line scalar), which put later errors on the wrong line.
  const source = new YamlSource(file, text, yamlDoc, lineStarts(text));
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, code: DiagnosticCode, params: Diagnostic['params']) =>
    diagnostics.push({ file, ...source.position(offset), severity: MESSAGES[code].severity, code, params });

  for (const error of yamlDoc.errors) {
    const offset = error.pos[0];
    if (error.code === 'DUPLICATE_KEY') {
      at(offset, 'PRS004', { key: duplicateKeyName(text, error.pos) });
    } else if (unquotedColonText(lineAt(text, offset))) {
      at(offset, 'PRS009', {});
    } else {
      at(offset, 'PRS003', parserDetail(error.message, error.code));
    }
  }
  const tagsReported = new Set<number>();
  for (const warning of yamlDoc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      tagsReported.add(warning.pos[0]);
      at(warning.pos[0], 'PRS005', { tag: firstLine(warning.message).replace(/^.*tag:?\s*/i, '') });
    }
  }
  // A node's range starts after its tag: point at the tag itself, once (an unknown tag was reported above).
  findExplicitTags(yamlDoc.contents, (offset, tag) => {
    let tagAt = text.lastIndexOf('!', offset);
    while (tagAt > 0 && !/[\s[{,]/.test(text[tagAt - 1]!)) tagAt--; // `!!str`, `!e!x`: the tag's first `!`
    if (!tagsReported.has(tagAt)) at(tagAt >= 0 ? tagAt : offset, 'PRS005', { tag });
  });
  if (diagnostics.length > 0) return { source, data: undefined, diagnostics };

  try {
    const data: unknown = yamlDoc.toJS({ maxAliasCount: MAX_ALIASES });
    return { source, data, diagnostics };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) at(0, 'PRS006', { limit: MAX_ALIASES });
    else at(0, 'PRS003', parserDetail(message));
    return { source, data: undefined, diagnostics };
  }
}

/**
 * The text's syntax tokens, ending early (with `tooDeepAt` set) where collections first nest deeper
 * than MAX_NESTING. The parser keeps the open collections on a stack of its own (no recursion), so
 * it is fed lexeme by lexeme and stopped before the composer, which does recurse, sees the text.
 * One pass: what `parseDocument` does, with the depth check in the middle.
 */
function* tokensWithinNesting(text: string, depth: { tooDeepAt?: number }): Generator<Token> {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_NESTING) {
      depth.tooDeepAt = parser.offset;
      return;
    }
  }
  yield* parser.end();
}

/** Where each line of the text starts. */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

/** The format allows no tags at all, even YAML's standard ones, so a file means what it shows. */
function findExplicitTags(node: unknown, report: (offset: number, tag: string) => void): void {
  if (isMap(node) || isSeq(node)) {
    if (node.tag) report(node.range?.[0] ?? 0, node.tag);
    for (const item of node.items) {
      if (isPair(item)) {
        findExplicitTags(item.key, report);
        findExplicitTags(item.value, report);
      } else findExplicitTags(item, report);
    }
  } else if (isScalar(node) && node.tag) {
    report(node.range?.[0] ?? 0, node.tag);
  }
}

function duplicateKeyName(text: string, pos: [number, number]): string {
  // The error's range covers only the key's first character: read the key up to its colon.
  const raw = text.slice(pos[0]).split(/[:\n]/)[0] ?? '';
  return raw.trim().replace(/^["']|["']$/g, '');
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** The line of `text` that holds `offset`. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * Whether a line is `key: text` (or `- key: text`) whose unquoted text is a sentence holding ": " —
 * the usual reason the parser finds a mapping where the author meant words. A single word before the
 * colon (`summary: en: S`) is more likely a map whose braces were left out: that stays PRS003.
 */
function unquotedColonText(line: string): boolean {
  const value = /^\s*(?:-\s+)?[\w-]+:\s+(.*)$/.exec(line)?.[1];
  if (value === undefined || /^["'{[|>&*!#]/.test(value)) return false;
  const before = /^(.*?):\s/.exec(value)?.[1];
  return before !== undefined && !/^[\w-]+$/.test(before);
}

/**
 * What the YAML parser said, for PRS003: its own sentence in English, and in Thai words for the
 * mistakes trainers make (the parser speaks only English); anything else is quoted as it said it.
 */
const PARSER_WORDS_TH: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'มีแมปซ้อนอยู่ในบรรทัดเดียว มักเพราะขาดวงเล็บปีกกา { }',
  MULTILINE_IMPLICIT_KEY: 'คีย์ต้องอยู่ในบรรทัดเดียว',
  TAB_AS_INDENT: 'ย่อหน้าด้วยแท็บ ต้องใช้ช่องว่าง',
  BAD_INDENT: 'การย่อหน้าไม่ตรงกัน หรือวงเล็บ ] หรือ } ไม่ได้ปิด',
  MISSING_CHAR: 'ขาดเครื่องหมายปิด เช่น เครื่องหมายคำพูดหรือวงเล็บ',
  MULTIPLE_DOCS: 'มีมากกว่าหนึ่งเอกสารในแฟ้ม (บรรทัด ---)',
  UNEXPECTED_TOKEN: 'พบสิ่งที่ไม่ควรอยู่ตรงนี้ มักเพราะการย่อหน้าไม่ตรงกัน',
};

function parserDetail(message: string, code?: string): Record<string, string> {
  const said = firstLine(message);
  return { detail_en: said, detail_th: (code && PARSER_WORDS_TH[code]) ?? `ตัวอ่าน YAML แจ้งว่า "${said}"` };
}

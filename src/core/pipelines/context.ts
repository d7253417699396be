// Shared machinery of one lint run: file reading and parsing (cached), findings with relocation to the job's
// file, text-edit helpers for fixes, and suppression comments.
import type { Fix, Severity } from '../findings';
import { classifier, PIPELINE_RULES, PIPELINE_RULE_IDS, type Classifier } from './rules';
import type { PipelineFinding, PipelineJobSummary, PipelineOptions, PipelineRuleId } from './types';
import { parseYaml, type LNode, type Loc, type ParsedYaml } from './yamlTree';
import { LineIndex } from '../report/region';

export interface JobRef {
  readonly name: string;
  readonly keyLoc: Loc;
  /** Appended to every finding of the job, e.g. the condition under which it runs. */
  readonly note?: string;
}

export class LintContext {
  readonly cls: Classifier;
  readonly findings: PipelineFinding[] = [];
  readonly jobs: PipelineJobSummary[] = [];
  private readonly parsedFiles = new Map<string, ParsedYaml | null>();
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(
    readonly options: PipelineOptions,
    private readonly readFile: (path: string) => string | undefined,
    /** Every known path (repository mode), for `include: local:` globs. */
    readonly listFiles?: () => readonly string[],
  ) {
    this.cls = classifier(options);
  }

  readonly texts = new Map<string, string>();

  text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    let text: string | undefined;
    try {
      text = this.readFile(path);
    } catch {
      text = undefined;
    }
    if (text !== undefined) this.texts.set(path, text);
    return text;
  }

  /** The parsed root node of a file; undefined when missing or invalid (invalid YAML is reported once). */
  parse(path: string): LNode | undefined | null {
    const cached = this.parsedFiles.get(path);
    if (cached !== undefined) return cached?.root ?? null;
    const text = this.text(path);
    if (text === undefined) {
      this.parsedFiles.set(path, null);
      return undefined;
    }
    const parsed = parseYaml(path, text);
    this.parsedFiles.set(path, parsed);
    if (parsed.error) {
      this.push('invalid-yaml', { file: path, start: parsed.error.start, end: parsed.error.end }, `Invalid YAML: ${parsed.error.message}`);
    }
    return parsed.root ?? null;
  }

  /** The `spec:` header document of a file already parsed (GitLab CI/CD inputs), if it has one. */
  header(path: string): LNode | undefined {
    return this.parsedFiles.get(path)?.header;
  }

  /** 1-based line of an offset, counted as the editor and the CLI's reports count lines. */
  lineOf(file: string, offset: number): number {
    let index = this.lineIndexes.get(file);
    if (!index) this.lineIndexes.set(file, (index = new LineIndex(this.texts.get(file) ?? '')));
    return index.position(offset).line;
  }

  /**
   * Reports a finding at `loc`. When `loc` lies in another file than the job's key (a template from an
   * include), the finding moves to the job's key, says where the value was set, and keeps only `keyFixes`.
   */
  report(
    ruleId: PipelineRuleId,
    loc: Loc,
    message: string,
    job?: JobRef,
    fixes?: readonly Fix[],
    keyFixes?: readonly Fix[],
    severity?: Severity,
  ): void {
    if (this.options.disabledRules.includes(ruleId)) return;
    let at = loc;
    let text = job?.note ? `${message} ${job.note}` : message;
    let fx = fixes;
    if (job && loc.file !== job.keyLoc.file) {
      at = job.keyLoc;
      text = `${text} (set in ${loc.file} line ${this.lineOf(loc.file, loc.start)})`;
      fx = keyFixes;
    }
    this.push(ruleId, at, text, job?.name, fx, severity);
  }

  private push(ruleId: PipelineRuleId, loc: Loc, message: string, job?: string, fixes?: readonly Fix[], severity?: Severity): void {
    const info = PIPELINE_RULES[ruleId];
    this.findings.push({
      ruleId,
      severity: severity ?? info.severity,
      message,
      start: loc.start,
      end: Math.max(loc.end, loc.start),
      helpUrl: info.helpUrl,
      file: loc.file,
      ...(job !== undefined ? { job } : {}),
      ...(fixes && fixes.length > 0 ? { fixes } : {}),
    });
  }

  // ---- edits ----

  eol(file: string): string {
    return (this.texts.get(file) ?? '').includes('\r\n') ? '\r\n' : '\n';
  }

  /** Column (0-based) of an offset, i.e. its indentation when it starts a line's content. */
  column(file: string, offset: number): number {
    const text = this.texts.get(file) ?? '';
    return offset - (text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** Offset of the end of the line holding the last non-blank character of [start, end). */
  lineEndAfter(file: string, start: number, end: number): number {
    const text = this.texts.get(file) ?? '';
    let p = Math.max(start, end);
    while (p > start && /\s/.test(text[p - 1]!)) p--;
    let lineEnd = text.indexOf('\n', p);
    if (lineEnd === -1) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    return lineEnd;
  }

  /** Inserts `line` on a new line after the entry (key at keyLoc, value ending at valueEnd), at `indent`. */
  insertLineAfter(file: string, after: number, indent: number, line: string): { start: number; end: number; newText: string } {
    const at = this.lineEndAfter(file, after, after);
    return { start: at, end: at, newText: `${this.eol(file)}${' '.repeat(indent)}${line.split('\n').join(this.eol(file) + ' '.repeat(indent))}` };
  }

  /** Removes the lines of an entry when it stands alone on its lines; undefined otherwise (`- key: v`). */
  removeEntry(file: string, keyStart: number, valueEnd: number): { start: number; end: number; newText: string } | undefined {
    const text = this.texts.get(file) ?? '';
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (text.slice(lineStart, keyStart).trim() !== '') return undefined;
    let end = this.lineEndAfter(file, keyStart, valueEnd);
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start: lineStart, end, newText: '' };
  }

  /**
   * The source location of `script.slice(start, end)`, where `script` is the value of the scalar at `loc`: the
   * same occurrence of that text in the scalar's source (a block scalar's source differs from its value only by
   * indentation), else the first, else the scalar.
   */
  withinScript(loc: Loc, script: string, start: number, end: number): Loc {
    const text = this.texts.get(loc.file);
    const needle = script.slice(start, end);
    if (text === undefined || needle === '') return loc;
    let nth = 0;
    for (let i = script.indexOf(needle); i !== -1 && i < start; i = script.indexOf(needle, i + 1)) nth++;
    const source = text.slice(loc.start, loc.end);
    let at = source.indexOf(needle);
    for (let k = 0; k < nth && at !== -1; k++) {
      const next = source.indexOf(needle, at + 1);
      if (next === -1) break;
      at = next;
    }
    return at === -1 ? loc : { file: loc.file, start: loc.start + at, end: loc.start + at + needle.length };
  }

  private scriptsOfPackage: ReadonlyMap<string, string> | null | undefined;

  /** The `scripts` of the repository's package.json, when it is known (read through the same file reader). */
  packageScripts(): ReadonlyMap<string, string> | undefined {
    if (this.scriptsOfPackage === undefined) {
      this.scriptsOfPackage = null;
      const text = this.text('package.json');
      if (text !== undefined) {
        try {
          const scripts: unknown = (JSON.parse(text) as { scripts?: unknown }).scripts;
          const map = new Map<string, string>();
          if (scripts && typeof scripts === 'object') {
            for (const [name, body] of Object.entries(scripts as Record<string, unknown>)) if (typeof body === 'string') map.set(name, body);
          }
          this.scriptsOfPackage = map;
        } catch {
          this.scriptsOfPackage = null; // not JSON: unknown, so package scripts are read as guesses
        }
      }
    }
    return this.scriptsOfPackage ?? undefined;
  }

  // ---- suppression ----

  /** Splits findings into active and suppressed, and reports malformed suppression comments. */
  applySuppressions(jobKeys: ReadonlyMap<string, Loc>): { active: PipelineFinding[]; suppressed: PipelineFinding[] } {
    const comments = new Map<string, Map<number, { rule: string; reason: string }[]>>();
    const invalid: PipelineFinding[] = [];
    for (const [file, text] of this.texts) {
      const byLine = new Map<number, { rule: string; reason: string }[]>();
      const re = /#\s*release-hygiene-ignore\b([^\n]*)/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const body = m[1]!.replace(/\r$/, '').trim();
        const parsed = /^([a-z][a-z-]*)\s*(?::\s*(.*))?$/.exec(body);
        const rule = parsed?.[1];
        const reason = parsed?.[2]?.trim() ?? '';
        const loc = { file, start: m.index, end: m.index + m[0].replace(/\r$/, '').length };
        if (!rule || !(PIPELINE_RULE_IDS as string[]).includes(rule) || reason === '') {
          const why = !rule ? 'names no rule' : !(PIPELINE_RULE_IDS as string[]).includes(rule) ? `names an unknown rule "${rule}"` : 'gives no reason';
          if (!this.options.disabledRules.includes('invalid-suppression')) {
            const info = PIPELINE_RULES['invalid-suppression'];
            invalid.push({ ruleId: 'invalid-suppression', severity: info.severity, helpUrl: info.helpUrl, file, start: loc.start, end: loc.end,
              message: `This suppression ${why}: write "# release-hygiene-ignore <rule>: <reason>"` });
          }
          continue;
        }
        const line = this.lineOf(file, m.index);
        const list = byLine.get(line) ?? [];
        list.push({ rule, reason });
        byLine.set(line, list);
      }
      if (byLine.size > 0) comments.set(file, byLine);
    }
    const active: PipelineFinding[] = [...invalid];
    const suppressed: PipelineFinding[] = [];
    for (const finding of this.findings) {
      const byLine = comments.get(finding.file);
      let reason: string | undefined;
      if (byLine) {
        const lines = [this.lineOf(finding.file, finding.start)];
        const key = finding.job !== undefined ? jobKeys.get(`${finding.file}\u0000${finding.job}`) : undefined;
        if (key) lines.push(this.lineOf(key.file, key.start));
        for (const line of lines) {
          for (const l of [line, line - 1]) {
            const hit = byLine.get(l)?.find((c) => c.rule === finding.ruleId);
            if (hit) reason ??= hit.reason;
          }
        }
      }
      if (reason !== undefined) suppressed.push({ ...finding, suppressed: { reason } });
      else active.push(finding);
    }
    return { active, suppressed };
  }
}

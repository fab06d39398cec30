import { isTokenChar, isWhitespace } from './char-classes.js';
import { parseError } from './parse-error.js';
import { clip } from './parse-uri.js';

/** A cursor over one header value, for the small grammars of §25.1 (LWS allowed around separators). */
export class TextScanner {
  pos: number;

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  skipSpace(): this {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
    return this;
  }

  /** Consumes `char` (after optional LWS) or returns false. */
  accept(char: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  expect(char: string, what: string): void {
    if (!this.accept(char)) this.fail(`expected "${char}" in ${what}`);
  }

  token(what: string): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && isTokenChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) this.fail(`expected a token in ${what}`);
    return this.text.slice(start, this.pos);
  }

  /** quoted-string (§25.1) with its quotes; the cursor is on the opening quote. */
  quotedString(what: string): string {
    const start = this.pos;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) {
        this.pos = i + 1;
        return this.text.slice(start, this.pos);
      }
    }
    return this.fail(`unterminated quoted string in ${what}`);
  }

  fail(reason: string): never {
    throw parseError(`${reason}: ${clip(this.text)}`);
  }
}

/** The content of a quoted-string without quotes and `\` escapes (§25.1 quoted-pair). */
export function unquote(quoted: string): string {
  const inner = quoted.slice(1, -1);
  return inner.includes('\\') ? inner.replace(/\\(.)/gs, '$1') : inner;
}

/** A quoted-string for `text`, escaping `"` and `\` (§25.1). */
export function quote(text: string): string {
  return '"' + text.replace(/["\\]/g, '\\$&') + '"';
}

// Reads the generated www/pkg/smtp_sim.d.ts and checks live values against its types: every key
// of an object must be declared, every required key present, every value of its declared type,
// all the way down. Understands the subset tsify and wasm-bindgen write: interfaces (with
// extends), type aliases, unions, intersections, object literals, arrays, tuples, string
// literals and the keywords.

/** The declarations of a .d.ts: name → type (interfaces become object types), read lazily. */
export function parseDts(text) {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const raw = new Map();
  for (const m of src.matchAll(/export interface (\w+)(?: extends ([\w, ]+))? \{([\s\S]*?)\n\}/g)) {
    raw.set(m[1], () => {
      const fields = parseType(`{${m[3]}}`);
      const bases = (m[2] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
      return bases.length ? { kind: 'and', of: [...bases.map((b) => ({ kind: 'ref', name: b })), fields] } : fields;
    });
  }
  for (const m of src.matchAll(/export type (\w+) = (.*);\n/g)) raw.set(m[1], () => parseType(m[2]));
  const parsed = new Map();
  return {
    has: (name) => raw.has(name),
    names: () => [...raw.keys()],
    get(name) {
      if (!parsed.has(name) && raw.has(name)) parsed.set(name, raw.get(name)());
      return parsed.get(name);
    },
  };
}

function tokenize(s) {
  const tokens = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|[A-Za-z_][\w]*|\[\]|[{}()[\]|&:;,?<>])/gy;
  let m;
  let end = 0;
  while ((m = re.exec(s))) {
    tokens.push(m[1]);
    end = re.lastIndex;
  }
  if (s.slice(end).trim()) throw new Error(`cannot read type: ${s}`);
  return tokens;
}

export function parseType(s) {
  const t = tokenize(s);
  let i = 0;
  const peek = () => t[i];
  const take = (want) => {
    const tok = t[i++];
    if (want && tok !== want) throw new Error(`expected ${want}, got ${tok} in ${s}`);
    return tok;
  };
  function union() {
    if (peek() === '|') take();
    const of = [inter()];
    while (peek() === '|') {
      take();
      of.push(inter());
    }
    return of.length === 1 ? of[0] : { kind: 'or', of };
  }
  function inter() {
    const of = [postfix()];
    while (peek() === '&') {
      take();
      of.push(postfix());
    }
    return of.length === 1 ? of[0] : { kind: 'and', of };
  }
  function postfix() {
    let ty = primary();
    while (peek() === '[]') {
      take();
      ty = { kind: 'array', of: ty };
    }
    return ty;
  }
  function primary() {
    const tok = take();
    if (tok === '(') {
      const ty = union();
      take(')');
      return ty;
    }
    if (tok === '{') {
      const fields = new Map();
      while (peek() !== '}') {
        const name = take();
        const optional = peek() === '?';
        if (optional) take();
        take(':');
        fields.set(name, { type: union(), optional });
        if (peek() === ';' || peek() === ',') take();
      }
      take('}');
      return { kind: 'object', fields };
    }
    if (tok === '[') {
      const of = [];
      while (peek() !== ']') {
        of.push(union());
        if (peek() === ',') take();
      }
      take(']');
      return { kind: 'tuple', of };
    }
    if (tok.startsWith('"')) return { kind: 'literal', value: JSON.parse(tok) };
    if (['string', 'number', 'boolean', 'null', 'undefined'].includes(tok)) return { kind: tok };
    if (peek() === '<') {
      take('<');
      const args = [union()];
      while (peek() === ',') {
        take(',');
        args.push(union());
      }
      take('>');
      return { kind: 'generic', name: tok, args };
    }
    return { kind: 'ref', name: tok };
  }
  const ty = union();
  if (i !== t.length) throw new Error(`trailing tokens in ${s}`);
  return ty;
}

/** The alternatives of a type, with intersections of objects merged: its disjunctive form. */
function alternatives(decls, ty) {
  switch (ty.kind) {
    case 'ref': {
      const d = decls.get(ty.name);
      return d ? alternatives(decls, d) : [ty];
    }
    case 'or':
      return ty.of.flatMap((t) => alternatives(decls, t));
    case 'generic': {
      // Extract<T, U> and Exclude<T, U> with U an object of literal fields (a tag).
      if (ty.name !== 'Extract' && ty.name !== 'Exclude') throw new Error(`cannot check ${ty.name}<…>`);
      const [tag] = alternatives(decls, ty.args[1]);
      const matches = (alt) =>
        alt.kind === 'object' &&
        [...tag.fields].every(([k, f]) => alt.fields.get(k)?.type.kind === 'literal' && alt.fields.get(k).type.value === f.type.value);
      return alternatives(decls, ty.args[0]).filter((alt) => matches(alt) === (ty.name === 'Extract'));
    }
    case 'and':
      return ty.of
        .map((t) => alternatives(decls, t))
        .reduce((acc, alts) =>
          acc.flatMap((a) =>
            alts.map((b) => {
              if (a.kind !== 'object' || b.kind !== 'object') throw new Error('intersection of non-objects');
              return { kind: 'object', fields: new Map([...a.fields, ...b.fields]) };
            }),
          ),
        );
    default:
      return [ty];
  }
}

/** Why `value` does not have type `ty` (a type or a declared name), or null when it does. */
export function mismatch(decls, value, ty, path = '$') {
  if (typeof ty === 'string') {
    if (/^\w+$/.test(ty) && !decls.has(ty)) return `${ty} is not declared in the .d.ts`;
    ty = parseType(ty);
  }
  const alts = alternatives(decls, ty);
  let first = null;
  for (const alt of alts) {
    const why = one(decls, value, alt, path);
    if (!why) return null;
    // Report the alternative whose tag matches, when there is one.
    const tagged = alt.kind === 'object' && [...alt.fields].some(([k, f]) => f.type.kind === 'literal' && value?.[k] === f.type.value);
    if (!first || tagged) first = why;
  }
  return first;
}

function one(decls, value, ty, path) {
  const show = () => `${path} = ${JSON.stringify(value)?.slice(0, 120)}`;
  switch (ty.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === ty.kind ? null : `${show()} is not a ${ty.kind}`;
    case 'null':
      return value === null ? null : `${show()} is not null`;
    case 'undefined':
      return value === undefined ? null : `${show()} is not undefined`;
    case 'literal':
      return value === ty.value ? null : `${show()} is not "${ty.value}"`;
    case 'array':
      if (!Array.isArray(value)) return `${show()} is not an array`;
      for (const [i, v] of value.entries()) {
        const why = mismatch(decls, v, ty.of, `${path}[${i}]`);
        if (why) return why;
      }
      return null;
    case 'tuple':
      if (!Array.isArray(value) || value.length !== ty.of.length) return `${show()} is not a ${ty.of.length}-tuple`;
      for (const [i, t] of ty.of.entries()) {
        const why = mismatch(decls, value[i], t, `${path}[${i}]`);
        if (why) return why;
      }
      return null;
    case 'ref':
      if (ty.name === 'Uint8Array') return value instanceof Uint8Array ? null : `${show()} is not a Uint8Array`;
      return `${path}: type ${ty.name} is not declared`;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${show()} is not an object`;
      for (const key of Object.keys(value)) {
        if (!ty.fields.has(key)) return `${path}.${key} is not declared (declared: ${[...ty.fields.keys()].join(', ')})`;
      }
      for (const [key, f] of ty.fields) {
        if (!(key in value)) {
          if (f.optional) continue;
          return `${path}.${key} is missing`;
        }
        const why = mismatch(decls, value[key], f.type, `${path}.${key}`);
        if (why) return why;
      }
      return null;
    }
    default:
      return `${path}: cannot check a ${ty.kind}`;
  }
}

// The comparison's payload set, generated deterministically from the valid JSON fixtures: valid
// variants (other hosts, ports, names) and invalid ones, each with exactly one real problem of a
// known class. The classes say what kind of tool can see the problem:
//   syntax  - the text is not JSON (any tool that parses it sees that);
//   schema  - a JSON Schema can express it (wrong type, unknown enum value, misspelt field);
//   beyond  - no JSON Schema can: a value that must equal another one, a private key's content,
//             a documentation placeholder left in a secret.
import { fixtures } from '../../fixtures/fixtures.mjs';

const clone = (value) => JSON.parse(JSON.stringify(value));

/** The object holding the main credentials: `connection` (connections) or `config` (integrations). */
const holder = (payload) => payload.connection ?? payload.config;

/** A mutation of every PEM private key in the payload's text; none when it holds no key. */
const KEY = /-----BEGIN PRIVATE KEY-----\\n[^"]*-----END PRIVATE KEY-----/g;
const inKeys = (change) => (p) => {
  const text = JSON.stringify(p, null, 2);
  return text.search(KEY) >= 0 ? text.replace(KEY, change) : undefined;
};

/** Each mutation returns the new text, or undefined when it does not apply to this payload. */
const MUTATIONS = [
  {
    name: 'port as a string',
    class: 'schema',
    apply: (p) => {
      const h = holder(p);
      if (typeof h?.port !== 'number') return undefined;
      h.port = String(h.port);
      return JSON.stringify(p, null, 2);
    },
  },
  {
    name: 'unknown authenticationType',
    class: 'schema',
    apply: (p) => {
      const h = holder(p);
      if (typeof h?.authenticationType !== 'string') return undefined;
      h.authenticationType = `${h.authenticationType}s`;
      return JSON.stringify(p, null, 2);
    },
  },
  {
    name: 'misspelt host field',
    class: 'schema',
    apply: (p) => {
      const h = holder(p);
      const field = ['hostname', 'host'].find((f) => typeof h?.[f] === 'string');
      if (!field) return undefined;
      return JSON.stringify(p, null, 2).replace(`"${field}":`, `"${field}e":`);
    },
  },
  {
    name: 'trailing comma',
    class: 'syntax',
    apply: (p) => JSON.stringify(p, null, 2).replace(/("|\d|true|false)\n(\s*)\}/, '$1,\n$2}'),
  },
  {
    name: 'curly quotes from a document',
    class: 'syntax',
    apply: (p) => JSON.stringify(p, null, 2).replace('"connectionKey"', '\u201cconnectionKey\u201d').replace('"type"', '\u201ctype\u201d'),
  },
  {
    name: 'private key pasted with real line breaks',
    class: 'syntax',
    apply: inKeys((key) => key.replaceAll('\\n', '\n')),
  },
  {
    name: 'host differs between connection and nativeIntegration',
    class: 'beyond',
    apply: (p) => {
      const config = p.nativeIntegration?.config;
      const field = ['host', 'hostname', 'workspaceUrl'].find((f) => typeof config?.[f] === 'string');
      if (!field || !p.connection) return undefined;
      config[field] = `other-${config[field]}`;
      return JSON.stringify(p, null, 2);
    },
  },
  {
    name: 'private key line breaks escaped twice',
    class: 'beyond',
    apply: inKeys((key) => key.replaceAll('\\n', '\\\\n')),
  },
  {
    name: 'private key cut short',
    class: 'beyond',
    apply: inKeys((key) => `${key.slice(0, 230)}\\n-----END PRIVATE KEY-----`),
  },
  {
    name: 'documentation placeholder left in the password',
    class: 'beyond',
    apply: (p) => {
      const h = holder(p);
      if (typeof h?.password !== 'string') return undefined;
      h.password = '<your-password>';
      return JSON.stringify(p, null, 2);
    },
  },
];

/** `rounds` valid variants and every applicable invalid variant of each valid JSON fixture. */
export function payloads(rounds = 6) {
  const bases = fixtures('valid').filter((f) => f.path.endsWith('.json'));
  const valid = [];
  const invalid = [];
  bases.forEach((base, b) => {
    const kind = base.options.kind;
    const parsed = JSON.parse(base.text);
    for (let round = 0; round < rounds; round++) {
      const p = clone(parsed);
      if (typeof p.connectionKey === 'string') p.connectionKey = `${p.connectionKey}-${round}`;
      // The same change in both halves of a connection, which must agree.
      for (const h of [holder(p), p.nativeIntegration?.config]) {
        if (typeof h?.warehouse === 'string') h.warehouse = `${h.warehouse}_${round}`;
        if (typeof h?.database === 'string') h.database = `${h.database}_${round}`;
      }
      const text = JSON.stringify(p, null, 2);
      valid.push({ name: `valid-${b}-${round}.json`, kind, text });
      MUTATIONS.forEach((mutation, m) => {
        // Spread the mutations over the rounds so that the set stays a few hundred payloads.
        if ((round + m) % 3 !== 0) return;
        const broken = mutation.apply(clone(p));
        if (broken === undefined || broken === text) return;
        invalid.push({ name: `invalid-${b}-${round}-${m}.json`, kind, text: broken, problem: mutation.name, class: mutation.class });
      });
    }
  });
  return { valid, invalid };
}

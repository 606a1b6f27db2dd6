// How the page names kinds and formats; shared with www/build.mjs, which groups the examples.
export const KIND_LABELS = {
  connection: 'Connection',
  'connection-update': 'Connection update',
  integration: 'Integration',
  'integration-script': 'Integration script',
};
export const FORMAT_LABELS = { json: 'JSON', yaml: 'YAML', curl: 'curl command' };

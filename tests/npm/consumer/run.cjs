'use strict';
const api = require('immuta-preflight');

require('./serve.cjs')(api);

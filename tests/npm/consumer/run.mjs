import * as api from 'immuta-preflight';
import serve from './serve.cjs';

serve(api);

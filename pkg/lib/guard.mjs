// A panic in the engine is a bug, and it traps the WebAssembly instance: its stack and heap are
// left mid-call, so every later call would fail or answer wrongly. Every call into the engine
// goes through `guard`: on a trap it starts a fresh instance (the glue's __wbg_reset_state,
// from the module already compiled) and throws one clear Error, so the caller can go on with the
// next call. `make pkg` writes dist/guard.cjs from this file for the CommonJS entry.

export const REPORT_URL = 'https://github.com/immuta-preflight/immuta-preflight/issues';

/** Whether `error` came from the engine failing (a trap, or its stack running out), not from misuse. */
export function isEngineFailure(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

/** The `names` functions of `glue`, each restarting the engine and throwing a clear Error on a trap. */
export function guard(glue, names) {
  const api = {};
  for (const name of names) {
    const call = glue[name];
    api[name] = function guarded(...args) {
      try {
        return call(...args);
      } catch (cause) {
        if (!isEngineFailure(cause)) throw cause;
        glue.__wbg_reset_state();
        const error = new Error(
          `immuta-preflight ${glue.version()}: the checker failed on this input (an internal error: ${cause.message}). ` +
            `This is a bug; the checker has been restarted, so the next call works. Please report it at ${REPORT_URL} ` +
            'with the version and what kind of payload it was, but not the payload itself.',
          { cause },
        );
        error.code = 'IMMUTA_PREFLIGHT_INTERNAL';
        throw error;
      }
    };
  }
  return api;
}

//! The bounds every door shares, so that whatever is pasted (the page checks on each keystroke)
//! costs bounded time and memory. Documented to users by the `input-limit` rule.

/// Larger texts are not parsed. No Immuta payload comes near this: a body with a private key in it
/// is a few kilobytes.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// At most this many findings are listed, and the checker stops producing more once it has them,
/// so that a pathological text (a million stray quotes) costs bounded time and memory.
pub const MAX_FINDINGS: usize = 1000;

/// Deeper nesting is a `syntax` error: the readers recurse, and no payload nests past a handful.
pub const MAX_DEPTH: usize = 128;

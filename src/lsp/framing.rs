//! The base protocol's framing: `Content-Length: N`, a blank line, then N bytes of JSON.

use serde_json::Value;
use std::io::{BufRead, Write};

/// The largest message read; a bigger one is skipped and answered with an error.
const MAX_MESSAGE: usize = 64 << 20;

pub enum Incoming {
    Message(Value),
    /// Not JSON, or a header that does not read: answered with a parse error.
    Malformed(String),
}

/// Reads messages until standard input closes, `exit` arrives or `deliver` refuses one.
pub fn read_all(mut input: impl BufRead, mut deliver: impl FnMut(Incoming) -> bool) {
    loop {
        let incoming = match read(&mut input) {
            Ok(Some(incoming)) => incoming,
            Ok(None) | Err(_) => return,
        };
        let exit = matches!(&incoming, Incoming::Message(m) if m.get("method").and_then(Value::as_str) == Some("exit"));
        if !deliver(incoming) || exit {
            return;
        }
    }
}

/// One message, `None` at the end of the input; `Err` only when the input itself fails.
fn read(input: &mut impl BufRead) -> std::io::Result<Option<Incoming>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(Incoming::Malformed("a message without a valid Content-Length header".into())));
    };
    if length > MAX_MESSAGE {
        std::io::copy(&mut std::io::Read::take(&mut *input, length as u64), &mut std::io::sink())?;
        return Ok(Some(Incoming::Malformed(format!("a message of {length} bytes, over the limit of {MAX_MESSAGE}"))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(match serde_json::from_slice::<Value>(&body) {
        Ok(value) if value.is_object() => Incoming::Message(value),
        Ok(_) => Incoming::Malformed("a message that is not a JSON object".into()),
        Err(error) => Incoming::Malformed(format!("a message that is not JSON: {error}")),
    }))
}

pub fn write(out: &mut impl Write, message: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(message)?;
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(&body)?;
    out.flush()
}

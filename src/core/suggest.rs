//! Did-you-mean: the closest known name to a misspelt one.

/// "unknown {what} `{input}`; did you mean `{closest}`?", or, with no close candidate,
/// "unknown {what} `{input}`; {otherwise}": every door's message for a misspelt name.
pub fn unknown<'a>(
    what: &str,
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match closest(input, candidates) {
        Some(s) => format!("unknown {what} `{input}`; did you mean `{s}`?"),
        None => format!("unknown {what} `{input}`; {}", otherwise()),
    }
}

/// The candidate closest to `input`: a case-insensitive match first, else the nearest by edit
/// distance, if it is near enough to be a plausible typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(input)) {
        return Some(same);
    }
    let lower = input.to_ascii_lowercase();
    let limit = (input.chars().count() / 3).clamp(1, 3);
    let near = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c);
    // `hostName` for `host`: a known name the input starts or ends with.
    near.or_else(|| {
        candidates
            .iter()
            .filter(|c| c.len() >= 4)
            .filter(|c| {
                let c = c.to_ascii_lowercase();
                lower.starts_with(&c) || lower.ends_with(&c) || c.starts_with(&lower)
            })
            .max_by_key(|c| c.len())
            .copied()
    })
}

/// Whether `a` and `b` differ only in letter case.
pub fn case_only(a: &str, b: &str) -> bool {
    a != b && a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_plausible_names() {
        let auth = ["userPassword", "keyPair", "oAuthClientCredentials"];
        assert_eq!(closest("keypair", auth), Some("keyPair"));
        assert_eq!(closest("userPasword", auth), Some("userPassword"));
        assert_eq!(closest("password", auth), None);
        assert_eq!(closest("hostName", ["host", "port"]), Some("host"));
        assert_eq!(closest("hostName", ["hostname", "port"]), Some("hostname"));
        assert_eq!(closest("workspace", ["workspaces", "warehouse"]), Some("workspaces"));
        assert!(case_only("keypair", "keyPair"));
    }
}

//! A Databricks compute's HTTP path: `/sql/1.0/warehouses/<id>` (older `/sql/1.0/endpoints/<id>`)
//! or `[/]sql/protocolv1/o/<workspace-id>/<cluster-id>`. Sources: Databricks' connection-details
//! docs and its SQL connector [D forms]; Immuta's example without the leading `/` [D]; ID shapes [I].

use super::{all_digits, all_hex, strip_prefix_ignore_case};

/// What is wrong with an `httpPath`, and the path to write instead when it is mechanical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub what: &'static str,
    pub fixed: Option<String>,
}

pub fn check(text: &str) -> Option<Problem> {
    if well_formed(text) {
        return None;
    }
    let problem = |what, fixed: Option<String>| Some(Problem { what, fixed: fixed.filter(|f| well_formed(f)) });
    if let Some(rest) = strip_prefix_ignore_case(text, "https://").or_else(|| strip_prefix_ignore_case(text, "http://"))
    {
        let path = rest.find('/').map(|at| &rest[at..]).unwrap_or("");
        return problem("a whole URL, not only its path", Some(without_query(path).to_string()));
    }
    if let Some(at) = text.to_ascii_lowercase().find("httppath=") {
        let value = &text[at + "httppath=".len()..];
        let value = value.split(';').next().unwrap_or(value);
        return problem("a piece of a JDBC connection string", Some(value.to_string()));
    }
    if text.contains('\\') {
        return problem("written with backslashes", Some(text.replace('\\', "/")));
    }
    if text.contains(['?', '#']) {
        return problem("followed by a query", Some(without_query(text).to_string()));
    }
    if text.len() == 16 && all_hex(text) {
        return problem("only the warehouse ID", Some(format!("/sql/1.0/warehouses/{text}")));
    }
    if let Some(id) = text.strip_prefix("/sql/1.0/warehouse/") {
        return problem("`warehouse` where Databricks writes `warehouses`", Some(format!("/sql/1.0/warehouses/{id}")));
    }
    if text.starts_with("sql/1.0/") {
        return problem("missing its leading `/`", Some(format!("/{text}")));
    }
    if let Some(trimmed) = text.strip_suffix('/') {
        return problem("followed by a `/`", Some(trimmed.to_string()));
    }
    problem("not a form Databricks gives", None)
}

fn without_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

fn well_formed(path: &str) -> bool {
    if let Some(id) = path.strip_prefix("/sql/1.0/warehouses/").or_else(|| path.strip_prefix("/sql/1.0/endpoints/")) {
        return !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
    }
    let cluster = path.strip_prefix('/').unwrap_or(path);
    let Some(rest) = cluster.strip_prefix("sql/protocolv1/o/") else { return false };
    let Some((workspace, cluster_id)) = rest.split_once('/') else { return false };
    all_digits(workspace)
        && !cluster_id.is_empty()
        && cluster_id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_forms_are_fine() {
        for path in [
            "/sql/1.0/warehouses/0123456789abcdef",
            "/sql/1.0/endpoints/1234567890abcdef",
            "sql/protocolv1/o/0/0000-00000-abc123",
            "/sql/protocolv1/o/1234567890123456/1234-123456-slid123",
        ] {
            assert_eq!(check(path), None, "{path}");
        }
    }

    #[test]
    fn mistakes_are_named_with_the_path_to_write() {
        let fixed = |text: &str| check(text).and_then(|p| p.fixed);
        let warehouse = Some("/sql/1.0/warehouses/0123456789abcdef".to_string());
        assert_eq!(
            fixed("https://dbc-a1b2345c-d6e7.cloud.databricks.com/sql/1.0/warehouses/0123456789abcdef?o=1"),
            warehouse
        );
        assert_eq!(fixed("httpPath=/sql/1.0/warehouses/0123456789abcdef;ssl=1"), warehouse);
        assert_eq!(fixed("0123456789abcdef"), warehouse);
        assert_eq!(fixed("/sql/1.0/warehouse/0123456789abcdef"), warehouse);
        assert_eq!(fixed("sql/1.0/warehouses/0123456789abcdef"), warehouse);
        assert_eq!(fixed("\\sql\\1.0\\warehouses\\0123456789abcdef"), warehouse);
        assert_eq!(check("/sql/2.0/things"), Some(Problem { what: "not a form Databricks gives", fixed: None }));
    }
}

//! Ports: 1–65535 (RFC 793 leaves 0 reserved) [D], and each platform's usual port and allowed
//! ranges, from the table `crate::model::value_sites::PORTS`.

use crate::kind::Technology;
use crate::model::value_sites::{KNOWN_PORTS, PORTS, PortRule};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// 0: no TCP connection can be made to it.
    Zero,
    /// Not the platform's port; `known` names the system it usually belongs to.
    Unusual { rule: &'static PortRule, known: Option<&'static str> },
}

pub fn check(port: u64, technology: Technology) -> Option<Problem> {
    if port == 0 {
        return Some(Problem::Zero);
    }
    let rule = PORTS.iter().find(|r| r.technology == technology)?;
    let port = u16::try_from(port).ok()?;
    if port == rule.usual {
        return None;
    }
    let known = KNOWN_PORTS.iter().find(|(p, _)| *p == port).map(|(_, name)| *name);
    // PostgreSQL's 5432 is legal on a DC2 cluster, and a common slip everywhere else [I].
    let allowed = rule.allowed.iter().any(|(low, high)| (*low..=*high).contains(&port)) && known.is_none();
    (!allowed).then_some(Problem::Unusual { rule, known })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Technology::*;

    #[test]
    fn ports() {
        assert_eq!(check(443, Snowflake), None);
        assert_eq!(check(1433, Synapse), None);
        for fine in [5439, 5431, 8200, 9000] {
            assert_eq!(check(fine, Redshift), None, "{fine}");
        }
        assert_eq!(check(0, Redshift), Some(Problem::Zero));
        assert!(matches!(
            check(5439, Snowflake),
            Some(Problem::Unusual { known: Some("Redshift's default port"), .. })
        ));
        assert!(matches!(check(1433, Snowflake), Some(Problem::Unusual { known: Some(_), .. })));
        assert!(matches!(check(5432, Redshift), Some(Problem::Unusual { known: Some(_), .. })));
        assert!(matches!(check(1000, Redshift), Some(Problem::Unusual { known: None, .. })));
        assert_eq!(check(9999, Trino), None);
    }
}

//! Fields that a connection payload states twice, once in `connection` and once in
//! `nativeIntegration`, which must agree: worked out from the catalogue's `x-twin` keywords (on
//! the `nativeIntegration` side; an object's twin makes each of its members the twin of the same
//! member). Source: the connection registration pages (Snowflake, Databricks Unity Catalog) [D],
//! immuta-payloads.md §3.6.

use crate::kind::Technology;
use crate::model::catalogue::{FACTS, technology};
use std::sync::OnceLock;

/// The field that picks the technology. Its twin must agree whatever the technology (X1 [D]),
/// even one with no documented fields: the pair does not depend on the variant it chooses.
pub const TECHNOLOGY: &str = "/connection/technology";

/// Two fields that must be equal.
pub struct Twin {
    /// The `connection` side.
    pub connection: &'static str,
    /// The `nativeIntegration` side.
    pub native: &'static str,
    /// The technologies whose payloads have the pair; `None`: every technology.
    pub technologies: Option<Vec<Technology>>,
}

impl Twin {
    pub fn holds_for(&self, technology: Option<Technology>) -> bool {
        match &self.technologies {
            None => true,
            Some(list) => technology.is_some_and(|t| list.contains(&t)),
        }
    }
}

/// The scalar twins (an object's twin is compared member by member).
pub fn twins() -> &'static [Twin] {
    static TWINS: OnceLock<Vec<Twin>> = OnceLock::new();
    TWINS.get_or_init(|| {
        let mut twins: Vec<Twin> = Vec::new();
        for fact in FACTS.iter().filter(|f| !f.object) {
            let (Some(connection), Some(technology)) = (fact.twin, technology(fact)) else { continue };
            match twins.iter_mut().find(|t| t.connection == connection && t.native == fact.pointer) {
                Some(Twin { technologies: Some(list), .. }) if !list.contains(&technology) => list.push(technology),
                Some(_) => {}
                None => twins.push(Twin {
                    connection,
                    native: fact.pointer,
                    technologies: (connection != TECHNOLOGY).then(|| vec![technology]),
                }),
            }
        }
        twins
    })
}

/// Key objects that the script request writes as plain strings and a connection's
/// `nativeIntegration.config` wants as the same object as in `connection`: `(connection side,
/// nativeIntegration side)`.
pub fn object_twins() -> impl Iterator<Item = (&'static str, &'static str)> {
    FACTS.iter().filter(|f| f.object && f.key.is_some()).filter_map(|f| Some((f.twin?, f.pointer)))
}

/// The `connection` side of a `nativeIntegration` pointer, if the two must agree.
pub fn twin_of(native: &str, technology: Option<Technology>) -> Option<&'static str> {
    twins().iter().find(|t| t.native == native && t.holds_for(technology)).map(|t| t.connection)
}

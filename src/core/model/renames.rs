//! Members the docs rename between the script request and a connection's `nativeIntegration`.
//! Source: the Databricks Unity Catalog connection page [D].

/// A member called `from` in the object at `parent` is called `to` there.
pub struct Rename {
    pub parent: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub why: &'static str,
}

pub const RENAMED: &[Rename] = &[Rename {
    parent: "/nativeIntegration/config",
    from: "workspaceUrl",
    to: "host",
    why: "the script request's workspaceUrl becomes host in nativeIntegration.config (the same value as connection.hostname)",
}];

/// The rename of member `from` of the object at `parent`, if the docs name one.
pub fn renamed_from(parent: &str, from: &str) -> Option<&'static Rename> {
    RENAMED.iter().find(|r| r.parent == parent && r.from == from)
}

/// The rename that produces member `to` of the object at `parent`, if the docs name one.
pub fn renamed_to(parent: &str, to: &str) -> Option<&'static Rename> {
    RENAMED.iter().find(|r| r.parent == parent && r.to == to)
}

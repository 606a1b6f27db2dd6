//! The domain facts, in tables, in one place: which fields are twins, which were renamed, where keys
//! live, which names are secrets, what a placeholder looks like, and the bounds every door shares.
//! Rules and readers read them; none of them is written a second time anywhere else.

pub mod across;
pub mod catalogue;
pub mod key_sites;
pub mod limits;
pub mod placeholders;
pub mod renames;
pub mod secret_names;
pub mod templates;
pub mod twins;
pub mod value_sites;

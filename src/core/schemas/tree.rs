//! The tree the readers build, as a JSON representation jsonschema's validators read in place
//! (`jsonschema::json::Json`), so that a check makes no `serde_json::Value` copy of the payload.
//!
//! It reads the tree as the copy did: an unreadable or template value is `null`, and an object
//! with a repeated member name has one member of that name, the last (as `Node::get` has it).
//! The validator checks a variant as `{"<variant>": payload}`: [`Instance::Variant`] is that
//! one-member object, made of the name and a reference, not built.

use crate::document::{Member, Node, Value};
use jsonschema::JsonType;
use jsonschema::json::{Array, Json, Node as JsonNode, NodeIdentity, Object};
use serde_json::{Map, Number, Value as JsonValue};
use std::borrow::Cow;
use std::collections::HashMap;

/// The representation: nodes of the tree the readers build.
pub struct Tree;

impl Json for Tree {
    type Node<'a> = Instance<'a>;
    // Borrowed from the schema's literal in the generated code (`backend = Tree` makes it with
    // `From<&'static str>`); owned only for jsonschema's runtime, which the engine does not use.
    type PreparedKey = Cow<'static, str>;
    type StringBuffer = ();

    fn prepare_key(key: &str) -> Cow<'static, str> {
        Cow::Owned(key.to_owned())
    }

    // Only `propertyNames` reads a name as a node, and no schema of the engine has it.
    fn with_string_node<T>(_: &mut (), string: &str, f: impl FnOnce(Instance<'_>) -> T) -> T {
        let node = Node::new(Value::String(string), crate::diagnostic::Span::empty(0));
        f(Instance::Node(&node))
    }
}

/// A node as the validators see it.
#[derive(Debug, Clone, Copy)]
pub enum Instance<'a> {
    /// `{"<name>": payload}`: the one-member object the variants are checked in.
    Variant {
        name: &'a str,
        payload: &'a Node<'a>,
    },
    Node(&'a Node<'a>),
}

impl<'a> JsonNode<'a, Tree> for Instance<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match *self {
            Instance::Variant { name, payload } => Some(Members::Variant { name, payload }),
            Instance::Node(node) => match &node.value {
                Value::Object(_) => Some(Members::Of(node)),
                _ => None,
            },
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match self.node()?.value {
            Value::Array(items) => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self.node()?.value {
            Value::String(text) => Some(Cow::Borrowed(text)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self.node()?.value {
            Value::Number(ref number) => Some(number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        self.node()?.as_bool()
    }

    fn is_null(&self) -> bool {
        self.json_type() == JsonType::Null
    }

    fn json_type(&self) -> JsonType {
        let Instance::Node(node) = self else { return JsonType::Object };
        match node.value {
            Value::Null | Value::Invalid | Value::Template => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    // `const` and `enum` compare scalars: no copy of the node for those.
    fn equals_value(&self, expected: &JsonValue) -> bool {
        let Some(node) = self.node() else { return jsonschema::json::cmp::equal(&self.to_value(), expected) };
        match (&node.value, expected) {
            (Value::String(text), JsonValue::String(want)) => text == want,
            (Value::Bool(b), JsonValue::Bool(want)) => b == want,
            (Value::Null | Value::Invalid | Value::Template, JsonValue::Null) => true,
            (Value::Number(number), JsonValue::Number(_)) => {
                jsonschema::json::cmp::equal(&JsonValue::Number(number.clone()), expected)
            }
            (Value::Array(_) | Value::Object(_), JsonValue::Array(_) | JsonValue::Object(_)) => {
                jsonschema::json::cmp::equal(&node.to_json(), expected)
            }
            _ => false,
        }
    }

    fn to_value(&self) -> Cow<'a, JsonValue> {
        Cow::Owned(match *self {
            Instance::Variant { name, payload } => {
                JsonValue::Object(Map::from_iter([(name.to_string(), payload.to_json())]))
            }
            Instance::Node(node) => node.to_json(),
        })
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(match *self {
            Instance::Variant { payload, .. } => NodeIdentity::tagged(std::ptr::from_ref(payload) as usize, 1),
            Instance::Node(node) => NodeIdentity::new(std::ptr::from_ref(node) as usize),
        })
    }
}

impl<'a> Instance<'a> {
    fn node(&self) -> Option<&'a Node<'a>> {
        match *self {
            Instance::Node(node) => Some(node),
            Instance::Variant { .. } => None,
        }
    }
}

/// An object's members, one per name.
#[derive(Debug, Clone, Copy)]
pub enum Members<'a> {
    Variant { name: &'a str, payload: &'a Node<'a> },
    Of(&'a Node<'a>),
}

impl<'a> Object<'a, Tree> for Members<'a> {
    type Node = Instance<'a>;
    type MemberName = &'a str;
    type MembersIter = MembersIter<'a>;

    fn len(&self) -> usize {
        match *self {
            Members::Variant { .. } => 1,
            Members::Of(node) if node.has_duplicate_names() => last_of_each_name(node.members()).len(),
            Members::Of(node) => node.members().len(),
        }
    }

    fn get(&self, key: &Cow<'static, str>) -> Option<Instance<'a>> {
        match *self {
            Members::Variant { name, payload } => (name == &**key).then_some(Instance::Node(payload)),
            Members::Of(node) => node.get(key).map(Instance::Node),
        }
    }

    fn members(&self) -> MembersIter<'a> {
        match *self {
            Members::Variant { name, payload } => MembersIter::One(Some((name, payload))),
            Members::Of(node) if node.has_duplicate_names() => {
                MembersIter::Last(last_of_each_name(node.members()).into_iter())
            }
            Members::Of(node) => MembersIter::All(node.members().iter()),
        }
    }
}

/// The members that are the last of their name, in the order they were written.
fn last_of_each_name<'a>(members: &'a [Member<'a>]) -> Vec<&'a Member<'a>> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(members.len());
    for (index, member) in members.iter().enumerate() {
        last.insert(member.key, index);
    }
    members.iter().enumerate().filter(|(index, member)| last[member.key] == *index).map(|(_, m)| m).collect()
}

pub enum MembersIter<'a> {
    One(Option<(&'a str, &'a Node<'a>)>),
    All(std::slice::Iter<'a, Member<'a>>),
    Last(std::vec::IntoIter<&'a Member<'a>>),
}

impl<'a> Iterator for MembersIter<'a> {
    type Item = (&'a str, Instance<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let member = match self {
            MembersIter::One(one) => return one.take().map(|(name, payload)| (name, Instance::Node(payload))),
            MembersIter::All(members) => members.next()?,
            MembersIter::Last(members) => members.next()?,
        };
        Some((member.key, Instance::Node(&member.value)))
    }
}

/// An array's items.
#[derive(Debug, Clone, Copy)]
pub struct Items<'a>(&'a [Node<'a>]);

impl<'a> Array<'a, Tree> for Items<'a> {
    type Node = Instance<'a>;
    type ElementsIter = std::iter::Map<std::slice::Iter<'a, Node<'a>>, fn(&'a Node<'a>) -> Instance<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.iter().map(Instance::Node)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Problem;
    use super::super::compiled;
    use crate::input::json::parse;

    fn port_problems(text: &str) -> Vec<(String, Problem)> {
        let arena = crate::document::Arena::new();
        let payload = parse(text, &arena).root.expect("a JSON value");
        let violations = compiled("integration-redshift-userPassword").expect("compiles").violations(&payload);
        violations.into_iter().map(|v| (v.pointer, v.problem)).collect()
    }

    fn redshift(port_members: &str) -> String {
        format!(
            r#"{{"type": "Redshift", "autoBootstrap": true, "config": {{"host": "h", "database": "d",
            "initialDatabase": "i", "authenticationType": "userPassword", "username": "u", "password": "p",
            {port_members}}}}}"#
        )
    }

    /// A repeated name is one member for the validators, the last, as `Node::get` reads it.
    #[test]
    fn the_validators_read_the_last_member_of_a_repeated_name() {
        assert_eq!(port_problems(&redshift(r#""port": "x", "port": 5439"#)), vec![]);
        assert_eq!(
            port_problems(&redshift(r#""port": 5439, "port": "x""#)),
            vec![("/config/port".to_string(), Problem::WrongType(vec!["integer".into()]))]
        );
    }

    /// An unknown name written twice is one unknown member.
    #[test]
    fn a_repeated_unknown_name_is_one_unknown_member() {
        let problems = port_problems(&redshift(r#""port": 5439, "bogus": 1, "bogus": 2"#));
        assert_eq!(problems, vec![("/config".to_string(), Problem::Unknown(vec!["bogus".into()]))]);
    }

    /// Unreadable and template values are `null` to the validators, as in the copy they read before.
    #[test]
    fn an_unreadable_value_is_null_to_the_validators() {
        let problems = port_problems(&redshift(r#""port": <port>"#));
        assert_eq!(problems, vec![("/config/port".to_string(), Problem::WrongType(vec!["integer".into()]))]);
    }
}

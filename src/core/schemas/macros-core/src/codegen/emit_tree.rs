//! Emitter for validators that read any `jsonschema::json::Json` representation: the fork's one
//! addition (immuta-preflight). Built from the PyO3 emitter, which already reads its nodes through
//! the representation traits; what was PyO3's own (interned keys, `narrow_*`, the GIL, the read
//! error scope) is done here through the traits, and one more bound: the representation's
//! `PreparedKey` is made from a schema's literal name with `From<&'static str>`. The
//! representation is the type named `__ValidatorJson` where the validator is declared; its nodes
//! are passed by value (`Clone` is cheap for every representation).
#![allow(clippy::needless_pass_by_value)]

use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens};
use referencing::Draft;

use super::emit::ValueEmitter;
use crate::context::MethodGates;

pub(crate) struct TreeEmitter;

impl ValueEmitter for TreeEmitter {
    fn node_param(lifetime: Option<TokenStream>) -> TokenStream {
        if let Some(lifetime) = lifetime {
            quote! { __Value<#lifetime> }
        } else {
            quote! { __Value<'_> }
        }
    }

    fn map_param() -> TokenStream {
        quote! { __Map<'_> }
    }

    fn array_param() -> TokenStream {
        quote! { __Array<'_> }
    }

    fn instance_is_string() -> TokenStream {
        quote! { __NodeExt::is_string(&instance) }
    }

    fn instance_is_number() -> TokenStream {
        quote! { __NodeExt::is_number(&instance) }
    }

    fn instance_is_boolean() -> TokenStream {
        quote! { (__NodeExt::json_type(&instance) == __JT::Boolean) }
    }

    fn instance_is_null() -> TokenStream {
        quote! { __NodeExt::is_null(&instance) }
    }

    fn instance_is_array() -> TokenStream {
        quote! { (__NodeExt::json_type(&instance) == __JT::Array) }
    }

    fn instance_is_object() -> TokenStream {
        quote! { (__NodeExt::json_type(&instance) == __JT::Object) }
    }

    fn instance_as_bool() -> TokenStream {
        quote! { __NodeExt::as_boolean(&instance) }
    }

    fn instance_as_str() -> TokenStream {
        quote! { __NodeExt::as_string(&instance).as_deref() }
    }

    // `JsonType` dispatch binds no number, so the guard reads one.
    fn integer_number_guard(draft: Draft) -> TokenStream {
        if matches!(draft, Draft::Draft4) {
            quote! {
                __NodeExt::as_number(&instance)
                    .is_some_and(|__number| __NumberExt::is_written_as_integer(&__number))
            }
        } else {
            quote! {
                __NodeExt::as_number(&instance)
                    .is_some_and(|__number| __NumberExt::is_integer(&__number))
            }
        }
    }

    fn instance_is_integer(draft: Draft) -> TokenStream {
        Self::integer_number_guard(draft)
    }

    // A declining accessor records an error and the arm yields the type's zero; the recorded
    // error wins at the entry point.
    fn match_string_arm(body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::String => match __NodeExt::as_string(&instance) {
                Some(__text) => { let s: &str = &__text; #body }
                None => Default::default(),
            }
        }
    }

    fn match_number_arm(body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::Number => match __NodeExt::as_number(&instance) {
                Some(__number) => {
                    let __number = __NumberExt::to_number(&__number);
                    let n = &*__number;
                    #body
                }
                None => Default::default(),
            }
        }
    }

    fn match_boolean_arm(body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::Boolean => match __NodeExt::as_boolean(&instance) {
                Some(__boolean) => { let b = &__boolean; #body }
                None => Default::default(),
            }
        }
    }

    fn match_integer_arm(guard: impl ToTokens, body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::Number if #guard => match __NodeExt::as_number(&instance) {
                Some(__number) => {
                    let __number = __NumberExt::to_number(&__number);
                    let n = &*__number;
                    #body
                }
                None => Default::default(),
            }
        }
    }

    fn match_array_arm(body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::Array => match __NodeExt::as_array(&instance) {
                Some(arr) => { #body }
                None => Default::default(),
            }
        }
    }

    fn match_object_arm(body: impl ToTokens) -> TokenStream {
        quote! {
            __JT::Object => match __NodeExt::as_object(&instance) {
                Some(obj) => { #body }
                None => Default::default(),
            }
        }
    }

    fn string_as_str(string_expr: impl ToTokens) -> TokenStream {
        quote! { (&*#string_expr) }
    }

    fn array_len(array_expr: impl ToTokens) -> TokenStream {
        quote! { __ArrayExt::len(&#array_expr) }
    }

    fn array_get(array_expr: impl ToTokens, index: usize) -> TokenStream {
        quote! { __ArrayExt::elements(&#array_expr).nth(#index) }
    }

    fn array_iter(array_expr: impl ToTokens) -> TokenStream {
        quote! { __ArrayExt::elements(&#array_expr) }
    }

    fn object_len(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::len(&#object_expr) }
    }

    fn object_contains_key(object_expr: impl ToTokens, key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! { __ObjectExt::get(&#object_expr, #key).is_some() }
    }

    fn object_iter_all(object_expr: impl ToTokens, body: impl ToTokens) -> TokenStream {
        quote! {
            __ObjectExt::members(&#object_expr).all(|(key, instance)| {
                #body
            })
        }
    }

    fn object_get(object_expr: impl ToTokens, key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! { __ObjectExt::get(&#object_expr, #key) }
    }

    fn object_iter_entries(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::members(&#object_expr) }
    }

    fn object_keys_iter(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::members(&#object_expr).map(|(__name, _)| __name) }
    }

    fn object_keys_all_strings(keys_iter: impl ToTokens, body: impl ToTokens) -> TokenStream {
        quote! { #keys_iter.all(|__name| { let s: &str = &__name; #body }) }
    }

    // `propertyNames` would need a node made from a name; no schema of the engine uses it.
    fn declare_key_node(_key_expr: impl ToTokens) -> TokenStream {
        quote! { compile_error!("`propertyNames` is not supported by `backend = Tree`"); }
    }

    fn key_node_expr(_key_expr: impl ToTokens) -> TokenStream {
        quote! { compile_error!("`propertyNames` is not supported by `backend = Tree`") }
    }

    fn key_as_str(key_expr: impl ToTokens) -> TokenStream {
        quote! { (&*#key_expr) }
    }

    fn key_as_value_ref(_key_expr: impl ToTokens) -> TokenStream {
        quote! { compile_error!("`propertyNames` is not supported by `backend = Tree`") }
    }

    // Python strings always borrow, so the discriminator lives as long as the instance.
    // A discriminator must outlive the node handle: only a borrowed name qualifies.
    fn instance_object_property_as_str(key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! {
            __NodeExt::as_object(&instance)
                .and_then(|__object| __ObjectExt::get(&__object, #key))
                .and_then(|__value| match __NodeExt::as_string(&__value) {
                    Some(::std::borrow::Cow::Borrowed(__text)) => Some(__text),
                    _ => None,
                })
        }
    }

    fn instance_object_property_as_bool(key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! {
            __NodeExt::as_object(&instance)
                .and_then(|__object| __ObjectExt::get(&__object, #key))
                .and_then(|__value| __NodeExt::as_boolean(&__value))
        }
    }

    // `const: 1` matches `1.0`: integral floats map to the integer they equal.
    fn instance_object_property_as_i64(key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! {
            __NodeExt::as_object(&instance)
                .and_then(|__object| __ObjectExt::get(&__object, #key))
                .and_then(|__value| __NodeExt::as_number(&__value))
                .and_then(|__number| {
                    __NumberExt::as_i64(&__number).or_else(|| {
                        __NumberExt::as_f64(&__number).and_then(|float| {
                            (float.fract() == 0.0
                                && float >= -9_223_372_036_854_775_808.0_f64
                                && float < 9_223_372_036_854_775_808.0_f64)
                                .then_some(float as i64)
                        })
                    })
                })
        }
    }

    fn pattern_string() -> TokenStream {
        quote! { __JT::String }
    }

    fn pattern_number() -> TokenStream {
        quote! { __JT::Number }
    }

    fn pattern_number_binding() -> TokenStream {
        quote! { __JT::Number }
    }

    fn pattern_integer(guard: impl ToTokens) -> TokenStream {
        quote! { __JT::Number if #guard }
    }

    fn pattern_array() -> TokenStream {
        quote! { __JT::Array }
    }

    fn pattern_object() -> TokenStream {
        quote! { __JT::Object }
    }

    fn pattern_boolean() -> TokenStream {
        quote! { __JT::Boolean }
    }

    fn pattern_null() -> TokenStream {
        quote! { __JT::Null }
    }

    fn object_get_dynamic(object_expr: impl ToTokens, key_expr: impl ToTokens) -> TokenStream {
        quote! {
            __ObjectExt::members(&#object_expr)
                .find(|(__name, _)| &**__name == #key_expr)
                .map(|(_, __value)| __value)
        }
    }

    fn object_is_empty(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::is_empty(&#object_expr) }
    }

    fn object_values_iter(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::members(&#object_expr).map(|(_, __value)| __value) }
    }

    fn array_iter_ref(array_expr: impl ToTokens) -> TokenStream {
        quote! { __ArrayExt::elements(&#array_expr) }
    }

    fn public_value_ty(_runtime_crate: &TokenStream, lifetime: impl ToTokens) -> TokenStream {
        quote! { <__ValidatorJson as jsonschema::json::Json>::Node<#lifetime> }
    }

    // Accessors record read failures in a scope; a recorded error outranks the run's result.
    fn entry_bodies(methods: MethodGates) -> TokenStream {
        let is_valid = methods.is_valid.then(|| {
            quote! {
                pub(super) fn entry_is_valid(instance: __Value<'_>) -> bool {
                    run_is_valid(instance)
                }
            }
        });
        let validate = methods.validate.then(|| {
            quote! {
                pub(super) fn entry_validate<'__i>(
                    instance: __Value<'__i>,
                ) -> ::std::result::Result<(), __VE<'__i>> {
                    match run_validate(instance) {
                        Some(e) => Err(e),
                        None => Ok(()),
                    }
                }
            }
        });
        let iter_errors = methods.iter_errors.then(|| {
            quote! {
                pub(super) fn entry_iter_errors<'__i>(instance: __Value<'__i>) -> __EI<'__i> {
                    __err::iterator_from(run_collect_errors(instance))
                }
            }
        });
        quote! {
            #is_valid
            #validate
            #iter_errors
        }
    }

    fn entry_points(
        impl_mod_name: &Ident,
        runtime_crate: &TokenStream,
        methods: MethodGates,
    ) -> TokenStream {
        let anonymous = Self::public_value_ty(runtime_crate, quote! { '_ });
        let borrowed = Self::public_value_ty(runtime_crate, quote! { '__i });
        let is_valid = methods.is_valid.then(|| {
            quote! {
                pub fn is_valid(instance: #anonymous) -> bool {
                    #impl_mod_name::entry_is_valid(instance)
                }
            }
        });
        let validate = methods.validate.then(|| {
            quote! {
                pub fn validate<'__i>(
                    instance: #borrowed,
                ) -> ::std::result::Result<(), #runtime_crate::ValidationError<'__i>> {
                    #impl_mod_name::entry_validate(instance)
                }
            }
        });
        let iter_errors = methods.iter_errors.then(|| {
            quote! {
                pub fn iter_errors<'__i>(
                    instance: #borrowed,
                ) -> #runtime_crate::ErrorIterator<'__i> {
                    #impl_mod_name::entry_iter_errors(instance)
                }
            }
        });
        quote! {
            #is_valid
            #validate
            #iter_errors
        }
    }

    // The representation's prepared key is made from the name in place (`From<&'static str>`,
    // which the representation's `PreparedKey` must have): a static per name, initialised on
    // first use, cost more code than every lookup it saved.
    fn declare_key(key: &str) -> TokenStream {
        quote! {
            &<<__Json as __json::Json>::PreparedKey as ::std::convert::From<&'static str>>::from(#key)
        }
    }

    fn key_to_owned(key_expr: impl ToTokens) -> TokenStream {
        quote! { #key_expr.to_string() }
    }

    fn module_prelude() -> TokenStream {
        quote! {
            use jsonschema::json as __json;
            use jsonschema::json::{
                Array as __ArrayExt, JsonNumber as __NumberExt, Node as __NodeExt,
                Object as __ObjectExt,
            };
            use std::sync::LazyLock as __Lazy;
            type __Json = super::__ValidatorJson;
            type __Value<'a> = <__Json as __json::Json>::Node<'a>;
            type __Map<'a> = <__Value<'a> as __NodeExt<'a, __Json>>::Object;
            type __Array<'a> = <__Value<'a> as __NodeExt<'a, __Json>>::Array;
        }
    }

    fn function_prelude() -> TokenStream {
        TokenStream::new()
    }

    fn sole_array_match(body: TokenStream, fallback: TokenStream) -> TokenStream {
        quote! {
            match __NodeExt::as_array(&instance) {
                Some(arr) => { #body }
                None => #fallback
            }
        }
    }

    fn sole_object_match(body: TokenStream, fallback: TokenStream) -> TokenStream {
        quote! {
            match __NodeExt::as_object(&instance) {
                Some(obj) => { #body }
                None => #fallback
            }
        }
    }

    fn type_match(scrutinee: impl ToTokens, arms: Vec<TokenStream>) -> TokenStream {
        quote! { match __NodeExt::json_type(&#scrutinee) { #(#arms)* } }
    }

    fn type_matches(patterns: Vec<TokenStream>) -> TokenStream {
        quote! { matches!(__NodeExt::json_type(&instance), #(#patterns)|*) }
    }

    fn array_is_unique(array_expr: impl ToTokens) -> TokenStream {
        quote! { __ArrayExt::is_unique(&#array_expr) }
    }

    fn instance_equals_value(expected_expr: impl ToTokens) -> TokenStream {
        quote! { __NodeExt::equals_value(&instance, #expected_expr) }
    }

    fn value_equals_instance(value_expr: impl ToTokens) -> TokenStream {
        quote! { __NodeExt::equals_value(&instance, #value_expr) }
    }

    fn key_as_string_subject(key_expr: impl ToTokens) -> TokenStream {
        quote! { (&*#key_expr) }
    }

    fn if_object(instance_expr: impl ToTokens, body: impl ToTokens) -> TokenStream {
        quote! { if let Some(obj) = __NodeExt::as_object(&#instance_expr) { #body } }
    }

    fn if_array(instance_expr: impl ToTokens, body: impl ToTokens) -> TokenStream {
        quote! { if let Some(arr) = __NodeExt::as_array(&#instance_expr) { #body } }
    }

    fn node_to_json_string(instance_expr: impl ToTokens) -> TokenStream {
        quote! { __NodeExt::to_value(&#instance_expr).to_string() }
    }

    fn node_address(instance_expr: impl ToTokens) -> TokenStream {
        quote! {
            __NodeExt::identity(&#instance_expr).map_or(0, |__identity| {
                use ::std::hash::{Hash as _, Hasher as _};
                let mut __hasher = ::std::collections::hash_map::DefaultHasher::new();
                __identity.hash(&mut __hasher);
                __hasher.finish() as usize
            })
        }
    }

    fn err_instance(instance_expr: impl ToTokens) -> TokenStream {
        quote! { __NodeExt::lazy_value(&#instance_expr) }
    }

    fn json_representation() -> TokenStream {
        quote! { __Json }
    }
}

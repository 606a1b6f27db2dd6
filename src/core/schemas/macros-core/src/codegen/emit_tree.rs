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
use super::emit_pyo3::Pyo3Emitter;
use crate::context::MethodGates;

/// The emitter's methods whose PyO3 form reads only through the representation traits: the
/// same code serves here.
macro_rules! same_as_pyo3 {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name($($arg: $ty),*) -> TokenStream {
            Pyo3Emitter::$name($($arg),*)
        })*
    };
}

pub(crate) struct TreeEmitter;

impl ValueEmitter for TreeEmitter {
    same_as_pyo3! {
        node_param(lifetime: Option<TokenStream>);
        map_param();
        array_param();
        instance_is_string();
        instance_is_number();
        instance_is_boolean();
        instance_is_null();
        instance_is_array();
        instance_is_object();
        instance_as_bool();
        instance_as_str();
        integer_number_guard(draft: Draft);
        match_string_arm(body: impl ToTokens);
        match_number_arm(body: impl ToTokens);
        match_boolean_arm(body: impl ToTokens);
        match_integer_arm(guard: impl ToTokens, body: impl ToTokens);
        string_as_str(string_expr: impl ToTokens);
        array_len(array_expr: impl ToTokens);
        array_get(array_expr: impl ToTokens, index: usize);
        array_iter(array_expr: impl ToTokens);
        object_len(object_expr: impl ToTokens);
        object_iter_all(object_expr: impl ToTokens, body: impl ToTokens);
        object_iter_entries(object_expr: impl ToTokens);
        object_keys_iter(object_expr: impl ToTokens);
        object_keys_all_strings(keys_iter: impl ToTokens, body: impl ToTokens);
        key_as_str(key_expr: impl ToTokens);
        pattern_string();
        pattern_number();
        pattern_number_binding();
        pattern_integer(guard: impl ToTokens);
        pattern_array();
        pattern_object();
        pattern_boolean();
        pattern_null();
        object_get_dynamic(object_expr: impl ToTokens, key_expr: impl ToTokens);
        object_is_empty(object_expr: impl ToTokens);
        array_iter_ref(array_expr: impl ToTokens);
        key_to_owned(key_expr: impl ToTokens);
        type_match(scrutinee: impl ToTokens, arms: Vec<TokenStream>);
        type_matches(patterns: Vec<TokenStream>);
        array_is_unique(array_expr: impl ToTokens);
        instance_equals_value(expected_expr: impl ToTokens);
        value_equals_instance(value_expr: impl ToTokens);
        key_as_string_subject(key_expr: impl ToTokens);
        if_object(instance_expr: impl ToTokens, body: impl ToTokens);
        if_array(instance_expr: impl ToTokens, body: impl ToTokens);
        node_to_json_string(instance_expr: impl ToTokens);
        err_instance(instance_expr: impl ToTokens);
        json_representation();
    }

    fn instance_is_integer(draft: Draft) -> TokenStream {
        Self::integer_number_guard(draft)
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

    fn object_contains_key(object_expr: impl ToTokens, key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! { __ObjectExt::get(&#object_expr, #key).is_some() }
    }

    fn object_get(object_expr: impl ToTokens, key: &str) -> TokenStream {
        let key = Self::declare_key(key);
        quote! { __ObjectExt::get(&#object_expr, #key) }
    }

    // `propertyNames` would need a node made from a name; no schema of the engine uses it.
    fn declare_key_node(_key_expr: impl ToTokens) -> TokenStream {
        quote! { compile_error!("`propertyNames` is not supported by `backend = Tree`"); }
    }

    fn key_node_expr(_key_expr: impl ToTokens) -> TokenStream {
        quote! { compile_error!("`propertyNames` is not supported by `backend = Tree`") }
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

    fn object_values_iter(object_expr: impl ToTokens) -> TokenStream {
        quote! { __ObjectExt::members(&#object_expr).map(|(_, __value)| __value) }
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
}

use crate::codegen::emit::ValueEmitter;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use referencing::Draft;
use serde_json::Value;
use syn::Ident;

use self::{
    draft::DraftExt,
    emit_root::emit_root_module,
    helpers::{
        collect_dynamic_anchor_bindings, get_or_create_item_eval_fn, get_or_create_key_eval_fn,
    },
    numeric::value_as_u64,
    regex::{compile_regex_match, translate_and_validate_regex, RegexSite},
};
use crate::context::{CodegenConfig, CompileContext};
use errors::{invalid_schema_minimum_expression, invalid_schema_type_expression};

mod dispatch;
mod draft;
pub(crate) mod emit;
pub(crate) mod emit_magnus;
pub(crate) mod emit_pyo3;
pub(crate) mod emit_tree;
mod emit_root;
pub(crate) mod emit_serde;
mod errors;
mod expr;
mod helpers;
mod keywords;
mod numeric;
mod object_schema;
mod refs;
mod regex;
mod stack_emit;

pub(crate) use expr::CompiledExpr;
pub(crate) use helpers::DynamicAnchorBinding;

/// Entry point: generate validator impl methods from a `CodegenConfig`.
///
/// # Errors
///
/// A meta-schema of the schema or of a referenced resource requires a vocabulary this crate does
/// not implement and the caller did not declare support for.
pub(crate) fn generate_from_config<E: ValueEmitter>(
    config: &CodegenConfig,
    recompile_trigger: &TokenStream,
    name: &Ident,
    impl_mod_name: &Ident,
) -> syn::Result<TokenStream> {
    let mut ctx = CompileContext::<E>::new(config);
    let validation_expr = compile_schema(&mut ctx, &config.schema);
    let recursive_stack_needed = ctx.uses_recursive_ref;
    let dynamic_stack_needed = ctx.uses_dynamic_ref;
    let root_recursive_anchor = recursive_stack_needed
        && config.draft.supports_recursive_ref_keyword()
        && config
            .schema
            .as_object()
            .and_then(|obj| obj.get("$recursiveAnchor"))
            .and_then(Value::as_bool)
            == Some(true);
    let root_key_eval_ident = if recursive_stack_needed {
        let name = get_or_create_key_eval_fn(
            &mut ctx,
            "__root_key_eval",
            &config.schema,
            config.base_uri.clone(),
        );
        Some(format_ident!("{}", name))
    } else {
        None
    };
    let root_item_eval_ident = if recursive_stack_needed {
        let name = get_or_create_item_eval_fn(
            &mut ctx,
            "__root_item_eval",
            &config.schema,
            config.base_uri.clone(),
        );
        Some(format_ident!("{}", name))
    } else {
        None
    };
    let root_dynamic_bindings = if dynamic_stack_needed {
        collect_dynamic_anchor_bindings(&mut ctx, config.base_uri.clone())
    } else {
        Vec::new()
    };
    if let Some(uri) = &ctx.undeclared_vocabulary {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("Unknown vocabulary: '{uri}' is required by the meta-schema. Adjust configuration to declare support for it"),
        ));
    }
    Ok(emit_root_module(
        &ctx,
        config.runtime_crate_alias.as_ref(),
        recompile_trigger,
        name,
        impl_mod_name,
        &validation_expr,
        recursive_stack_needed,
        dynamic_stack_needed,
        root_recursive_anchor,
        root_key_eval_ident.as_ref(),
        root_item_eval_ident.as_ref(),
        &root_dynamic_bindings,
    ))
}

// Draft 4 does not treat integer-valued floats like `-2.0` as integers.
// The `jsonschema` runtime helpers can't be reused here without a dependency cycle.
fn is_negative_integer_valued_number(draft: Draft, value: &Value) -> bool {
    if value.as_i64().is_some_and(|n| n < 0) {
        return true;
    }
    if matches!(draft, Draft::Draft4) {
        return false;
    }
    value
        .as_f64()
        .is_some_and(|n| n.is_finite() && n < 0.0 && n.fract() == 0.0)
}

pub(crate) fn parse_nonnegative_integer_keyword(
    draft: Draft,
    value: &Value,
) -> Result<u64, CompiledExpr> {
    if let Some(parsed) = value_as_u64(draft, value) {
        Ok(parsed)
    } else if is_negative_integer_valued_number(draft, value) {
        Err(invalid_schema_minimum_expression(value, "0"))
    } else {
        Err(invalid_schema_type_expression(value, &["integer"]))
    }
}

/// Compile a schema into validation code.
pub(crate) fn compile_schema<E: ValueEmitter>(
    ctx: &mut CompileContext<'_, E>,
    schema: &Value,
) -> CompiledExpr {
    let err_instance = E::err_instance(format_ident!("instance"));
    ctx.with_schema_scope(|ctx| match schema {
        Value::Bool(true) => CompiledExpr::always_true(),
        Value::Bool(false) => {
            let schema_path = ctx.current_schema_path().to_owned();
            CompiledExpr::with_validate_blocks(
                quote! { false },
                quote! {
                    return Some(__err::false_schema(
                        #schema_path, __path.into(), #err_instance,
                    ));
                },
            )
        }
        Value::Object(obj) => object_schema::compile_object_schema(ctx, obj),
        _ => invalid_schema_type_expression(schema, &["boolean", "object"]),
    })
}

use crate::codegen::emit::ValueEmitter;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::context::{CompileContext, PatternEngineConfig};

use super::{errors::invalid_regex_expression, CompiledExpr};

pub(super) fn translate_and_validate_regex<E: ValueEmitter>(
    ctx: &mut CompileContext<'_, E>,
    keyword: &str,
    pattern: &str,
) -> Result<String, CompiledExpr> {
    if let Some(cached) = ctx.translated_regex_cache.get(pattern) {
        return Ok(cached.clone());
    }
    let Ok(translated) = jsonschema_regex::to_rust_regex(pattern) else {
        return Err(invalid_regex_expression(keyword, pattern));
    };
    let translated = translated.into_owned();
    let valid = match ctx.config.pattern_options {
        PatternEngineConfig::FancyRegex {
            backtrack_limit,
            size_limit,
            dfa_size_limit,
        } => {
            let mut builder = fancy_regex::RegexBuilder::new(&translated);
            if let Some(limit) = backtrack_limit {
                builder.backtrack_limit(limit);
            }
            if let Some(limit) = size_limit {
                builder.delegate_size_limit(limit);
            }
            if let Some(limit) = dfa_size_limit {
                builder.delegate_dfa_size_limit(limit);
            }
            builder.build().is_ok()
        }
        PatternEngineConfig::Regex {
            size_limit,
            dfa_size_limit,
        } => {
            let mut builder = regex::RegexBuilder::new(&translated);
            if let Some(limit) = size_limit {
                builder.size_limit(limit);
            }
            if let Some(limit) = dfa_size_limit {
                builder.dfa_size_limit(limit);
            }
            builder.build().is_ok()
        }
    };
    if !valid {
        return Err(invalid_regex_expression(keyword, pattern));
    }
    ctx.translated_regex_cache
        .insert(pattern.to_string(), translated.clone());
    Ok(translated)
}

fn get_or_create_regex_helper<E: ValueEmitter>(
    ctx: &mut CompileContext<'_, E>,
    pattern: &str,
) -> proc_macro2::Ident {
    if let Some(name) = ctx.regex_to_helper.get(pattern) {
        return format_ident!("{}", name);
    }
    let name = format!("__jsonschema_regex_{}", ctx.regex_counter);
    ctx.regex_counter += 1;
    ctx.regex_to_helper
        .insert(pattern.to_string(), name.clone());
    ctx.regex_helpers.push((name.clone(), pattern.to_string()));
    format_ident!("{}", name)
}

/// Where a regex match happens, for reporting a match `fancy-regex` cannot finish.
pub(super) struct RegexSite<'a> {
    pub(super) schema_path: &'a str,
    /// The `pattern` keyword's source pattern.
    pub(super) pattern: Option<&'a str>,
    /// Emitted into `validate` or `collect_errors` code, where `__path` is the instance location.
    pub(super) located: bool,
}

pub(super) fn compile_regex_match<E: ValueEmitter>(
    ctx: &mut CompileContext<'_, E>,
    pattern: &str,
    subject: &TokenStream,
    site: &RegexSite<'_>,
) -> TokenStream {
    let helper = get_or_create_regex_helper(ctx, pattern);
    match ctx.config.pattern_options {
        PatternEngineConfig::FancyRegex { .. } => {
            let schema_path = site.schema_path;
            let source = site
                .pattern
                .map_or_else(|| quote! { None }, |p| quote! { Some(#p) });
            let instance_path = if site.located {
                quote! { Some(__path) }
            } else {
                quote! { None }
            };
            quote! { #helper(#subject, #schema_path, #source, #instance_path) }
        }
        PatternEngineConfig::Regex { .. } => quote! { #helper(#subject) },
    }
}

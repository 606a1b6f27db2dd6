//! Rule `curl-command`: problems with a pasted curl command itself (not its body).

use super::{Code, Context, Doc, Sink, Subject};
use crate::diagnostic::Diagnostic;
use crate::input::Problem;

pub const DOC: Doc = Doc {
    summary: "A pasted curl command has no body, reads it from a file, or calls an endpoint this tool does not check.",
    body: r#"## What it checks
When the input is a whole `curl` command, that it carries its body inline (`-d '...'`,
`--data`, `--data-raw`, `--data-binary` or `--json`), and that its method and URL name an endpoint
whose body is checked: `POST /integrations`, `PUT /integrations/{id}`,
`POST /integrations/scripts/create`, `POST /integrations/scripts/initial-create` (the first script
for Azure Synapse Analytics and Redshift, its body checked as a script request's [I]),
`POST /data/connection`, `POST /data/connection/test` and `PUT /data/connection/{connectionKey}`.
An integration's `{id}` is any path segment (Immuta's ids are digit strings, `"id": "1"`). The
method and URL also decide the payload kind.

## Why
A command without a body sends nothing to check, and a body read from a file (`-d @payload.json`)
has to be checked as that file.

## Example
```sh
curl -X POST https://example.immuta.com/data/connection -d @payload.json
```

## Fix
Check the file itself (`immuta-preflight check payload.json --kind connection`), or paste the body
inline. For endpoints outside the list, pass `--kind` to check the body as one of the known kinds.
"#,
};

pub fn check(ctx: &Context, sink: &mut Sink) {
    for problem in ctx.problems {
        match problem {
            Problem::NoBody { span } => sink.push(
                Diagnostic::new(Code::CurlCommand, "", *span, "this curl command has no request body to check")
                    .with_help("add the body with -d '{...}', or check the payload file directly"),
            ),
            Problem::BodyInFile { span, file } => {
                let file = super::truncate(file, 120);
                sink.push(
                    Diagnostic::new(
                        Code::CurlCommand,
                        "",
                        *span,
                        format!("the body is read from the file `{file}`, which is not part of this input"),
                    )
                    .with_help(format!("check that file instead: immuta-preflight check {file}")),
                );
            }
            Problem::SeveralBodies { span } => sink.push(
                Diagnostic::new(
                    Code::CurlCommand,
                    "",
                    *span,
                    "more than one -d option: curl joins them with `&`, which breaks a JSON body; only the first is checked",
                )
                .as_warning()
                .with_help("send the whole payload in a single -d option"),
            ),
            _ => {}
        }
    }
    if let Subject::UnsupportedEndpoint { span, endpoint } = ctx.subject {
        sink.push(
            Diagnostic::new(
                Code::CurlCommand,
                "",
                *span,
                format!("`{endpoint}` is not an endpoint whose body this tool checks; only its syntax was checked"),
            )
            .as_note()
            .with_help(
                "pass --kind integration, integration-script, connection or connection-update to check the body anyway",
            ),
        );
    }
}

//! The demo project's summary, as a report would print it: reviewed like code when it changes.

use std::path::Path;

use behov::model::Lang;
use behov::report::render::{self, Export, Format};
use behov::report::{self, Options};
use behov::store::Store;

#[test]
fn demo_summary_by_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let project = Store::open_read_only(&root).unwrap().project;
    // As `behov summary --by type` counts: complete interviews only.
    let options = Options {
        filter: report::Filter {
            status: Some(behov::model::Status::Complete),
            ..report::Filter::default()
        },
        by: Some("type".into()),
        lang: Lang::Sv,
        ..Options::default()
    };
    let summary = report::summarise(&project, &options).unwrap();
    let export = Export {
        format: Format::Markdown,
        table: None,
        csv: Default::default(),
    };
    let text = String::from_utf8(render::export(&summary, &export).unwrap()).unwrap();
    insta::assert_snapshot!(text);
}

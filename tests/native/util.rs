//! Helpers the native tests share: paths into the repository (whatever the working
//! directory), reading its test data, and the proptest configuration.

use std::path::PathBuf;

use proptest::test_runner::{Config, FileFailurePersistence};

/// A file of the repository, by its path from the root (`tests/data/...`).
pub fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A text file of the repository; panics naming it when it cannot be read.
pub fn read(rel: &str) -> String {
    let p = path(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `cases` cases, and failures kept beside the test's source file
/// (`import_export.rs` -> `import_export.proptest-regressions`, checked in). The default
/// would put them in `tests/proptest-regressions/`, since this directory has a `main.rs`.
pub fn proptest_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    }
}

//! `skip_serializing_if` predicates shared by the serialised types (the export and the
//! stored annotations), so each is written once.

/// Leaves a `false` flag out of the JSON.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// Leaves a zero (an unknown time) out of the JSON.
pub(crate) fn is_zero(n: &u64) -> bool {
    *n == 0
}

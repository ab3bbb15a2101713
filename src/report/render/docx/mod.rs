//! The Word report.

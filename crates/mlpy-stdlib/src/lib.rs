//! mlpy-stdlib

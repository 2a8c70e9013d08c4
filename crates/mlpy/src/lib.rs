//! mlpy

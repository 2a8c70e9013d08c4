//! mlpy-vm

"""Reliability and safety suite: hostile inputs, network faults, crashes, safe outputs."""

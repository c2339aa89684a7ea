"""Builds the Privacy Guard for Claude extension from the facts in policy_data/."""

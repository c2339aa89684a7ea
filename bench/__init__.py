"""Performance benchmark of the content script on a streaming claude.ai chat (issue #6)."""

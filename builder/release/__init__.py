"""`make release`: every file the two stores take for one tagged version, checked, sent nowhere."""

"""Drivers that load the built extension into real browsers and serve fixtures as claude.ai."""

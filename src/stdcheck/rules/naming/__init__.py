"""Naming rules (STD2xx): styles, scopes and the rename fix."""

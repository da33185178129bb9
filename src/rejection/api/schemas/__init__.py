"""Schemas in and out of the JSON API; strict on input, explicit on output."""

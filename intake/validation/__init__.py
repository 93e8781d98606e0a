"""Checking a read file completely before anything is written: :func:`.check.validate`."""

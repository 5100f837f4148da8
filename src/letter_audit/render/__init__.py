"""Renderers: format a Report, never compute one."""

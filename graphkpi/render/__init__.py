"""Turning findings and graph facts into what people read: text, JSON, CSV, views, reports."""

"""Bytes in, extracted tables out.

Must not import model/, gui/, PySide6 or sqlalchemy: parsers are pure and can run
in a worker process.
"""

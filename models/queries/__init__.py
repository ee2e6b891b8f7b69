"""Small query functions, one module per area.

Each takes the session first and keyword-only arguments after it; they may
``flush()`` but never ``commit()``: the handler or job owns the transaction.
"""

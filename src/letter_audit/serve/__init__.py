"""The local web page for practice staff (``letter-audit serve``): an inbox and a page per letter.

A caller of ``audit()`` like ``batch``; it keeps reports in the same results store and its own inbox
table beside them. ``app.create_app`` builds the page; ``security`` keeps it on this machine. Nothing
is imported here so that ``letter-audit --help`` stays fast.
"""

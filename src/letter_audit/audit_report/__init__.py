"""The trust's audit report: aggregate stored reports (``aggregate``), then render (HTML, CSV, JSON).

Aggregation is pure functions over report dicts; renderers format the summary and never compute.
``rows`` holds the one-row-per-letter table shape shared by batch CSV, the store and Spark.
"""

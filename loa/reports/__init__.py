"""Reports for the Union's 6-month (15/5) and yearly (15/10) returns.

`loa report` (loa/adapters/cli_report.py) is a thin layer over these pure
modules: period.py (which days a report covers), access.py (reading
figures from web server logs, private), figures.py (what Loa counts, laid
out as numbered sections of tables), indicators.py (the Ministry of
Justice form's rows), and the writers docx.py and csv_out.py, which write
the same figures.
"""

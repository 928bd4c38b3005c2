"""What every part shares: the method's words (``vocabulary``), the one validator
(``validation``), every default (``defaults``), the paths (``config``), the shipped
catalogue (``catalog``), the errors and how they are shown (``errors``,
``error_display``), Dutch numbers/dates/escaping (``nl_format``) and HTML tables
(``html_tables``). Nothing here imports another part of the package."""

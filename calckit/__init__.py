"""The calculators' kit: what every handbook's calculators are built with.

A handbook keeps its own calculators in its own package (``calculators/`` beside its
``mkdocs.yml``, named there as the plugin's ``calculators`` option); this kit gives them the
rest, the same for every handbook and every agency:

- :mod:`.registry`, :mod:`.fields`, :mod:`.bounds`, :mod:`.explain`, :mod:`.params`: a
  calculator declared once (id, clauses, fields, compute), its inputs checked, its result
  explained clause by clause, its numbers read from the policy data's parameters;
- :mod:`.catalog`: the handbook's package found by name, its calculators imported on first use,
  and what else it declares (computed-field kinds, roster summaries, kinds of question);
- :mod:`.forms`, :mod:`.table_import`, :mod:`.office_fill`: a form's fields checked and computed,
  a list of people read from Excel/CSV, the Word/Excel templates filled;
- :mod:`.workdays`, :mod:`.ics`, :mod:`.idcard`: working days with 调休, calendar files,
  身份证号码;
- :mod:`.worker_api`: the one entry point the browser's worker calls.

Standard library only: it runs unchanged in CPython and in Pyodide, where the build ships it as
its own wheel beside the handbook's.
"""

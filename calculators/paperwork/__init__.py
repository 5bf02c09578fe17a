"""A unit's whole paperwork from its 花名册: every person's forms in one go (issue 19).

The roster the page already holds (people and the header: 单位, 年度) fills each person's copy of
the forms the scheme asks for (忻州: 自评表 附件1, 考核登记表 附件2) from the build's Word templates
(``@@f:name@@`` tokens, see :mod:`calckit.office_fill`). ``people`` says what a roster row gives
each form (and derives 出生日期 from the ID number) and what is wrong with a row; ``zipraw`` writes
ZIP files by copying the template's unchanged parts as they are compressed, so a docx costs one
deflate of its document.xml, not of its 800 KB of styles; ``merge`` makes one .docx with a
next-page section break before each person. Standard library only: runs unchanged in Pyodide,
in batches the page drives (progress, cancel).
"""

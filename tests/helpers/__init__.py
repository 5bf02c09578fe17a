"""What several test modules use: serving a site and watching a page (``browser``), nginx with the
deployers' configuration (``nginx``), the text of a built page (``sitetext``), the calculator cases
(``calc_cases``), next year's notice and a version as its Word file (``next_year``), 花名册 files
(``roster_files``), a search typed into the page (``search``), the seeds' sentences (``seeds``), a form's
schema and its page in the browser (``forms``), axe-core (``axe``), a data file edited in a copy (``data``),
and an engine scenario's steps in Playwright (``engines``). Test modules never import each other."""

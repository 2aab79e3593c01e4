"""Reports an auditor can hand on: the orphan-project report and the full findings report.

``build`` assembles a :class:`Report` (summary figures, charts, sections of tables, each code's
own explanation from the catalogue) from a loaded graph; ``html``, ``xlsx`` and ``csv`` write
it. Every number comes from the same findings ``graphkpi check`` prints.
"""

from graphkpi.reports.build import build_report
from graphkpi.reports.model import Chart, Report, Section
from graphkpi.reports.write import render_report

__all__ = ["Chart", "Report", "Section", "build_report", "render_report"]

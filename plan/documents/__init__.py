"""Writers of the plan report: tables shared by all formats, the Gantt chart, PDF, HTML, XLSX."""

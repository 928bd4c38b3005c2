"""The wijkrapport: batch (``wijkanalyse rapport``), the kernel and cluster pools,
offline HTML, the overview across wijken (``index.html``) and the PDF."""

# JupyterLab for this repository: `make lab` (or `jupyter lab --config=jupyter_server_config.py
# notebooks/`). Notebooks saved into notebooks/ are written without outputs, so a working
# session never changes the committed notebooks; see wijkanalyse/jupyter_hooks.py.
c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
c.ContentsManager.pre_save_hook = "wijkanalyse.jupyter_hooks.zonder_uitvoer"

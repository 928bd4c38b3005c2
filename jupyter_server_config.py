# JupyterLab for this repository: `make lab` (or `jupyter lab --config=jupyter_server_config.py
# notebooks/`). Notebooks saved into notebooks/ are written without outputs, so a working
# session never changes the committed notebooks; see wijkanalyse/server/jupyter_hooks.py.
import os

c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
c.ContentsManager.pre_save_hook = "wijkanalyse.server.jupyter_hooks.zonder_uitvoer"

# On stopping, a kernel gets 2 s to shut down before it is killed (Jupyter's 5 s, under load,
# made a stop take more than the 10 s it may take).
c.KernelManager.shutdown_wait_time = 2.0

# Stop with whatever started it: when `make lab` (or the shell) dies, even by kill -9, this
# server gets SIGTERM (Linux) and shuts its kernels down, instead of living on with them.
try:
    from wijkanalyse.server.launcher import sterf_met_ouder

    sterf_met_ouder(os.getppid())
except ImportError:
    pass

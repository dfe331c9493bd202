"""A Jupyter kernel that is always *this* Python: no kernelspec lookup, no NoSuchKernel.

Executing a notebook normally asks ``jupyter_client`` for a kernelspec by name; in a
fresh virtualenv that spec may be missing, or its ``argv[0]`` (``"python"``) may find
another interpreter on ``PATH`` that lacks newslab. :class:`ThisPythonKernelManager`
ignores the name and starts ``sys.executable -m ipykernel_launcher``, so a report or a
notebook test runs in the environment newslab runs in. Pass it to nbclient or papermill
as ``kernel_manager_class``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

__all__ = ["KERNEL_NAME", "ThisPythonKernelManager", "ThisPythonKernelSpecManager", "kernel_spec"]

#: The name reported for the kernel (any requested name maps to it).
KERNEL_NAME = "newslab-python"


def kernel_spec() -> KernelSpec:
    """The kernelspec of the running interpreter (``sys.executable``)."""
    package_parent = str(Path(__file__).resolve().parents[2])
    paths = [package_parent, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return KernelSpec(
        # log level ERROR: the kernel listens on localhost only; its warning about
        # unencrypted TCP would otherwise be printed on every run
        argv=[
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=ERROR",
        ],
        display_name=f"Python {sys.version_info.major}.{sys.version_info.minor} (newslab)",
        language="python",
        env={"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))},
        metadata={"debugger": False},
    )


class ThisPythonKernelSpecManager(KernelSpecManager):
    """A kernelspec manager that knows one kernel: the running interpreter."""

    def find_kernel_specs(self) -> dict[str, str]:
        return {KERNEL_NAME: str(Path(sys.executable).parent)}

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return kernel_spec()

    def get_all_specs(self) -> dict[str, Any]:
        return {
            KERNEL_NAME: {
                "resource_dir": str(Path(sys.executable).parent),
                "spec": kernel_spec().to_dict(),
            }
        }


class ThisPythonKernelManager(AsyncKernelManager):
    """An async kernel manager whose kernel is always ``sys.executable``'s ipykernel."""

    @default("kernel_spec_manager")
    def _default_kernel_spec_manager(self) -> KernelSpecManager:
        return ThisPythonKernelSpecManager(parent=self)

"""The switch platforms the kit renders for, behind one seam: pick a renderer by name.

Code outside the domain never names a platform's module: it renders through
:func:`crisis.domain.switch_config.render` and this registry (an import-linter contract).
"""

from __future__ import annotations

from crisis.domain.switch_config import Renderer
from crisis.domain.switch_platforms.cisco_ios import CiscoIosRenderer

RENDERERS: dict[str, Renderer] = {CiscoIosRenderer.name: CiscoIosRenderer()}

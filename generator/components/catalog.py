"""The component folders and what each brings to the built site.

Templates are found by the Jinja loader as `components/<folder>/<file>`. A `style.css` joins the
site's one stylesheet; a `script.js` is loaded by the page-scripts loader on the pages that have
an element matching its selector. The selector and the global the script defines are declared
once, in the folder's component.toml:

    [script]
    selector = "[data-diary]"  # pages with this element load script.js
    global = "Diary"           # script.js sets window.Diary; the loader calls Diary.init(root)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
STYLE = "style.css"
SCRIPT = "script.js"
DECLARATION = "component.toml"
_GLOBAL_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


class ComponentError(ValueError):
    """A component folder that cannot be used as it is; the message names the file and field."""


@dataclass(frozen=True)
class Script:
    path: Path
    selector: str  # pages with an element matching it load the script
    global_name: str  # the object the script puts on window; the loader calls its init(root)


@dataclass(frozen=True)
class Component:
    name: str  # the folder's name; a script is served as javascripts/<name>.js
    folder: Path
    style: Path | None
    script: Script | None


def components(root: Path = FOLDER) -> list[Component]:
    """Every component folder under `root`, by name."""
    folders = sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith(("_", ".")))
    return [_component(folder) for folder in folders]


def _component(folder: Path) -> Component:
    style = folder / STYLE
    return Component(folder.name, folder, style if style.is_file() else None, _script(folder))


def _script(folder: Path) -> Script | None:
    script, declaration = folder / SCRIPT, folder / DECLARATION
    if not script.is_file() and not declaration.is_file():
        return None
    if not declaration.is_file():
        raise ComponentError(f"{script}: needs {DECLARATION} beside it, with [script] selector and global")
    if not script.is_file():
        raise ComponentError(f"{declaration}: declares a script, but {SCRIPT} is missing")
    try:
        settings = tomllib.loads(declaration.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ComponentError(f"{declaration}: {err}") from None
    table = settings.get("script")
    if not isinstance(table, dict) or set(settings) != {"script"}:
        raise ComponentError(f"{declaration}: must hold one [script] table (and nothing else)")
    unknown = sorted(set(table) - {"selector", "global"})
    if unknown:
        raise ComponentError(f"{declaration}: script.{unknown[0]}: unknown setting (selector and global only)")
    for field in ("selector", "global"):
        if not isinstance(table.get(field), str) or not table[field].strip():
            raise ComponentError(f"{declaration}: script.{field}: missing (a non-empty string)")
    global_name = table["global"]
    if not _GLOBAL_NAME.fullmatch(global_name):
        raise ComponentError(f"{declaration}: script.global: {global_name!r} is not a JavaScript name")
    if f"window.{global_name} =" not in script.read_text(encoding="utf-8"):
        raise ComponentError(f"{declaration}: script.global: {SCRIPT} never sets window.{global_name}")
    return Script(script, table["selector"], global_name)

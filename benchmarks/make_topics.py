"""Write N valid, realistic synthetic topics for benchmarks, from a fixed random seed.

Each topic is a variation of the real content/topics/facial-twitching.yaml (every section
filled, all its FAQ entries, the full warning table and self-check): a new slug and title, and
list items and prose paragraphs shuffled, so pages differ but stay valid against the schema.
The self-check keeps its order (questions must stay most urgent first).

    .venv/bin/python benchmarks/make_topics.py 100 /tmp/bench-content
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TOPIC = ROOT / "content" / "topics" / "facial-twitching.yaml"
SOURCE_SITE = ROOT / "content" / "site.yaml"
SOURCE_SHARED_SIGNS = ROOT / "content" / "shared-signs.yaml"  # the topics use its signs by id
SEED = 20261125

AREAS = ["Eyelid", "Cheek", "Lip", "Jaw", "Neck", "Shoulder", "Arm", "Hand", "Thumb", "Finger",
         "Back", "Leg", "Calf", "Foot", "Toe", "Chest", "Tongue", "Forehead", "Chin", "Knee"]
SYMPTOMS = ["twitching", "cramps", "spasms", "tremor", "tingling", "stiffness", "jerking",
            "flickering", "aching", "fluttering"]
# Lists whose order does not matter to the schema (the signs, whose order is the self-check's, stay).
SHUFFLED_LISTS = [("lay_terms",), ("causes", "items"), ("conditions", "items"), ("warning_signs", "rows"),
                  ("appointment", "items"), ("treatments", "items"),
                  ("checklist", "do"), ("checklist", "dont"), ("faq", "items"), ("references", "items")]
PROSE_KEYS = {"body", "description", "answer", "what_helps", "how_it_differs", "intro"}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def topic_titles(count: int, rng: random.Random) -> list[str]:
    """Distinct, realistic titles; past the area x symptom combinations they get a number."""
    combos = [f"{area} {symptom}" for area in AREAS for symptom in SYMPTOMS]
    rng.shuffle(combos)
    return [combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "")
            for i in range(count)]


def shuffle_paragraphs(text: str, rng: random.Random) -> str:
    """Reorder the blank-line-separated blocks of a prose field (each block stays intact)."""
    blocks = [block for block in text.strip().split("\n\n") if block.strip()]
    rng.shuffle(blocks)
    return "\n\n".join(blocks) + "\n"


def vary_prose(node, rng: random.Random):
    if isinstance(node, dict):
        return {key: shuffle_paragraphs(value, rng) if key in PROSE_KEYS and isinstance(value, str)
                else vary_prose(value, rng) for key, value in node.items()}
    if isinstance(node, list):
        return [vary_prose(value, rng) for value in node]
    return node


CROSS_TOPIC_PROSE_LINK = re.compile(r"\[([^\[\]\n]+)\]\([a-z0-9-]+#[a-z0-9-]+\)")


def without_cross_topic_links(node):
    """References to another topic's item (`other-slug#id`) dropped; a prose link keeps its text."""
    if isinstance(node, dict):
        return {key: without_cross_topic_links(value) for key, value in node.items()}
    if isinstance(node, list):
        return [without_cross_topic_links(value) for value in node if not (isinstance(value, str) and re.fullmatch(r"[a-z0-9-]+#[a-z0-9-]+", value))]
    if isinstance(node, str):
        return CROSS_TOPIC_PROSE_LINK.sub(r"\1", node)
    return node


def make_topic(base: dict, title: str, rng: random.Random) -> dict:
    topic = copy.deepcopy(base)
    self_check = topic.pop("self_check", None)
    # The synthetic site has none of the other real topics the guide links to.
    topic.pop("related_topics", None)
    for condition in topic["conditions"]["items"]:
        condition.pop("topic", None)
    topic = without_cross_topic_links(topic)
    topic = vary_prose(topic, rng)
    for path in SHUFFLED_LISTS:
        parent = topic
        for key in path[:-1]:
            parent = parent[key]
        rng.shuffle(parent[path[-1]])
    topic["slug"] = slugify(title)
    topic["title"] = title
    topic["summary"] = f"{title}: what can cause it, what helps, and when to see a GP. " + base["summary"]
    if self_check is not None:
        topic["self_check"] = self_check
    return topic


def make_topics(count: int, out_dir: Path, seed: int = SEED) -> list[Path]:
    """Write site.yaml, shared-signs.yaml and `count` topics into `out_dir` (a content folder); returns the topic files."""
    out_dir = Path(out_dir)
    topics_dir = out_dir / "topics"
    if topics_dir.exists():
        shutil.rmtree(topics_dir)
    topics_dir.mkdir(parents=True)
    shutil.copyfile(SOURCE_SITE, out_dir / "site.yaml")
    shutil.copyfile(SOURCE_SHARED_SIGNS, out_dir / "shared-signs.yaml")
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 100
    base = yaml.load(SOURCE_TOPIC.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    written = []
    for title in topic_titles(count, rng):
        topic = make_topic(base, title, rng)
        path = topics_dir / f"{topic['slug']}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(topic, stream)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path, help="content folder to write (site.yaml + topics/)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    files = make_topics(args.count, args.out, args.seed)
    print(f"wrote {len(files)} topics to {args.out / 'topics'}")


if __name__ == "__main__":
    main()

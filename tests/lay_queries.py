"""Patients' own words and the sections that answer them: the lay-query suite, shared by the
search quality test (tests/e2e/test_search_quality.py, on the real content) and the benchmark
(benchmarks/run.py, on N synthetic topics made from the twitching guide).

A query hits when one of its expected items (page + anchor) is among the TOP best-scored results.
On the synthetic site every topic is a copy of the twitching guide under another slug, so there a
hit is the expected section (the page kind, such as `faq/`, and the anchor) of any topic.
"""

from __future__ import annotations

from support import result_location

GUIDE = "facial-twitching/"  # the guide's first page: overview and self-help
GET_HELP, CAUSES, CONDITIONS = GUIDE + "when-to-get-help/", GUIDE + "causes/", GUIDE + "conditions/"
TREATMENT = GUIDE + "tests-and-treatment/"
FAQ = "facial-twitching/faq/"
# The condition topics the twitching guide links to.
BELLS, HFS, BLEPH = "bells-palsy/", "hemifacial-spasm/", "blepharospasm/"
TOP = 3
REQUIRED_HIT_RATE = 0.9

# (what a patient types, items that answer it: any one of them in the top 3 is a hit)
QUERIES: list[tuple[str, list[str]]] = [
    ("eye keeps jumping", [CONDITIONS + "#eyelid-myokymia"]),
    ("eyelid flicker", [CONDITIONS + "#eyelid-myokymia", GUIDE + "#what-is-twitching"]),
    ("botox for face spasm", [TREATMENT + "#treat-botulinum", FAQ + "#faq-botox-safe"]),
    ("is botox safe", [FAQ + "#faq-botox-safe"]),
    ("is twitching a stroke", [FAQ + "#faq-stroke", GUIDE + "#red-flags"]),
    ("mini stroke", [FAQ + "#faq-stroke", GUIDE + "#red-flags"]),
    ("face drooping", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency", CONDITIONS + "#bells-palsy"]),
    ("child blinking tic", [CONDITIONS + "#tics-children", FAQ + "#faq-children"]),
    ("tourettes", [CONDITIONS + "#tics-children"]),
    ("too much coffee twitch", [CAUSES + "#cause-caffeine", GUIDE + "#step-caffeine-alcohol"]),
    ("energy drinks", [CAUSES + "#cause-caffeine", GUIDE + "#step-caffeine-alcohol"]),
    ("can't close my eye", [CONDITIONS + "#bells-palsy", GET_HELP + "#help-urgent"]),
    ("twitch for 3 weeks", [GET_HELP + "#warning-signs", FAQ + "#faq-how-long", GET_HELP + "#help-see-doctor"]),
    ("how long does eye twitching last", [FAQ + "#faq-how-long"]),
    ("ALS", [FAQ + "#faq-mnd"]),
    ("motor neurone disease", [FAQ + "#faq-mnd"]),
    ("is it MS", [FAQ + "#faq-ms", CONDITIONS + "#multiple-sclerosis"]),
    ("pins and needles", [GET_HELP + "#help-urgent", CAUSES + "#cause-nutrition"]),
    ("stressed and eye twitching", [CAUSES + "#cause-stress", FAQ + "#faq-anxiety"]),
    ("not sleeping well", [CAUSES + "#cause-sleep", GUIDE + "#step-sleep"]),
    ("whole side of face twitching", [CONDITIONS + "#hemifacial-spasm"]),
    ("both eyes keep shutting", [CONDITIONS + "#blepharospasm", GET_HELP + "#warning-signs"]),
    ("do I need a brain scan", [TREATMENT + "#test-mri"]),
    ("needle test for muscles", [TREATMENT + "#test-emg"]),
    ("magnesium tablets", [FAQ + "#faq-supplements", CAUSES + "#cause-nutrition"]),
    ("twitching all over my body", [CONDITIONS + "#benign-fasciculation", GUIDE + "#twitches-elsewhere"]),
    ("dry eyes from computer", [CAUSES + "#cause-eyes", FAQ + "#faq-screens"]),
    ("eye drops", [TREATMENT + "#treat-eye-care"]),
    ("surgery for face spasm", [TREATMENT + "#treat-mvd", HFS + "tests-and-treatment/#treat-mvd"]),
    ("which doctor should I see", [FAQ + "#faq-who-to-see", GUIDE + "#step-see-gp"]),
    ("hangover twitch", [CAUSES + "#cause-alcohol"]),
    ("side effect of my tablets", [CAUSES + "#cause-medicines", GUIDE + "#step-medicines"]),
    ("not drinking enough water", [FAQ + "#faq-dehydration"]),
    ("what to take to my appointment", [GUIDE + "#step-prepare"]),
    ("blood test for twitching", [FAQ + "#faq-blood-tests", TREATMENT + "#test-blood"]),
    ("sudden double vision", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency", GET_HELP + "#help-emergency"]),
    ("fit or seizure", [GUIDE + "#red-flags", GUIDE + "#red-flags-help-emergency-fit-medicine", GET_HELP + "#help-emergency-fit-medicine"]),
    ("tired eyes", [CAUSES + "#cause-eyes", GUIDE + "#step-eyes"]),
    ("can stress cause eye twitching", [FAQ + "#faq-anxiety", CAUSES + "#cause-stress"]),
    ("vitamin for eye twitch", [FAQ + "#faq-supplements", CAUSES + "#cause-nutrition"]),
    # The same-day card for a reaction to a medicine (the emergency card lists it when breathing is affected).
    ("stiff neck after new medicine", [GET_HELP + "#help-urgent", GET_HELP + "#help-urgent-other", CAUSES + "#cause-medicines", GUIDE + "#step-medicines"]),
    ("twitch spreading to my cheek", [CONDITIONS + "#hemifacial-spasm", GET_HELP + "#warning-signs", GET_HELP + "#help-see-doctor"]),
    ("how to stop eye twitching", [TREATMENT + "#treat-lifestyle", GUIDE + "#steps", CONDITIONS + "#eyelid-myokymia"]),
    # Bell's palsy
    ("face gone numb on one side", [BELLS, BELLS + "#overview", BELLS + "#symptoms"]),
    # The answers "face drooping" accepts too: the emergency card, Bell's palsy in the guide's list.
    ("half my face has dropped", [BELLS, BELLS + "#overview", BELLS + "#symptoms", BELLS + "#red-flags", GUIDE + "#red-flags",
                                  GUIDE + "#red-flags-help-emergency", CONDITIONS + "#bells-palsy"]),
    ("is it bells palsy or a stroke", [BELLS + "#stroke-first", BELLS + "faq/#faq-stroke"]),
    ("prednisolone", [BELLS + "tests-and-treatment/#treat-steroids"]),
    ("tape my eye shut at night", [BELLS + "#step-protect-eye"]),
    ("will my face go back to normal", [BELLS + "#recovery"]),
    ("blisters in my ear and face weak", [BELLS + "faq/#faq-ramsay-hunt", BELLS + "when-to-get-help/#help-urgent"]),
    # Hemifacial spasm
    ("one side of face twitching and closing my eye", [HFS, HFS + "#overview", CONDITIONS + "#hemifacial-spasm"]),
    ("blood vessel pressing on nerve in face", [HFS + "#cause"]),
    ("hemifacial spasm surgery risks", [HFS + "tests-and-treatment/#treat-mvd"]),
    ("is hemifacial spasm dangerous", [HFS + "faq/#faq-dangerous"]),
    # Blepharospasm
    ("eyes keep shutting", [BLEPH, BLEPH + "#overview", BLEPH + "#symptoms", CONDITIONS + "#blepharospasm"]),
    ("can I drive with blepharospasm", [BLEPH + "#driving"]),
    ("light hurts my eyes and I blink a lot", [BLEPH + "#symptoms"]),
    ("dystonia support group", [BLEPH + "faq/#faq-support", HFS + "faq/#faq-support"]),
    ("will I go blind", [BLEPH + "faq/#faq-blind"]),
]


def top_results(snapshot: dict, site_url: str) -> list[str]:
    """The best-scored results across all pages (a page shown only as a heading scores 0),
    from a snapshot of support.READ_SEARCH_RESULTS."""
    return _best(snapshot, site_url, alike=lambda location: location)


def top_distinct_sections(snapshot: dict, site_url: str) -> list[str]:
    """The best-scored results, each section (page kind + anchor) once whatever its topic: on
    synthetic copies of one topic the same section of three topics would fill the top 3."""
    return _best(snapshot, site_url, alike=section_of)


def _best(snapshot: dict, site_url: str, alike) -> list[str]:
    """The TOP best-scored result locations, keeping the first of those `alike` maps together."""
    scored = [(score, result_location(href, site_url)) for href, score in snapshot["results"] if score > 0]
    ranked, seen = [], set()
    for _, found in sorted(scored, key=lambda pair: -pair[0]):
        if alike(found) not in seen:
            seen.add(alike(found))
            ranked.append(found)
    return ranked[:TOP]


def section_of(location: str) -> str:
    """'some-topic/faq/#faq-mnd' -> 'faq/#faq-mnd': the page kind and anchor, whatever the topic."""
    return location.split("/", 1)[1] if "/" in location else ""


def is_hit(found: list[str], expected: list[str], any_topic: bool = False) -> bool:
    """One of the expected items is among the results found; `any_topic`: in any topic (synthetic sites)."""
    if any_topic:
        return bool({section_of(item) for item in found} & {section_of(item) for item in expected})
    return bool(set(found) & set(expected))


def synthetic_queries() -> list[tuple[str, list[str]]]:
    """The queries the twitching guide answers, with only its items: the synthetic topics are
    copies of it (benchmarks/make_topics.py), so the condition topics' items do not exist there."""
    kept = [(query, [item for item in expected if item.startswith(GUIDE)]) for query, expected in QUERIES]
    return [(query, expected) for query, expected in kept if expected]

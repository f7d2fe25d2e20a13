"""``make fuzz``: every tampering of every certificate, and 100,000 fuzzed PrefLib inputs.

Prints how many changes were tried and accepted (neutral ones apart), and how many inputs
raised anything other than ``InputError``. Exits 1 on any false acceptance or any other
exception. Seeded, so a run repeats exactly.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback

from tests.preflib_fuzz import agrees_with_preflibtools, mutate, parse_outcome, seed_texts
from tests.tampering import corpus, neutral_reason, tamperings
from ualign.certify.checker import check_certificate
from ualign.io.json_input import parse_json
from ualign.model.errors import InputError


def tampering_campaign() -> dict:
    tried = neutral = 0
    false: list[str] = []
    kinds: set[str] = set()
    for name, (cert, folder) in corpus().items():
        kinds.add(cert["kind"])
        kinds.update(c["kind"] for c in cert.get("certificates", []))
        for desc, tampered in tamperings(cert):
            tried += 1
            if check_certificate(tampered, folder).ok:
                if neutral_reason(cert, desc):
                    neutral += 1
                else:
                    false.append(f"{name}: {desc}")
    return {"certificates": len(corpus()), "kinds": sorted(kinds), "tampered": tried,
            "accepted_neutral": neutral, "false_acceptances": false}


def preflib_campaign(inputs: int, seed: int) -> dict:
    rng, seeds = random.Random(seed), seed_texts()
    accepted = refused = compared = 0
    crashes: list[str] = []
    disagreements: list[str] = []
    for i in range(inputs):
        source, text = rng.choice(seeds)
        mutated = mutate(text, rng)
        try:
            if parse_outcome(mutated, source) == "ok":
                accepted += 1
            else:
                refused += 1
        except Exception:  # noqa: BLE001 - this is what the campaign looks for
            crashes.append(f"{source}: {mutated[:80]!r}: {traceback.format_exc(limit=1)}")
        if i % 10 == 0:
            compared += 1
            if not agrees_with_preflibtools(mutated, source):
                disagreements.append(f"{source}: {mutated[:80]!r}")
    return {"inputs": inputs, "parsed": accepted, "refused": refused, "non_input_errors": crashes,
            "compared_with_preflibtools": compared, "disagreements": disagreements}


def json_campaign(inputs: int, seed: int) -> dict:
    """Mutated certificate JSON texts through the reader and the checker."""
    rng = random.Random(seed)
    texts = [json.dumps(cert) for cert, _ in list(corpus().values())[:12]]
    crashes: list[str] = []
    for _ in range(inputs):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            pos = rng.randint(0, len(text))
            text = text[:pos] + rng.choice(['"', "{", "[", "]", "}", ",", "1", "9" * 50, "-",
                                            "\\u0000", "null", "true", "0.5", " "]) + text[pos + 1:]
        try:
            check_certificate(parse_json(text, "<fuzz>"))
        except InputError:
            pass
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc(limit=2))
    return {"inputs": inputs, "non_input_errors": crashes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preflib", type=int, default=100_000, help="PrefLib inputs")
    parser.add_argument("--json", type=int, default=5_000, help="certificate JSON inputs")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    t = tampering_campaign()
    print(f"tampering: {t['tampered']:,} single-field changes of {t['certificates']} "
          f"certificates ({len(t['kinds'])} kinds); accepted {t['accepted_neutral']} neutral, "
          f"{len(t['false_acceptances'])} false")
    for line in t["false_acceptances"][:20]:
        print("  FALSE ACCEPTANCE", line)
    p = preflib_campaign(args.preflib, args.seed)
    print(f"preflib: {p['inputs']:,} inputs, {p['parsed']:,} parsed, {p['refused']:,} refused "
          f"with InputError, {len(p['non_input_errors'])} other exceptions; "
          f"{p['compared_with_preflibtools']:,} compared with preflibtools, "
          f"{len(p['disagreements'])} disagreements")
    for line in (p["non_input_errors"] + p["disagreements"])[:20]:
        print("  ", line)
    j = json_campaign(args.json, args.seed)
    print(f"certificate JSON: {j['inputs']:,} mutated texts, {len(j['non_input_errors'])} other "
          f"exceptions")
    for line in j["non_input_errors"][:5]:
        print("  ", line)
    print(f"({time.perf_counter() - start:.0f} s)")
    bad = t["false_acceptances"] or p["non_input_errors"] or p["disagreements"] or \
        j["non_input_errors"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

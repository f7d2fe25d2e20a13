"""``ualign coq eval``: the Python engine's numbers, recomputed in the Coq kernel.

For a small instance this writes a Coq file that states the instance as lists, computes with
``vm_compute`` the executable copy of ``proofs/coq/Exec.v`` (which Coq proves equal to the
model's definitions: ``win_product_exec``, ``win_joint_exec``, ``dev_exec``), and proves one
lemma per value saying that the *model's* win rate against a pure competitor, or the model's
deviation payoff, equals the engine's number. ``coqc`` runs it; every computed value is
compared with the engine's, and any difference (or a lemma the kernel refuses) is reported.

>>> from ualign.model.examples import example
>>> from ualign.model.lottery import Lottery
>>> from ualign.model.policies import ProductPolicy
>>> job = coq_job(example("condorcet-cycle"), ProductPolicy(Lottery.uniform(3), 2), 1,
...               TieRule.SHARE)
>>> [str(v) for v in job.engine_values][:2], job.labels[0]
(['2/3', '2/3'], 'win rate against [0]')
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement
from pathlib import Path

from ualign.game.deviation_payoffs import deviation_payoffs
from ualign.game.win_rates import win_rate
from ualign.model.errors import InputError
from ualign.model.policies import Policy, ProductPolicy
from ualign.model.profile import Profile
from ualign.model.ties import TieRule, require_tie_rule
from ualign.proofs.coq_theorems import COQ_DIR, build_status, coqc

__all__ = ["CoqJob", "coq_job", "run_coq_job", "CoqComparison", "MAX_KERNEL_WORK"]

#: Largest (k-tuples enumerated) x users x values the kernel is asked to compute.
MAX_KERNEL_WORK = 200_000
RULE_NAMES = {TieRule.SHARE: "Share", TieRule.HALF: "Half", TieRule.WEAK: "Weak",
              TieRule.STRICT: "Strict"}


def _q(x: Fraction) -> str:
    return f"(Qmake {x.numerator} {x.denominator})"


def _nats(xs) -> str:
    return "[:: " + "; ".join(str(int(x)) for x in xs) + "]"


@dataclass(frozen=True)
class CoqJob:
    """The Coq source of one evaluation, and the engine's value for each of its lemmas."""

    source: str
    labels: tuple[str, ...]
    engine_values: tuple[Fraction, ...]


def coq_job(profile: Profile, policy: Policy, l: int, tie_rule: TieRule) -> CoqJob:
    """Build the Coq file for ``policy`` on ``profile`` against every pure l-output competitor
    (and, for a product policy, the deviation payoffs of its lottery)."""
    rule = require_tie_rule(tie_rule)
    n, k = profile.n, policy.k
    competitors = list(combinations_with_replacement(range(n), l))
    product = isinstance(policy, ProductPolicy)
    support = [] if product else sorted(policy.distribution().items())
    tuples = n ** k if product else len(support)
    values = len(competitors) + (n if product else 0)
    work = tuples * profile.num_users * values
    if work > MAX_KERNEL_WORK:
        raise InputError(f"{tuples:,} tuples x {profile.num_users} user types x {values} values "
                         f"is too large for kernel computation (at most {MAX_KERNEL_WORK:,}); "
                         f"use a smaller instance (fewer responses, smaller k or l), or "
                         f"`ualign evaluate` for the engine's exact value alone")
    n1 = n - 1
    R = "[realFieldType of rat]"
    lines = ["From Coq Require Import QArith.",
             "From mathcomp Require Import all_ssreflect all_algebra.",
             "From UAlign Require Import Model QtoR Lists Exec.",
             "Local Open Scope ring_scope.",
             "Definition ws : seq Q := [:: " + "; ".join(_q(w) for w in profile.weights) + "].",
             "Definition levs : seq (seq nat) := [:: "
             + "; ".join(_nats(r) for r in profile.ranks) + "]%N."]
    if product:
        lines.append("Definition ps : seq Q := [:: "
                     + "; ".join(_q(p) for p in policy.lottery.probs) + "].")
        policy_term = f"(@product _ _ {k} (@ilot {R} {n1} ps))"
        win_exec, exec_lemma = f"ewin_product {n1} ws levs {RULE_NAMES[rule]} ps {k}", \
            "win_product_exec"
    else:
        lines.append("Definition supp : seq (seq nat * Q) := [:: "
                     + "; ".join(f"({_nats(S)}%N, {_q(p)})" for S, p in support) + "].")
        policy_term = f"(@jointp {R} {n1} {k} supp)"
        win_exec, exec_lemma = f"ewin_joint ws levs {RULE_NAMES[rule]} supp", "win_joint_exec"
    labels, engine, terms, lemmas = [], [], [], []
    for i, T in enumerate(competitors):
        value = win_rate(profile, policy, T, rule)
        labels.append(f"win rate against {list(T)}")
        engine.append(value)
        terms.append(f"{win_exec} {_nats(T)}%N")
        lemmas.append(
            f"Lemma win_{i} : win_rate (@iw {R} ws) (@ilev {n1} ws levs) {RULE_NAMES[rule]} "
            f"{policy_term} (pointp {R} (ffun_of {n1} {l} {_nats(T)}%N)) = q2r {R} {_q(value)}.\n"
            f"Proof. rewrite {exec_lemma};\n"
            f"  [apply: q2r_eq; apply/Qeq_bool_iff; by vm_compute | by vm_compute ..]. Qed.")
    if product:
        V = deviation_payoffs(profile, policy.lottery, k)
        for y in range(n):
            labels.append(f"deviation payoff of {y}")
            engine.append(V[y])
            terms.append(f"edev {n1} ws levs ps {k} {y}")
            lemmas.append(
                f"Lemma dev_{y} : dev (@iw {R} ws) (@ilev {n1} ws levs) {k} (@ilot {R} {n1} ps) "
                f"(inord {y}) = q2r {R} {_q(V[y])}.\n"
                f"Proof. rewrite dev_exec inordK //; apply: q2r_eq; apply/Qeq_bool_iff; "
                f"by vm_compute. Qed.")
    lines.append("(* Computed by the executable copy, which Exec.v proves equal to the model. *)")
    lines += [f"Eval vm_compute in (Qred ({term}))." for term in terms]
    lines.append("(* Each engine value, as a statement about the model's definitions. *)")
    lines += lemmas
    return CoqJob("\n".join(lines) + "\n", tuple(labels), tuple(engine))


@dataclass(frozen=True)
class CoqComparison:
    """What the kernel computed for each value, and which differ from the engine's."""

    labels: tuple[str, ...]
    engine: tuple[Fraction, ...]
    kernel: tuple[Fraction | None, ...]
    lemmas_checked: bool
    message: str

    @property
    def differences(self) -> list[int]:
        return [i for i, (e, c) in enumerate(zip(self.engine, self.kernel)) if e != c]

    @property
    def ok(self) -> bool:
        return self.lemmas_checked and not self.differences


_VALUE = re.compile(r"=\s*([^\n]+?)\s*\n\s*:\s*Q\b")


def _parse_q(text: str) -> Fraction:
    """A value as Coq prints a [Q]: ``37 # 60``, ``0``, or a decimal such as ``0.7%Q``."""
    text = text.strip().strip("()").removesuffix("%Q").strip("()")
    if "#" in text:
        num, den = text.split("#")
        return Fraction(int(num), int(den))
    return Fraction(text)


def _parse_values(out: str) -> list[Fraction]:
    return [_parse_q(v) for v in _VALUE.findall(out)]


def run_coq_job(job: CoqJob, timeout_s: float = 600) -> CoqComparison:
    """Run ``coqc`` on the job; compare every kernel value with the engine's."""
    status = build_status()
    if not status.ok:
        raise InputError(f"the Coq development is not ready: {status.describe()}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ualign_eval.v"
        path.write_text(job.source, encoding="utf-8")
        try:
            run = subprocess.run([coqc(), "-q", "-w", "-notation-overridden,-ambiguous-paths",
                                  "-R", str(COQ_DIR), "UAlign", str(path)],
                                 capture_output=True, text=True, timeout=timeout_s,
                                 env={**os.environ, "COQ_COLOR": "no"})
        except subprocess.TimeoutExpired:
            raise InputError(f"coqc ran past {timeout_s:.0f} s; use a smaller instance") from None
    values = _parse_values(run.stdout)
    kernel = tuple(values[i] if i < len(values) else None for i in range(len(job.labels)))
    message = "" if run.returncode == 0 else (run.stderr or run.stdout).strip()[-800:]
    return CoqComparison(job.labels, job.engine_values, kernel, run.returncode == 0, message)

(** * Averaged self-play: the product of the average iterate loses at most Regret_T / T. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums Game Deviation NLHF SelfPlay Convexity.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section AverageSelfPlay.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation dev := (dev w lev).
Local Notation win_rate1 := (win_rate1 w lev).

Variables (k T : nat) (pis : 'I_T -> 'I_n -> R).
Hypothesis T_gt0 : (0 < T)%N.
Hypothesis prof : profile w.
Hypothesis lotteries : forall t, lottery (pis t).

Local Notation pbar := (average pis).

Lemma lottery_average : lottery pbar.
Proof.
split=> [y|]; first by rewrite /average mulr_ge0 ?invr_ge0 ?ler0n // sumr_ge0 // => t _; case: (lotteries t).
rewrite /average -mulr_sumr exchange_big /=.
have -> : \sum_t \sum_y pis t y = \sum_(t < T) 1 by apply: eq_bigr => t _; case: (lotteries t).
by rewrite sumr_const card_ord mulVf // pnatr_eq0 -lt0n.
Qed.

Lemma sum_average (P : pred 'I_n) : \sum_(z | P z) pbar z = avg (fun t => \sum_(z | P z) pis t z).
Proof. by rewrite /average /avg -mulr_sumr exchange_big. Qed.

(** The deviation payoff is convex in the lottery: at the average it is at most the average. *)
Lemma dev_average y : dev k pbar y <= T%:R^-1 * \sum_t dev k (pis t) y.
Proof.
rewrite dev_closed_form.
under eq_bigr do rewrite closed_form_integ /Model.tied /Model.below !sum_average.
have -> : T%:R^-1 * (\sum_t dev k (pis t) y)
    = \sum_u w u * (T%:R^-1 * \sum_t integ (((below lev u (pis t) y)%:P
                                             + (tied lev u (pis t) y)%:P * 'X) ^+ k)).
  rewrite mulr_sumr; under eq_bigr do rewrite dev_closed_form mulr_sumr.
  rewrite exchange_big /=; apply: eq_bigr => u _; rewrite mulr_sumr mulr_sumr; apply: eq_bigr => t _.
  by rewrite closed_form_integ; ring.
have [w0 _] := prof.
apply: ler_sum => u _; apply: ler_wpmul2l; first exact: w0.
have ge0 (P : pred 'I_n) t : 0 <= \sum_(z | P z) pis t z.
  by apply: sumr_ge0 => z _; case: (lotteries t).
exact: (integ_jensen T_gt0 (ge0 _) (ge0 _) k).
Qed.

(** So against every competitor lottery the averaged product wins at least what the mixture
    of products wins. *)
Lemma average_beats_mixture q : lottery q ->
  win_rate1 Share (@mixture _ _ k T pis) q <= win_rate1 Share (@product _ _ k pbar) q.
Proof.
move=> lq; rewrite (mixture_win_rate lev k T_gt0 prof lotteries) //.
rewrite (win_rate1_product_share lev k prof lottery_average lq) ler_add2l ler_opp2.
rewrite mulr_sumr; apply: ler_sum => y _; case: lq => q0 _.
by rewrite mulrCA; apply: ler_wpmul2l; [exact: q0 | exact: dev_average].
Qed.

Variable y_star : 'I_n.
Hypothesis best_response : forall y, \sum_t dev k (pis t) y <= \sum_t dev k (pis t) y_star.

(** Averaged self-play: the product of the average iterate is
    (k, k/(k+1) - Regret_T/T)-robust. *)
Theorem average_selfplay_robust :
  robust w lev Share (@product _ _ k pbar)
         (k%:R / (k.+1)%:R - regret w lev k pis y_star / T%:R).
Proof.
move=> q lq; apply: Order.POrderTheory.le_trans (average_beats_mixture lq).
exact: (selfplay_mixture_robust T_gt0 prof lotteries best_response lq).
Qed.

End AverageSelfPlay.

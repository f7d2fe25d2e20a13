(** * Self-play: the mixture of past iterates loses at most Regret_T / T. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums Game NLHF.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section SelfPlay.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation dev := (dev w lev).
Local Notation win_rate1 := (win_rate1 w lev).

(** The win rate is the policy's expectation of what each tuple wins. *)
Lemma win_rate_tuples r k l (P : {ffun 'I_k -> 'I_n} -> R) (Q : {ffun 'I_l -> 'I_n} -> R) :
  win_rate w lev r P Q
  = \sum_S P S * (\sum_u w u * (\sum_(T' : {ffun 'I_l -> 'I_n}) Q T' * wins R lev r u S T')).
Proof.
rewrite /win_rate; under eq_bigr do rewrite mulr_sumr.
rewrite exchange_big /=; apply: eq_bigr => S _; rewrite mulr_sumr; apply: eq_bigr => u _.
by rewrite !mulr_sumr; apply: eq_bigr => T' _; ring.
Qed.

(** The win rate is linear in the policy. *)
Lemma win_rate_mix r k l (I : finType) (c : R) (F : I -> {ffun 'I_k -> 'I_n} -> R)
    (Q : {ffun 'I_l -> 'I_n} -> R) :
  win_rate w lev r (fun S => c * \sum_(t : I) F t S) Q = c * \sum_t win_rate w lev r (F t) Q.
Proof.
rewrite win_rate_tuples; under [in RHS]eq_bigr do rewrite win_rate_tuples.
rewrite [in RHS]exchange_big mulr_sumr /=; apply: eq_bigr => S _.
by rewrite -mulrA mulr_suml.
Qed.

Variables (k T : nat) (pis : 'I_T -> 'I_n -> R) (y_star : 'I_n).
Hypothesis T_gt0 : (0 < T)%N.
Hypothesis prof : profile w.
Hypothesis lotteries : forall t, lottery (pis t).
(** [y_star] maximises the cumulative deviation payoff [sum_t V_t(y)]. *)
Hypothesis best_response : forall y, \sum_t dev k (pis t) y <= \sum_t dev k (pis t) y_star.

(** External regret after T steps: the best fixed response's total against the realised one. *)
Definition regret := \sum_t dev k (pis t) y_star - \sum_t \sum_z pis t z * dev k (pis t) z.

Lemma mixture_win_rate q : lottery q ->
  win_rate1 Share (@mixture _ _ k T pis) q = 1 - T%:R^-1 * \sum_y q y * \sum_t dev k (pis t) y.
Proof.
move=> lq; rewrite /Model.win_rate1 /mixture win_rate_mix.
under eq_bigr do rewrite -/(Model.win_rate1 w lev Share (product (pis _)) q)
                          (win_rate1_product_share lev k prof (lotteries _) lq).
rewrite sumrB sumr_const card_ord mulrBr -[in RHS](mulr_natr 1) mul1r.
rewrite mulVf ?pnatr_eq0 -?lt0n //; congr (_ - T%:R^-1 * _).
by rewrite exchange_big /=; apply: eq_bigr => y _; rewrite mulr_sumr.
Qed.

Lemma realised_regret : \sum_t \sum_z pis t z * dev k (pis t) z = T%:R / (k.+1)%:R.
Proof.
under eq_bigr do rewrite (equal_share lev k prof (lotteries _)).
by rewrite sumr_const card_ord -mulr_natl.
Qed.

(** The self-play mixture is (k, k/(k+1) - Regret_T/T)-robust ... *)
Theorem selfplay_mixture_robust :
  robust w lev Share (@mixture _ _ k T pis) (k%:R / (k.+1)%:R - regret / T%:R).
Proof.
move=> q lq; rewrite mixture_win_rate //.
have le : \sum_y q y * (\sum_t dev k (pis t) y) <= \sum_t dev k (pis t) y_star.
  have [q0 q1] := lq.
  rewrite -[X in _ <= X]mul1r -q1 mulr_suml; apply: ler_sum => y _.
  exact: ler_wpmul2l.
have Tpos : 0 < T%:R^-1 :> R by rewrite invr_gt0 ltr0n.
apply: (Order.POrderTheory.le_trans _ (ler_sub (Order.POrderTheory.lexx 1) (ler_wpmul2l (Order.POrderTheory.ltW Tpos) le))).
rewrite /regret realised_regret.
rewrite (_ : k%:R / (k.+1)%:R = 1 - (k.+1)%:R^-1 :> R); last by field; rewrite -mulrS pnatr_eq0.
rewrite Order.POrderTheory.le_eqVlt; apply/orP; left; apply/eqP.
by field; rewrite -mulrS !pnatr_eq0 -lt0n T_gt0.
Qed.

(** ... with equality against the best single response [y_star]. *)
Theorem selfplay_mixture_exact :
  win_rate1 Share (@mixture _ _ k T pis) (point R y_star) = k%:R / (k.+1)%:R - regret / T%:R.
Proof.
rewrite mixture_win_rate ?sum_point; last exact: lottery_point.
rewrite /regret realised_regret.
by field; rewrite -mulrS !pnatr_eq0 -lt0n T_gt0.
Qed.

End SelfPlay.

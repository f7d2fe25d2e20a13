(** * NLHF at k = 1: maximal lotteries are the symmetric equilibria, and 1/2 is the best. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums Game Achievability.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Points.

Variable R : realFieldType.
Variable n : nat.

Lemma sum_point (y : 'I_n) (F : 'I_n -> R) : \sum_z point R y z * F z = F y.
Proof.
rewrite (bigD1 y) //= /point eqxx mul1r big1 ?addr0 // => z /negbTE zy.
by rewrite zy mul0r.
Qed.

Lemma lottery_point (y : 'I_n) : lottery (point R y).
Proof.
split=> [z|]; first by rewrite /point ler0n.
by under eq_bigr do rewrite -[point R y _]mulr1; rewrite sum_point.
Qed.

End Points.

Section K1.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation dev := (dev w lev).
Local Notation win_rate1 := (win_rate1 w lev).

(** A competitor that copies the lottery ties it: the 1-output win rate against itself is 1/2. *)
Lemma win_rate_self (p : 'I_n -> R) : profile w -> lottery p ->
  win_rate1 Share (@product _ _ 1 p) p = 2^-1.
Proof.
move=> prof lp; rewrite win_rate1_product_share // (equal_share lev 1 prof lp).
by field.
Qed.

(** No lottery wins more than 1/2 against every competitor. *)
Theorem nlhf_half_is_best : profile w ->
  ~ exists p, lottery p /\ forall q, lottery q -> 2^-1 < win_rate1 Share (@product _ _ 1 p) q.
Proof.
move=> prof [p [lp more]]; have := more p lp.
by rewrite win_rate_self // Order.POrderTheory.ltxx.
Qed.

(** The 1-output win rate against a single response [y] is [1 - V(y)]. *)
Lemma win_rate1_point k (p : 'I_n -> R) y : profile w -> lottery p ->
  win_rate1 Share (@product _ _ k p) (point R y) = 1 - dev k p y.
Proof.
by move=> prof lp; rewrite win_rate1_product_share ?sum_point //; exact: lottery_point.
Qed.

(** The symmetric equilibria of the two-player share game are exactly the maximal lotteries. *)
Theorem maximal_iff_equilibrium (p : 'I_n -> R) : profile w ->
  maximal w lev p <-> equilibrium w lev 1 p 0.
Proof.
move=> prof; split=> [[lp half]|eq].
  split=> // y; rewrite addr0 (equal_share lev 1 prof lp).
  have := half (point R y) (lottery_point R y); rewrite win_rate1_point //.
  by rewrite ler_subr_addr -ler_subr_addl (_ : 1 - 2^-1 = 2^-1 :> R) //; field.
split; first by case: eq.
move=> q lq; have := achievability_share prof eq lq; rewrite subr0.
by rewrite (_ : 1%:R / 2%:R = 2^-1 :> R) //; field.
Qed.

(** So a symmetric equilibrium of the two-player game wins at least 1/2. *)
Corollary nlhf_equilibrium_half (p : 'I_n -> R) : profile w -> equilibrium w lev 1 p 0 ->
  robust w lev Share (@product _ _ 1 p) 2^-1.
Proof. by move=> prof /(maximal_iff_equilibrium p prof) []. Qed.

End K1.

(** * Achievability: a symmetric equilibrium's k-sample product is (k, k/(k+1))-robust. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums Game.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Achievability.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation dev := (dev w lev).
Local Notation win_rate1 := (win_rate1 w lev).

(** Achievability, under share: an eps-equilibrium's k-sample product is
    (k, k/(k+1) - eps)-robust against every single-output competitor lottery. *)
Theorem achievability_share k (p : 'I_n -> R) eps : profile w -> equilibrium w lev k p eps ->
  robust w lev Share (@product _ _ k p) (k%:R / (k.+1)%:R - eps).
Proof.
move=> prof [lp ne] q lq; rewrite win_rate1_product_share //.
have {}ne y : dev k p y <= (k.+1)%:R^-1 + eps by rewrite -(equal_share lev k prof lp) ne.
have [q0 q1] := lq.
have le : \sum_y q y * dev k p y <= (k.+1)%:R^-1 + eps.
  have -> : (k.+1)%:R^-1 + eps = \sum_y q y * ((k.+1)%:R^-1 + eps).
    by rewrite -mulr_suml q1 mul1r.
  apply: ler_sum => y _; apply: ler_wpmul2l; [exact: q0 | exact: ne].
have -> : k%:R / (k.+1)%:R = 1 - (k.+1)%:R^-1 :> R.
  by field; rewrite -mulrS pnatr_eq0.
by rewrite -addrA -opprD ler_add2l ler_opp2.
Qed.

(** Under [weak] the model wins every tie, so it wins at least what it wins under [share]. *)
Lemma wins_share_le_weak u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) :
  wins R lev Share u S T <= wins R lev Weak u S T.
Proof.
rewrite /wins; case: (model_best lev u S T) => [|a]; first by rewrite mul0r.
rewrite ler_pdivr_mulr ?ltr0n ?addSn // mul1r ler_nat; exact: leq_addr.
Qed.

(** The win rate is monotone in the tie rule's prize, for nonnegative weights and policies. *)
Lemma win_rate_le r1 r2 k l (P : {ffun 'I_k -> 'I_n} -> R) (Q : {ffun 'I_l -> 'I_n} -> R) :
  (forall u (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}),
      wins R lev r1 u S T <= wins R lev r2 u S T) ->
  (forall u, 0 <= w u) -> (forall S, 0 <= P S) -> (forall T, 0 <= Q T) ->
  win_rate w lev r1 P Q <= win_rate w lev r2 P Q.
Proof.
move=> le w0 P0 Q0; apply: ler_sum => u _; apply: ler_wpmul2l => //.
apply: ler_sum => S _; apply: ler_sum => T _; apply: ler_wpmul2l => //.
exact: mulr_ge0.
Qed.

(** Achievability, under weak: the same bound, since weak only adds the ties. *)
Theorem achievability_weak k (p : 'I_n -> R) eps : profile w -> equilibrium w lev k p eps ->
  robust w lev Weak (@product _ _ k p) (k%:R / (k.+1)%:R - eps).
Proof.
move=> prof eq q lq; apply: (Order.POrderTheory.le_trans (achievability_share prof eq lq)).
apply: win_rate_le => [u S T| |S|T]; first exact: wins_share_le_weak.
- by case: prof.
- by apply: product_ge0; case: eq => -[].
- by apply: product_ge0; case: lq.
Qed.

End Achievability.

(** * Multi-opponent: against l-output competitors an equilibrium's product loses at most
    l times a single slot's deviation payoff. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums Game Deviation.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section SlotBySlot.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable lev : U -> 'I_n -> nat.

Local Notation best := (best lev).
Local Notation slot_share := (slot_share R lev).

(** The slots of player 0 and of [S] in the (k+1)-slot game, read in the joint contest of [S]
    against [T], with player 0 standing in for the competitor's slot [b]. *)
Definition into_join k l (b : 'I_l) (i : 'I_k.+1) : ('I_k + 'I_l)%type :=
  if unlift ord0 i is Some j then inl j else inr b.

Lemma into_join_inj k l (b : 'I_l) : injective (@into_join k l b).
Proof.
move=> i j; rewrite /into_join.
case: unliftP => [i' ->|->]; case: unliftP => [j' ->|->] //= [] -> //.
Qed.

(** The slot-by-slot comparison: a competitor slot's share of the (k+l)-slot contest is at most
    its share when it meets the model's k slots alone. *)
Lemma slot_by_slot u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) (b : 'I_l) :
  slot_share u (join S T) (inr b) <= slot_share u (cons_slot (T b) S) ord0.
Proof.
case bJ: (inr b \in best u (join S T)); last first.
  by rewrite /Model.slot_share bJ mul0r; exact: slot_share_ge0.
have low x : (lev u (T b) <= lev u (join S T x))%N.
  by move: bJ; rewrite inE => /forallP/(_ x); rewrite ffunE.
have b0 : ord0 \in best u (cons_slot (T b) S).
  by rewrite best_cons; apply/forallP => i; have := low (inl i); rewrite ffunE.
have sub : into_join b @: best u (cons_slot (T b) S) \subset best u (join S T).
  apply/subsetP => _ /imsetP[i iB ->]; rewrite inE; apply/forallP => x.
  have lei : (lev u (cons_slot (T b) S i) <= lev u (T b))%N.
    by move: iB; rewrite inE => /forallP/(_ ord0); rewrite cons_slot0.
  have -> : join S T (into_join b i) = cons_slot (T b) S i.
    by rewrite /into_join !ffunE; case: unliftP.
  exact: leq_trans lei (low x).
have le := subset_leq_card sub; rewrite card_imset in le; last exact: into_join_inj.
have pJ := best_card_gt0 lev u (join S T) (inr b).
have pC := best_card_gt0 lev u (cons_slot (T b) S) ord0.
rewrite /Model.slot_share bJ b0 !mul1r.

rewrite lef_pinv ?posrE ?ltr0n ?ler_nat //.
Qed.

(** So the competitor's share is at most the sum of its slots' single-slot shares. *)
Lemma comp_share_le u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) :
  comp_share R lev u S T <= \sum_b slot_share u (cons_slot (T b) S) ord0.
Proof. by apply: ler_sum => b _; exact: slot_by_slot. Qed.

End SlotBySlot.

Section MultiOpponent.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation dev := (dev w lev).

(** Multi-opponent: if [p] is an eps-symmetric equilibrium, its k-sample product wins at least
    [1 - l (1/(k+1) + eps)], that is [(k+1-l)/(k+1) - l eps], against every l-output
    competitor, joint or product. *)
Theorem multi_opponent_share k l (p : 'I_n -> R) eps : (0 < l)%N -> profile w ->
  equilibrium w lev k p eps ->
  robust_vs w lev Share l (@product _ _ k p) (1 - l%:R * ((k.+1)%:R^-1 + eps)).
Proof.
move=> l0 prof [lp ne] Q [Q0 Q1]; have [w0 w1] := prof; have [p0 p1] := lp.
have {}ne y : dev k p y <= (k.+1)%:R^-1 + eps by rewrite -(equal_share lev k prof lp) ne.
have kl : (0 < k + l)%N by rewrite addn_gt0 l0 orbT.
rewrite /win_rate.
have -> : \sum_u w u * (\sum_(S : {ffun 'I_k -> 'I_n}) \sum_(T' : {ffun 'I_l -> 'I_n}) product p S * Q T' * wins R lev Share u S T')
  = 1 - \sum_u w u * (\sum_(S : {ffun 'I_k -> 'I_n}) \sum_(T' : {ffun 'I_l -> 'I_n}) product p S * Q T' * comp_share R lev u S T').
  transitivity (\sum_u w u * (\sum_(S : {ffun 'I_k -> 'I_n}) \sum_(T' : {ffun 'I_l -> 'I_n})
      (product p S * Q T' - product p S * Q T' * comp_share R lev u S T'))).
    apply: eq_bigr => u _; congr (_ * _); apply: eq_bigr => S _; apply: eq_bigr => T' _.
    have e := wins_share_constant_sum R lev u S T' kl.
    have -> : wins R lev Share u S T' = 1 - comp_share R lev u S T' by rewrite -e addrK.
    by rewrite mulrBr mulr1.
  under eq_bigr do under eq_bigr do rewrite sumrB.
  under eq_bigr do rewrite sumrB mulrBr.
  rewrite sumrB; congr (_ - _).
  under eq_bigr do under eq_bigr do rewrite -mulr_sumr Q1 mulr1.
  by under eq_bigr do rewrite (sum_product k p1) mulr1; rewrite w1.
rewrite ler_add2l ler_opp2.
(* The competitor's share is at most its slots' deviation payoffs. *)
apply: (Order.POrderTheory.le_trans (y := \sum_(T' : {ffun 'I_l -> 'I_n}) Q T' * \sum_b dev k p (T' b))).
  pose sh u (S : {ffun 'I_k -> 'I_n}) (y : 'I_n) := slot_share R lev u (cons_slot y S) ord0.
  have -> : \sum_(T' : {ffun 'I_l -> 'I_n}) Q T' * (\sum_b dev k p (T' b))
      = \sum_u \sum_(S : {ffun 'I_k -> 'I_n}) \sum_(T' : {ffun 'I_l -> 'I_n})
          w u * (product p S * Q T' * \sum_b sh u S (T' b)).
    transitivity (\sum_(T' : {ffun 'I_l -> 'I_n}) \sum_u \sum_(S : {ffun 'I_k -> 'I_n})
          w u * (product p S * Q T' * \sum_b sh u S (T' b))).
      apply: eq_bigr => /= T' _.
      rewrite /Model.dev mulr_sumr; under eq_bigr do rewrite mulr_sumr.
      rewrite exchange_big /=; apply: eq_bigr => u _.
      under eq_bigr do rewrite mulr_sumr mulr_sumr.
      rewrite exchange_big /=; apply: eq_bigr => S _.
      rewrite [in RHS]mulr_sumr [in RHS]mulr_sumr; apply: eq_bigr => b _; rewrite /sh; ring.
    rewrite exchange_big /=; apply: eq_bigr => u _; exact: exchange_big.
  apply: ler_sum => u _; rewrite mulr_sumr; apply: ler_sum => S _.
  rewrite mulr_sumr; apply: ler_sum => T' _; apply: ler_wpmul2l; first exact: w0.
  apply: ler_wpmul2l; first by rewrite mulr_ge0 ?product_ge0 ?Q0.
  exact: comp_share_le.
have -> : l%:R * ((k.+1)%:R^-1 + eps)
    = \sum_(T' : {ffun 'I_l -> 'I_n}) Q T' * (l%:R * ((k.+1)%:R^-1 + eps)).
  by rewrite -mulr_suml Q1 mul1r.
apply: ler_sum => T' _; apply: ler_wpmul2l; first exact: Q0.
rewrite mulr_natl -[l in X in _ <= X]card_ord -sumr_const; apply: ler_sum => b _; exact: ne.
Qed.

End MultiOpponent.

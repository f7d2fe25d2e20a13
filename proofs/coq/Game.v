(** * The alignment game: equal share, the product's win rate, achievability. *)

From mathcomp Require Import all_ssreflect all_algebra fingroup perm.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Game.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation slot_share := (slot_share R lev).
Local Notation dev := (dev w lev).
Local Notation win_rate1 := (win_rate1 w lev).

(** Player 0's expected prize when all k+1 players draw from [p]. *)
Lemma sum_player0 u k (p : 'I_n -> R) :
  \sum_z p z * (\sum_(s : {ffun 'I_k -> 'I_n}) product p s * slot_share u (cons_slot z s) ord0)
  = \sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * slot_share u c ord0.
Proof.
rewrite sum_cons; apply: eq_bigr => z _; rewrite mulr_sumr; apply: eq_bigr => s _.
by rewrite product_cons mulrA.
Qed.

(** Exchangeability: every player's expected prize is player 0's. *)
Lemma sum_player_any u k (p : 'I_n -> R) (i : 'I_k.+1) :
  \sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * slot_share u c ord0
  = \sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * slot_share u c i.
Proof.
pose swap (c : {ffun 'I_k.+1 -> 'I_n}) := [ffun x => c (tperm ord0 i x)].
have swapK : involutive swap.
  by move=> c; apply/ffunP => x; rewrite !ffunE tpermK.
rewrite [RHS](reindex_inj (inv_inj swapK)); apply: eq_bigr => c _.
have bij : bijective (fun x => tperm ord0 i x) by exists (tperm ord0 i) => x; rewrite tpermK.
congr (_ * _).
  rewrite /product (reindex_inj (@perm_inj _ (tperm ord0 i))).
  by apply: eq_bigr => x _; rewrite ffunE.
by rewrite slot_share_comp // tpermR.
Qed.

(** Equal share, for one user: all k+1 players drawing from [p] get 1/(k+1) each. *)
Lemma equal_share_user u k (p : 'I_n -> R) : \sum_y p y = 1 ->
  \sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * slot_share u c ord0 = (k.+1)%:R^-1.
Proof.
move=> p1; apply: (@mulfI _ (k.+1)%:R); first by rewrite pnatr_eq0.
rewrite mulfV ?pnatr_eq0 //.
set X := \sum_(c : {ffun 'I_k.+1 -> 'I_n}) _.
have -> : (k.+1)%:R * X = \sum_(i < k.+1) X by rewrite sumr_const card_ord mulr_natl.
transitivity (\sum_(i < k.+1) (\sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * slot_share u c i)).
  by apply: eq_bigr => i _; rewrite /X (sum_player_any u p i).
rewrite exchange_big /= -(sum_product k.+1 p1); apply: eq_bigr => c _.
by rewrite -mulr_sumr (sum_slot_share R lev u c ord0) mulr1.
Qed.

(** Equal share (the game is constant-sum): [sum_z p z * V z = 1/(k+1)]. *)
Lemma equal_share k (p : 'I_n -> R) : profile w -> lottery p ->
  \sum_z p z * dev k p z = (k.+1)%:R^-1.
Proof.
move=> [_ w1] [_ p1].
transitivity (\sum_u w u * (\sum_z p z * (\sum_(s : {ffun 'I_k -> 'I_n})
                product p s * slot_share u (cons_slot z s) ord0))).
  rewrite /Model.dev; under eq_bigr do rewrite mulr_sumr.
  rewrite exchange_big /=; apply: eq_bigr => u _; rewrite mulr_sumr.
  by apply: eq_bigr => z _; rewrite !mulrA [p z * w u]mulrC.
under eq_bigr do rewrite sum_player0 equal_share_user //.
by rewrite -mulr_suml w1 mul1r.
Qed.

(** The product policy's win rate against a competitor lottery, under share. *)
Lemma win_rate1_product_share k (p q : 'I_n -> R) : profile w -> lottery p -> lottery q ->
  win_rate1 Share (@product _ _ k p) q = 1 - \sum_y q y * dev k p y.
Proof.
move=> [_ w1] [_ p1] [_ q1].
rewrite /Model.win_rate1 /win_rate.
transitivity (\sum_u w u * (\sum_(S : {ffun 'I_k -> 'I_n}) \sum_y
                product p S * q y * (1 - slot_share u (cons_slot y S) ord0))).
  apply: eq_bigr => u _; congr (_ * _); apply: eq_bigr => S _.
  by rewrite sum_one; apply: eq_bigr => y _; rewrite product_one wins_share_one.
under eq_bigr do under eq_bigr do under eq_bigr do rewrite mulrBr mulr1.
under eq_bigr do under eq_bigr do rewrite sumrB.
under eq_bigr do rewrite sumrB mulrBr.
rewrite sumrB; congr (_ - _).
  under eq_bigr do under eq_bigr do rewrite -mulr_sumr q1 mulr1.
  by under eq_bigr do rewrite (sum_product k p1) mulr1.
rewrite /Model.dev; under [RHS]eq_bigr do rewrite mulr_sumr.
rewrite [RHS]exchange_big /=; apply: eq_bigr => u _.
rewrite exchange_big /= mulr_sumr; apply: eq_bigr => y _.
rewrite mulrCA; congr (_ * _); rewrite mulr_sumr; apply: eq_bigr => S _.
by rewrite [RHS]mulrC mulrAC.
Qed.

End Game.

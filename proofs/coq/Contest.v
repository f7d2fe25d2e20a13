(** * Contests: shares of slots, from the definitions of [Model.v]. *)

From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import Model.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Contest.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable lev : U -> 'I_n -> nat.

Implicit Types (u : U).

Local Notation best := (best lev).
Local Notation slot_share := (slot_share R lev).

(** Some slot holds the smallest level, so a nonempty contest has a nonempty best class. *)
Lemma best_card_gt0 u (I : finType) (s : {ffun I -> 'I_n}) (i0 : I) : (0 < #|best u s|)%N.
Proof.
case: (@arg_minnP I i0 xpredT (fun i => lev u (s i))) => // i _ best_i.
apply/card_gt0P; exists i; rewrite inE; apply/forallP => j; exact: best_i.
Qed.

Lemma mem_best u (I : finType) (s : {ffun I -> 'I_n}) i :
  (i \in best u s) = [forall j, (lev u (s i) <= lev u (s j))%N].
Proof. by rewrite inE. Qed.

(** Constant-sum at the level of slots: the shares of all slots add up to 1. *)
Lemma sum_slot_share u (I : finType) (s : {ffun I -> 'I_n}) (i0 : I) :
  \sum_i slot_share u s i = 1.
Proof.
rewrite /Model.slot_share -mulr_suml.
have -> : \sum_i ((i \in best u s)%:R : R) = #|best u s|%:R.
  rewrite -sum1_card natr_sum [RHS]big_mkcond /=.
  by apply: eq_bigr => i _; case: (i \in _).
by rewrite mulfV // pnatr_eq0 -lt0n (best_card_gt0 u s i0).
Qed.

Lemma slot_share_ge0 u (I : finType) (s : {ffun I -> 'I_n}) i : 0 <= slot_share u s i.
Proof. by rewrite /Model.slot_share divr_ge0 ?ler0n. Qed.

(** Relabelling the slots by a bijection relabels the shares. *)
Lemma slot_share_comp u (I J : finType) (g : J -> I) (s : {ffun I -> 'I_n}) j :
  bijective g -> slot_share u [ffun x => s (g x)] j = slot_share u s (g j).
Proof.
case=> h gK hK.
have eq_best : best u [ffun x => s (g x)] = [set x | g x \in best u s].
  apply/setP => x; rewrite !inE ffunE; apply/forallP/forallP => [le j'|le j'].
    by have := le (h j'); rewrite ffunE hK.
  by rewrite ffunE.
have eq_card : #|[set x | g x \in best u s]| = #|best u s|.
  have -> : [set x | g x \in best u s] = h @: best u s.
    apply/setP => x; rewrite inE; apply/idP/imsetP => [gx|[y yB ->]].
      by exists (g x); rewrite ?gK.
    by rewrite hK.
  by rewrite card_imset //; exact: can_inj hK.
by rewrite /Model.slot_share eq_best eq_card inE.
Qed.

(** The model's and the competitor's slots in the best class make up the best class. *)
Lemma card_best_join u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) :
  #|best u (join S T)| = (model_best lev u S T + comp_best lev u S T)%N.
Proof.
rewrite /model_best /comp_best -!sum1_card big_sumType.
by congr (_ + _)%N; apply: eq_bigl => x; rewrite inE.
Qed.

(** The model's share is the sum of its slots' shares. *)
Lemma wins_share_slots u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) :
  wins R lev Share u S T = \sum_a slot_share u (join S T) (inl a).
Proof.
rewrite /wins /Model.slot_share -mulr_suml -card_best_join; congr (_ / _).
rewrite /model_best -sum1_card natr_sum [LHS]big_mkcond /=.
by apply: eq_bigr => a _; rewrite inE; case: (inl a \in _).
Qed.

(** The competitor's share, the sum of its slots' shares. *)
Definition comp_share u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) : R :=
  \sum_b slot_share u (join S T) (inr b).

(** Constant-sum: under the share rule the two sides' shares add up to 1. *)
Lemma wins_share_constant_sum u k l (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}) :
  (0 < k + l)%N -> wins R lev Share u S T + comp_share u S T = 1.
Proof.
move=> kl; have x0 : ('I_k + 'I_l)%type.
  by case: k kl {S T} => [|k] kl; [case: l kl => // l _; exact: inr ord0 | exact: inl ord0].
by rewrite wins_share_slots -(sum_slot_share u (join S T) x0) big_sumType.
Qed.

(** ** One competitor slot against k model slots is player 0 against k players. *)

Definition to_game k (x : ('I_k + 'I_1)%type) : 'I_k.+1 :=
  match x with inl a => lift ord0 a | inr _ => ord0 end.
Definition of_game k (i : 'I_k.+1) : ('I_k + 'I_1)%type :=
  if unlift ord0 i is Some j then inl j else inr ord0.

Lemma to_game_bij k : bijective (@to_game k).
Proof.
exists (@of_game k) => [[a|b]|i] /=; rewrite /of_game.
- by rewrite liftK.
- by rewrite unlift_none (ord1 b).
by case: unliftP => [j ->|->].
Qed.

Lemma join_cons k (S : {ffun 'I_k -> 'I_n}) y :
  join S [ffun _ : 'I_1 => y] = [ffun x => cons_slot y S (to_game x)].
Proof. by apply/ffunP => -[a|b]; rewrite !ffunE /= ?liftK ?unlift_none. Qed.

Lemma comp_share_cons u k (S : {ffun 'I_k -> 'I_n}) y :
  comp_share u S [ffun _ : 'I_1 => y] = slot_share u (cons_slot y S) ord0.
Proof.
rewrite /comp_share big_ord1 join_cons slot_share_comp //; exact: to_game_bij.
Qed.

(** The share rule against one slot: the model wins 1 minus player 0's share. *)
Lemma wins_share_one u k (S : {ffun 'I_k -> 'I_n}) y :
  wins R lev Share u S [ffun _ : 'I_1 => y] = 1 - slot_share u (cons_slot y S) ord0.
Proof.
have := wins_share_constant_sum u S [ffun _ : 'I_1 => y]; rewrite addn1 => /(_ isT) <-.
by rewrite comp_share_cons addrK.
Qed.

End Contest.

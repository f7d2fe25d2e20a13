(** * The model on concrete data: assignments as lists, sums over all tuples as list sums.

    These lemmas rewrite the definitions of [Model.v], on an instance given as lists, into
    sums over explicit lists of tuples and counts over lists of levels. [Exec.v] then computes
    the same list expressions in binary rationals. *)

From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import Model Contest Sums.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Lists.

Variable R : realFieldType.
Variable n' : nat.
Local Notation n := n'.+1.

(** Every k-tuple of responses [0 .. n-1], as lists. *)
Fixpoint tuples (k : nat) : seq (seq nat) :=
  if k is k'.+1 then flatten [seq [seq y :: l | l <- tuples k'] | y <- iota 0 n] else [:: [::]].

Lemma tuplesS k : tuples k.+1 = flatten [seq [seq y :: l | l <- tuples k] | y <- iota 0 n].
Proof. by []. Qed.

(** A list read as an assignment of k slots. *)
Definition ffun_of k (l : seq nat) : {ffun 'I_k -> 'I_n} := [ffun i : 'I_k => inord (nth 0%N l i)].

Lemma cons_ffun_of k y (l : seq nat) :
  cons_slot (inord y) (ffun_of k l) = ffun_of k.+1 (y :: l).
Proof.
apply/ffunP => i; rewrite !ffunE; case: unliftP => [j ->|->] //=.
by rewrite ffunE.
Qed.

Lemma sum_ord (G : 'I_n -> R) : \sum_y G y = \sum_(y <- iota 0 n) G (inord y).
Proof.
have -> : \sum_(y <- iota 0 n) G (inord y) = \sum_(0 <= y < n) G (inord y).
  by rewrite /index_iota subn0.
by rewrite big_mkord; apply: eq_bigr => i _; rewrite inord_val.
Qed.

(** A sum over all k-assignments is a sum over the list of all k-tuples. *)
Lemma sum_tuples k (F : {ffun 'I_k -> 'I_n} -> R) :
  \sum_s F s = \sum_(l <- tuples k) F (ffun_of k l).
Proof.
elim: k F => [|k IH] F.
  have e0 : #|'I_0| = 0%N by rewrite card_ord.
  rewrite big_seq1 (big_pred1 (ffun_of 0 [::])) // => s.
  by apply/esym/eqP/ffunP => -[].
rewrite sum_cons sum_ord tuplesS big_flatten big_map; apply: eq_bigr => y _.
by rewrite IH big_map; apply: eq_bigr => l _; rewrite cons_ffun_of.
Qed.

Lemma mem_tuples k l : l \in tuples k -> size l = k /\ all (fun y => y < n)%N l.
Proof.
elim: k l => [|k IH] l; first by rewrite inE => /eqP ->.
rewrite tuplesS => /flatten_mapP[y]; rewrite mem_iota add0n => /andP[_ yn] /mapP[l' /IH [s a] ->].
by rewrite /= s yn a.
Qed.

Lemma ffun_of_val k (l : seq nat) (i : 'I_k) :
  all (fun y => y < n)%N l -> size l = k -> (ffun_of k l i : nat) = nth 0%N l i.
Proof.
move=> a s; rewrite ffunE inordK //.
by apply: (allP a); apply: mem_nth; rewrite s ltn_ord.
Qed.

(** ** Levels and the best class, on lists *)

Fixpoint lmin (l : seq nat) : nat :=
  match l with [::] => 0%N | [:: x] => x | x :: l' => minn x (lmin l') end.

Lemma lmin_cons y z t : lmin [:: y, z & t] = minn y (lmin (z :: t)).
Proof. by []. Qed.

Lemma lmin_le l x : x \in l -> (lmin l <= x)%N.
Proof.
elim: l => // y t IH; case: t IH => [|z t] IH.
  by rewrite mem_seq1 => /eqP ->.
rewrite in_cons lmin_cons => /orP[/eqP ->|xt]; first exact: geq_minl.
exact: leq_trans (geq_minr _ _) (IH xt).
Qed.

Lemma lmin_mem l : l != [::] -> lmin l \in l.
Proof.
elim: l => // y t IH _; case: t IH => [|z t] IH; first by rewrite mem_seq1.
rewrite lmin_cons; case: (leqP y (lmin (z :: t))) => _; first by rewrite mem_head.
by rewrite in_cons IH ?orbT.
Qed.

(** In any contest, slot [i] is best exactly when its level is the smallest level shown. *)
Lemma best_lmin (U : finType) (lev : U -> 'I_n -> nat) u (I : finType)
    (s : {ffun I -> 'I_n}) (L : seq nat) i :
  (forall j, lev u (s j) \in L) -> (forall x, x \in L -> exists j, lev u (s j) = x) ->
  (i \in best lev u s) = (lev u (s i) == lmin L).
Proof.
move=> inL onL; rewrite inE; apply/forallP/eqP => [le|->].
  have ne : L != [::] by apply/eqP => L0; have := inL i; rewrite L0.
  case: (onL _ (lmin_mem ne)) => j ej.
  by apply/eqP; rewrite eqn_leq lmin_le ?inL // andbT -ej le.
by move=> j; rewrite lmin_le.
Qed.

Lemma card_count k (l : seq nat) (P : pred nat) :
  size l = k -> #|[set i : 'I_k | P (nth 0%N l i)]| = count P l.
Proof.
move=> <-; rewrite -sum1_card big_mkcond /=.
elim: l => [|x l IH]; first by rewrite big_ord0.
rewrite big_ord_recl /= inE -IH; congr (_ + _)%N.
by apply: eq_bigr => i _; rewrite !inE.
Qed.

End Lists.

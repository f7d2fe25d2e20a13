(** * Sums over slot assignments: head and tail, products of lotteries. *)

From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import Model.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Sums.

Variable R : realFieldType.
Variable n : nat.

(** Splitting a (k+1)-assignment into player 0's response and the other k. *)
Definition tail_slot k (c : {ffun 'I_k.+1 -> 'I_n}) : {ffun 'I_k -> 'I_n} :=
  [ffun j => c (lift ord0 j)].

Lemma cons_slotK k : cancel (fun c : {ffun 'I_k.+1 -> 'I_n} => (c ord0, tail_slot c))
                            (fun ys => cons_slot ys.1 ys.2).
Proof.
move=> c; apply/ffunP => i; rewrite ffunE /=.
by case: unliftP => [j ->|->]; rewrite ?ffunE.
Qed.

Lemma cons_slot0 k y (s : {ffun 'I_k -> 'I_n}) : cons_slot y s ord0 = y.
Proof. by rewrite ffunE unlift_none. Qed.

Lemma cons_slot_lift k y (s : {ffun 'I_k -> 'I_n}) j : cons_slot y s (lift ord0 j) = s j.
Proof. by rewrite ffunE liftK. Qed.

Lemma tail_cons k y (s : {ffun 'I_k -> 'I_n}) : tail_slot (cons_slot y s) = s.
Proof. by apply/ffunP => j; rewrite ffunE cons_slot_lift. Qed.

(** A sum over (k+1)-assignments is a sum over player 0's response and the other k. *)
Lemma sum_cons k (F : {ffun 'I_k.+1 -> 'I_n} -> R) :
  \sum_(c : {ffun 'I_k.+1 -> 'I_n}) F c = \sum_y \sum_(s : {ffun 'I_k -> 'I_n}) F (cons_slot y s).
Proof.
rewrite pair_big /=.
rewrite (reindex (fun ys : 'I_n * {ffun 'I_k -> 'I_n} => cons_slot ys.1 ys.2)) //=.
exists (fun c : {ffun 'I_k.+1 -> 'I_n} => (c ord0, tail_slot c)) => [[y s] _|c _] /=.
  by rewrite cons_slot0 tail_cons.
exact: cons_slotK.
Qed.

Lemma product_cons k (p : 'I_n -> R) y (s : {ffun 'I_k -> 'I_n}) :
  product p (cons_slot y s) = p y * product p s.
Proof.
rewrite /product big_ord_recl cons_slot0; congr (_ * _).
by apply: eq_bigr => j _; rewrite cons_slot_lift.
Qed.

(** k independent draws from a lottery form a distribution over k-tuples. *)
Lemma sum_product k (p : 'I_n -> R) : \sum_y p y = 1 -> \sum_(s : {ffun 'I_k -> 'I_n}) product p s = 1.
Proof.
move=> p1; rewrite /product.
transitivity (\prod_(i < k) \sum_y p y); last by rewrite p1 prodr_const expr1n.
by rewrite bigA_distr_bigA.
Qed.

Lemma product_ge0 k (p : 'I_n -> R) (s : {ffun 'I_k -> 'I_n}) :
  (forall y, 0 <= p y) -> 0 <= product p s.
Proof. by move=> p0; rewrite /product prodr_ge0. Qed.

Lemma product_policy k (p : 'I_n -> R) : lottery p -> policy (@product _ _ k p).
Proof. by case=> p0 p1; split; [move=> s; exact: product_ge0 | exact: sum_product]. Qed.

(** A single-output competitor: sums over 1-tuples are sums over responses. *)
Definition one (y : 'I_n) : {ffun 'I_1 -> 'I_n} := [ffun _ => y].

Lemma sum_one (F : {ffun 'I_1 -> 'I_n} -> R) : \sum_T F T = \sum_y F (one y).
Proof.
rewrite (reindex one) //=; exists (fun T : {ffun 'I_1 -> 'I_n} => T ord0) => [y _|T _].
  by rewrite ffunE.
by apply/ffunP => i; rewrite ffunE (ord1 i).
Qed.

Lemma product_one (q : 'I_n -> R) y : product q (one y) = q y.
Proof. by rewrite /product big_ord1 ffunE. Qed.

(** How many of the k slots of [S] show [y]; over all responses they add up to k. *)
Definition mult k (S : {ffun 'I_k -> 'I_n}) (y : 'I_n) : nat := #|[set i | S i == y]|.

Lemma sum_mult_all k (S : {ffun 'I_k -> 'I_n}) : (\sum_y mult S y)%N = k.
Proof.
rewrite /mult; under eq_bigr do rewrite -sum1_card big_mkcond /=.
rewrite exchange_big /= -[RHS]card_ord -sum1_card; apply: eq_bigr => i _.
rewrite (bigD1 (S i)) //= inE eqxx big1 // => y yi; rewrite inE.
by have -> // : (S i == y) = false; apply/negbTE; rewrite eq_sym.
Qed.

Lemma natrS1 (j : nat) : (j.+1)%:R = j%:R + 1 :> R.
Proof. by rewrite -addn1 natrD. Qed.

End Sums.

Arguments natrS1 {R} j.

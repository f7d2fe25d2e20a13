(** * The deviation payoff in closed form, proved from the definition. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Contest Sums.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Counting.

Variable R : realFieldType.
Variable n : nat.
(** Responses in the tied class [E] and strictly below it [L] (disjoint), with their masses. *)
Variables (E L : pred 'I_n) (p : 'I_n -> R).
Hypothesis EL : forall z, E z -> ~~ L z.

Let f z : R := p z * (E z || L z)%:R.
Let B := \sum_(z | E z) p z.
Let A := \sum_(z | L z) p z.

Definition count_in k (s : {ffun 'I_k -> 'I_n}) := #|[set i | E (s i)]|.

Lemma card_set_recl k (P : pred 'I_k.+1) :
  #|[set i | P i]| = (P ord0 + #|[set j : 'I_k | P (lift ord0 j)]|)%N.
Proof.
have -> : #|[set j : 'I_k | P (lift ord0 j)]| = (\sum_(j < k) (P (lift ord0 j) : nat))%N.
  by rewrite -sum1_card big_mkcond /=; apply: eq_bigr => j _; rewrite inE.
rewrite -sum1_card big_mkcond /= big_ord_recl !inE.
by congr (_ + _)%N; apply: eq_bigr => j _; rewrite !inE.
Qed.

Lemma count_in_cons k y (s : {ffun 'I_k -> 'I_n}) :
  count_in (cons_slot y s) = (E y + count_in s)%N.
Proof.
rewrite /count_in card_set_recl cons_slot0; congr (_ + _)%N.
by apply: eq_card => j; rewrite !inE cons_slot_lift.
Qed.

Definition lhs k (g : nat -> R) :=
  \sum_(s : {ffun 'I_k -> 'I_n}) (\prod_i f (s i)) * g (count_in s).

Definition rhs k (g : nat -> R) :=
  \sum_(j < k.+1) ('C(k, j))%:R * (B ^+ j * A ^+ (k - j)) * g j.

Lemma lhs0 g : lhs 0 g = g 0%N.
Proof.
have e0 : #|'I_0| = 0%N by rewrite card_ord.
rewrite /lhs (big_pred1 (ffun0 e0)) => [|s]; last first.
  by apply/esym/eqP/ffunP => -[].
by rewrite big_ord0 mul1r /count_in (_ : [set i | _] = set0) ?cards0 //; apply/setP => -[].
Qed.

Lemma lhsS k g : lhs k.+1 g = B * lhs k (fun j => g j.+1) + A * lhs k g.
Proof.
rewrite /lhs sum_cons.
transitivity (\sum_y f y * lhs k (fun j => g (E y + j)%N)).
  apply: eq_bigr => y _; rewrite /lhs mulr_sumr; apply: eq_bigr => s _.
  by rewrite big_ord_recl cons_slot0 count_in_cons -mulrA; congr (_ * (_ * _));
    apply: eq_bigr => j _; rewrite cons_slot_lift.
rewrite /B /A !mulr_suml [in RHS]big_mkcond [X in _ + X]big_mkcond -big_split /=.
apply: eq_bigr => y _; rewrite /f.
case Ey: (E y); first by rewrite (negbTE (EL Ey)) addr0 mulr1.
by case: (L y); rewrite ?add0r ?mulr1 ?mulr0 ?mul0r.
Qed.

Lemma rhs0 g : rhs 0 g = g 0%N.
Proof. by rewrite /rhs big_ord_recl big_ord0 bin0 !expr0 !mul1r addr0. Qed.

Lemma rhsS k g : rhs k.+1 g = B * rhs k (fun j => g j.+1) + A * rhs k g.
Proof.
rewrite /rhs big_ord_recl /= bin0 subn0 expr0 mul1r.
under eq_bigr do rewrite binS natrD mulrDl mulrDl.
rewrite big_split /= [X in _ = X + _]mulr_sumr [X in _ = _ + X]mulr_sumr.
rewrite [X in _ = _ + X]big_ord_recl /= bin0 subn0 expr0 mul1r.
rewrite [X in _ + (X + _)]big_ord_recr /= bin_small // mul0r mul0r addr0.
have e0 : 1 * A ^+ k.+1 * g 0%N = A * (1 * A ^+ k * g 0%N) by rewrite exprS; ring.
set S1 := \sum_(i < k) _; set S1' := \sum_(i < k) _.
have e1 : S1 = S1'.
  apply: eq_bigr => i _; rewrite /bump /= add1n subSS.
  rewrite (_ : (k - i)%N = (k - i.+1).+1) ?exprS; first by ring.
  by rewrite -subSn // ltn_ord.
set S2 := \sum_(i < k.+1) _; set S2' := \sum_(i < k.+1) _.
have e2 : S2 = S2' by apply: eq_bigr => i _; rewrite /bump /= add1n subSS exprS; ring.
rewrite e0 e1 e2; ring.
Qed.

(** Counting the draws that tie: the sum over k-tuples grouped by the number of ties. *)
Lemma lhs_rhs k g : lhs k g = rhs k g.
Proof.
elim: k g => [|k IH] g; first by rewrite lhs0 rhs0.
by rewrite lhsS rhsS !IH.
Qed.

End Counting.

Section Closed.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Local Notation below := (below lev).
Local Notation tied := (tied lev).

Lemma best_cons u k y (s : {ffun 'I_k -> 'I_n}) :
  (ord0 \in best lev u (cons_slot y s)) = [forall i, (lev u y <= lev u (s i))%N].
Proof.
rewrite inE cons_slot0; apply/forallP/forallP => [le i|le j].
  by have := le (lift ord0 i); rewrite cons_slot_lift.
by rewrite ffunE; case: unliftP => [i _|_]; rewrite ?le.
Qed.

Lemma card_best_cons u k y (s : {ffun 'I_k -> 'I_n}) :
  ord0 \in best lev u (cons_slot y s) ->
  #|best lev u (cons_slot y s)| = (count_in (fun z => lev u z == lev u y) s).+1.
Proof.
rewrite best_cons => /forallP ge.
have -> : best lev u (cons_slot y s) = [set i | lev u (cons_slot y s i) == lev u y].
  apply/setP => i; rewrite !inE; apply/forallP/idP => [le|/eqP eq j].
    rewrite eqn_leq; apply/andP; split; first by have := le ord0; rewrite cons_slot0.
    rewrite ffunE; case: unliftP => [j _|_]; by rewrite ?ge.
  rewrite eq ffunE; case: unliftP => [j' _|_]; by rewrite ?ge.
rewrite card_set_recl cons_slot0 eqxx add1n; congr _.+1.
by apply: eq_card => j; rewrite !inE cons_slot_lift.
Qed.

(** Deviation payoff, per user: [V_u(y) = sum_j C(k,j) B^j A^(k-j) / (j+1)]. *)
Theorem dev_user_closed_form u k (p : 'I_n -> R) y :
  \sum_(s : {ffun 'I_k -> 'I_n}) product p s * slot_share R lev u (cons_slot y s) ord0
  = \sum_(j < k.+1) ('C(k, j))%:R * (tied u p y ^+ j * below u p y ^+ (k - j)) / (j.+1)%:R.
Proof.
pose E z := lev u z == lev u y; pose L z := (lev u y < lev u z)%N.
have EL z : E z -> ~~ L z by rewrite /E /L => /eqP ->; rewrite ltnn.
have := @lhs_rhs R n E L p EL k (fun j => (j.+1)%:R^-1).
rewrite /lhs /rhs => eq; rewrite /Model.tied /Model.below -/E -/L; rewrite -[RHS]eq.
apply: eq_bigr => s _; rewrite /Model.slot_share /product.
case bs: (ord0 \in best lev u (cons_slot y s)).
  rewrite (card_best_cons bs) mul1r -/E; congr (_ * _).
  apply: eq_bigr => i _; move: bs; rewrite best_cons => /forallP/(_ i) le.
  by rewrite /E /L eq_sym -leq_eqVlt le mulr1.
rewrite mul0r mulr0; apply/esym/eqP; rewrite mulf_eq0; apply/orP; left.
move: bs; rewrite best_cons => /negbT; rewrite negb_forall => /existsP[i].
rewrite -ltnNge => lt; rewrite (bigD1 i) //= /E /L.
by rewrite (ltn_eqF lt) ltnNge ltnW //= mulr0 mul0r.
Qed.

(** The deviation payoff of the definition, summed over users. *)
Theorem dev_closed_form k (p : 'I_n -> R) y :
  dev w lev k p y =
  \sum_u w u * \sum_(j < k.+1) ('C(k, j))%:R * (tied u p y ^+ j * below u p y ^+ (k - j))
                               / (j.+1)%:R.
Proof. by apply: eq_bigr => u _; rewrite dev_user_closed_form. Qed.

End Closed.

Section Quotient.

Variable R : realFieldType.

(** For [B > 0] the closed form is the difference quotient
    [((A + B)^(k+1) - A^(k+1)) / ((k+1) B)]. *)
Lemma closed_form_quotient k (A B : R) : B != 0 ->
  \sum_(j < k.+1) ('C(k, j))%:R * (B ^+ j * A ^+ (k - j)) / (j.+1)%:R
  = ((A + B) ^+ k.+1 - A ^+ k.+1) / ((k.+1)%:R * B).
Proof.
move=> B0; have k0 : (k.+1)%:R != 0 :> R by rewrite pnatr_eq0.
apply: (@mulIf _ ((k.+1)%:R * B)); first by rewrite mulf_neq0.
rewrite divfK ?mulf_neq0 // mulr_suml exprDn big_ord_recl /= subn0 expr0 mulr1 bin0 mulr1n.
rewrite addrC addKr; apply: eq_bigr => j _.
rewrite /bump /= add1n subSS exprS.
have e : (k.+1 * 'C(k, j))%N = (j.+1 * 'C(k.+1, j.+1))%N by rewrite -mul_bin_diag.
have ej : (j.+1)%:R != 0 :> R by rewrite pnatr_eq0.
have eR (x : R) : x *+ 'C(k.+1, j.+1) = x * ((k.+1)%:R * ('C(k, j))%:R / (j.+1)%:R).
  rewrite -[LHS]mulr_natr; congr (x * _).
  by apply: (@mulIf _ (j.+1)%:R) => //; rewrite divfK // -!natrM e mulnC.
rewrite eR; set a := A ^+ (k - j); set b := B ^+ j; set c := ('C(k, j))%:R.
set d := (j.+1)%:R^-1; set e1 := (k.+1)%:R.
ring.
Qed.

End Quotient.
